/*
 * debug.c — commands that exist only in test mode (BJJBOT_TEST=1), for
 * the end-to-end tests. /debug_long N replies with exactly N characters
 * in lines of H_DEBUG_LINE (the last one shorter), each line one letter
 * ('a' for the first, 'b' for the second, ...), so a test can see that
 * a long reply arrives split, complete and in order. /debug_crash
 * (anyone) aborts the process, a poison update for the crash-recovery
 * tests.
 */
#include <stdint.h>
#include <stdlib.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"

#define H_DEBUG_LINE 70        /* characters per line, newline included */
#define H_DEBUG_MAX 100000     /* the longest reply it makes */

static int h_cmd_debug_long(struct h_ctx *ctx, const char *args)
{
	struct buf b = { 0 };
	int64_t n, i;

	if (parse_i64(args, &n) != 0 || n < 1 || n > H_DEBUG_MAX)
		return h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_DEBUG_LONG));
	for (i = 0; i < n; i++) {
		/* No newline last: Telegram would trim it. */
		if (i % H_DEBUG_LINE == H_DEBUG_LINE - 1 && i != n - 1)
			buf_addc(&b, '\n');
		else
			buf_addc(&b, (char)('a' + i / H_DEBUG_LINE % 26));
	}
	return h_reply_buf(ctx, &b);
}

H_COMMAND(debug_long, DEBUG_LONG, .min_role = ROLE_OWNER, .flags = H_CMD_TEST_ONLY,
	.args = { .min = 1, .max = 1 });

static int h_cmd_debug_crash(struct h_ctx *ctx, const char *args)
{
	(void)ctx;
	(void)args;
	log_error("handlers", "/debug_crash: aborting as asked (test mode)");
	abort();
}

H_COMMAND_ENTRY(debug_crash, DEBUG_CRASH, .min_role = ROLE_GUEST, .usage = H_USAGE_NONE,
	.flags = H_CMD_TEST_ONLY, .args = { .max = H_ARGS_MANY });
