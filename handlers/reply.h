/*
 * reply.h — how handlers talk back: every reply is a row in the outbox,
 * written in the update's transaction, never a network call. Texts are
 * Telegram HTML (the caller escapes user and database strings); texts
 * over H_TEXT_MAX characters are split at line boundaries into several
 * rows, in order, the markup on the last one.
 *
 * All functions return 0, or -1 when the database failed (logged).
 * Strings are borrowed.
 */
#ifndef BJJ_HANDLERS_REPLY_H
#define BJJ_HANDLERS_REPLY_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "handlers/handlers.h"

struct buf;
struct h_ctx;

/* Telegram's limit on one message, in characters. */
#define H_TEXT_MAX 4096

/* Send html (and reply_markup JSON, may be NULL) to chat_id. */
int h_send(struct h_env *env, int64_t chat_id, const char *html, const char *markup);
/* The same, not before unix time not_before (quiet hours); 0: now. */
int h_send_at(struct h_env *env, int64_t chat_id, const char *html, const char *markup,
    int64_t not_before);
/*
 * A message the bot starts itself to an owner (an alert, a lead, a
 * summary): h_send_at, but never dropped by the per-chat outbox cap, so an
 * owner whose chat is full of replies still hears of a failure. Not for
 * replies to what someone typed: those stay capped.
 */
int h_send_owner(struct h_env *env, int64_t chat_id, const char *html, const char *markup,
    int64_t not_before);
/* h_send_owner to every owner's private chat; html in env->default_lang. */
int h_notify_owners(struct h_env *env, const char *html);
/* The same, skipping the owner whose chat is skip (one that cannot be
 * reached, say). */
int h_notify_owners_except(struct h_env *env, const char *html, int64_t skip);
/* h_send to the chat of the update being handled. */
int h_reply(struct h_ctx *ctx, const char *html);
int h_reply_markup(struct h_ctx *ctx, const char *html, const char *markup);
/* h_reply_markup with markup owned (may be NULL), freed here. */
int h_reply_take_markup(struct h_ctx *ctx, const char *html, char *markup);
/* h_reply with b's text, then buf_release(b) (also on failure). */
int h_reply_buf(struct h_ctx *ctx, struct buf *b);
/* Replace the text (and inline keyboard: markup, NULL removes it) of
 * message_id in the update's chat; html at most H_TEXT_MAX characters. */
int h_edit(struct h_ctx *ctx, int64_t message_id, const char *html, const char *markup);
/* h_edit of message_id, or h_reply_markup when message_id is 0 (a
 * view shown anew or refreshed in place). */
int h_show(struct h_ctx *ctx, int64_t message_id, const char *html, const char *markup);
/* h_show with b's text and markup owned (may be NULL), then buf_release(b)
 * and free(markup) (also on failure). */
int h_show_buf(struct h_ctx *ctx, int64_t message_id, struct buf *b, char *markup);
/* answerCallbackQuery for the update's callback; toast plain text or NULL. */
int h_answer_callback(struct h_ctx *ctx, const char *toast);
/* Put a toast (plain text) on the answer the router already queued for
 * the update's callback: for a handler that finds the press does nothing. */
int h_answer_toast(struct h_ctx *ctx, const char *toast);
/* setMyCommands for chat_id (0: default scope) with role r's list in
 * language l; lang_ref "en"/"ru" scopes it to that language, NULL to all. */
int h_set_commands(struct h_env *env, int64_t chat_id, enum role r, enum lang l,
    const char *lang_ref);

/* Send the file at path (read when the sender sends it, so it must
 * outlive the outbox row) to chat_id with an HTML caption (at most 1024
 * characters, may be NULL). */
int h_send_document(struct h_env *env, int64_t chat_id, const char *path,
    const char *caption);

/*
 * The word for a count n in language l, by l's plural rule (lang.h):
 * Russian picks one (1, 21, 101 ...), few (2-4, 22-24 ...) or many (0,
 * 5-20, 25 ...); English one for n == 1 and many otherwise (few is
 * ignored). Returns one of the borrowed words, which are in l:
 * h_plural(l, n, "занятие", "занятия", "занятий") when l is Russian, or
 * H_TP(l, n, T_W_CLASS) (texts.h) for the words T_W_CLASS_1/_2/_5 in l.
 */
const char *h_plural(enum lang l, long long n, const char *one, const char *few,
    const char *many);

/* Print root unformatted and delete it; the string is owned (free()).
 * Aborts on out of memory, like xmalloc. */
char *h_json_take(cJSON *root);

#endif
