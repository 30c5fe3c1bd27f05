/*
 * clock.h — the program's one clock, and the tests' ways to stop it or
 * make it run faster.
 */
#ifndef BJJ_CLOCK_H
#define BJJ_CLOCK_H

#include <stdint.h>

/*
 * The program's one clock: UTC unix seconds. Unit tests stop it at t with
 * clock_set_fake(t) (t = 0 returns to the real clock). End-to-end tests
 * set the environment variable BJJBOT_FAKE_NOW (unix seconds): the
 * process starts at that moment and its clock then runs in real time,
 * read once at the first call.
 */
int64_t clock_now(void);
void clock_set_fake(int64_t t);
/* Monotonic seconds, for pacing and backoff (not affected by the fake). */
double clock_mono(void);
/*
 * The test time scale (BJJBOT_TIME_SCALE, accepted only with a loopback
 * api_url): from clock_set_scale on, the bot's time runs this many times
 * faster than the real one, so end-to-end tests need not sleep through
 * its waits (send pacing, request timeouts, backoffs, retry_after, the
 * scheduler's interval and hours, the shutdown grace). 1 outside tests.
 * clock_now then counts scaled seconds from the moment the scale was set;
 * clock_bot is monotonic seconds of the bot's time (clock_mono times the
 * scale); clock_span(d) is how many real seconds d seconds of it last, for
 * libev timers and libcurl timeouts. How fast people write (pace_input)
 * is measured with clock_mono: they write in real time.
 */
void clock_set_scale(double scale);
double clock_bot(void);
double clock_span(double d);

#endif
