/*
 * fuzz_router.c — message texts through h_dispatch, as any sender.
 *
 * Input: byte 0 picks the sender (owner, trainer, students, guests, a
 * deactivated student, a former trainer), byte 1 the language and a
 * group chat (fz_msg); the rest is up to FZ_MAX_PARTS texts separated by
 * NUL bytes, sent one after another by that person, so a command can
 * follow the one that set up its state (a pick list, a pending reply).
 * With FZ_FLAG_CONTACT the first is a shared contact's phone instead.
 * Everything runs in one transaction rolled back afterwards, so each
 * input starts from the same demo academy. A crash, a leak, a handler
 * failure, a failed statement or an outbox row Telegram would refuse
 * (fz_check_outbox) is a finding.
 */
#include <stdint.h>

#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Texts, but the first a contact with FZ_FLAG_CONTACT. */
static void fz_make_text(struct h_msg *m, const uint8_t *data, size_t i, size_t n)
{
	(void)n;
	if (i == 0 && (data[1] & FZ_FLAG_CONTACT) != 0) {
		m->kind = H_MSG_CONTACT;
		m->contact_phone = m->text;
		m->contact_user_id = m->from_id + ((data[1] & FZ_FLAG_OTHERS) != 0);
		m->text = NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_conversation(data, size, 2, fz_make_text);
	return 0;
}
