/*
 * test_ratelimit.c — the token buckets of http/ratelimit.c on a clock of
 * the test's own: the burst, the refill and the wait it reports, keys
 * apart, no limit at 0, and the bounded table (a full bucket is as good
 * as forgotten; else the least recently used key goes); looking at a
 * key takes no slot; client addresses: canonical, IPv6 by /64, the
 * proxy's headers only when trusted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_clock.h"
#include "http/ratelimit.h"

static void test_bucket(void **state)
{
	struct web_ratelimit *rl;
	(void)state;

	fake_clock_now = 500;
	rl = web_ratelimit_new(3, fake_clock);
	assert_non_null(rl);
	/* the burst: three at once, then one every 20 s */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(web_ratelimit_wait(rl, "t:1"), 0);
		assert_int_equal(web_ratelimit_take(rl, "t:1"), 0);
	}
	assert_int_equal(web_ratelimit_take(rl, "t:1"), 20);
	assert_int_equal(web_ratelimit_wait(rl, "t:1"), 20);
	/* other keys have their own */
	assert_int_equal(web_ratelimit_take(rl, "t:2"), 0);
	assert_int_equal(web_ratelimit_take(rl, "a:10.0.0.1"), 0);
	fake_clock_now += 19.5;
	assert_int_equal(web_ratelimit_take(rl, "t:1"), 1);
	fake_clock_now += 0.5;
	assert_int_equal(web_ratelimit_take(rl, "t:1"), 0);
	assert_int_equal(web_ratelimit_take(rl, "t:1"), 20);
	/* a long rest refills to the burst, no further */
	fake_clock_now += 3600;
	for (int i = 0; i < 3; i++)
		assert_int_equal(web_ratelimit_take(rl, "t:1"), 0);
	assert_int_equal(web_ratelimit_take(rl, "t:1"), 20);
	web_ratelimit_free(rl);
}

static void test_off(void **state)
{
	(void)state;
	assert_null(web_ratelimit_new(0, fake_clock));
	for (int i = 0; i < 1000; i++)
		assert_int_equal(web_ratelimit_take(NULL, "t:1"), 0);
	assert_int_equal(web_ratelimit_wait(NULL, "t:1"), 0);
	web_ratelimit_free(NULL);
}

/* Every slot holds an empty bucket: a new key pushes out the least
 * recently used one, which then starts full; the others keep theirs. */
/* A limiter of one a minute whose every slot holds an empty bucket,
 * "a:0" to "a:<WEB_RL_SLOTS - 1>", taken 1 ms apart from time 0. */
static struct web_ratelimit *rl_full(void)
{
	struct web_ratelimit *rl;
	char key[32];

	fake_clock_now = 0;
	rl = web_ratelimit_new(1, fake_clock);
	for (int i = 0; i < WEB_RL_SLOTS; i++) {
		snprintf(key, sizeof(key), "a:%d", i);
		fake_clock_now += 0.001;
		assert_int_equal(web_ratelimit_take(rl, key), 0);
	}
	return rl;
}

static void test_table_full(void **state)
{
	struct web_ratelimit *rl = rl_full();
	(void)state;

	fake_clock_now += 0.001;
	assert_int_equal(web_ratelimit_take(rl, "a:new"), 0);
	assert_true(web_ratelimit_take(rl, "a:1") >= 59);
	assert_true(web_ratelimit_take(rl, "a:new") >= 59);
	/* a:0 went: it starts full (and pushes out a:1, now the oldest) */
	assert_int_equal(web_ratelimit_take(rl, "a:0"), 0);
	assert_true(web_ratelimit_take(rl, "a:2") >= 59);
	assert_int_equal(web_ratelimit_take(rl, "a:1"), 0);
	web_ratelimit_free(rl);
}

/* A bucket full again frees its slot for a new key, though it was used
 * more recently than keys still waiting: those keep their buckets. */
