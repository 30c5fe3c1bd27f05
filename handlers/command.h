/*
 * command.h — what the handler files share: the per-update context, the
 * command table entry and the handlers of every area. Private to
 * handlers/ (bot/ sees only handlers.h).
 *
 * Adding a command: write `int h_cmd_<name>(struct h_ctx *, const char *)`
 * in the file of its area, declare it below, add a row to h_command_table
 * in handlers.c and its help/usage texts to texts.h. The router has checked
 * the caller's role before exec runs.
 */
#ifndef BJJ_HANDLERS_COMMAND_H
#define BJJ_HANDLERS_COMMAND_H

#include <stddef.h>
#include <stdint.h>

#include "handlers/handlers.h"
#include "storage/store.h"

/* One update being handled. Lives on h_dispatch's stack. */
struct h_ctx {
	struct h_env *env;
	const struct h_msg *m;
	enum role role;
	enum lang lang;
	/* The record linked to the sender (kind 0 when none); owned, freed by
	 * h_dispatch. Owners may have one too (an owner who also trains). */
	struct person who;
	/* env->academy_name, HTML-escaped; owned, freed by h_dispatch. */
	char *academy;
	/* The command being run, NULL outside commands. */
	const struct h_command *cmd;
};

/* Flags of a command. */
#define H_CMD_TEST_ONLY 0x1 /* exists only when env->test_mode; never listed */

struct h_command {
	const char *name;          /* [a-z0-9_]{1,32} */
	enum role min_role;
	const char *usage[2];      /* arguments after "/name ", by enum lang; "" if none */
	const char *help[2];       /* one line, by enum lang (en, ru) */
	int flags;                 /* H_CMD_* */
	/* args: the text after the name, leading white space skipped (never
	 * NULL, may be ""). 0 when handled (bad input included), -1 on an
	 * internal failure (the update is rolled back). */
	int (*exec)(struct h_ctx *ctx, const char *args);
};

extern const struct h_command h_command_table[];
extern const size_t h_command_count;

/* 1 when c shows in /help and in the command menu of role r. */
int h_command_listed(const struct h_command *c, enum role r);

/*
 * Split args at white space (space, tab, newline). Returns the number of
 * words; *argv is an owned array of owned strings (strv_free), NULL when
 * there are none.
 */
size_t h_args_split(const char *args, char ***argv);

/* Reply "Usage: /name <usage>, Example: <example>" for ctx->cmd in
 * ctx->lang; example is a literal from texts.h. */
int h_reply_usage(struct h_ctx *ctx, const char *example);

/* The word for a person kind ("student", "trainer") in l; a literal. */
const char *h_kind_name(int kind, enum lang l);

/*
 * A student named by a command argument: "#12", or a fragment of their
 * name ("ivan", "Petrov"). Returns 1 with *out filled (the caller frees
 * it); 0 when it replied instead: no such student, or several match and
 * the user got buttons to pick one (the command then runs again with
 * "#<id>" in place of ref); -1 on a database failure. Inactive students
 * are found by "#id" always, by name only with H_FIND_INACTIVE.
 */
#define H_FIND_INACTIVE 0x1
int h_find_student(struct h_ctx *ctx, const char *ref, int flags, struct person *out);
/* Run text as if the user had typed it (used by the pick buttons). */
int h_route_as_text(struct h_ctx *ctx, const char *text);
/* Log who did what (db_audit with ctx's sender and time). 0 or -1. */
int h_audit(struct h_ctx *ctx, const char *action, const char *entity, int64_t id,
    const char *details);

/* ---- handlers, by area ---- */
/* register.c */
int h_cmd_start(struct h_ctx *ctx, const char *args);
int h_cmd_addstudent(struct h_ctx *ctx, const char *args);
int h_cmd_addtrainer(struct h_ctx *ctx, const char *args);
/* A shared contact (H_MSG_CONTACT). */
int h_contact(struct h_ctx *ctx);
/* help.c */
int h_cmd_help(struct h_ctx *ctx, const char *args);
/* resolve.c: the "pick" buttons */
int h_cb_pick(struct h_ctx *ctx, const char *key);
/* debug.c */
int h_cmd_debug_long(struct h_ctx *ctx, const char *args);

#endif
