/*
 * clock.c — the program's one clock, its test fake and time scale (see
 * clock.h).
 */
#include "lib/clock.h"

#include <stdlib.h>
#include <time.h>

#include "lib/text.h"

static int64_t clock_fake;     /* a stopped clock (unit tests), 0: none */
static int64_t clock_offset;   /* seconds added to the real time (BJJBOT_FAKE_NOW) */
static int clock_env_read;
static double clock_rate = 1.0;        /* the test time scale */
static int64_t clock_anchor;           /* clock_now() when the scale was set */
static double clock_anchor_mono;       /* and clock_mono() then */

int64_t clock_now(void)
{
	if (!clock_env_read) {
		int64_t t;
		const char *e = getenv("BJJBOT_FAKE_NOW");
		clock_env_read = 1;
		if (e != NULL && parse_i64(e, &t) == 0 && t > 0)
			clock_offset = t - (int64_t)time(NULL);
	}
	if (clock_fake)
		return clock_fake;
	if (clock_rate != 1.0)
		return clock_anchor + (int64_t)((clock_mono() - clock_anchor_mono) * clock_rate);
	return (int64_t)time(NULL) + clock_offset;
}

void clock_set_fake(int64_t t)
{
	clock_env_read = 1;
	clock_fake = t;
}

double clock_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void clock_set_scale(double scale)
{
	clock_anchor = clock_now();
	clock_anchor_mono = clock_mono();
	clock_rate = scale >= 1.0 ? scale : 1.0;
}

double clock_bot(void)
{
	return clock_mono() * clock_rate;
}

double clock_span(double d)
{
	return d / clock_rate;
}
