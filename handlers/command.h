/*
 * command.h — what the handler files share: the per-update context, the
 * command table entry and the handlers of every area. Private to
 * handlers/ (bot/ sees only handlers.h).
 *
 * Adding a command: write `static int h_cmd_<name>(struct h_ctx *, const
 * char *)` in the file of its area and, after it, its entry with
 * H_COMMAND (below); add its name to H_COMMANDS below and its help, usage
 * and example texts to texts.h or the texts_<area>.h it includes (a usage
 * for staff too when some arguments are theirs only: H_TA_USAGE). Give the entry the argument spec its usage
 * describes, `.args = { .min = 2, .max = 2, .kind = { H_ARG_ID } }`
 * (struct h_args): the router has checked the caller's role, and the
 * number of words and the kinds the spec checks, before exec runs, so the
 * handler checks only what the spec cannot say; it reads the words with
 * h_args_words (nothing to free). test_argspec.c keeps the spec and the
 * English usage in step.
 */
#ifndef BJJ_HANDLERS_COMMAND_H
#define BJJ_HANDLERS_COMMAND_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/util.h"
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
	/* env->cfg->academy_name, HTML-escaped; in arena. */
	const char *academy;
	/* Memory for the update: what a handler allocates here (h_esc,
	 * arena_printf) lives until the update is handled, then the one who
	 * built the context (h_dispatch, h_api_run, h_slow_down) releases it
	 * all. Copies of the context share it. A loop that allocates per row
	 * marks and resets it each round (arena_mark). */
	struct arena *arena;
	/* The command being run, NULL outside commands. */
	const struct h_command *cmd;
	/* 1 when a name-pick button re-runs the command: money and destructive
	 * commands then ask for one confirmation tap (h_confirm_ask) instead
	 * of writing. */
	int confirm;
};

/* s (NULL: "") HTML-escaped, in the update's arena: for the update only. */
static inline const char *h_esc(struct h_ctx *ctx, const char *s)
{
	return html_escape_in(ctx->arena, s);
}

/* Flags of a command. */
#define H_CMD_TEST_ONLY 0x1 /* exists only when env->test_mode; never listed */
#define H_CMD_PUBLIC 0x2    /* also runs in group chats (shows no one's data);
                             * the others answer in private chats only */
#define H_CMD_STUDENT_FIRST 0x4 /* its first word names a student: a trainer's
                                 * full name there ("Ivan Petrov") is taken
                                 * as one (h_student_full_name) */
#define H_CMD_USAGE_TRAINER 0x8 /* trainers and owners see its staff usage */
#define H_CMD_USAGE_OWNER 0x10  /* owners see its staff usage */

/*
 * A command whose arguments only some roles may use has two usages: what
 * everyone may type, then (from usage[H_USAGE_STAFF] on, by enum lang) the
 * fuller one that H_CMD_USAGE_TRAINER or H_CMD_USAGE_OWNER shows to those
 * roles. The row gives both with H_TA_USAGE(T_USAGE_X, T_USAGE_X_STAFF).
 */
