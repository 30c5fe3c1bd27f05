/*
 * fuzz_callback.c — button presses (callback_data of every prefix)
 * through h_dispatch, as any sender.
 *
 * Input: bytes 0 and 1 as in fuzz_router.c (sender, language, group),
 * byte 2 the pressed message's id; the rest is NUL-separated parts: every
 * part but the last is a text sent first (to make the state a button
 * refers to: a roster, a pick list, an announcement), the last is the
 * callback_data. One transaction per input, rolled back afterwards.
 */
#include <stdint.h>

#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Texts, then the press of a button of message data[2]. */
static void fz_make_press(struct h_msg *m, const uint8_t *data, size_t i, size_t n)
{
	if (i + 1 < n)
		return;
	m->kind = H_MSG_CALLBACK;
	m->message_id = data[2];
	m->cb_id = "fuzz-callback";
	m->cb_data = m->text;
	m->text = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_conversation(data, size, 3, fz_make_press);
	return 0;
}
