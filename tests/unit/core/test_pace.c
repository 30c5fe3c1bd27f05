/*
 * test_pace.c — the sender's pacing: bursts and the sustained 1 msg/s per
 * chat, the 30-per-window overall limit, calls that are not per chat,
 * a 429's hold on one chat, and pruning; the input limit per user
 * (burst, one notice, drops). Time is simulated, nothing sleeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "bot/pace.h"
#include "test_main.h"

/* A fresh pacer for each test (owned by the fixture). */
static int pace_setup(void **state)
{
	struct pace *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return -1;
	pace_init(p);
	*state = p;
	return 0;
}

static int pace_teardown(void **state)
{
	pace_release(*state);
	free(*state);
	return 0;
}

#define PACE_TEST(fn) cmocka_unit_test_setup_teardown(fn, pace_setup, pace_teardown)

/* Send to chat at t if the pacer allows it now: 1 when it did. */
static int pace_try(struct pace *p, int64_t chat, int per_chat, double t)
{
	if (pace_wait(p, chat, per_chat, t) != 0)
		return 0;
	pace_record(p, chat, per_chat, t);
	return 1;
}

/* Send as fast as allowed to chat for `seconds`; return how many went. */
static int pace_simulate(struct pace *p, int64_t chat, double start, double seconds, double step)
{
	int sent = 0;
	for (double t = start; t < start + seconds; t += step) {
		sent += pace_try(p, chat, 1, t);
	}
	return sent;
}

/* n messages to chat (per_chat as pace_wait takes it) at time t, each
 * allowed at once. */
static void send_unpaced(struct pace *p, int64_t chat, int per_chat, double t, int n)
{
	for (int i = 0; i < n; i++) {
		assert_true(pace_wait(p, chat, per_chat, t) == 0);
		pace_record(p, chat, per_chat, t);
	}
}

static void test_chat_burst_then_rate(void **state)
{
	struct pace *p = *state;
	send_unpaced(p, 7, 1, 100.0, 3);
	double w = pace_wait(p, 7, 1, 100.0);
	assert_true(w > 0.99 && w <= 1.0);
	/* another chat is not affected */
	assert_true(pace_wait(p, 8, 1, 100.0) == 0);
}

static void test_chat_sustained(void **state)
{
	struct pace *p = *state;
	int sent = pace_simulate(p, 7, 0.0, 60.0, 0.01);
	/* burst of 3 plus one per second */
	assert_in_range(sent, 60, 63);
}

static void test_global_window(void **state)
{
	struct pace *p = *state;
	/* 100 different chats at once: only PACE_GLOBAL_MAX go in a window */
	int sent = 0;
	for (int64_t chat = 1; chat <= 100; chat++)
		sent += pace_try(p, chat, 1, 5.0);
	assert_int_equal(sent, PACE_GLOBAL_MAX);
	double w = pace_wait(p, 101, 0, 5.0);
	assert_true(w > 1.0 && w <= PACE_GLOBAL_WINDOW);
	assert_true(pace_wait(p, 101, 0, 5.0 + PACE_GLOBAL_WINDOW) == 0);
}

/*
 * A broadcast to many chats: no second holds more than PACE_GLOBAL_MAX
 * sends, with at least 40 ms to spare for requests that reach Telegram
 * closer together than they started; and the sustained rate after the
 * first burst is at least 28 messages a second (close to the 30 Telegram
 * allows, so a broadcast is not slowed by the pacer itself).
 */
static void test_global_any_window(void **state)
{
	struct pace *p = *state;
	double times[2000];
	int n = 0;
	for (double t = 0; t < 60.0 && n < 2000; t += 0.001) {
		int64_t chat = n % 1000;
		if (pace_try(p, chat, 1, t))
			times[n++] = t;
	}
	for (int i = 0; i + PACE_GLOBAL_MAX < n; i++)
		assert_true(times[i + PACE_GLOBAL_MAX] - times[i] >= 1.04);
	assert_true(n > PACE_GLOBAL_MAX * 2);
	double rate = (double)(n - PACE_GLOBAL_MAX) / (times[n - 1] - times[0]);
	assert_true(rate >= 28.0 && rate <= 30.0);
}

static void test_not_per_chat(void **state)
{
	struct pace *p = *state;
	send_unpaced(p, 7, 0, 1.0, 10);
	/* callback answers did not use the chat's bucket */
	assert_true(pace_wait(p, 7, 1, 1.0) == 0);
}

static void test_prune(void **state)
{
	struct pace *p = *state;
	for (int64_t c = 1; c <= 50; c++)
		pace_record(p, c, 1, 0.0);
	assert_int_equal(p->n_chats, 50);
	pace_prune(p, 0.5);
	assert_int_equal(p->n_chats, 50);
	pace_prune(p, 10.0);
	assert_int_equal(p->n_chats, 0);
}