#define H_USAGE_STAFF LANG_COUNT
#define H_TA_STAFF_ITEM_(id, code, native, rule, NAME) \
	[H_USAGE_STAFF + LANG_##id] = NAME##_##id,
#define H_TA_USAGE(PLAIN, STAFF) \
	{ H_LANGS(H_TA_ITEM_, PLAIN) H_LANGS(H_TA_STAFF_ITEM_, STAFF) }

/*
 * The kind of a command's word (struct h_args). The router checks H_ARG_ID
 * and H_ARG_DATE (give them where a bad word gets the usage, not where
 * the handler says more, as "no class #x"); the others say what the
 * handler reads there.
 */
enum h_arg_kind {
	H_ARG_WORD,  /* one word: a keyword, a code, a number, a name's word */
	H_ARG_ID,    /* a record's number: "12", "#12", "№12" (h_number) */
	H_ARG_DATE,  /* a date (civil_parse_date), or "-" for none */
	H_ARG_BELT,  /* a belt's name: 1 to H_BELT_WORDS_MAX words */
	H_ARG_REST   /* this word and every one after it: a name, a phone
	              * typed with spaces, free text */
};
#define H_ARGS_KINDS 6     /* words with a kind; the ones after are words */
#define H_ARGS_MANY 255    /* h_args.max: no limit */

/*
 * The words a command takes after its name (split as h_args_words does,
 * after H_CMD_STUDENT_FIRST put "#<id>" for a student's full name). When
 * they do not fit, the router replies the command's usage with example
 * (h_reply_usage) instead of running it. A zero spec takes no words.
 */
struct h_args {
	unsigned char min;  /* fewest words */
	unsigned char max;  /* most words, H_ARGS_MANY for any number */
	/* By position: the kind of word i. The router checks them up to the
	 * first H_ARG_BELT or H_ARG_REST, whose words it cannot count. */
	enum h_arg_kind kind[H_ARGS_KINDS];
	/* 1: only callers who see the command's staff usage (H_USAGE_STAFF)
	 * are held to it; the others' words are the handler's. */
	int staff;
};

struct h_command {
	const char *name;          /* [a-z0-9_]{1,32} */
	enum role min_role;
	/* By enum lang: H_TA(T_USAGE_X) and H_TA(T_HELP_X), so a new language
	 * needs no new rows; read them with h_command_usage/h_command_help.
	 * usage: arguments after "/name "; "" if none; a staff usage after
	 * it (H_TA_USAGE, see H_USAGE_STAFF). */
	const char *usage[2 * LANG_COUNT];
	const char *help[LANG_COUNT];  /* one line */
	/* By enum lang, H_TA(T_EXAMPLE_X): the example of the usage reply;
	 * none for a command whose words always fit its spec. */
	const char *example[LANG_COUNT];
	int flags;                 /* H_CMD_* */
	struct h_args args;        /* the words it takes */
	/* args: the text after the name, white space around it skipped
	 * (never NULL, may be ""), its words fitting .args. 0 when handled
	 * (bad input included), -1 on an internal failure (the update is
	 * rolled back). */
	int (*exec)(struct h_ctx *ctx, const char *args);
};

/*
 * The entry of a command, after its handler in the file of its area:
 *
 *	H_COMMAND(setphone, SETPHONE, .min_role = ROLE_OWNER,
 *		.flags = H_CMD_STUDENT_FIRST,
 *		.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });
 *
 * defines `const struct h_command h_cmd_setphone_entry` named "setphone",
 * run by h_cmd_setphone, with the texts T_USAGE_SETPHONE, T_HELP_SETPHONE
 * and T_EXAMPLE_SETPHONE; the arguments after the two names are the other
 * fields, as designated initializers (.min_role, .flags, .args). NAME is
 * name in capitals: the stem of its texts.
 * H_COMMAND_USAGE takes the usage instead of T_USAGE_<NAME>: a usage
 * shared with other commands (H_TA(T_USAGE_STUDENT)), one with a staff
 * part (H_TA_USAGE(T_USAGE_NONE, T_USAGE_BELT_STAFF)) or none
 * (H_USAGE_NONE). H_COMMAND_ENTRY sets only the name, help and handler,
 * for a command with no example (whatever words it gets fit its spec):
 * give .usage there too.
 */
#define H_COMMAND_ENTRY(name_, NAME, ...) \
	const struct h_command h_cmd_##name_##_entry = { .name = #name_, \
	    .help = H_TA(T_HELP_##NAME), .exec = h_cmd_##name_, __VA_ARGS__ }
#define H_COMMAND_USAGE(name_, NAME, usage_, ...) \
	H_COMMAND_ENTRY(name_, NAME, .usage = usage_, .example = H_TA(T_EXAMPLE_##NAME), \
	    __VA_ARGS__)
#define H_COMMAND(name_, NAME, ...) \
	H_COMMAND_USAGE(name_, NAME, H_TA(T_USAGE_##NAME), __VA_ARGS__)
/* The usage of a command that takes no words. */
#define H_USAGE_NONE { "" }

/*
 * Every command, by name in the table's order: H_COMMANDS(X) expands
 * X(name) for each. Adding a command: define its entry (H_COMMAND) after
 * its handler in the file of its area, and add its name here.
 */
#define H_COMMANDS(X) \
	X(start) \
	X(help) \
	X(balance) \
	X(plans) \
	X(schedule) \
	X(checkin) \
	X(belt) \
	X(remind) \
	X(classes) \
	X(attendance) \
	X(promote) \
	X(eligible) \
	X(exam) \
	X(exams) \
	X(addstudent) \
	X(addtrainer) \
	X(addclass) \
	X(addtraining) \
	X(classtrainer) \
	X(editclass) \
	X(pauseclass) \
	X(resumeclass) \
	X(deleteclass) \
	X(cancel) \
	X(uncancel) \
	X(addplan) \
	X(sell) \
	X(pay) \
	X(freeze) \
	X(unfreeze) \
	X(refund) \
	X(payments) \
	X(void) \
	X(sub) \
	X(plan) \
	X(student) \
	X(students) \
	X(editstudent) \
	X(setphone) \
	X(setbirth) \
	X(deactivate) \
	X(reactivate) \
	X(invite) \
	X(invites) \
	X(unlink) \
	X(trainers) \
	X(trainer) \
	X(revenue) \
	X(stats) \
	X(report) \
	X(export) \
	X(backup) \
	X(beltrules) \
	X(beltrule) \
	X(leads) \
	X(answer) \
	X(announce) \
	X(apitoken) \
	X(apitokens) \
	X(calendar) \
	X(web) \
	X(debug_long) \
	X(debug_crash)
#define H_CMD_EXTERN_(name) extern const struct h_command h_cmd_##name##_entry;
H_COMMANDS(H_CMD_EXTERN_)
#undef H_CMD_EXTERN_

/* Pointers to the entries, in H_COMMANDS order. */
extern const struct h_command *const h_command_table[];
extern const size_t h_command_count;
/* The prefix of callback row i ("pick", ...) and its *min_role; NULL past
 * the last row. */
const char *h_callback_prefix(size_t i, enum role *min_role);

/* 1 when c shows in /help and in the command menu of role r. */
int h_command_listed(const struct h_command *c, enum role r);
/* c's usage for a caller of role r and its help line, in l (English when
 * a row lacks l); literals. */
const char *h_command_usage(const struct h_command *c, enum role r, enum lang l);
const char *h_command_help(const struct h_command *c, enum lang l);
/* The example of c's usage reply in l (English when the spec lacks l);
 * a literal, "" when c takes no words it could show. */
const char *h_command_example(const struct h_command *c, enum lang l);
/* 1 when args (the text after the name, trimmed) fit c's spec for
 * ctx->role, else 0. */
int h_args_fit(struct h_ctx *ctx, const struct h_command *c, const char *args);

/*
 * What a lookup of a command's argument (h_find_person, h_training_arg,
 * h_belt_arg, ...) did: found what it names (the out parameters are
 * filled), replied instead (no such thing, a bad argument, a question;
 * the command is done), or failed (the update is rolled back). H_REPLIED
 * and H_FAILED are what a command returns for the same outcome.
 */
enum h_found { H_FOUND = 1, H_REPLIED = 0, H_FAILED = -1 };
/* H_REPLIED when the reply was queued (reply_rc 0), else H_FAILED. */
static inline enum h_found h_replied(int reply_rc)
{
	return reply_rc == 0 ? H_REPLIED : H_FAILED;
}

/* Split args at white space (space, tab, newline, CR) into words in ctx's
 * arena (for the update only; nothing to free): how the router and a
 * command read the words. Returns their number; *argv NULL when none. */
size_t h_args_words(struct h_ctx *ctx, const char *args, char ***argv);

/*
 * A phone number typed as n words ("+7 900 123-45-67"): H_FOUND with
 * phone in E.164; H_REPLIED (it is not a phone) or H_FAILED.
 */
enum h_found h_phone_arg(struct h_ctx *ctx, char **words, size_t n, char phone[PHONE_MAX]);

/* Reply "Usage: /name <usage>, Example: <example>" for ctx->cmd in
 * ctx->lang; example is a literal from texts.h. */
int h_reply_usage(struct h_ctx *ctx, const char *example);

/* The language a person reads when we write to them first: the one their
 * Telegram app last reported, else the academy's. */
enum lang h_lang_of(struct h_env *env, int64_t tg_id);

/* The word for a person kind ("student", "trainer") in l; a literal. */
const char *h_kind_name(int kind, enum lang l);

/*
 * A person of kind (PERSON_STUDENT, PERSON_TRAINER) named by a command
 * argument: "#12", "12" or "№12", a fragment of their name ("ivan",
 * "Petrov"), a student also by their phone ("+79001234567"). Returns
 * H_FOUND with *out filled (the caller frees it); H_REPLIED when it
 * replied instead: no such person, or several match (a student: the user
 * got buttons to pick one, and the command then runs again with "#<id>"
 * in place of ref; trainers, who are few: listed with their numbers);
 * H_FAILED on a database failure.
 * Students are found by number and phone whether active or not, by name
 * only active ones unless H_FIND_INACTIVE; trainers active or not unless
 * H_FIND_ACTIVE. With H_FIND_NOBODY, "-" is H_FOUND with *out empty
 * (id 0): nobody.
 */
#define H_FIND_INACTIVE 0x1
#define H_FIND_ACTIVE 0x2
#define H_FIND_NOBODY 0x4
enum h_found h_find_person(struct h_ctx *ctx, int kind, const char *ref, int flags,
    struct person *out);
/* args whose first two words are the whole name of exactly one student
 * ("Sergey Popov 3 болезнь") with "#<id>" in their place ("#5 3
 * болезнь"), so a command that reads one word for the student takes a full
 * name too; NULL when they are not (or on a database failure). Owned. */
char *h_student_full_name(struct h_ctx *ctx, const char *args);
/* A record's number typed as "12", "#12" or "№12" (Russian keyboards):
 * 1 with *id > 0, else 0. */
int h_number(const char *s, int64_t *id);
/* Run text as if the user had typed it (used by the pick buttons). */
int h_route_as_text(struct h_ctx *ctx, const char *text);
/*
 * Instead of writing, reply question (HTML, the caller escaped it) with
 * Confirm / Cancel buttons; Confirm runs the command being handled
 * (ctx->m->text, its student resolved to "#id") again, for real. 0 or -1.
 */
int h_confirm_ask(struct h_ctx *ctx, const char *question);
/* A button {text, callback_data} appended to an inline keyboard row; a
 * row of one such button appended to an inline keyboard's rows. */
struct cJSON;
void h_button_add(struct cJSON *row, const char *text, const char *data);
void h_button_row_add(struct cJSON *rows, const char *text, const char *data);
/* A request of the HTTP API (h_api_run) is met although nothing was
 * audited: what it asks for was already so (the entity row id). No-op
 * outside the API. */
void h_api_done(struct h_ctx *ctx, const char *entity, int64_t id);
/* Run data as if the user had pressed a button carrying it. */
int h_route_as_callback(struct h_ctx *ctx, const char *data);
/* Log who did what (db_audit with ctx's sender and time; from the HTTP
 * API, details end in "via=api" and the entity's row marks it done).
 * 0 or -1. */
int h_audit(struct h_ctx *ctx, const char *action, const char *entity, int64_t id,
    const char *details);

/* ---- what the area files share (their commands: H_COMMANDS) ---- */
/* register.c */
/* A shared contact (H_MSG_CONTACT). */
int h_contact(struct h_ctx *ctx);
/* " (@username)" escaped, or "" when there is none; in ctx's arena. */
const char *h_username_html(struct h_ctx *ctx, const char *username);
/* A name, escaped: "First Last", or the one part there is (either may be
 * NULL or empty); in ctx's arena. */
const char *h_name_html(struct h_ctx *ctx, const char *first, const char *last);
/* Longest first or last name, in characters. */
#define H_PERSON_NAME_MAX 64
/* 1 when s is a first or last name we keep: 1 to H_PERSON_NAME_MAX
 * characters. */
int h_person_name_ok(const char *s);
/* Issue a new invite for record (kind, id) (older ones stop working),
 * audit it and append the link, or the code when the bot's username is
 * not known yet, to b. 0 or -1. */
struct buf;
int h_invite_issue(struct h_ctx *ctx, int kind, int64_t id, struct buf *b);
/* The command that issues a new invite for (kind, id), its keywords in
 * l; owned. */
char *h_invite_command(enum lang l, int kind, int64_t id);
/* The command that reactivates p ("/reactivate #5", "/trainer #2 on"),
 * its keywords in l; owned. */
char *h_reactivate_command(enum lang l, const struct person *p);
/* Reply with a new invite for p, or why it needs none (linked) or cannot
 * have one (inactive). 0 or -1. */
int h_person_invite(struct h_ctx *ctx, const struct person *p);
/* apitoken.c: the HTTP API's tokens ("apt" buttons revoke) */
int h_cb_apitoken(struct h_ctx *ctx, const char *key);
/* resolve.c: the "pick" buttons and their confirmations ("cfm") */
int h_cb_pick(struct h_ctx *ctx, const char *key);
int h_cb_confirm(struct h_ctx *ctx, const char *key);
/* promote.c: the "Promote anyway" button: "prm:<student>:<from>:<fs>:<to>:<ts>". */
int h_cb_promote(struct h_ctx *ctx, const char *key);
/* belts.c: belt names and ranks */
/*
 * The belt code that the last of the n words name (a code such as
 * "grey_white", a name in any language such as "синий", "синий пояс" or
 * "blue belt", an alias such as "gray" or "coral"; up to 4 words without
 * digits): H_FOUND with *code owned and *used the number of words;
 * H_REPLIED ("unknown belt" with the names) or H_FAILED.
 */
enum h_found h_belt_arg(struct h_ctx *ctx, char *const *words, size_t n, size_t *used,
    char **code);
/* The name of a belt code in l ("синий пояс", "blue belt"); code itself
 * when the code is not a belt we know. A literal or code (not escaped). */
const char *h_belt_name(enum lang l, const char *code);
/* A rank in words into b, HTML-escaped: "синий пояс, 2 полоски",
 * "black belt, degree 3". */
void h_rank_add(struct buf *b, enum lang l, const char *code, int stripes);
/* jobs.c: the answers to class reminders */
int h_cb_rsvp(struct h_ctx *ctx, const char *key);
/* When the quiet hours around now end (a student message's not_before),
 * or 0 when now is not in them. */
int64_t h_quiet_until(const struct h_env *env, int64_t now);
/* schedule.c (and attendance.c, which shares its helpers) */
/* Create the trainings of the coming env->cfg->schedule_days (idempotent), unless
 * they were generated for the same days already (bot_state). 0/-1. */
int h_schedule_generate(struct h_env *env);
/* The same whatever was generated before: the scheduler's job
 * (h_job_schedule), a full pass every tick. */
int h_schedule_generate_always(struct h_env *env);
/* Append local "Thu 28.05 19:00" (weekday in l). */
struct buf;
void h_add_when(struct buf *b, enum lang l, int64_t t);
/* "class"/"classes" or "занятие"/"занятия"/"занятий" for a count n. */
const char *h_classes_word(enum lang l, long long n);
/* A payment method ("cash", "card", "transfer", "other") as a word in l. */
const char *h_billing_method_word(const char *method, enum lang l);
/* The text after the first `words` words of args (borrowed from args). */
const char *h_args_after(const char *args, size_t words);
/* The class named by arg ("34" or "#34"): H_FOUND with *out filled (the
 * caller frees it), H_REPLIED (bad number, no such class) or H_FAILED. */
struct training;
enum h_found h_training_arg(struct h_ctx *ctx, const char *arg, struct training *out);
/* attendance.c */
int h_cb_checkin(struct h_ctx *ctx, const char *key);
int h_cb_attendance(struct h_ctx *ctx, const char *key);
/* Mark student at training (db_attendance_mark: the pack follows) by the
 * sender, and audit it when it changed. 0 or -1. */
struct att_effect;
int h_att_mark(struct h_ctx *ctx, int64_t training_id, int64_t student_id, int status,
    int source, struct att_effect *e);
/* billing.c */
/* The student card's money buttons: bil:<sell|pay|frz>:<student>, and the
 * plan picker's bil:sp:<student>:<plan>, bil:sc:<student>:<plan>:<price>:<m>. */
int h_cb_billing(struct h_ctx *ctx, const char *key);
/* At check-in without a valid plan: when the student's plan is frozen,
 * append that (self: to the student) and return 1; 0 when it is not,
 * -1 on failure. */
int h_billing_frozen_note(struct h_ctx *ctx, struct buf *b, int64_t student_id, int self);

/* admin.c */
/* The card buttons (stu:<id>:<action>) and the list pages (sts:...). */
int h_cb_student(struct h_ctx *ctx, const char *key);
int h_cb_students(struct h_ctx *ctx, const char *key);
/* news.c: guests' messages (leads) and announcements */
/* A guest's text in a private chat (not a command). */
int h_lead(struct h_ctx *ctx);
/* The Reply button under a lead: "lead:<id>". */
int h_cb_lead(struct h_ctx *ctx, const char *key);
/* An owner's text in a private chat (not a command): the answer to the
 * lead they pressed Reply on within the hour, else the /help hint. */
int h_owner_text(struct h_ctx *ctx);
/* The confirmation buttons of /announce: "ann:<id>:y|n". */
int h_cb_announce(struct h_ctx *ctx, const char *key);

#endif
