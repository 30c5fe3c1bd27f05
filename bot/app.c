/*
 * app.c — the daemon: one libev loop running the start-up calls (getMe,
 * deleteWebhook, command lists), the long-polling loop, the outbox sender
 * and the signal handlers.
 *
 * Invariant: the next getUpdates is sent only after the previous batch was
 * committed (batch_apply), so its offset confirms only applied updates.
 * After a crash the first batch that moves the offset is applied with
 * batch_apply_careful (poison updates, batch.h).
 */
#include "bot/app.h"

#include <errno.h>
#include <ev.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "bot/batch.h"
#include "bot/http.h"
#include "lib/log.h"
#include "lib/metrics.h"
#include "bot/pace.h"
#include "bot/scheduler.h"
#include "bot/sender.h"
#include "bot/telegram.h"
#include "lib/util.h"
#include "http/ratelimit.h"
#include "http/web.h"
#include "storage/store.h"

#define APP_CALL_TIMEOUT_S 30L
#define APP_BACKOFF_BASE 1.0
#define APP_BACKOFF_MAX 60.0
#define APP_CONFLICT_BASE 3.0
#define APP_CONFLICT_MAX 30.0

enum app_phase { APP_GETME, APP_WEBHOOK, APP_POLLING, APP_STOPPING };

struct app {
	struct ev_loop *loop;
	struct config *cfg;
	struct db *db;
	struct h_env env;
	struct http_client *http;
	struct tg_client *tg;
	struct sender *sender;
	struct scheduler *sched;
	struct web_env web_env;
	struct web *web;           /* the HTTP server, NULL when [http] listen is empty */
	enum app_phase phase;
	char *bot_username;
	int64_t last_update_id;
	int64_t lower_at;          /* batch_apply's memory of a batch below the offset */
	int careful;               /* after a crash: one update per transaction (batch.h) */
	struct pace_input input;   /* how fast each person may write */
	struct tg_call *call;      /* the start-up call or getUpdates in flight */
	ev_timer retry;            /* waits before the next call after an error */
	int failures;              /* consecutive failed calls */
	double conflict_since;     /* clock_bot() at the start of a run of 409s, 0 if none */
	int conflict_alerted;
	ev_signal sig_term, sig_int, sig_hup;
	ev_timer grace;            /* bounds the drain at shutdown */
	ev_idle menus;             /* queues the command menus once the first poll is out */
	int exit_code;
};

static void app_next(struct app *a);

