/*
 * pace.h — how fast the sender may go (TELEGRAM.md limits). Pure logic on
 * times the caller passes in, so it is tested without waiting.
 *
 * Per chat: a token bucket of PACE_CHAT_BURST messages refilled at
 * PACE_CHAT_RATE per second (about 1 msg/s sustained, short bursts ok).
 * Overall: at most PACE_GLOBAL_MAX sends in any PACE_GLOBAL_WINDOW seconds.
 *
 * And how fast a person may write to the bot (struct pace_input): a bucket
 * of PACE_INPUT_BURST updates refilled at PACE_INPUT_RATE per second, so one
 * flooding user cannot fill the outbox and the sender for everyone.
 */
#ifndef BJJ_PACE_H
#define BJJ_PACE_H

#include <stddef.h>
#include <stdint.h>

#define PACE_CHAT_BURST 3.0
#define PACE_CHAT_RATE 1.0
#define PACE_GLOBAL_MAX 30
/* A little over a second: requests started 1 s apart can reach Telegram
 * closer together (a slow connection, a busy machine), and its limit is
 * counted where they arrive. 50 ms to spare keeps 0 × 429 against the
 * limits of tests/bench/broadcast.sh at about 28.7 messages a second
 * (1.1 s gave 27.3). */
#define PACE_GLOBAL_WINDOW 1.05
#define PACE_INPUT_BURST 20.0
#define PACE_INPUT_RATE 0.5

struct pace_chat {
	int64_t chat;              /* or the user, in struct pace_input */
	double tokens;
	double at;                 /* when tokens was computed */
	int noticed;               /* pace_input: told to slow down */
};

struct pace {
	double sent[PACE_GLOBAL_MAX];  /* ring of the last sends' times */
	size_t head;                   /* oldest entry once full */
	size_t count;
	struct pace_chat *chats;       /* owned */
	size_t n_chats, cap_chats;
};

void pace_init(struct pace *p);
void pace_release(struct pace *p);
/*
 * Seconds to wait before a send to chat may go at time now; 0 when it
 * may go now. per_chat 0 for calls that are not messages to a chat
 * (answerCallbackQuery, setMyCommands): only the global limit applies.
 */
double pace_wait(struct pace *p, int64_t chat, int per_chat, double now);
/* Account for a send made at now. */
void pace_record(struct pace *p, int64_t chat, int per_chat, double now);
/* Forget chats whose bucket is full again (bounded memory). */
void pace_prune(struct pace *p, double now);
/* Telegram asked to wait (429) for chat: nothing goes there for seconds
 * from now. */
void pace_hold(struct pace *p, int64_t chat, double seconds, double now);

/*
 * The wait before retrying a call that failed attempts times in a row
 * (0 for the first retry): base doubled per failure, at most max, then
 * scaled by a factor in [0.5, 1.0) that jitter (in [0, 1)) picks, so
 * clients that failed together do not retry in step, and no wait exceeds
 * max. Callers pass pace_jitter().
 */
double pace_backoff(double base, double max, int attempts, double jitter);
/* A random number in [0, 1) for pace_backoff. */
double pace_jitter(void);

struct pace_input {
	struct pace_chat *users;       /* owned; chat is the user id */
	size_t n_users, cap_users;
};

enum pace_verdict {
	PACE_OK = 0,       /* handle the update */
	PACE_NOTICE,       /* over the limit for the first time in this burst: tell them once */
	PACE_DROP,         /* over the limit, already told */
};

void pace_input_init(struct pace_input *in);
void pace_input_release(struct pace_input *in);
/* dst (not initialised) becomes a copy of src, to put back when what src
 * accounted for is undone. */
void pace_input_copy(struct pace_input *dst, const struct pace_input *src);
/* Account for one update from user at now and say what to do with it. */
enum pace_verdict pace_input_take(struct pace_input *in, int64_t user, double now);
/* Forget users whose bucket is full again (they may be told again). */
void pace_input_prune(struct pace_input *in, double now);

#endif
