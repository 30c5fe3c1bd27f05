/*
 * money.h — amounts of money: an int64 of minor units (kopecks, cents),
 * never a double; typed by people and shown to them.
 */
#ifndef BJJ_MONEY_H
#define BJJ_MONEY_H

#include <stdint.h>

#include "lib/buf.h"

/*
 * An amount in major units, "4000", "4000.5", "4000.50", "4 000,50" ->
 * minor units (two decimals). Positive, at most 10^12 major. 0 or -1.
 */
int money_parse(const char *s, int64_t *minor);
/* "4 000.50 EUR" ("4 000 EUR" when there are no minor units); RUB is
 * written as Russian readers expect, with its sign and a decimal comma:
 * "4 000 ₽", "4 000,50 ₽". */
void buf_add_money(struct buf *b, int64_t minor, const char *currency);

#endif
