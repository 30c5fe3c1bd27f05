/*
 * update.h — one Telegram Update (cJSON) into the handlers' struct h_msg.
 * Strings in the h_msg borrow from the cJSON tree, which must outlive it.
 */
#ifndef BJJ_UPDATE_H
#define BJJ_UPDATE_H

#include <cjson/cJSON.h>

#include "handlers/handlers.h"

enum update_rc {
	UPDATE_OK = 0,        /* m is filled */
	UPDATE_IGNORED = 1,   /* a kind we do not handle (edited message, bot sender, ...) */
	UPDATE_MALFORMED = -1,
};

/* update_id is read first and set in m->update_id whenever it is an
 * integer within +-2^53; otherwise it stays 0 and the update is malformed. */
int update_parse(const cJSON *upd, struct h_msg *m);

#endif
