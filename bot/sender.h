/*
 * sender.h — drains the outbox to Telegram. Handlers and the scheduler
 * never send; they queue rows, and delivery is at least once.
 *
 * Rows leave the outbox only after Telegram said ok:true (or a permanent
 * error that makes resending pointless). Accepted rows are deleted
 * together, with the next transaction that commits or in one of their
 * own a few milliseconds after the first of them (sender.c:
 * SENDER_FLUSH_S, SENDER_FLUSH_ROWS), so a crash resends
 * what was in flight or accepted in those milliseconds: at most one
 * message per chat, the last one sent to it, because a chat's next message
 * is started only after the row of the one before it was deleted.
 * Messages to one chat go in outbox order, one at a time, paced by
 * bot/pace.c. On 429 the row waits retry_after (only its chat, when it is
 * a message); on 403 or "chat not found" it is dropped and the chat
 * reported unreachable; "not modified" counts as sent; "can't parse
 * entities" resends it as plain text; another 400 drops it; 5xx, network
 * errors and 409 back off with jitter; 401 is fatal.
 */
#ifndef BJJ_SENDER_H
#define BJJ_SENDER_H

#include <stdint.h>

struct ev_loop;
struct db;
struct tg_client;
struct sender;

struct sender_hooks {
	/* The chat blocked us (403) or does not exist: the owner of the
	 * hooks marks it unreachable, drops its rows and tells the owners. */
	void (*forbidden)(int64_t chat_id, const char *description, void *arg);
	/* 401 while sending: the token was revoked. */
	void (*fatal)(const char *description, void *arg);
	/* A send finished (used to notice the outbox drained at shutdown). */
	void (*progress)(void *arg);
	void *arg;
};

struct sender *sender_new(struct ev_loop *loop, struct db *db, struct tg_client *tg,
    const struct sender_hooks *hooks);
/* No pacing from now on: only SENDER_MAX_INFLIGHT sends at a time
 * (config pace = off, for benchmarks against a local fake). */
void sender_unpaced(struct sender *s);
/* Cancels sends in flight (their rows stay in the outbox). NULL ok. */
void sender_free(struct sender *s);
/* Look at the outbox again soon (after a commit added rows). */
void sender_kick(struct sender *s);
/* 1 when nothing is in flight and nothing is due. */
int sender_idle(struct sender *s);

/* Statistics for logs and tests. */
struct sender_stats {
	long sent, retried, dropped;
};
void sender_stats(const struct sender *s, struct sender_stats *out);

#endif