struct db *app_open_db(const struct config *cfg, char *err, size_t errlen)
{
	struct db *db = db_open(cfg->database, err, errlen);
	if (db == NULL)
		return NULL;
	if (db_migrate(db, NULL, err, errlen) != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

void app_env_init(struct h_env *env, const struct config *cfg, struct db *db)
{
	memset(env, 0, sizeof(*env));
	env->cfg = cfg;
	env->db = db;
	env->default_lang = h_lang_from_code(cfg->language, LANG_RU);
	env->now = clock_now();
	const char *t = getenv("BJJBOT_TEST");
	env->test_mode = t != NULL && strcmp(t, "1") == 0;
}

int app_lock(const char *database, char *err, size_t errlen)
{
	char *path = xasprintf("%s.lock", database);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		snprintf(err, errlen, "cannot create lock file \"%s\": %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			snprintf(err, errlen, "another bjjbot is already running on \"%s\" (lock \"%s\" is held); "
			    "Telegram allows one poller per bot token", database, path);
		else
			snprintf(err, errlen, "cannot lock \"%s\": %s", path, strerror(errno));
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	return fd;
}

/* ---- retries -------------------------------------------------------- */

/* Call again after delay seconds of the bot's time (clock_span). */
static void app_retry_in(struct app *a, double delay)
{
	ev_timer_stop(a->loop, &a->retry);
	ev_timer_set(&a->retry, clock_span(delay), 0.);
	ev_timer_start(a->loop, &a->retry);
}

/* The wait after one more transient failure in a row. */
static double app_backoff(struct app *a, double base, double max)
{
	return pace_backoff(base, max, a->failures++, pace_jitter());
}

static void app_retry_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	app_next(w->data);
}

static void app_fatal(struct app *a, const char *what)
{
	log_error("main", "%s", what);
	a->exit_code = 1;
	ev_break(a->loop, EVBREAK_ALL);
}

static void app_unauthorized(struct app *a)
{
	app_fatal(a, "telegram rejected the bot token (401 Unauthorized): check [telegram] token "
	    "or BJJBOT_TOKEN (get one from @BotFather)");
}

/* A failed start-up or poll call: decide how long to wait. */
static void app_call_failed(struct app *a, const char *method, const struct tg_result *r)
{
	double delay;

	switch (r->status) {
	case TG_UNAUTHORIZED:
		app_unauthorized(a);
		return;
	case TG_FLOOD:
		delay = r->retry_after;
		break;
	case TG_CONFLICT:
		delay = app_backoff(a, APP_CONFLICT_BASE, APP_CONFLICT_MAX);
		break;
	default:
		delay = app_backoff(a, APP_BACKOFF_BASE, APP_BACKOFF_MAX);
		break;
	}
	log_warn("poll", "%s failed: %s (%d); retrying in %.1f s", method, r->description,
	    r->error_code, delay);
	app_retry_in(a, delay);
}

/* ---- the owners' alerts and the sender's hooks ----------------------------- */

/* A call of app_in_tx. */
struct app_tx {
	struct app *a;
	int (*fn)(struct app *a, int64_t arg);
	int64_t arg;
};

static int app_tx_run(void *arg)
{
	struct app_tx *t = arg;

	return t->fn(t->a, t->arg);
}

/* Run fn in a transaction of its own (outside any update batch). */
static void app_in_tx(struct app *a, int (*fn)(struct app *a, int64_t arg), int64_t arg)
{
	struct app_tx t = { .a = a, .fn = fn, .arg = arg };

	a->env.now = clock_now();
	if (db_transaction(a->db, app_tx_run, &t) != 0)
		return;
	sender_kick(a->sender);
}

static int app_unreachable_tx(struct app *a, int64_t chat)
{
	return h_chat_unreachable(&a->env, chat);
}

static int app_conflict_tx(struct app *a, int64_t seconds)
{
	return h_alert_conflict(&a->env, (int)seconds);
}

static void app_forbidden_cb(int64_t chat_id, const char *description, void *arg)
{
	(void)description;
	app_in_tx(arg, app_unreachable_tx, chat_id);
}

static void app_sender_fatal_cb(const char *description, void *arg)
{
	(void)description;
	app_unauthorized(arg);
}

static void app_stop_now(struct app *a)
{
	ev_break(a->loop, EVBREAK_ALL);
}

static void app_queued_cb(void *arg)
{
	struct app *a = arg;
	sender_kick(a->sender);
}

static void app_progress_cb(void *arg)
{
	struct app *a = arg;
	if (a->phase == APP_STOPPING && sender_idle(a->sender))
		app_stop_now(a);
}

/* ---- start-up and polling ------------------------------------------- */

static void app_getme_cb(const struct tg_result *r, void *arg)
{
	struct app *a = arg;
	const cJSON *u;

	a->call = NULL;
	if (r->status != TG_OK) {
		app_call_failed(a, "getMe", r);
		return;
	}
	u = cJSON_GetObjectItemCaseSensitive(r->result, "username");
	if (!cJSON_IsString(u)) {
		log_error("main", "getMe answered without a username");
		app_retry_in(a, app_backoff(a, APP_BACKOFF_BASE, APP_BACKOFF_MAX));
		return;
	}
	/* Stored only when it changed: a write of its own is an fsync on
	 * every start, before the first poll. */
	if (a->bot_username == NULL || strcmp(a->bot_username, u->valuestring) != 0) {
		free(a->bot_username);
		a->bot_username = xstrdup(u->valuestring);
		db_state_set_text(a->db, "bot_username", a->bot_username);
	}
	a->env.bot_username = a->bot_username;
	log_info("main", "connected to Telegram as @%s", a->bot_username);
	a->failures = 0;
	a->phase = APP_WEBHOOK;
	app_next(a);
}

static int app_commands_tx(struct app *a, int64_t unused)
{
	(void)unused;
	return h_queue_command_lists(&a->env);
}

/* The loop has nothing else to do: the first getUpdates is on its way
 * (libcurl wrote it, or waits for its connection), so the menus'
 * transaction and its fsync run while the poll waits, not before it. */
static void app_menus_cb(struct ev_loop *loop, ev_idle *w, int revents)
{
	(void)revents;
	ev_idle_stop(loop, w);
	app_in_tx(w->data, app_commands_tx, 0);
}

static void app_webhook_cb(const struct tg_result *r, void *arg)
{
	struct app *a = arg;

	a->call = NULL;
	if (r->status != TG_OK) {
		app_call_failed(a, "deleteWebhook", r);
		return;
	}
	a->failures = 0;
	a->phase = APP_POLLING;
	log_info("poll", "polling for updates from offset %lld", (long long)a->last_update_id + 1);
	app_next(a);
	ev_idle_start(a->loop, &a->menus);
}

static void app_conflict(struct app *a)
{
	double now = clock_bot();

	if (a->conflict_since == 0)
		a->conflict_since = now;
	if (!a->conflict_alerted && now - a->conflict_since >= a->cfg->conflict_alert_after) {
		a->conflict_alerted = 1;
		app_in_tx(a, app_conflict_tx, (int64_t)(now - a->conflict_since));
	}
}

static void app_updates_cb(const struct tg_result *r, void *arg)
{
	struct app *a = arg;

	a->call = NULL;
	scheduler_telegram(a->sched, r->status != TG_RETRY);
	if (r->status != TG_OK) {
		if (r->status == TG_CONFLICT)
			app_conflict(a);
		app_call_failed(a, "getUpdates", r);
		return;
	}
	if (a->conflict_since != 0)
		log_info("poll", "getUpdates works again after a conflict");
	a->conflict_since = 0;
	a->conflict_alerted = 0;
	metrics_poll_ok(clock_mono());
	metrics_updates(cJSON_GetArraySize(r->result));
	a->env.bot_username = a->bot_username;
	int64_t before = a->last_update_id;
	if ((a->careful ? batch_apply_careful : batch_apply)(&a->env, r->result,
	    &a->last_update_id, &a->lower_at, a->cfg->pace ? &a->input : NULL) < 0) {
		app_retry_in(a, app_backoff(a, APP_BACKOFF_BASE, APP_BACKOFF_MAX));
		return;
	}
	if (a->last_update_id == before && cJSON_GetArraySize(r->result) > 0) {
		/* Nothing in the batch moved the offset: asking again at
		 * once would bring the same batch at once, forever. */
		log_warn("poll", "getUpdates answered no usable update_id; asking again later");
		app_retry_in(a, app_backoff(a, APP_BACKOFF_BASE, APP_BACKOFF_MAX));
		return;
	}
	if (a->careful && a->last_update_id != before) {
		log_info("poll", "a batch was applied carefully; batches are one transaction again");
		a->careful = 0;
	}
	a->failures = 0;
	sender_kick(a->sender);
	app_next(a);
}

static void app_start_call(struct app *a, const char *method, cJSON *params, long timeout,
    tg_done_cb cb)
{
	a->call = tg_call(a->tg, method, params, timeout, cb, a);
	if (a->call == NULL)
		app_retry_in(a, app_backoff(a, APP_BACKOFF_BASE, APP_BACKOFF_MAX));
}

/* Send the call the current phase needs. */
static void app_next(struct app *a)
{
	cJSON *p;

	if (a->call != NULL)
		return;
	switch (a->phase) {
	case APP_GETME:
		app_start_call(a, "getMe", NULL, APP_CALL_TIMEOUT_S, app_getme_cb);
		break;
	case APP_WEBHOOK:
		/* Keep the pending updates: messages sent while we were down
		 * must be answered. */
		p = cJSON_CreateObject();
		cJSON_AddFalseToObject(p, "drop_pending_updates");
		app_start_call(a, "deleteWebhook", p, APP_CALL_TIMEOUT_S, app_webhook_cb);
		break;
	case APP_POLLING:
		p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "offset", (double)(a->last_update_id + 1));
		cJSON_AddNumberToObject(p, "timeout", a->cfg->poll_timeout);
		cJSON_AddItemToObject(p, "allowed_updates",
		    cJSON_Parse("[\"message\",\"callback_query\",\"my_chat_member\"]"));
		/* The client timeout exceeds the server's, or a half-dead
		 * connection would hang forever. */
		app_start_call(a, "getUpdates", p, a->cfg->poll_timeout + 10L, app_updates_cb);
		break;
	case APP_STOPPING:
		break;
	}
}

