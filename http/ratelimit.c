/*
 * ratelimit.c — token buckets per key (see ratelimit.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "handlers/handlers.h"
#include "http/ratelimit.h"
#include "http/web.h"

/* "t:<token number>" or "a:<address>"; an IPv6 address fits */
#define WEB_RL_KEY 56

struct web_rl_slot {
	char key[WEB_RL_KEY];
	double level;              /* requests left, fractional while refilling */
	double at;                 /* when level was computed */
};

struct web_ratelimit {
	double per_second;
	double burst;
	double (*clock)(void);
	struct web_rl_slot slot[WEB_RL_SLOTS];
};

struct web_ratelimit *web_ratelimit_new(int per_minute, double (*clock)(void))
{
	struct web_ratelimit *rl;

	if (per_minute <= 0)
		return NULL;
	rl = xcalloc(1, sizeof(*rl));
	rl->per_second = per_minute / 60.0;
	rl->burst = per_minute;
	rl->clock = clock != NULL ? clock : clock_bot;
	return rl;
}

void web_ratelimit_free(struct web_ratelimit *rl)
{
	free(rl);
}

/* s's level at now. */
static double web_rl_level(const struct web_ratelimit *rl, const struct web_rl_slot *s, double now)
{
	double level = s->level + (now - s->at) * rl->per_second;

	return level > rl->burst ? rl->burst : level;
}

/* key's slot, found or made (a full bucket). */
static struct web_rl_slot *web_rl_slot(struct web_ratelimit *rl, const char *key, double now)
{
	struct web_rl_slot *free_slot = NULL, *lru = NULL;

	for (size_t i = 0; i < WEB_RL_SLOTS; i++) {
		struct web_rl_slot *s = &rl->slot[i];

		if (s->key[0] == '\0' || web_rl_level(rl, s, now) >= rl->burst) {
			if (free_slot == NULL)
				free_slot = s;
			if (s->key[0] == '\0')
				continue;
		}
		if (strcmp(s->key, key) == 0)
			return s;
		if (lru == NULL || s->at < lru->at)
			lru = s;
	}
	if (free_slot == NULL)
		free_slot = lru;
	snprintf(free_slot->key, sizeof(free_slot->key), "%s", key);
	free_slot->level = rl->burst;
	free_slot->at = now;
	return free_slot;
}

/* Seconds until key's bucket holds one request (0: it does); take it
 * when take is set and there is one. */
static int web_rl_use(struct web_ratelimit *rl, const char *key, int take)
{
	double now, level;
	struct web_rl_slot *s;

	if (rl == NULL)
		return 0;
	now = rl->clock();
	s = web_rl_slot(rl, key, now);
	level = web_rl_level(rl, s, now);
	if (level < 1.0)
		return (int)ceil((1.0 - level) / rl->per_second);
	if (take) {
		s->level = level - 1.0;
		s->at = now;
	}
	return 0;
}

int web_ratelimit_take(struct web_ratelimit *rl, const char *key)
{
	return web_rl_use(rl, key, 1);
}

int web_ratelimit_wait(struct web_ratelimit *rl, const char *key)
{
	return web_rl_use(rl, key, 0);
}

static void web_rl_refuse(struct web_reply *rp, int seconds)
{
	web_reply_error(rp, 429, "too many requests");
	rp->retry_after = seconds;
	rp->challenge = 0;
}

/* "a:<client address>" into key ("a:" alone when it is unknown). */
static void web_rl_address(const struct web_request *rq, char *key, size_t len)
{
	snprintf(key, len, "a:%s", rq->client != NULL ? rq->client : "");
}

int web_limit_before(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	char key[WEB_RL_KEY];
	int wait;

	web_rl_address(rq, key, sizeof(key));
	if ((wait = web_ratelimit_wait(env->ratelimit, key)) == 0)
		return 0;
	web_rl_refuse(rp, wait);
	return 1;
}

int web_limit_after(const struct web_env *env, const struct web_request *rq,
    const struct h_api_caller *caller, struct web_reply *rp)
{
	char key[WEB_RL_KEY];
	int wait;

	if (caller == NULL) {
		if (rp->status == 401) {
			web_rl_address(rq, key, sizeof(key));
			web_ratelimit_take(env->ratelimit, key);
		}
		return 0;
	}
	snprintf(key, sizeof(key), "t:%lld", (long long)caller->token_id);
	if ((wait = web_ratelimit_take(env->ratelimit, key)) == 0)
		return 0;
	web_rl_refuse(rp, wait);
	return 1;
}
