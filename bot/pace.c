/*
 * pace.c — token buckets per chat and a sliding window overall for what the
 * bot sends, token buckets per user for what it reads. See pace.h.
 */
#include "bot/pace.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void pace_init(struct pace *p)
{
	memset(p, 0, sizeof(*p));
}

void pace_release(struct pace *p)
{
	free(p->chats);
	memset(p, 0, sizeof(*p));
}

static struct pace_chat *pace_bucket_find(struct pace_chat *v, size_t n, int64_t chat)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].chat == chat)
			return &v[i];
	return NULL;
}

/* A new bucket for chat, full at now. */
static struct pace_chat *pace_bucket_add(struct pace_chat **v, size_t *n, size_t *cap,
    int64_t chat, double burst, double now)
{
	struct pace_chat *c;

	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	c->chat = chat;
	c->tokens = burst;
	c->at = now;
	return c;
}

static double pace_bucket_tokens(const struct pace_chat *c, double rate, double burst, double now)
{
	double t = c->tokens + (now - c->at) * rate;
	return t > burst ? burst : t;
}

/* Keep only the buckets that are not full at now. */
static size_t pace_bucket_prune(struct pace_chat *v, size_t n, double rate, double burst, double now)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (pace_bucket_tokens(&v[i], rate, burst, now) < burst)
			v[j++] = v[i];
	return j;
}

static struct pace_chat *pace_find(struct pace *p, int64_t chat)
{
	return pace_bucket_find(p->chats, p->n_chats, chat);
}

static double pace_tokens(const struct pace_chat *c, double now)
{
	return pace_bucket_tokens(c, PACE_CHAT_RATE, PACE_CHAT_BURST, now);
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
	if (c == NULL)
		c = pace_bucket_add(&p->chats, &p->n_chats, &p->cap_chats, chat, PACE_CHAT_BURST, now);
	c->tokens = pace_tokens(c, now) - 1.0;
	c->at = now;
}

void pace_prune(struct pace *p, double now)
{
	p->n_chats = pace_bucket_prune(p->chats, p->n_chats, PACE_CHAT_RATE, PACE_CHAT_BURST, now);
}

void pace_hold(struct pace *p, int64_t chat, double seconds, double now)
{
	struct pace_chat *c = pace_find(p, chat);
	if (c == NULL)
		c = pace_bucket_add(&p->chats, &p->n_chats, &p->cap_chats, chat, PACE_CHAT_BURST, now);
	/* One token is back exactly when the wait is over. */
	c->tokens = 1.0 - seconds * PACE_CHAT_RATE;
	c->at = now;
}

void pace_input_init(struct pace_input *in)
{
	memset(in, 0, sizeof(*in));
}

void pace_input_release(struct pace_input *in)
{
	free(in->users);
	memset(in, 0, sizeof(*in));
}

void pace_input_copy(struct pace_input *dst, const struct pace_input *src)
{
	pace_input_init(dst);
	if (src->n_users == 0)
		return;
	dst->users = xmalloc(src->n_users * sizeof(*dst->users));
	memcpy(dst->users, src->users, src->n_users * sizeof(*dst->users));
	dst->n_users = dst->cap_users = src->n_users;
}

enum pace_verdict pace_input_take(struct pace_input *in, int64_t user, double now)
{
	struct pace_chat *c = pace_bucket_find(in->users, in->n_users, user);
	double t;

	if (c == NULL)
		c = pace_bucket_add(&in->users, &in->n_users, &in->cap_users, user,
		    PACE_INPUT_BURST, now);
	t = pace_bucket_tokens(c, PACE_INPUT_RATE, PACE_INPUT_BURST, now);
	c->at = now;
	if (t >= 1.0) {
		c->tokens = t - 1.0;
		return PACE_OK;
	}
	/* Dropped updates do not cost tokens: whoever keeps writing is
	 * heard again at PACE_INPUT_RATE, told once per burst. */
	c->tokens = t;
	if (c->noticed)
		return PACE_DROP;
	c->noticed = 1;
	return PACE_NOTICE;
}

void pace_input_prune(struct pace_input *in, double now)
{
	in->n_users = pace_bucket_prune(in->users, in->n_users, PACE_INPUT_RATE, PACE_INPUT_BURST, now);
}

double pace_backoff(double base, double max, int attempts, double jitter)
{
	double d = base;

	for (int i = 0; i < attempts && d < max; i++)
		d *= 2.0;
	if (d > max)
		d = max;
	if (jitter < 0.0 || jitter >= 1.0)
		jitter = 0.0;
	return d * (0.5 + jitter / 2.0);
}

double pace_jitter(void)
{
	return (double)(random() % 1000) / 1000.0;
}
