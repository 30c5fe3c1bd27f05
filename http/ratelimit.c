/*
 * ratelimit.c — token buckets per key (see ratelimit.h).
 */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
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

/* key's slot, found; else, when make is set, made (a full bucket) in a
 * free slot, one whose bucket is full again, or the least recently used;
 * else NULL. */
static struct web_rl_slot *web_rl_slot(struct web_ratelimit *rl, const char *key, double now,
    int make)
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
	if (!make)
		return NULL;
	if (free_slot == NULL)
		free_slot = lru;
	snprintf(free_slot->key, sizeof(free_slot->key), "%s", key);
	free_slot->level = rl->burst;
	free_slot->at = now;
	return free_slot;
}

/* Seconds until key's bucket holds one request (0: it does); take it
 * when take is set and there is one. Only taking makes a slot: a key
 * without one has a full bucket. */
static int web_rl_use(struct web_ratelimit *rl, const char *key, int take)
{
	double now, level;
	struct web_rl_slot *s;

	if (rl == NULL)
		return 0;
	now = rl->clock();
	if ((s = web_rl_slot(rl, key, now, take)) == NULL)
		return 0;
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

/* "a:<client address>" into key ("a:" alone when it is unknown); the
 * address is already canonical (web_client_address). */
static void web_rl_address(const struct web_request *rq, char *key, size_t len)
{
	snprintf(key, len, "a:%s", rq->client != NULL ? rq->client : "");
}

int web_addr_canonical(const char *s, char *out, size_t len)
{
	struct in_addr a4;
	struct in6_addr a6;
	char text[INET6_ADDRSTRLEN];
	size_t n;

	if (s == NULL)
		return -1;
	s += strspn(s, " \t");
	n = strcspn(s, " \t");
	if (n == 0 || n >= sizeof(text) || s[n + strspn(s + n, " \t")] != '\0')
		return -1;
	memcpy(text, s, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, &a4) == 1)
		return inet_ntop(AF_INET, &a4, out, (socklen_t)len) != NULL ? 0 : -1;
	if (inet_pton(AF_INET6, text, &a6) != 1)
		return -1;
	/* ::ffff:a.b.c.d is the IPv4 address a.b.c.d */
	if (IN6_IS_ADDR_V4MAPPED(&a6)) {
		memcpy(&a4, a6.s6_addr + 12, sizeof(a4));
		return inet_ntop(AF_INET, &a4, out, (socklen_t)len) != NULL ? 0 : -1;
	}
	/* one host's /64: it picks the rest of the address itself */
	memset(a6.s6_addr + 8, 0, 8);
	if (inet_ntop(AF_INET6, &a6, out, (socklen_t)len) == NULL || strlen(out) + 4 > len)
		return -1;
	strcat(out, "/64");
	return 0;
}

const char *web_client_address(const char *peer, const char *real_ip, const char *forwarded,
    int trust_proxy, char *out, size_t len)
{
	const char *hop;

	if (trust_proxy) {
		if (web_addr_canonical(real_ip, out, len) == 0)
			return out;
		/* the last hop: the one the proxy itself appended */
		if (forwarded != NULL) {
			hop = strrchr(forwarded, ',');
			if (web_addr_canonical(hop != NULL ? hop + 1 : forwarded, out, len) == 0)
				return out;
		}
	}
	return web_addr_canonical(peer, out, len) == 0 ? out : NULL;
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
