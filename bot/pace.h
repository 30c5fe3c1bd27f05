/*
 * pace.h — how fast the sender may go (TELEGRAM.md limits). Pure logic on
 * times the caller passes in, so it is tested without waiting.
 *
 * Per chat: a token bucket of PACE_CHAT_BURST messages refilled at
 * PACE_CHAT_RATE per second (about 1 msg/s sustained, short bursts ok).
 * Overall: at most PACE_GLOBAL_MAX sends in any PACE_GLOBAL_WINDOW seconds.
 */
#ifndef BJJ_PACE_H
#define BJJ_PACE_H

#include <stddef.h>
#include <stdint.h>

#define PACE_CHAT_BURST 3.0
#define PACE_CHAT_RATE 1.0
#define PACE_GLOBAL_MAX 30
#define PACE_GLOBAL_WINDOW 1.05

struct pace_chat {
	int64_t chat;
	double tokens;
	double at;                 /* when tokens was computed */
};

struct pace {
	double sent[PACE_GLOBAL_MAX];  /* ring of the last sends' times */
	size_t head;                   /* oldest entry once full */
	size_t count;
	struct pace_chat *chats;       /* owned */
	size_t n_chats, cap_chats;
};

void pace_init(struct pace *p);
void pace_free(struct pace *p);
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

#endif
