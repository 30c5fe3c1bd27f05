/*
 * handlers.h — what the bot does. One entry point, h_dispatch, takes one
 * incoming update (already parsed by bot/) and turns it into database
 * changes and replies queued in the outbox, inside the caller's
 * transaction/savepoint. Handlers never touch the network or libev.
 *
 * The command table lives in handlers.c (name, minimum role, help text per
 * language, handler), one file per area beside it.
 */
#ifndef BJJ_HANDLERS_H
#define BJJ_HANDLERS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/util.h"
#include "bot/config.h"
#include "handlers/lang.h"

struct db;

enum role { ROLE_GUEST = 0, ROLE_STUDENT = 1, ROLE_TRAINER = 2, ROLE_OWNER = 3 };

enum h_msg_kind {
	H_MSG_TEXT = 1,        /* text (may be NULL for media we do not read) */
	H_MSG_CONTACT = 2,     /* a shared contact */
	H_MSG_CALLBACK = 3,    /* an inline button press */
	H_MSG_MEMBER = 4,      /* my_chat_member: the user blocked/unblocked us */
};

/*
 * One incoming update. Strings are borrowed (from the parsed JSON or the
 * console line) until h_dispatch returns; any may be NULL.
 */
struct h_msg {
	int kind;                  /* enum h_msg_kind */
	int64_t update_id;
	int64_t chat_id;
	int is_private;            /* chat.type == "private" */
	int64_t from_id;
	const char *from_first;
	const char *from_last;
	const char *from_username;
	const char *lang_code;     /* from.language_code */
	int64_t message_id;        /* message id, or the callback's message */
	const char *text;          /* H_MSG_TEXT */
	const char *contact_phone; /* H_MSG_CONTACT */
	int64_t contact_user_id;   /* H_MSG_CONTACT, 0 when absent */
	const char *cb_id;         /* H_MSG_CALLBACK */
	const char *cb_data;       /* H_MSG_CALLBACK */
	int member_blocked;        /* H_MSG_MEMBER: 1 kicked/left, 0 member */
};

/*
 * What the handlers need of the process: the settings, read-only, and
 * the state of this run. bot/ fills it (app_env_init); tests point cfg
 * at a struct config of their own.
 */
struct h_env {
	const struct config *cfg;  /* bot.conf as loaded and validated */
	struct db *db;
	const char *bot_username;  /* from getMe; NULL until known */
	enum lang default_lang;    /* of cfg->language */
	int64_t now;               /* clock_now() when the batch started */
	int test_mode;             /* BJJBOT_TEST=1: enables /debug_long for tests */
	struct h_api_run *api;     /* set while h_api_run runs a command, else NULL */
};

/*
 * Handle one update: route it, check the caller's role, run the handler,
 * queue replies (answerCallbackQuery first for callbacks). Returns 0 when
 * handled (including polite refusals and "unknown command"), -1 on an
 * internal failure; then the caller rolls the update's savepoint back.
 * *summary (may be NULL) gets a short static word for the log line:
 * the command name, "callback", "contact", "ignored", ...
 */
int h_dispatch(struct h_env *env, const struct h_msg *m, const char **summary);

/*
 * An update not handled because its sender writes too fast: a callback
 * query is answered (with the slow-down toast when notice), a message
 * gets the slow-down text when notice, else nothing; in the language
 * every reply to the sender uses (their stored one first). 0 or -1.
 */
int h_slow_down(struct h_env *env, const struct h_msg *m, int notice);

/*
 * The HTTP API's callers. A token (a JSON Web Token that /apitoken
 * issued, HS256) is good when its signature, algorithm and claims are,
 * its row is neither revoked nor expired at env->now, and its subject
 * still holds its role: an owner still in owner_ids, a student or
 * trainer record still active.
 */
struct h_api_caller {
	enum role role;
	int kind;                  /* API_SUBJECT_OWNER (0), PERSON_STUDENT, PERSON_TRAINER */
	int64_t subject_id;        /* record number, or the owner's Telegram id */
	int64_t token_id;
	int64_t expires_at;
};
enum h_api_auth { H_API_OK = 0, H_API_INVALID, H_API_EXPIRED, H_API_REVOKED, H_API_ERROR };
/* Check token (the text after "Bearer "): H_API_OK with *out filled, or
 * why it is refused (H_API_ERROR: the database failed, logged). */
enum h_api_auth h_api_token_check(struct h_env *env, const char *token, struct h_api_caller *out);
/* 1 when token's last part is the base64url HMAC-SHA256, under key, of
 * what comes before it, compared in constant time (libjwt 1.10.2 uses
 * strcmp); 0 otherwise. h_api_token_check runs it before libjwt. */
