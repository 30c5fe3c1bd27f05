/*
 * batch.h — applying one getUpdates answer, so that each update takes
 * effect exactly once.
 *
 * The whole batch is one transaction: each update inside a savepoint of
 * its own, so a failing update is rolled back alone, logged and skipped;
 * handler effects, outbox rows and last_update_id commit together. Updates
 * at or below last_update_id are skipped (redelivery after a crash). A
 * batch wholly at or below it is skipped too the first time; when it is
 * served again for offset last + 1 (which confirmed every id up to last)
 * it is a new, lower sequence (Telegram restarts the ids after a week
 * without updates) and is applied.
 *
 * Poison updates (a handler that kills the process would otherwise come
 * back with its batch on every restart): bot_state "running" is 1 while a
 * bot runs and 0 after an orderly stop. A start that finds it 1 applies
 * its batches with batch_apply_careful until one moves the offset: each
 * update in its own transaction, preceded by a committed "suspect" =
 * its id. A start that finds "suspect" set and the crash record naming it
 * (the process crashed handling that update alone) quarantines it: the
 * offset moves past it, it is logged and the owners are told once
 * (notification "poison:<id>", which also records when). A suspect
 * without the record (the process was killed from outside, SIGKILL or
 * the power, while it handled the update) is innocent and tried again.
 * A crash outside any update costs one careful batch.
 *
 * The crash record is the database's lock file (app_lock), held open for
 * the run: fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) while
 * an update is handled alone write its id there, then go on as they would
 * have (the process dies of the same signal).
 */
#ifndef BJJ_BATCH_H
#define BJJ_BATCH_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "bot/pace.h"
#include "handlers/handlers.h"

/*
 * Apply updates (a JSON array: the answer to getUpdates with offset
 * *last_update_id + 1) with env->db. With limit (NULL: none), updates of
 * a person who writes faster than it allows are not handled: they get one
 * polite notice per burst (callback queries an answer), staff (owners and
 * trainers) excepted.
 * *lower_at (the caller's memory, never stored: after a crash a redelivery
 * must not count as served again; NULL: none, every such batch is skipped)
 * is the last_update_id at which a batch wholly at or below it was
 * skipped, and 0 again once a new sequence is followed.
 * On success *last_update_id
 * is advanced to the highest id seen and the number of updates handled
 * is returned; on a database failure everything is rolled back,
 * *last_update_id is unchanged and -1 is returned (the caller polls again
 * with the same offset, so Telegram redelivers the batch).
 */
int batch_apply(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit);

/*
 * batch_apply for the first batch after a crash: each update is committed
 * alone, with "suspect" committed before it and cleared with it. On a
 * database failure the updates committed so far stay applied and
 * *last_update_id names the last of them.
 */
int batch_apply_careful(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    int64_t *lower_at, struct pace_input *limit);

/*
 * At start-up, before batch_recover, with the lock file's fd (borrowed for
 * the run): read the crash record the previous run may have left, and
 * install the handlers that write it. The record is emptied by
 * batch_recover once its verdict is committed. 0 or -1 (logged).
 */
int batch_crash_arm(int fd);

/*
 * At start-up, in one transaction: quarantine the suspect update if there
 * is one and the crash record names it (*last_update_id becomes its id;
 * without the record it is only cleared, to be tried again), set *careful
 * when the previous run did not stop cleanly, and mark this run
 * "running"; after the commit, empty the crash record. 0 or -1 (the
 * record is kept).
 */
int batch_recover(struct h_env *env, int64_t *last_update_id, int *careful);

/* After an orderly stop: the next start needs no careful batch. 0 or -1. */
int batch_stopped(struct db *db);

#endif