static void test_full_is_forgotten(void **state)
{
	struct web_ratelimit *rl;
	char key[32];
	(void)state;

	rl = web_ratelimit_new(60, fake_clock);
	fake_clock_now = 59;
	for (int i = 1; i < WEB_RL_SLOTS; i++) {
		snprintf(key, sizeof(key), "a:%d", i);
		for (int k = 0; k < 60; k++)
			assert_int_equal(web_ratelimit_take(rl, key), 0);
	}
	/* the most recent: one request, full again a second later */
	fake_clock_now = 59.9;
	assert_int_equal(web_ratelimit_take(rl, "a:0"), 0);
	fake_clock_now = 61;
	assert_int_equal(web_ratelimit_take(rl, "a:new"), 0);
	/* a:1, the least recently used, kept its two */
	assert_int_equal(web_ratelimit_take(rl, "a:1"), 0);
	assert_int_equal(web_ratelimit_take(rl, "a:1"), 0);
	assert_int_equal(web_ratelimit_take(rl, "a:1"), 1);
	web_ratelimit_free(rl);
}

/* Looking at keys that have no bucket makes none: a flood of new
 * addresses that are only inspected pushes out no waiting bucket. */
static void test_wait_makes_no_slot(void **state)
{
	struct web_ratelimit *rl = rl_full();
	char key[32];
	(void)state;

	for (int i = 0; i < 2 * WEB_RL_SLOTS; i++) {
		snprintf(key, sizeof(key), "a:new%d", i);
		assert_int_equal(web_ratelimit_wait(rl, key), 0);
	}
	/* every empty bucket is still there */
	for (int i = 0; i < WEB_RL_SLOTS; i++) {
		snprintf(key, sizeof(key), "a:%d", i);
		assert_true(web_ratelimit_wait(rl, key) >= 59);
	}
	web_ratelimit_free(rl);
}

static void assert_canonical(const char *in, const char *want)
{
	char out[64];

	if (want == NULL) {
		assert_int_equal(web_addr_canonical(in, out, sizeof(out)), -1);
		return;
	}
	assert_int_equal(web_addr_canonical(in, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

/* Two spellings of one address are one key; IPv6 by its /64; an
 * IPv4-mapped IPv6 address is the IPv4 one; anything else is none. */
static void test_canonical(void **state)
{
	(void)state;
	assert_canonical("203.0.113.5", "203.0.113.5");
	assert_canonical(" 203.0.113.5 ", "203.0.113.5");
	assert_canonical("::ffff:203.0.113.5", "203.0.113.5");
	assert_canonical("::FFFF:cb00:7105", "203.0.113.5");
	assert_canonical("2001:db8:1:2::1", "2001:db8:1:2::/64");
	assert_canonical("2001:0DB8:0001:0002:ffff:0:0:7", "2001:db8:1:2::/64");
	assert_canonical("2001:db8:1:3::1", "2001:db8:1:3::/64");
	assert_canonical("::1", "::/64");
	assert_canonical("nobody", NULL);
	assert_canonical("", NULL);
	assert_canonical(NULL, NULL);
	assert_canonical("203.0.113.5, 10.0.0.1", NULL);
	assert_canonical("203.0.113.5:8080", NULL);
	assert_canonical("203.0.113", NULL);
}

/* The proxy's headers count only when trusted: off, the peer's address
 * whatever they say; on, X-Real-IP, else X-Forwarded-For's last hop,
 * else (neither an address) the peer's. */
static void test_client_address(void **state)
{
	char out[64];
	(void)state;

	assert_string_equal(web_client_address("127.0.0.1", "203.0.113.5", "198.51.100.1", 0,
	    out, sizeof(out)), "127.0.0.1");
	assert_string_equal(web_client_address("::ffff:127.0.0.1", NULL, NULL, 0, out, sizeof(out)),
	    "127.0.0.1");
	assert_string_equal(web_client_address("127.0.0.1", "203.0.113.5", "198.51.100.1", 1,
	    out, sizeof(out)), "203.0.113.5");
	assert_string_equal(web_client_address("127.0.0.1", NULL, "10.9.9.9, 198.51.100.1", 1,
	    out, sizeof(out)), "198.51.100.1");
	assert_string_equal(web_client_address("127.0.0.1", "nobody", "2001:db8::5", 1,
	    out, sizeof(out)), "2001:db8::/64");
	assert_string_equal(web_client_address("127.0.0.1", "nobody", "198.51.100.1, junk", 1,
	    out, sizeof(out)), "127.0.0.1");
	assert_null(web_client_address("", NULL, NULL, 0, out, sizeof(out)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bucket),
		cmocka_unit_test(test_off),
		cmocka_unit_test(test_table_full),
		cmocka_unit_test(test_full_is_forgotten),
		cmocka_unit_test(test_wait_makes_no_slot),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_client_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
