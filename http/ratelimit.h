/*
 * ratelimit.h — the API's rate limit: a token bucket per key, in memory.
 * A bucket holds up to per_minute requests (the burst) and refills at
 * per_minute a minute; a request takes one, and an empty bucket refuses
 * it with the seconds until it holds one again.
 *
 * The router (web_handle) keys a valid API token's requests by the
 * token's number, and counts failed authentications (401) by the client's
 * address, so guessing tokens is as slow as the limit; a client whose
 * address has used up its failures is refused before its token is
 * checked. Routes without a token (/healthz, /metrics, the calendar feeds,
 * /api/v1/openapi.yaml, the dashboard's / , /static/ and /web/ paths) are
 * not limited.
 *
 * At most WEB_RL_SLOTS keys are remembered; a new key (only when it takes
 * a request) takes a free slot,
 * else one whose bucket is full again (the same as forgotten), else the
 * least recently used.
 *
 * Callers: http/router.c, bot/app.c (one limiter for the server's life),
 * tests.
 */
#ifndef BJJ_RATELIMIT_H
#define BJJ_RATELIMIT_H

struct web_env;
struct web_request;
struct web_reply;
struct h_api_caller;
struct web_ratelimit;

#define WEB_RL_SLOTS 1024

/* A limiter of per_minute requests a minute per key (0: no limit; the
 * limiter is then NULL, which every function takes). clock gives
 * monotonic seconds (NULL: the bot's clock, clock_bot). */
struct web_ratelimit *web_ratelimit_new(int per_minute, double (*clock)(void));
void web_ratelimit_free(struct web_ratelimit *rl);

/* Take one request from key's bucket: 0 when there was one, else the
 * whole seconds (>= 1) until there is (nothing taken). */
int web_ratelimit_take(struct web_ratelimit *rl, const char *key);
/* The same without taking: 0 when key's bucket has a request left. It
 * only looks: a key with no slot is not given one (so inspecting new
 * addresses pushes out no bucket). */
int web_ratelimit_wait(struct web_ratelimit *rl, const char *key);

/* The canonical text of address s into out (len: INET6_ADDRSTRLEN + 3
 * fits any): an IPv4 address as inet_ntop writes it, an IPv4-mapped IPv6
 * one (::ffff:a.b.c.d) as IPv4, any other IPv6 address as its /64
 * ("2001:db8:1:2::/64"), so the spellings of one address, and the
 * addresses one host picks from its /64, share a bucket. Blanks around
 * it are dropped. -1 when s is no IP address. */
int web_addr_canonical(const char *s, char *out, size_t len);
/* The address a request's failed token checks count against, canonical,
 * into out: with trust_proxy (the [http] setting), the reverse proxy's
 * X-Real-IP header (real_ip), else the last hop of X-Forwarded-For
 * (forwarded, the one the proxy appended), each only when it is an IP
 * address; otherwise the connection's peer. NULL when none is known. */
const char *web_client_address(const char *peer, const char *real_ip, const char *forwarded,
    int trust_proxy, char *out, size_t len);

/* Before rq's token is checked: 1 with rp a 429 when rq's client address
 * has used up its failed authentications, else 0. */
int web_limit_before(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);
/*
 * After the check: caller NULL (the check failed, rp holds its answer)
 * takes one from the address's bucket when rp is a 401 and returns 0;
 * else takes one from the token's bucket: 1 with rp a 429 when it was
 * empty, 0 when the request may go on.
 */
int web_limit_after(const struct web_env *env, const struct web_request *rq,
    const struct h_api_caller *caller, struct web_reply *rp);

#endif
