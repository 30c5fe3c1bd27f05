/*
 * beltrules.c — the owner's belt rules: /beltrules shows the table
 * (stripes, minimum age, months and classes per belt and per stripe),
 * /beltrule changes one value, checked against its range first.
 *
 * Callers: the command table in handlers.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/store.h"

/* ---- the owner's rules -------------------------------------------------- */

/* The fields /beltrule edits and their ranges. */
static const struct {
	const char *name[LANG_COUNT];  /* keywords, one word each */
	enum belt_rule rule;
	int min, max;
} h_rule_fields[] = {
	{ H_TA(T_KW_MAX_STRIPES), BELT_RULE_MAX_STRIPES, 0, 6 },
	{ H_TA(T_KW_MIN_AGE), BELT_RULE_MIN_AGE, 0, 100 },
	{ H_TA(T_KW_MIN_MONTHS), BELT_RULE_MIN_MONTHS, 0, 600 },
	{ H_TA(T_KW_MIN_CLASSES), BELT_RULE_MIN_CLASSES, 0, 5000 },
	{ H_TA(T_KW_STRIPE_MONTHS), BELT_RULE_STRIPE_MONTHS, 0, 120 },
	{ H_TA(T_KW_STRIPE_CLASSES), BELT_RULE_STRIPE_CLASSES, 0, 1000 },
};

static int h_rule_value(const struct belt *b, enum belt_rule r)
{
	switch (r) {
	case BELT_RULE_MAX_STRIPES:
		return b->max_stripes;
	case BELT_RULE_MIN_AGE:
		return b->min_age;
	case BELT_RULE_MIN_MONTHS:
		return b->min_months;
	case BELT_RULE_MIN_CLASSES:
		return b->min_classes;
	case BELT_RULE_STRIPE_MONTHS:
		return b->stripe_months;
	case BELT_RULE_STRIPE_CLASSES:
		return b->stripe_classes;
	}
	return 0;
}

static int h_cmd_beltrules(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct buf b = { 0 };
	size_t i;
	int rc = -1, kids = -1;

	(void)args;
	if (h_belts_load(ctx, &t) != 0)
		goto out;
	buf_adds(&b, H_T(ctx->lang, T_BELTRULES_HEAD));
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < t.n; i++) {
		const struct belt *bt = &t.v[i];

		if (bt->kids != kids) {
			kids = bt->kids;
			buf_adds(&b, kids ? H_T(ctx->lang, T_BELTRULES_KIDS) :
			    H_T(ctx->lang, T_BELTRULES_ADULTS));
		}
		const char *name = h_esc(ctx, h_belt_name(ctx->lang, bt->code));

		H_TF(&b, ctx->lang, T_BELTRULES_LINE, name, bt->max_stripes, bt->min_age,
		    bt->min_months, bt->min_classes, bt->stripe_months, bt->stripe_classes);
		arena_reset(ctx->arena, row);
	}
	buf_adds(&b, H_T(ctx->lang, T_BELTRULES_FOOT));
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	h_belts_release(&t);
	return rc;
}

H_COMMAND_USAGE(beltrules, BELTRULES, H_USAGE_NONE, .min_role = ROLE_OWNER);

static int h_cmd_beltrule(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct buf b = { 0 };
	const struct belt *bt;
	char **argv = NULL;
	const char *esc;
	size_t argc = h_args_words(ctx, args, &argv), i, used = 0;
	int64_t value;
	int rc = -1, old;

	if (h_belts_load(ctx, &t) != 0)
		goto out;
	if ((bt = h_belt_words(&t, argv, argc - 2, 0, &used)) == NULL || used != argc - 2) {
		rc = h_belt_unknown(ctx, &t, argv[0]);
		goto out;
	}
	for (i = 0; i < BJJ_ARRAY_LEN(h_rule_fields); i++) {
		if (h_kw_match(argv, argc, argc - 2, h_rule_fields[i].name) == 1)
			break;
	}
	if (i == BJJ_ARRAY_LEN(h_rule_fields)) {
		esc = h_esc(ctx, argv[argc - 2]);
		H_TF(&b, ctx->lang, T_BELTRULE_BAD_FIELD, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (parse_i64(argv[argc - 1], &value) != 0 || value < h_rule_fields[i].min ||
	    value > h_rule_fields[i].max) {
		H_TF(&b, ctx->lang, T_BELTRULE_BAD_VALUE, h_rule_fields[i].name[ctx->lang],
		    h_rule_fields[i].min, h_rule_fields[i].max);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	old = h_rule_value(bt, h_rule_fields[i].rule);
	if (db_belt_set_rule(ctx->env->db, bt->code, h_rule_fields[i].rule, (int)value) != DB_OK)
		goto out;
	buf_addf(&b, "%s %s %d -> %d", bt->code, h_rule_fields[i].name[LANG_EN], old,
	    (int)value);
	if (h_audit(ctx, "belt.rule", "belt", 0, buf_str(&b)) != 0)
		goto out;
	log_info("belts", "rule %s changed by %lld", buf_str(&b), (long long)ctx->m->from_id);
	buf_truncate(&b, 0);
	esc = h_esc(ctx, h_belt_name(ctx->lang, bt->code));
	H_TF(&b, ctx->lang, T_BELTRULE_DONE, esc, h_rule_fields[i].name[ctx->lang], old,
	    (int)value);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	h_belts_release(&t);
	return rc;
}

H_COMMAND(beltrule, BELTRULE, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = 2 + H_BELT_WORDS_MAX, .kind = { H_ARG_BELT } });
