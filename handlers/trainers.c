/*
 * trainers.c — the owner manages trainers: the list with the head trainer,
 * linked accounts and classes a week (/trainers), deactivating and
 * reactivating a trainer and choosing the head trainer (/trainer).
 *
 * Invariant: owner-only (the router checks the table's role); bad input
 * changes nothing; every change is audited. Deactivating takes the
 * trainer's access at once (roles count active records only) and keeps
 * their Telegram link, so reactivating gives it back; their classes keep
 * their trainer and the owner is told how many are left to reassign.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/admin.h"
#include "storage/store.h"

static int h_cmd_trainers(struct h_ctx *ctx, const char *args)
{
	enum lang l = ctx->lang;
	struct trainer_row *v = NULL;
	struct buf b = { 0 };
	size_t n = 0, i;
	int64_t first_active = 0;
	int has_main = 0;

	(void)args;
	if (db_trainers_list(ctx->env->db, &v, &n) != DB_OK)
		return -1;
	if (n == 0) {
		trainer_rows_free(v, n);
		return h_reply(ctx, H_T(l, T_TRAINERS_NONE));
	}
	H_TF(&b, l, T_TRAINERS_HEAD, (long long)n);
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n; i++) {
		const struct trainer_row *t = &v[i];
		const char *first = h_esc(ctx, t->p.first_name), *last = h_esc(ctx, t->p.last_name);

		H_TF(&b, l, T_TRAINERS_LINE, (long long)t->p.id, first, last);
		if (t->is_main)
			buf_adds(&b, H_T(l, T_TRAINERS_MAIN));
		if (t->p.tg_id != 0)
			buf_adds(&b, H_T(l, T_TRAINERS_LINKED));
		if (t->p.active)
			H_TF(&b, l, T_TRAINERS_WEEKLY, t->weekly,
			    h_classes_word(l, t->weekly));
		else
			buf_adds(&b, H_T(l, T_TRAINERS_INACTIVE));
		if (t->p.active && first_active == 0)
			first_active = t->p.id;
		has_main |= t->is_main;
		arena_reset(ctx->arena, row);
	}
	if (!has_main && first_active != 0)
		H_TF(&b, l, T_TRAINERS_NO_MAIN, (long long)first_active);
	buf_adds(&b, H_T(l, T_TRAINERS_FOOT));
	trainer_rows_free(v, n);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(trainers, TRAINERS, H_USAGE_NONE, .min_role = ROLE_OWNER);

/* Set trainer p active or not, audit it, refresh their command menu, and
 * reply. */
static int h_trainer_activate(struct h_ctx *ctx, const struct person *p, int active)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 };
	const char *first = h_esc(ctx, p->first_name), *last = h_esc(ctx, p->last_name);
	long long id = (long long)p->id;
	int64_t weekly = 0, upcoming = 0, head = 0;
	int changed = 0, rc = -1;

	/* Whether they were the head trainer: deactivating takes the title. */
	if (db_trainer_main_id(env->db, &head) != DB_OK)
		goto out;
	if (db_trainer_set_active(env->db, p->id, active, &changed) != DB_OK)
		goto out;
	if (!changed) {
		if (active)
			H_TF(&b, ctx->lang, T_TRAINER_ALREADY_ON, id, first, last);
		else
			H_TF(&b, ctx->lang, T_TRAINER_ALREADY_OFF, id, first, last);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (h_audit(ctx, active ? "trainer.reactivate" : "trainer.deactivate", "trainer",
	    p->id, NULL) != 0)
		goto out;
	log_info("admin", "trainer #%lld %s by %lld", id, active ? "reactivated" : "deactivated",
	    (long long)ctx->m->from_id);
	/* The menu follows the role at once: guest (or student) when off. */
	if (p->tg_id != 0 && h_set_commands(env, p->tg_id, h_role_of(env, p->tg_id),
	    h_lang_of(env, p->tg_id), NULL) != 0)
		goto out;
	if (active) {
		H_TF(&b, ctx->lang, T_TRAINER_ON, id, first, last);
	} else {
		if (db_trainer_load(env->db, p->id, env->now, &weekly, &upcoming) != DB_OK)
			goto out;
		if (p->tg_id != 0)
			H_TF(&b, ctx->lang, T_TRAINER_OFF, id, first, last, id);
		else
			H_TF(&b, ctx->lang, T_TRAINER_OFF_UNLINKED, id, first, last, id);
		if (weekly > 0 || upcoming > 0)
			H_TF(&b, ctx->lang, T_TRAINER_OFF_LOAD, (long long)weekly,
			    h_classes_word(ctx->lang, weekly),
			    (long long)upcoming,
			    h_classes_word(ctx->lang, upcoming));
		if (head == p->id)
			buf_adds(&b, H_T(ctx->lang, T_TRAINER_OFF_MAIN));
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	return rc;
}

/* Make active trainer p the head trainer. */
static int h_trainer_main(struct h_ctx *ctx, const struct person *p)
{
	struct buf b = { 0 };
	const char *first = h_esc(ctx, p->first_name), *last = h_esc(ctx, p->last_name);
	char *cmd = NULL;
	long long id = (long long)p->id;
	int64_t old = 0;
	int rc = -1;

	if (!p->active) {
		cmd = h_reactivate_command(ctx->lang, p);
		H_TF(&b, ctx->lang, T_PERSON_INACTIVE, id, first, last, cmd);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_trainer_main_id(ctx->env->db, &old) != DB_OK)
		goto out;
	if (old == p->id) {
		H_TF(&b, ctx->lang, T_TRAINER_MAIN_ALREADY, id, first, last);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	cmd = old != 0 ? xasprintf("trainer #%lld", (long long)old) : xstrdup("none");
	if (db_trainer_set_main(ctx->env->db, p->id) != DB_OK ||
	    h_audit(ctx, "trainer.head", "trainer", p->id, cmd) != 0)
		goto out;
	log_info("admin", "trainer #%lld made head trainer by %lld", id, (long long)ctx->m->from_id);
	H_TF(&b, ctx->lang, T_TRAINER_MAIN, id, first, last);
	rc = h_reply_buf(ctx, &b);
out:
	free(cmd);
	buf_release(&b);
	return rc;
}

/* /trainer <#id|name> <off|on|head>; the name may have several words. */
static int h_cmd_trainer(struct h_ctx *ctx, const char *args)
{
	struct person p = { 0 };
	char **argv = NULL, *ref = NULL;
	size_t argc = h_args_words(ctx, args, &argv);
	int rc, head = 0, on = 0, off = 0;

	head = H_KW(argv, argc, argc - 1, T_KW_HEAD) == 1;
	on = H_KW(argv, argc, argc - 1, T_KW_ON) == 1;
	off = H_KW(argv, argc, argc - 1, T_KW_OFF) == 1;
	if (!head && !on && !off) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_TRAINER));
		goto out;
	}
	/* The words before the action name the trainer. */
	ref = xstrdup(args);
	ref[strlen(ref) - strlen(h_args_after(args, argc - 1))] = '\0';
	for (size_t len = strlen(ref); len > 0 && strchr(" \t\r\n", ref[len - 1]); len--)
		ref[len - 1] = '\0';
	if ((rc = h_find_person(ctx, PERSON_TRAINER, ref, 0, &p)) != H_FOUND)
		goto out;
	if (head)
		rc = h_trainer_main(ctx, &p);
	else
		rc = h_trainer_activate(ctx, &p, on);
out:
	free(ref);
	person_release(&p);
	return rc;
}

H_COMMAND(trainer, TRAINER, .min_role = ROLE_OWNER,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { H_ARG_REST } });
