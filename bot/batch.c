/*
 * batch.c — one getUpdates result, one transaction (one per update in
 * careful mode, after a crash), and the start-up check for a poison
 * update. See batch.h.
 */
#include "bot/batch.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "bot/telegram.h"
#include "bot/update.h"
#include "lib/util.h"
#include "storage/store.h"

/*
 * The crash record (batch_crash_arm): the file it lives in, what the
 * previous run left in it, and the id of the update being handled alone,
 * formatted in advance so the signal handler only has to write it.
 */
static int batch_crash_fd = -1;
static int64_t batch_crash_prev;
static char batch_crash_note[24];
static volatile sig_atomic_t batch_crash_note_len;

static const int batch_crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction batch_crash_old[BJJ_ARRAY_LEN(batch_crash_signals)];

/* Only async-signal-safe calls here. */
static void batch_crash_cb(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	if (batch_crash_note_len > 0 && batch_crash_fd >= 0) {
		/* Nothing to do if it fails: the update is tried again. */
		ssize_t w = pwrite(batch_crash_fd, batch_crash_note, (size_t)batch_crash_note_len, 0);
		(void)w;
	}
	/* Then what would have happened without us (the default, or a
	 * sanitizer's report): a fault returns and faults again into the
	 * previous handler; a signal sent (abort(), kill) is sent again. */
	for (size_t i = 0; i < BJJ_ARRAY_LEN(batch_crash_signals); i++)
		if (batch_crash_signals[i] == sig)
			sigaction(sig, &batch_crash_old[i], NULL);
	if (info == NULL || info->si_code <= 0)
		raise(sig);
}

int batch_crash_arm(int fd)
{
	char buf[sizeof(batch_crash_note)];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	struct sigaction sa;

	/* The record stays until batch_recover has committed what it says:
	 * a start that dies before then must find it again. */
	if (n < 0) {
		log_error("main", "crash record: %s", strerror(errno));
		return -1;
	}
	buf[n] = '\0';
	batch_crash_prev = strtoll(buf, NULL, 10);
	batch_crash_fd = fd;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = batch_crash_cb;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(batch_crash_signals); i++)
		if (sigaction(batch_crash_signals[i], &sa, &batch_crash_old[i]) != 0)
			return -1;
	return 0;
}

/*
 * The update a crash from now on would be blamed on (0: none). The
 * handler may run between any two stores: the length is 0 while the text
 * changes, and the text is complete before its length is set (the fences
 * keep the compiler from moving the stores across).
 */
static void batch_crash_blame(int64_t id)
{
	int n;

	batch_crash_note_len = 0;
	if (id == 0)
		return;
	atomic_signal_fence(memory_order_seq_cst);
	n = snprintf(batch_crash_note, sizeof(batch_crash_note), "%lld\n", (long long)id);
	atomic_signal_fence(memory_order_seq_cst);
	batch_crash_note_len = n;
}

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

/*
 * Careful mode: commit "suspect" = id before the update is handled, so
 * that a crash while handling it names it to the next start, then open
 * the update's own transaction.
 */
static int batch_suspect(struct db *db, int64_t id)
{
	if (db_state_set_int(db, "suspect", id) != DB_OK)
		return -1;
	return db_begin(db) == DB_OK ? 0 : -1;
}

/* Careful mode: commit the update's effects with its id; no suspect. */
static int batch_settle(struct db *db, int64_t id, int64_t *last_update_id)
{
	if (db_state_set_int(db, "last_update_id", id) != DB_OK ||
	    db_state_set_text(db, "suspect", NULL) != DB_OK || db_commit(db) != DB_OK)
		return -1;
	*last_update_id = id;
	return 0;
}

