/*
 * batch.h — applying one getUpdates answer (DESIGN.md contract 1).
 *
 * The whole batch is one transaction: each update inside a savepoint of
 * its own, so a failing update is rolled back alone, logged and skipped;
 * handler effects, outbox rows and last_update_id commit together. Updates
 * at or below last_update_id are skipped (redelivery after a crash), unless
 * the whole batch is: Telegram answers getUpdates(offset = last + 1) with
 * ids >= offset of one sequence, so such a batch is a new, lower sequence
 * (Telegram restarts the ids after a week without updates) and is applied.
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
 * polite notice per burst (callback queries an answer), owners excepted.
 * On success *last_update_id
 * is advanced to the highest id seen and the number of updates handled
 * is returned; on a database failure everything is rolled back,
 * *last_update_id is unchanged and -1 is returned (the caller polls again
 * with the same offset, so Telegram redelivers the batch).
 */
int batch_apply(struct h_env *env, const cJSON *updates, int64_t *last_update_id,
    struct pace_input *limit);

#endif
