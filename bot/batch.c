/*
 * batch.c — one getUpdates result, one transaction. See batch.h.
 */
#include "bot/batch.h"

#include "bot/log.h"
#include "bot/telegram.h"
#include "bot/update.h"
#include "bot/util.h"
#include "storage/store.h"

/*
 * 1 when every update that has an id is at or below last. That is a
 * redelivery (updates applied before a crash, served once more) or a new,
 * lower sequence (Telegram restarts the ids after a week without updates).
 */
static int batch_all_below(const cJSON *updates, int64_t last)
{
	const cJSON *u;
	int ids = 0;

	cJSON_ArrayForEach(u, updates) {
		int64_t id = tg_json_i64(u, "update_id", 0);
		if (id == 0)
			continue;          /* skipped by batch_apply as well */
		if (id > last)
			return 0;
		ids++;
	}
	return ids > 0;
}

/* What to do with m under the input limit. Staff are never limited: a
 * trainer marks a whole roster in a few seconds, one tap a student. */
static enum pace_verdict batch_pace(struct h_env *env, struct pace_input *limit,
    const struct h_msg *m, double mono)
{
	enum pace_verdict v;

	if (limit == NULL || m->kind == H_MSG_MEMBER)
		return PACE_OK;
	v = pace_input_take(limit, m->from_id, mono);
	if (v != PACE_OK && h_role_of(env, m->from_id) >= ROLE_TRAINER)
		return PACE_OK;
	return v;
}

int batch_apply(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit)
{
	struct db *db = env->db;
	const cJSON *u;
	int64_t last = *last_update_id;
	int handled = 0;
	double mono = clock_mono();
	enum pace_verdict verdict;
	struct pace_input before;   /* limit as it was: a rolled-back batch comes again */

	if (!cJSON_IsArray(updates)) {
		log_warn("poll", "getUpdates result is not an array");
		return -1;
	}
	if (cJSON_GetArraySize(updates) == 0)
		return 0;
	if (batch_all_below(updates, last)) {
		/* The first time, a redelivery: skipped. Served again for
		 * offset last + 1, which confirmed every id up to last, they
		 * are a new sequence: skipping them again would never
		 * advance the offset, and the same batch would come back
		 * forever. */
		if (lower_at == NULL || *lower_at != last) {
			if (lower_at != NULL)
				*lower_at = last;
			log_info("poll", "updates at or below %lld skipped as applied already",
			    (long long)last);
			return 0;
		}
		log_warn("poll", "update ids restarted below %lld; following the new sequence",
		    (long long)last);
		last = 0;
	}
	if (db_begin(db) != DB_OK)
		return -1;
	if (limit != NULL)
		pace_input_copy(&before, limit);
	cJSON_ArrayForEach(u, updates) {
		struct h_msg m;
		const char *summary = "ignored";
		int rc = update_parse(u, &m);

		if (m.update_id == 0) {
			log_warn("poll", "an update without update_id was skipped");
			continue;
		}
		if (m.update_id <= last) {
			log_debug("poll", "update %lld already applied; skipped", (long long)m.update_id);
			continue;
		}
		last = m.update_id;
		if (rc != UPDATE_OK) {
			log_debug("poll", "update %lld: %s", (long long)m.update_id,
			    rc == UPDATE_IGNORED ? "ignored" : "malformed, skipped");
			continue;
		}
		env->now = clock_now();
		verdict = batch_pace(env, limit, &m, mono);
		if (verdict != PACE_OK) {
			if (verdict == PACE_NOTICE)
				log_warn("poll", "user %lld writes too fast; updates skipped until they slow down",
				    (long long)m.from_id);
			summary = "too fast, skipped";
		}
		if (db_savepoint(db) != DB_OK)
			goto fail;
		if ((verdict == PACE_OK ? h_dispatch(env, &m, &summary) :
		    h_slow_down(env, &m, verdict == PACE_NOTICE)) != 0) {
			if (db_savepoint_rollback(db) != DB_OK)
				goto fail;
			log_warn("poll", "update %lld from %lld failed (%s); rolled back and skipped",
			    (long long)m.update_id, (long long)m.from_id, summary);
			continue;
		}
		if (db_savepoint_release(db) != DB_OK)
			goto fail;
		handled += verdict == PACE_OK;
		log_debug("poll", "update %lld from %lld: %s", (long long)m.update_id,
		    (long long)m.from_id, summary);
	}
	if (limit != NULL)
		pace_input_prune(limit, mono);
	if (last != *last_update_id && db_state_set_int(db, "last_update_id", last) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		goto fail;
	*last_update_id = last;
	if (lower_at != NULL)
		*lower_at = 0;
	if (limit != NULL)
		pace_input_free(&before);
	return handled;
fail:
	log_error("poll", "the update batch was rolled back; it will be fetched again");
	db_rollback(db);
	/* Nothing of it was handled or told: its updates count again. */
	if (limit != NULL) {
		pace_input_free(limit);
		*limit = before;
	}
	return -1;
}