/* ---- signals and shutdown -------------------------------------------- */

static void app_grace_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct app *a = w->data;
	(void)loop;
	(void)revents;
	log_warn("main", "stopping with messages still in the outbox; they are sent on the next start");
	app_stop_now(a);
}

static void app_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct app *a = w->data;

	(void)loop;
	(void)revents;
	if (w->signum == SIGHUP) {
		if (log_reopen() != 0)
			log_error("main", "cannot reopen the log file: %s", strerror(errno));
		else
			log_info("main", "log file reopened");
		return;
	}
	if (a->phase == APP_STOPPING) {
		log_info("main", "second signal: stopping now");
		app_stop_now(a);
		return;
	}
	log_info("main", "signal %d: stopping (draining the outbox for up to %d s)", w->signum,
	    a->cfg->shutdown_grace);
	/* A poll in flight has not delivered anything yet: dropping it loses
	 * nothing, the next start asks again from the committed offset. */
	int polling = a->phase == APP_POLLING;
	tg_call_cancel(a->call);
	a->call = NULL;
	/* No new jobs while stopping; a backup in progress is abandoned
	 * (its partial file removed) and made again after the restart. */
	scheduler_stop(a->sched);
	a->sched = NULL;
	ev_timer_stop(a->loop, &a->retry);
	a->phase = APP_STOPPING;
	if (!polling || sender_idle(a->sender)) {
		app_stop_now(a);
		return;
	}
	sender_kick(a->sender);
	ev_timer_set(&a->grace, clock_span(a->cfg->shutdown_grace), 0.);
	ev_timer_start(a->loop, &a->grace);
}

