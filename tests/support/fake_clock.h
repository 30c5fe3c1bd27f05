/*
 * fake_clock.h — a monotonic clock the test sets by hand, for code that
 * takes a clock function (the HTTP rate limit's buckets). Built into
 * bjj_test_support.
 */
#ifndef BJJ_TESTS_FAKE_CLOCK_H
#define BJJ_TESTS_FAKE_CLOCK_H

/* Seconds fake_clock returns; the test sets and advances it. */
extern double fake_clock_now;

double fake_clock(void);

#endif
