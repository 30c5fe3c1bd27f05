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
#include <stdlib.h>

#include "storage/db.h"
#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_academy *a = fz_academy();
	char *text, *parts[FZ_MAX_PARTS];
	struct h_msg m;
	size_t n, i;

	if (size < 3)
		return 0;
	text = fz_str(data + 3, size - 3);
	n = fz_split(text, size - 3, parts, FZ_MAX_PARTS);
	fz_input(a, parts, n);
	if (db_begin(a->db) != DB_OK)
		fz_fail("begin: %s", db_errmsg(a->db));
	for (i = 0; i + 1 < n; i++) {
		m = fz_msg(data[0], data[1]);
		m.update_id = (int64_t)i + 1;
		m.text = parts[i];
		fz_dispatch(a, &m);
	}
	m = fz_msg(data[0], data[1]);
	m.kind = H_MSG_CALLBACK;
	m.update_id = (int64_t)n;
	m.message_id = data[2];
	m.cb_id = "fuzz-callback";
	m.cb_data = parts[n - 1];
	fz_dispatch(a, &m);
	if (db_rollback(a->db) != DB_OK)
		fz_fail("rollback: %s", db_errmsg(a->db));
	fz_academy_tidy(a);
	free(text);
	return 0;
}
