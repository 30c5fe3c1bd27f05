/*
 * pace.c — token buckets per chat and a sliding window overall. See pace.h.
 */
#include "bot/pace.h"

#include <stdlib.h>
#include <string.h>

#include "bot/util.h"

void pace_init(struct pace *p)
{
	memset(p, 0, sizeof(*p));
}

void pace_free(struct pace *p)
{
	free(p->chats);
	memset(p, 0, sizeof(*p));
}

static struct pace_chat *pace_find(struct pace *p, int64_t chat)
{
	for (size_t i = 0; i < p->n_chats; i++)
		if (p->chats[i].chat == chat)
			return &p->chats[i];
	return NULL;
}

static double pace_tokens(const struct pace_chat *c, double now)
{
	double t = c->tokens + (now - c->at) * PACE_CHAT_RATE;
	return t > PACE_CHAT_BURST ? PACE_CHAT_BURST : t;
}

double pace_wait(struct pace *p, int64_t chat, int per_chat, double now)
{
	double wait = 0;

	if (p->count == PACE_GLOBAL_MAX) {
		double until = p->sent[p->head] + PACE_GLOBAL_WINDOW;
		if (until > now)
			wait = until - now;
	}
	if (per_chat) {
		struct pace_chat *c = pace_find(p, chat);
		if (c != NULL) {
			double t = pace_tokens(c, now);
			if (t < 1.0 && (1.0 - t) / PACE_CHAT_RATE > wait)
				wait = (1.0 - t) / PACE_CHAT_RATE;
		}
	}
	return wait;
}

void pace_record(struct pace *p, int64_t chat, int per_chat, double now)
{
	if (p->count < PACE_GLOBAL_MAX) {
		p->sent[(p->head + p->count) % PACE_GLOBAL_MAX] = now;
		p->count++;
	} else {
		p->sent[p->head] = now;
		p->head = (p->head + 1) % PACE_GLOBAL_MAX;
	}
	if (!per_chat)
		return;
	struct pace_chat *c = pace_find(p, chat);
	if (c == NULL) {
		if (p->n_chats == p->cap_chats) {
			p->cap_chats = p->cap_chats ? p->cap_chats * 2 : 16;
			p->chats = xrealloc(p->chats, p->cap_chats * sizeof(*p->chats));
		}
		c = &p->chats[p->n_chats++];
		c->chat = chat;
		c->tokens = PACE_CHAT_BURST;
		c->at = now;
	}
	c->tokens = pace_tokens(c, now) - 1.0;
	c->at = now;
}

void pace_prune(struct pace *p, double now)
{
	size_t j = 0;
	for (size_t i = 0; i < p->n_chats; i++)
		if (pace_tokens(&p->chats[i], now) < PACE_CHAT_BURST)
			p->chats[j++] = p->chats[i];
	p->n_chats = j;
}