/* batch_apply (careful 0: one transaction) or batch_apply_careful. */
static int batch_run(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit, int careful)
{
	struct db *db = env->db;
	const cJSON *u;
	int64_t last = *last_update_id;
	int handled = 0;
	double mono = clock_mono();
	enum pace_verdict verdict;
	/* limit as it was: a rolled-back batch comes again. A careful batch
	 * keeps what its committed updates took. */
	struct pace_input before;
	int restore = limit != NULL && !careful;

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
	if (!careful && db_begin(db) != DB_OK)
		return -1;
	if (restore)
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
		if (careful && batch_suspect(db, m.update_id) != 0)
			goto fail;
		if (careful)
			batch_crash_blame(m.update_id);
		if (db_savepoint(db) != DB_OK)
			goto fail;
		if ((verdict == PACE_OK ? h_dispatch(env, &m, &summary) :
		    h_slow_down(env, &m, verdict == PACE_NOTICE)) != 0) {
			if (db_savepoint_rollback(db) != DB_OK)
				goto fail;
			log_warn("poll", "update %lld from %lld failed (%s); rolled back and skipped",
			    (long long)m.update_id, (long long)m.from_id, summary);
		} else {
			if (db_savepoint_release(db) != DB_OK)
				goto fail;
			handled += verdict == PACE_OK;
			log_debug("poll", "update %lld from %lld: %s", (long long)m.update_id,
			    (long long)m.from_id, summary);
		}
		if (careful)
			batch_crash_blame(0);
		if (careful && batch_settle(db, m.update_id, last_update_id) != 0)
			goto fail;
	}
	if (limit != NULL)
		pace_input_prune(limit, mono);
	if (last != *last_update_id && db_state_set_int(db, "last_update_id", last) != DB_OK)
		goto fail;
	if (!careful && db_commit(db) != DB_OK)
		goto fail;
	*last_update_id = last;
	if (lower_at != NULL)
		*lower_at = 0;
	if (restore)
		pace_input_release(&before);
	return handled;
fail:
	log_error("poll", "the update batch was rolled back%s; it will be fetched again",
	    careful ? " from its first uncommitted update" : "");
	/* A failure is not a crash: the update comes again, unsuspected,
	 * and a crash from now on is not its fault. */
	if (careful)
		batch_crash_blame(0);
	db_rollback(db);
	if (careful)
		db_state_set_text(db, "suspect", NULL);
	/* Nothing of it was handled or told: its updates count again. */
	if (restore) {
		pace_input_release(limit);
		*limit = before;
	}
	return -1;
}

int batch_apply(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit)
{
	return batch_run(env, updates, last_update_id, lower_at, limit, 0);
}

int batch_apply_careful(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit)
{
	return batch_run(env, updates, last_update_id, lower_at, limit, 1);
}

int batch_recover(struct h_env *env, int64_t *last_update_id, int *careful)
{
	struct db *db = env->db;
	int64_t running, suspect;

	env->now = clock_now();
	if (db_begin(db) != DB_OK)
		return -1;
	if (db_state_get_int(db, "running", 0, &running) != DB_OK ||
	    db_state_get_int(db, "suspect", 0, &suspect) != DB_OK)
		goto fail;
	if (suspect != 0 && suspect != batch_crash_prev) {
		/* It died while handling this update alone, but not of a crash
		 * (no record): it was killed (SIGKILL, the power). The update is
		 * innocent: the careful batch tries it again. */
		log_warn("poll", "the previous run was stopped while handling update %lld alone, "
		    "not by a crash of its own: it is tried again", (long long)suspect);
		if (db_state_set_text(db, "suspect", NULL) != DB_OK)
			goto fail;
		suspect = 0;
		running = 1;
	} else if (suspect != 0) {
		/* It crashed the process while handled alone: skip it for good. */
		log_error("poll", "update %lld crashed the bot twice (in its batch, then alone); "
		    "quarantined: it is skipped", (long long)suspect);
		if (db_state_set_int(db, "last_update_id", suspect) != DB_OK ||
		    db_state_set_text(db, "suspect", NULL) != DB_OK ||
		    h_alert_poison(env, suspect) != 0)
			goto fail;
	} else if (running != 0) {
		log_warn("poll", "the previous run did not stop cleanly; "
		    "its next batch is applied one update at a time");
	}
	if (db_state_set_int(db, "running", 1) != DB_OK || db_commit(db) != DB_OK)
		goto fail;
	/* Only now that the database says it: a crash before the commit
	 * leaves the record for the next start. */
	if (batch_crash_fd >= 0 && ftruncate(batch_crash_fd, 0) != 0)
		log_warn("main", "crash record: %s", strerror(errno));
	if (suspect != 0)
		*last_update_id = suspect;
	*careful = running != 0 || suspect != 0;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int batch_stopped(struct db *db)
{
	return db_state_set_int(db, "running", 0) == DB_OK ? 0 : -1;
}
