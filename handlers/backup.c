/*
 * backup.c — /backup: the owner gets the newest backup as a document, to
 * keep a copy off the server. The backups themselves are made by
 * bot/scheduler.c (nightly) and `bjjbot backup`.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/backup.h"

static int h_cmd_backup(struct h_ctx *ctx, const char *args)
{
	struct buf b = { 0 };
	char *newest;
	const char *name;
	int rc;

	(void)args;
	newest = ctx->env->cfg->backup_dir ? db_backup_newest(ctx->env->cfg->backup_dir) : NULL;
	if (newest == NULL)
		return h_reply(ctx, H_T(ctx->lang, T_BACKUP_NONE));
	name = h_esc(ctx, strrchr(newest, '/') ? strrchr(newest, '/') + 1 : newest);
	H_TF(&b, ctx->lang, T_BACKUP_CAPTION, name);
	rc = h_send_document(ctx->env, ctx->m->chat_id, newest, buf_str(&b));
	if (rc == 0)
		rc = h_audit(ctx, "backup.download", "backup", 0, newest);
	free(newest);
	buf_release(&b);
	return rc;
}

H_COMMAND_USAGE(backup, BACKUP, H_USAGE_NONE, .min_role = ROLE_OWNER);
