/* fake_clock.c — see fake_clock.h. */
#include "fake_clock.h"

double fake_clock_now;

double fake_clock(void)
{
	return fake_clock_now;
}
