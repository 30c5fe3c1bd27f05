/*
 * help.c — /help: the commands the caller's role may use, with the usage
 * for that role and a line of help in the caller's language. Reads the command table, so a
 * new command appears here (and in the command menus) by its row alone.
 */
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"

static int h_cmd_help(struct h_ctx *ctx, const char *args)
{
	const struct h_command *c;
	const char *usage;
	struct buf b = { 0 };
	size_t i;

	(void)args;
	H_TF(&b, ctx->lang, T_HELP_HEAD, ctx->academy);
	buf_adds(&b, "\n");
	for (i = 0; i < h_command_count; i++) {
		c = h_command_table[i];
		/* In a group only what works there: the rest asks for a
		 * private chat. */
		if (!h_command_listed(c, ctx->role) ||
		    (!ctx->m->is_private && !(c->flags & H_CMD_PUBLIC)))
			continue;
		usage = h_command_usage(c, ctx->role, ctx->lang);
		buf_addf(&b, "\n/%s", c->name);
		if (usage[0] != '\0') {
			buf_addc(&b, ' ');
			buf_add_html(&b, usage);
		}
		buf_adds(&b, " — ");
		buf_adds(&b, h_command_help(c, ctx->lang));
	}
	if (ctx->role == ROLE_GUEST) {
		buf_adds(&b, "\n\n");
		buf_adds(&b, H_T(ctx->lang, T_HELP_GUEST_FOOT));
	}
	return h_reply_buf(ctx, &b);
}

H_COMMAND_ENTRY(help, HELP, .min_role = ROLE_GUEST, .usage = H_USAGE_NONE, .flags = H_CMD_PUBLIC,
	.args = { .max = H_ARGS_MANY });