/* After a 429 for a chat nothing goes there for retry_after seconds. */
static void test_chat_hold(void **state)
{
	struct pace *p = *state;
	pace_hold(p, 7, 5.0, 100.0);
	double w = pace_wait(p, 7, 1, 100.0);
	assert_true(w > 4.99 && w <= 5.0);
	assert_true(pace_wait(p, 7, 1, 104.9) > 0);
	assert_true(pace_wait(p, 7, 1, 105.0) == 0);
	/* others go on; the held chat is not forgotten while it waits */
	assert_true(pace_wait(p, 8, 1, 100.0) == 0);
	pace_prune(p, 103.0);
	assert_int_equal(p->n_chats, 1);
	/* a chat already in the pacer is held too */
	pace_record(p, 9, 1, 100.0);
	pace_hold(p, 9, 2.0, 100.0);
	assert_true(pace_wait(p, 9, 1, 101.9) > 0);
	assert_true(pace_wait(p, 9, 1, 102.0) == 0);
}

/* A burst is handled, then one notice, then silence until refilled. */
static void test_input_burst_notice_drop(void **state)
{
	struct pace_input in;
	int ok = 0;
	(void)state;
	pace_input_init(&in);
	for (int i = 0; i < 100; i++)
		ok += pace_input_take(&in, 5, 10.0) == PACE_OK;
	assert_int_equal(ok, (int)PACE_INPUT_BURST);
	/* the 101st went like the 22nd: dropped, the notice was the 21st */
	assert_int_equal(pace_input_take(&in, 5, 10.0), PACE_DROP);
	/* somebody else is not affected */
	assert_int_equal(pace_input_take(&in, 6, 10.0), PACE_OK);
	/* writing on: heard again at the refill rate, not told again */
	assert_int_equal(pace_input_take(&in, 5, 10.0 + 1.0 / PACE_INPUT_RATE), PACE_OK);
	assert_int_equal(pace_input_take(&in, 5, 10.0 + 1.0 / PACE_INPUT_RATE), PACE_DROP);
	pace_input_release(&in);
}

static void test_input_notice_once_per_burst(void **state)
{
	struct pace_input in;
	(void)state;
	pace_input_init(&in);
	for (int i = 0; i < (int)PACE_INPUT_BURST; i++)
		assert_int_equal(pace_input_take(&in, 5, 0.0), PACE_OK);
	assert_int_equal(pace_input_take(&in, 5, 0.0), PACE_NOTICE);
	assert_int_equal(pace_input_take(&in, 5, 0.0), PACE_DROP);
	/* a full pause forgets them: the next flood is told again */
	double later = PACE_INPUT_BURST / PACE_INPUT_RATE + 1.0;
	pace_input_prune(&in, later);
	assert_int_equal(in.n_users, 0);
	for (int i = 0; i < (int)PACE_INPUT_BURST; i++)
		assert_int_equal(pace_input_take(&in, 5, later), PACE_OK);
	assert_int_equal(pace_input_take(&in, 5, later), PACE_NOTICE);
	/* not pruned while the bucket is not full */
	pace_input_prune(&in, later + 1.0);
	assert_int_equal(in.n_users, 1);
	pace_input_release(&in);
}

static void test_backoff(void **state)
{
	(void)state;
	/* Doubling per failure from base, the jitter halving at most. */
	assert_true(pace_backoff(0.5, 60.0, 0, 0.0) == 0.25);
	assert_true(pace_backoff(0.5, 60.0, 0, 0.999) < 0.5);
	assert_true(pace_backoff(0.5, 60.0, 3, 0.0) == 2.0);
	assert_true(pace_backoff(1.0, 60.0, 2, 0.5) == 3.0);
	/* Capped at max, however many failures: never above it. */
	assert_true(pace_backoff(3.0, 30.0, 4, 0.0) == 15.0);
	assert_true(pace_backoff(3.0, 30.0, 1000, 0.999) < 30.0);
	assert_true(pace_backoff(3.0, 30.0, 1000, 0.999) >= 29.0);
	/* A jitter out of [0, 1) counts as 0. */
	assert_true(pace_backoff(1.0, 60.0, 1, 7.0) == 1.0);
	assert_true(pace_backoff(1.0, 60.0, 1, -1.0) == 1.0);
	for (int i = 0; i < 100; i++) {
		double j = pace_jitter();

		assert_true(j >= 0.0 && j < 1.0);
	}
}

BJJ_TEST_MAIN(
	PACE_TEST(test_chat_burst_then_rate),
	PACE_TEST(test_chat_hold),
	cmocka_unit_test(test_input_burst_notice_drop),
	cmocka_unit_test(test_input_notice_once_per_burst),
	PACE_TEST(test_chat_sustained),
	PACE_TEST(test_global_window),
	PACE_TEST(test_global_any_window),
	PACE_TEST(test_not_per_chat),
	PACE_TEST(test_prune),
	cmocka_unit_test(test_backoff),
)
