/*
 * console.h — the bot without Telegram: each input line is a message from
 * one user, run through the same router, handlers and database; replies
 * are printed as plain text with their buttons numbered.
 *
 *   text           a message (commands start with '/')
 *   !press N       press button N of the last reply
 *   !contact +PHONE  share a contact with this phone (as your own)
 *   !as ID|owner   act as another Telegram user from now on
 *   !quit          leave (end of input works too)
 */
#ifndef BJJ_CONSOLE_H
#define BJJ_CONSOLE_H

#include <stdint.h>
#include <stdio.h>

#include "handlers/handlers.h"

/*
 * Read lines from in until EOF or !quit, acting as Telegram user as_id.
 * Replies to other chats are shown with their recipient; with
 * drop_others they are also removed from the outbox (demo: no bot will
 * ever send them), otherwise they stay for the running bot to deliver.
 * Returns 0, or 1 on a database failure.
 */
int console_run(struct h_env *env, int64_t as_id, FILE *in, FILE *out, int drop_others);

#endif
