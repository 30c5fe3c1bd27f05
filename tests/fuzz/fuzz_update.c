/*
 * fuzz_update.c — a getUpdates answer as Telegram's body: tg_classify,
 * update_parse of every update, and batch_apply of the batch on the demo
 * academy.
 *
 * Input: the HTTP body. When it is a Bot API answer with a result array,
 * the batch is applied (after last_update_id 1000) and served again
 * (fz_batch); the database is put back to the seeded academy afterwards. Any other JSON
 * (an update, an array of them) goes through update_parse alone. What
 * update_parse accepts must be complete: a sender, a chat, a callback's
 * id, a contact's phone. The outbox rows a batch leaves must be ones
 * Telegram takes (fz_check_outbox).
 */
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "bot/batch.h"
#include "bot/pace.h"
#include "bot/telegram.h"
#include "bot/update.h"
#include "lib/util.h"
#include "storage/db.h"
#include "storage/script.h"
#include "tests/fuzz/fuzz_support.h"

/* Updates at or below it count as applied already. */
#define FZ_LAST_UPDATE 1000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_check_update(const cJSON *u)
{
	struct h_msg m;
	int rc = update_parse(u, &m);

	if (rc == UPDATE_MALFORMED || rc == UPDATE_IGNORED)
		return;
	if (rc != UPDATE_OK)
		fz_fail("update_parse returned %d", rc);
	if (m.update_id == 0 || m.from_id == 0 || m.chat_id == 0)
		fz_fail("an accepted update without its ids");
	if (m.kind == H_MSG_CALLBACK && m.cb_id == NULL)
		fz_fail("an accepted callback without its id");
	if (m.kind == H_MSG_CONTACT && m.contact_phone == NULL)
		fz_fail("an accepted contact without a phone");
	if (m.kind < H_MSG_TEXT || m.kind > H_MSG_MEMBER)
		fz_fail("an accepted update of kind %d", m.kind);
}

static void fz_check_json(const cJSON *j)
{
	const cJSON *u;

	if (cJSON_IsArray(j)) {
		cJSON_ArrayForEach(u, j)
			fz_check_update(u);
	} else {
		fz_check_update(j);
	}
}

/*
 * Serve the batch three times, as Telegram would after lost answers. A
 * batch wholly below last_update_id is skipped the first time and then
 * followed as a new sequence; either way, a redelivery right after the
 * batch was applied must handle nothing.
 */
static void fz_batch(const cJSON *updates)
{
	static struct db_snapshot *seeded;
	struct fz_academy *a = fz_academy();
	struct pace_input limit;
	int64_t last = FZ_LAST_UPDATE, lower_at = 0;
	long errors = db_error_count(a->db);
	int handled = 0, prev = 0;

	if (seeded == NULL && (seeded = db_admin_snapshot(a->db)) == NULL)
		fz_fail("cannot snapshot the academy");
	pace_input_init(&limit);
	for (int i = 0; i < 3 && handled >= 0; i++) {
		handled = batch_apply(&a->env, updates, &last, &lower_at, &limit);
		if (prev > 0 && handled != 0)
			fz_fail("a redelivered batch was applied again (%d updates)", handled);
		prev = handled;
	}
	if (db_error_count(a->db) != errors)
		fz_fail("a statement failed: %s", db_errmsg(a->db));
	fz_check_outbox(a);
	pace_input_release(&limit);
	if (db_admin_restore(a->db, seeded) != DB_OK)
		fz_fail("cannot restore the academy");
	fz_academy_tidy(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fz_str(data, size);
	struct http_resp resp = { .transport_ok = 1, .status = 200, .body = body, .len = size };
	struct tg_result r;
	cJSON *root = NULL, *json;

	fz_input(fz_academy(), &body, 1);
	fz_academy()->input_utf8 = utf8_invalid_at(body, size) == size;
	tg_classify(&resp, &r, &root);
	if (r.description == NULL)
		fz_fail("tg_classify left no description");
	{
		/* The sender's shortcut: when it takes an answer as sent, the
		 * full parse says so too, or finds no JSON past Telegram's
		 * {"ok":true (then sent is the better reading: a retry would
		 * send the message twice); otherwise both agree. */
		struct tg_result u;
		cJSON *uroot = NULL;
		int fast = tg_classify_unread(&resp, &u, &uroot);
		if (fast && r.status != TG_OK && !(r.status == TG_RETRY && root == NULL))
			fz_fail("tg_classify_unread took as sent what tg_classify did not");
		if (!fast && (u.status != r.status || u.description == NULL))
			fz_fail("tg_classify_unread and tg_classify disagree");
		cJSON_Delete(uroot);
	}
	if (r.status == TG_OK && cJSON_IsArray(r.result)) {
		fz_check_json(r.result);
		fz_batch(r.result);
	} else if ((json = cJSON_ParseWithLength(body, size)) != NULL) {
		fz_check_json(json);
		cJSON_Delete(json);
	}
	cJSON_Delete(root);
	free(body);
	return 0;
}