int app_run(struct config *cfg)
{
	struct app a;
	char err[512];
	struct sender_hooks hooks;

	memset(&a, 0, sizeof(a));
	a.cfg = cfg;
	/* A peer that hangs up must not kill the process; libcurl reports it. */
	signal(SIGPIPE, SIG_IGN);
	a.db = app_open_db(cfg, err, sizeof(err));
	if (a.db == NULL) {
		log_error("main", "%s", err);
		return 1;
	}
	if (db_state_get_int(a.db, "last_update_id", 0, &a.last_update_id) != DB_OK) {
		db_close(a.db);
		return 1;
	}
	db_state_get_text(a.db, "bot_username", &a.bot_username);
	db_outbox_set_chat_max(a.db, cfg->outbox_per_chat);
	app_env_init(&a.env, cfg, a.db);
	a.env.bot_username = a.bot_username;
	log_info("main", "bjjbot %s starting; database \"%s\", schema %d", BJJBOT_VERSION,
	    cfg->database, db_version(a.db));
	if (batch_recover(&a.env, &a.last_update_id, &a.careful) != 0) {
		log_error("main", "cannot record the start in the database");
		db_close(a.db);
		free(a.bot_username);
		return 1;
	}
	pace_input_init(&a.input);
	clock_set_scale(cfg->time_scale);
	if (cfg->time_scale != 1.0)
		log_warn("main", "test time scale %g (BJJBOT_TIME_SCALE): pacing, timeouts and timers run "
		    "that many times faster", cfg->time_scale);
	srandom((unsigned)(clock_mono() * 1000.0) ^ (unsigned)getpid());

	a.loop = EV_DEFAULT;
	if (cfg->http_listen != NULL && *cfg->http_listen != '\0') {
		a.web_env = (struct web_env){ .h = &a.env, .cfg = cfg, .started = clock_mono(),
			.ratelimit = web_ratelimit_new(cfg->http_rate_limit, NULL) };
		if ((a.web = web_start(a.loop, &a.web_env, err, sizeof(err))) == NULL) {
			log_error("main", "%s", err);
			web_ratelimit_free(a.web_env.ratelimit);
			db_close(a.db);
			free(a.bot_username);
			return 1;
		}
	}
	a.http = http_client_new(a.loop);
	if (a.http == NULL) {
		web_stop(a.web);
		web_ratelimit_free(a.web_env.ratelimit);
		db_close(a.db);
		return 1;
	}
	a.tg = tg_client_new(a.http, cfg->api_url, cfg->token);
	hooks = (struct sender_hooks){ app_forbidden_cb, app_sender_fatal_cb, app_progress_cb, &a };
	a.sender = sender_new(a.loop, a.db, a.tg, &hooks);
	if (a.web != NULL)
		web_on_write(a.web, app_queued_cb, &a);
	if (!cfg->pace) {
		log_warn("main", "pace = off: replies and people's updates are not paced (benchmarks only)");
		sender_unpaced(a.sender);
	}
	struct scheduler_hooks sh = { app_queued_cb, &a };
	a.sched = scheduler_start(a.loop, &a.env, cfg, &sh);

	ev_timer_init(&a.retry, app_retry_cb, 0., 0.);
	a.retry.data = &a;
	ev_timer_init(&a.grace, app_grace_cb, 0., 0.);
	a.grace.data = &a;
	ev_idle_init(&a.menus, app_menus_cb);
	a.menus.data = &a;
	ev_signal_init(&a.sig_term, app_signal_cb, SIGTERM);
	ev_signal_init(&a.sig_int, app_signal_cb, SIGINT);
	ev_signal_init(&a.sig_hup, app_signal_cb, SIGHUP);
	a.sig_term.data = a.sig_int.data = a.sig_hup.data = &a;
	ev_signal_start(a.loop, &a.sig_term);
	ev_signal_start(a.loop, &a.sig_int);
	ev_signal_start(a.loop, &a.sig_hup);

	a.phase = APP_GETME;
	app_next(&a);
	/* Messages left over from the previous run go out while we start. */
	sender_kick(a.sender);
	ev_run(a.loop, 0);

	/* Shutdown order: stop new work, drop the requests (their easy
	 * handles leave the multi handle before it is cleaned up), stop the
	 * watchers, close the database last. */
	tg_call_cancel(a.call);
	web_stop(a.web);
	web_ratelimit_free(a.web_env.ratelimit);
	scheduler_stop(a.sched);
	sender_free(a.sender);
	tg_client_free(a.tg);
	http_client_free(a.http);
	ev_timer_stop(a.loop, &a.retry);
	ev_timer_stop(a.loop, &a.grace);
	ev_idle_stop(a.loop, &a.menus);
	ev_signal_stop(a.loop, &a.sig_term);
	ev_signal_stop(a.loop, &a.sig_int);
	ev_signal_stop(a.loop, &a.sig_hup);
	int64_t left = 0;
	db_outbox_count(a.db, &left);
	batch_stopped(a.db);
	db_close(a.db);
	free(a.bot_username);
	pace_input_release(&a.input);
	log_info("main", "stopped (exit %d, %lld messages left in the outbox)", a.exit_code, (long long)left);
	return a.exit_code;
}