int h_api_signature_ok(const char *key, const char *token);
/* 1 when the subject of an API token or a calendar secret (kind as
 * h_api_caller's) is still who it was: an owner still in owner_ids, a
 * student or trainer record still active; 0 when not, -1 when the
 * database failed. */
int h_subject_current(struct h_env *env, int kind, int64_t subject_id);

/*
 * The HTTP API's writes run the Telegram commands themselves, so the
 * rules, audit rows and notifications are the commands' own. h_api_run
 * routes text ("/pay #5 1500.00 cash") or, when it does not start with
 * '/', a button's data ("att:3:5:late") as if the token's holder had sent
 * it in a private chat: the token's role, their stored language, never
 * the confirmation-tap mode. What the command answers its caller goes to
 * run->reply (HTML) instead of the outbox; messages to anyone else are
 * queued as usual. Every audit row it writes carries "via=api". Runs in
 * the caller's transaction: roll back unless run->done. 0, or -1 on an
 * internal failure.
 */
struct h_api_run {
	const char *entity;        /* in: the audit entity of the write ("payment") */
	struct buf reply;          /* out: the answer to the caller; buf_release it */
	int64_t id;                /* out: the first audited row of entity, else 0 */
	int done;                  /* out: 1 when the command did what was asked */
	int64_t chat_id;           /* where the caller's replies would have gone */
};
int h_api_run(struct h_env *env, const struct h_api_caller *caller, const char *text,
    struct h_api_run *run);

/* The least role that may run the command called name (ROLE_OWNER when
 * there is no such command). */
enum role h_command_role(const char *name);

/* The role of a Telegram user (owner by config, else linked records). */
enum role h_role_of(struct h_env *env, int64_t tg_id);
const char *h_role_name(enum role r);
/* 1 when tg_id is one of the owners ([telegram] owner_ids). */
int h_is_owner(const struct h_env *env, int64_t tg_id);
/* The language of a Telegram language_code or a config setting ("ru",
 * "en-US", "pt-br" for "pt"): the list's language whose code is the
 * prefix before '-' or '_'; def when none is. */
enum lang h_lang_from_code(const char *code, enum lang def);

/*
 * The BotCommand list a role sees, as a JSON array string for
 * setMyCommands ([{"command":"help","description":"..."}]). Owned.
 */
char *h_commands_json(enum role r, enum lang l);

/*
 * Queue setMyCommands for the default scope (guest list) and for every
 * owner's chat, in the default language and in each of ru/en. bot/ calls
 * it once at start.
 */
int h_queue_command_lists(struct h_env *env);

/*
 * Scheduled jobs, run by bot/scheduler.c each in a transaction of its own
 * with env->now set. Each is idempotent: what it sends is claimed in the
 * notification log first, so running it again (every tick, after a
 * restart, after a clock change) sends nothing twice. 0 or -1.
 */
int h_job_schedule(struct h_env *env);     /* generate trainings ahead */
int h_job_maintenance(struct h_env *env);  /* expire plans, end freezes, prune dashboard sessions */
int h_job_reminders(struct h_env *env);    /* classes starting soon */
int h_job_absences(struct h_env *env);     /* students who stopped coming */
int h_job_payments(struct h_env *env);     /* plans ending, last class, expired */
int h_job_eligibility(struct h_env *env);  /* newly eligible for promotion */
int h_job_exams(struct h_env *env);        /* exams tomorrow */
int h_job_digest(struct h_env *env);       /* the owners' daily digest */

/*
 * Delivery trouble reported by bot/sender.c, outside any update: chat_id
 * blocked the bot (403) or does not exist. Marks the person unreachable,
 * drops their pending messages and tells the owners who it was. Runs in
 * the caller's transaction. 0 or -1.
 */
int h_chat_unreachable(struct h_env *env, int64_t chat_id);
/* Tell the owners that getUpdates has been refused with 409 (another
 * bot instance or a webhook) for `seconds`. 0 or -1. */
int h_alert_conflict(struct h_env *env, int seconds);
/* Tell the owners, once per update (notification "poison:<id>"), that
 * update_id crashed the bot and was skipped. 0 or -1. */
int h_alert_poison(struct h_env *env, int64_t update_id);

enum h_health { H_HEALTH_DB, H_HEALTH_TELEGRAM, H_HEALTH_DISK, H_HEALTH_BACKUP };
/*
 * Tell the owners about a health problem once per incident: incident
 * names it ("db:<first error time>", "disk:/var/lib:<since>"), detail is
 * plain text (escaped here). Owner alerts about failures ignore quiet
 * hours. 0 (also when this incident was told already) or -1.
 */
int h_alert_health(struct h_env *env, enum h_health kind, const char *incident, const char *detail);

#endif
