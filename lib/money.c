/*
 * money.c — amounts typed and shown (see money.h).
 */
#include "lib/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int money_parse(const char *s, int64_t *minor)
{
	int64_t major = 0, frac = 0;
	int digits = 0, fdigits = 0;
	const char *p = s;

	if (s == NULL)
		return -1;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (++digits > 12)
				return -1;
			major = major * 10 + (*p - '0');
		} else if (*p == ' ' && digits > 0) {
			continue;      /* "4 000" */
		} else {
			break;
		}
	}
	if (digits == 0)
		return -1;
	if (*p == '.' || *p == ',') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++fdigits > 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
		if (fdigits == 0)
			return -1;
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return -1;
	*minor = major * 100 + frac;
	return *minor > 0 ? 0 : -1;
}

void buf_add_money(struct buf *b, int64_t minor, const char *currency)
{
	char digits[32];
	int64_t v = minor < 0 ? -minor : minor;
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)(v / 100)), rub;

	if (minor < 0)
		buf_addc(b, '-');
	for (int i = 0; i < n; i++) {
		/* a thin grouping space every three digits */
		if (i > 0 && (n - i) % 3 == 0)
			buf_addc(b, ' ');
		buf_addc(b, digits[i]);
	}
	/* The rouble has its own sign and a decimal comma, which Russian
	 * readers expect. */
	rub = currency && strcmp(currency, "RUB") == 0;
	if (v % 100)
		buf_addf(b, "%c%02lld", rub ? ',' : '.', (long long)(v % 100));
	if (rub)
		buf_adds(b, " ₽");
	else if (currency && *currency)
		buf_addf(b, " %s", currency);
}
