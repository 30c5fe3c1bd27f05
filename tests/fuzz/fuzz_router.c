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
#include <stdlib.h>

#include "storage/db.h"
#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_academy *a = fz_academy();
	char *text, *parts[FZ_MAX_PARTS];
	size_t n, i;

	if (size < 2)
		return 0;
	text = fz_str(data + 2, size - 2);
	n = fz_split(text, size - 2, parts, FZ_MAX_PARTS);
	fz_input(a, parts, n);
	if (db_begin(a->db) != DB_OK)
		fz_fail("begin: %s", db_errmsg(a->db));
	for (i = 0; i < n; i++) {
		struct h_msg m = fz_msg(data[0], data[1]);

		m.update_id = (int64_t)i + 1;
		m.text = parts[i];
		if (i == 0 && (data[1] & FZ_FLAG_CONTACT) != 0) {
			m.kind = H_MSG_CONTACT;
			m.text = NULL;
			m.contact_phone = parts[i];
			m.contact_user_id = m.from_id + ((data[1] & FZ_FLAG_OTHERS) != 0);
		}
		fz_dispatch(a, &m);
	}
	if (db_rollback(a->db) != DB_OK)
		fz_fail("rollback: %s", db_errmsg(a->db));
	fz_academy_tidy(a);
	free(text);
	return 0;
}
