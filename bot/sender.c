/*
 * sender.c — the outbox drainer. See sender.h.
 *
 * Each tick reads the pending rows oldest first: of the messages only the
 * first of each chat, its head (later rows of the same chat wait for it,
 * so the parts of a split reply arrive in order, and a chat with a long
 * queue cannot hide the others), and every callback answer and command
 * menu, which go out without waiting for the chat's pace. A row goes out
 * when its not_before has passed, the pacer allows it, and fewer than
 * SENDER_MAX_INFLIGHT sends are running. A 429 for a message holds its
 * chat only; for any other call, every chat.
 *
 * The rows read are kept and worked through over several ticks; the
 * outbox is read again only when they are all started, when none of them
 * could go and a send finished since, when rows were changed or deleted
 * (a retry, a superseded edit: db_outbox_changed_gen), or when a held row
 * falls due. Rows added (sender_kick) come after every row read, in id
 * order: they make a read only when that read saw the whole outbox (fewer
 * than SENDER_SCAN_ROWS rows), once its rows are all started, or when
 * none of them can go and none is in flight, so a backlog is not read
 * again for every batch of updates.
 *
 * Rows Telegram accepted are deleted together, with the next transaction
 * that commits (db_outbox_accept: usually the next batch of updates), or
 * in one of their own when SENDER_FLUSH_ROWS wait, SENDER_FLUSH_S after
 * the first of them was accepted, and when the sender stops. One fsync
 * then covers many messages and a batch, and a crash sends again only
 * what Telegram accepted in those last milliseconds. Never more than one
 * message per chat: a read takes only each chat's oldest message, and an
 * accepted row still waiting for its delete is such a head (it is not
 * sent again), so a chat's next message is started only once the row of
 * the one before it is gone.
 */
#include "bot/sender.h"

#include <ev.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/metrics.h"
#include "bot/pace.h"
#include "bot/telegram.h"
#include "lib/util.h"
#include "storage/store.h"

#define SENDER_MAX_INFLIGHT 8
#define SENDER_SCAN_ROWS 256
#define SENDER_FLUSH_ROWS 256
#define SENDER_FLUSH_S 0.050
#define SENDER_FLUSH_RETRY_S 1.0
#define SENDER_TIMEOUT_S 30L
#define SENDER_BACKOFF_BASE 0.5
#define SENDER_BACKOFF_MAX 60.0

struct sender_job {
	struct sender *s;
	struct tg_call *call;      /* NULL: slot free */
	int64_t row_id;
	int64_t chat_id;
	int method;
	int plain;
	int attempts;
};

struct sender {
	struct ev_loop *loop;
	struct db *db;
	struct tg_client *tg;
	struct sender_hooks hooks;
	ev_timer timer;
	ev_timer flush_timer;      /* deletes the accepted rows; real seconds */
	struct pace pace;
	int unpaced;               /* pace = off: the pacer is not asked */
	double paused_until;       /* monotonic; after a 429 */
	struct sender_job jobs[SENDER_MAX_INFLIGHT];
	int inflight;
	struct outbox_item *items; /* the rows of the last read, owned */
	unsigned char *started;    /* per item: sent, or being sent */
	size_t n_items;
	int stale;                 /* rows were changed by the sender since the read */
	int added;                 /* rows were added since the read (sender_kick) */
	unsigned long changed_gen; /* db_outbox_changed_gen at the read */
	int finished;              /* sends finished since the read */
	int64_t due_at;            /* a held row falls due then: read again; 0 none */
	unsigned long read_gen;    /* db_outbox_accepted_gen at the read */
	struct sender_stats stats;
};

/* Wake after that many seconds of the bot's time (clock_span). */
static void sender_arm(struct sender *s, double after)
{
	if (after < 0)
		after = 0;
	after = clock_span(after);
	if (ev_is_active(&s->timer)) {
		double left = ev_timer_remaining(s->loop, &s->timer);
		if (left <= after)
			return;
		ev_timer_stop(s->loop, &s->timer);
	}
	ev_timer_set(&s->timer, after, 0.);
	ev_timer_start(s->loop, &s->timer);
}

void sender_kick(struct sender *s)
{
	s->added = 1;
	sender_arm(s, 0);
}

/* Delete the rows Telegram accepted. 0, or -1 (logged) and they wait. */
static int sender_flush(struct sender *s)
{
	if (db_outbox_flush_accepted(s->db) != DB_OK)
		return -1;
	ev_timer_stop(s->loop, &s->flush_timer);
	return 0;
}

static void sender_flush_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct sender *s = w->data;

	(void)revents;
	if (sender_flush(s) != 0) {
		ev_timer_set(w, SENDER_FLUSH_RETRY_S, 0.);
		ev_timer_start(loop, w);
		return;
	}
	/* Deleted now or by another commit: the chats' next rows show. */
	if (db_outbox_accepted_gen(s->db) != s->read_gen)
		sender_arm(s, 0);
}

/* A message waits while one to its chat is in flight (order); any other
 * call only while the same row is. */
static int sender_busy(const struct sender *s, const struct outbox_item *it)
{
	int per_chat = outbox_in_chat(it->method);

	for (int i = 0; i < SENDER_MAX_INFLIGHT; i++) {
		const struct sender_job *j = &s->jobs[i];
		if (j->call == NULL)
			continue;
		if (j->row_id == it->id)
			return 1;
		if (per_chat && outbox_in_chat(j->method) && j->chat_id == it->chat_id)
			return 1;
	}
	return 0;
}

static void sender_row_done(struct sender *s, struct sender_job *j)
{
	/* Read again while it was in flight, it must not go twice. */
	for (size_t i = 0; i < s->n_items; i++)
		if (s->items[i].id == j->row_id)
			s->started[i] = 1;
	s->stats.sent++;
	if (db_outbox_accept(s->db, j->row_id) >= SENDER_FLUSH_ROWS && sender_flush(s) == 0)
		return;
	if (!ev_is_active(&s->flush_timer)) {
		ev_timer_set(&s->flush_timer, SENDER_FLUSH_S, 0.);
		ev_timer_start(s->loop, &s->flush_timer);
	}
}

/* A row left the outbox or changed: what was read is out of date. Read
 * again soon: a row dropped before it went (sender_start) frees its
 * chat's next row, which no send finishing would show. */
static void sender_row_drop(struct sender *s, int64_t row_id)
{
	db_outbox_delete(s->db, row_id);
	s->stale = 1;
	sender_arm(s, 0);
}

static void sender_row_retry(struct sender *s, struct sender_job *j, double delay, int plain)
{
	int64_t at = clock_now() + (int64_t)ceil(delay);
	db_outbox_retry(s->db, j->row_id, delay > 0 ? at : 0, plain);
	s->stats.retried++;
	s->stale = 1;
}

/* The label of a send's result in /metrics. */
static const char *sender_result_name(enum tg_status st)
{
	static const char *const names[] = { "ok", "retry", "flood", "forbidden", "bad_request",
	    "unauthorized", "conflict" };
	return (size_t)st < BJJ_ARRAY_LEN(names) ? names[st] : "other";
}

static void sender_result_cb(const struct tg_result *r, void *arg)
{
	struct sender_job *j = arg;
	struct sender *s = j->s;
	const char *d = r->description;

	j->call = NULL;
	s->inflight--;
	metrics_send(sender_result_name(r->status));
	switch (r->status) {
	case TG_OK:
		sender_row_done(s, j);
		break;
	case TG_FLOOD:
		/* A message's chat waits behind the retried row, its head; the
		 * other chats go on. Calls without a chat pause everything. */
		if (outbox_in_chat(j->method)) {
			log_warn("send", "flood control for chat %lld: waiting %d s", (long long)j->chat_id,
			    r->retry_after);
			/* The row's not_before counts whole seconds: the pacer
			 * keeps the wait exact. */
			pace_hold(&s->pace, j->chat_id, r->retry_after, clock_bot());
		} else {
			log_warn("send", "flood control: waiting %d s", r->retry_after);
			s->paused_until = clock_bot() + r->retry_after;
		}
		sender_row_retry(s, j, r->retry_after, j->plain);
		break;
	case TG_FORBIDDEN:
		log_info("send", "chat %lld is unreachable: %s", (long long)j->chat_id, d);
		sender_row_drop(s, j->row_id);
		s->stats.dropped++;
		s->hooks.forbidden(j->chat_id, d, s->hooks.arg);
		break;
	case TG_BAD_REQUEST:
		if (r->bad == TG_BAD_NOT_MODIFIED) {
			sender_row_done(s, j);
		} else if (r->bad == TG_BAD_ENTITIES && !j->plain) {
			log_warn("send", "HTML rejected (%s); resending as plain text", d);
			sender_row_retry(s, j, 0, 1);
		} else if (r->bad == TG_BAD_CHAT_NOT_FOUND && outbox_in_chat(j->method)) {
			/* Only a message proves the person is gone: a command
			 * menu for an owner who never opened the bot fails so
			 * too, and is just dropped below. */
			sender_row_drop(s, j->row_id);
			s->stats.dropped++;
			s->hooks.forbidden(j->chat_id, d, s->hooks.arg);
		} else {
			log_warn("send", "dropping a message to chat %lld: %d %s", (long long)j->chat_id, r->error_code, d);
			sender_row_drop(s, j->row_id);
			s->stats.dropped++;
		}
		break;
	case TG_UNAUTHORIZED:
		s->hooks.fatal(d, s->hooks.arg);
		return;
	case TG_RETRY:
	case TG_CONFLICT:
		log_warn("send", "send failed (%s), retrying", d);
		sender_row_retry(s, j, pace_backoff(SENDER_BACKOFF_BASE, SENDER_BACKOFF_MAX,
		    j->attempts, pace_jitter()), j->plain);
		break;
	}
	s->finished++;
	sender_arm(s, 0);
	if (s->hooks.progress)
		s->hooks.progress(s->hooks.arg);
}

static const char *sender_method_name(int method)
{
	switch (method) {
	case OB_SEND_MESSAGE: return "sendMessage";
	case OB_EDIT_MESSAGE: return "editMessageText";
	case OB_ANSWER_CALLBACK: return "answerCallbackQuery";
	case OB_SET_COMMANDS: return "setMyCommands";
	case OB_SEND_DOCUMENT: return "sendDocument";
	}
	return NULL;
}

/*
 * The JSON body of a message or an edit, written directly: they are
 * nearly every call, and a cJSON tree built, printed and freed per reply
 * cost more than the rest of the request. The stored markup is JSON
 * already; one that is not is left out, as the other calls do.
 */
static char *sender_message_body(const struct outbox_item *it, int plain)
{
	struct buf b = { 0 };
	char *t = plain ? html_to_plain(it->text) : NULL;

	buf_addf(&b, "{\"chat_id\":%lld", (long long)it->chat_id);
	if (it->method == OB_EDIT_MESSAGE)
		buf_addf(&b, ",\"message_id\":%lld", it->ref ? strtoll(it->ref, NULL, 10) : 0LL);
	buf_adds(&b, ",\"text\":");
	buf_add_json_str(&b, plain ? t : it->text);
	if (!plain)
		buf_adds(&b, ",\"parse_mode\":\"HTML\"");
	if (it->markup) {
		/* Pasted as it is: one JSON object and nothing after it. */
		cJSON *mk = cJSON_ParseWithOpts(it->markup, NULL, 1);
		if (cJSON_IsObject(mk)) {
			buf_adds(&b, ",\"reply_markup\":");
			buf_adds(&b, it->markup);
		} else {
			log_warn("send", "outbox row %lld: reply_markup is not JSON; sent without it", (long long)it->id);
		}
		cJSON_Delete(mk);
	}
	if (it->method == OB_SEND_MESSAGE)
		buf_adds(&b, ",\"link_preview_options\":{\"is_disabled\":true}");
	buf_addc(&b, '}');
	free(t);
	return buf_detach(&b);
}

/* The parameters of the other calls (answers, command menus). */
static cJSON *sender_params(const struct outbox_item *it)
{
	cJSON *p = cJSON_CreateObject();

	switch (it->method) {
	case OB_ANSWER_CALLBACK:
		cJSON_AddStringToObject(p, "callback_query_id", it->ref ? it->ref : "");
		if (it->text)
			cJSON_AddStringToObject(p, "text", it->text);
		break;
	case OB_SET_COMMANDS: {
		cJSON *cmds = cJSON_Parse(it->text ? it->text : "[]");
		cJSON *scope = cJSON_AddObjectToObject(p, "scope");
		cJSON_AddItemToObject(p, "commands", cmds ? cmds : cJSON_CreateArray());
		if (it->chat_id) {
			cJSON_AddStringToObject(scope, "type", "chat");
			cJSON_AddNumberToObject(scope, "chat_id", (double)it->chat_id);
		} else {
			cJSON_AddStringToObject(scope, "type", "default");
		}
		if (it->ref)
			cJSON_AddStringToObject(p, "language_code", it->ref);
		break;
	}
	}
	return p;
}

static void sender_start(struct sender *s, const struct outbox_item *it)
{
	struct sender_job *j = NULL;
	const char *method = sender_method_name(it->method);

	for (int i = 0; i < SENDER_MAX_INFLIGHT && j == NULL; i++)
		if (s->jobs[i].call == NULL)
			j = &s->jobs[i];
	if (method == NULL) {
		log_error("send", "outbox row %lld has unknown method %d; dropped", (long long)it->id, it->method);
		sender_row_drop(s, it->id);
		return;
	}
	j->s = s;
	j->row_id = it->id;
	j->chat_id = it->chat_id;
	j->method = it->method;
	j->plain = it->plain;
	j->attempts = it->attempts;
	if (it->method == OB_SEND_DOCUMENT) {
		char chat[32];
		snprintf(chat, sizeof(chat), "%lld", (long long)it->chat_id);
		const char *slash = it->ref ? strrchr(it->ref, '/') : NULL;
		/* After "can't parse entities" the caption goes as plain text,
		 * as for messages (without parse_mode, last field dropped). */
		char *caption = it->plain ? html_to_plain(it->text) : NULL;
		struct http_field f[] = {
			{ "chat_id", chat, NULL, NULL },
			{ "document", NULL, it->ref ? it->ref : "", slash ? slash + 1 : it->ref },
			{ "caption", caption ? caption : it->text ? it->text : "", NULL, NULL },
			{ "parse_mode", "HTML", NULL, NULL },
		};
		size_t n_fields = BJJ_ARRAY_LEN(f) - (it->plain ? 1 : 0);
		j->call = tg_call_form(s->tg, method, f, n_fields, SENDER_TIMEOUT_S * 4, sender_result_cb, j);
		free(caption);
	} else if (it->method == OB_SEND_MESSAGE || it->method == OB_EDIT_MESSAGE) {
		char *body = sender_message_body(it, it->plain);
		j->call = tg_send_json(s->tg, method, body, SENDER_TIMEOUT_S, sender_result_cb, j);
		free(body);
	} else {
		j->call = tg_call(s->tg, method, sender_params(it), SENDER_TIMEOUT_S, sender_result_cb, j);
	}
	if (j->call == NULL) {
		/* Could not even start (a document vanished): do not loop on it. */
		log_error("send", "outbox row %lld (%s) could not be sent; dropped", (long long)it->id, method);
		sender_row_drop(s, it->id);
		s->stats.dropped++;
		return;
	}
	s->inflight++;
}

/* Start what may go of the rows read; how many started. *next: the
 * seconds until the earliest one that must wait. */
static int sender_start_read(struct sender *s, int64_t now, double mono, double *next)
{
	int n_started = 0;

	for (size_t i = 0; i < s->n_items && s->inflight < SENDER_MAX_INFLIGHT; i++) {
		const struct outbox_item *it = &s->items[i];
		if (s->started[i] || sender_busy(s, it))
			continue;
		if (it->not_before > now) {
			*next = fmin(*next, (double)(it->not_before - now));
			continue;
		}
		int per_chat = outbox_in_chat(it->method);
		if (!s->unpaced) {
			double wait = pace_wait(&s->pace, it->chat_id, per_chat, mono);
			if (wait > 0) {
				*next = fmin(*next, wait);
				continue;
			}
			pace_record(&s->pace, it->chat_id, per_chat, mono);
		}
		s->started[i] = 1;
		n_started++;
		sender_start(s, it);
	}
	return n_started;
}

static int sender_all_started(const struct sender *s)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (!s->started[i])
			return 0;
	return 1;
}

/* Read the outbox again. 0 or -1. */
static int sender_read(struct sender *s, int64_t now)
{
	int64_t when;

	outbox_items_free(s->items, s->n_items);
	free(s->started);
	s->items = NULL;
	s->started = NULL;
	s->n_items = 0;
	/* Rows held on purpose (quiet hours) and never tried are not read:
	 * later rows of their chat, such as replies to what the person
	 * writes now, need not wait for them. A retried row stays its
	 * chat's head, so the parts of a reply keep their order. Only each
	 * chat's head message is read, so every chat gets its turn. */
	if (db_outbox_sendable(s->db, now, SENDER_SCAN_ROWS, &s->items, &s->n_items) != DB_OK)
		return -1;
	s->started = xcalloc(s->n_items + 1, 1);
	/* Sent already: the head that keeps its chat's next row back until
	 * its delete commits. */
	for (size_t i = 0; i < s->n_items; i++)
		s->started[i] = (unsigned char)db_outbox_is_accepted(s->db, s->items[i].id);
	s->read_gen = db_outbox_accepted_gen(s->db);
	s->changed_gen = db_outbox_changed_gen(s->db);
	s->stale = 0;
	s->added = 0;
	s->finished = 0;
	s->due_at = db_outbox_next_due(s->db, &when) == DB_OK && when > now ? when : 0;
	return 0;
}

static void sender_tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct sender *s = w->data;
	double mono = clock_bot(), next = INFINITY;
	int64_t now = clock_now();
	int n_started = 0, changed;

	(void)loop;
	(void)revents;
	if (mono < s->paused_until) {
		sender_arm(s, s->paused_until - mono);
		return;
	}
	changed = s->stale || db_outbox_changed_gen(s->db) != s->changed_gen;
	if (!changed && (s->due_at == 0 || now < s->due_at))
		n_started = sender_start_read(s, now, mono, &next);
	/* What was read is all there is until rows are changed, one falls
	 * due, accepted rows were deleted and their chats' next rows show,
	 * or rows were added and the read saw the end of the outbox, or its
	 * rows are all started, or none of them can go now and none is in
	 * flight (all held: the new rows must not wait for them). */
	if (changed || (s->due_at != 0 && now >= s->due_at) ||
	    ((sender_all_started(s) || (n_started == 0 && s->finished > 0)) &&
	    db_outbox_accepted_gen(s->db) != s->read_gen) ||
	    (s->added && (s->n_items < SENDER_SCAN_ROWS || sender_all_started(s) ||
	    (n_started == 0 && s->inflight == 0)))) {
		if (sender_read(s, now) != 0) {
			sender_arm(s, 5.0);
			return;
		}
		next = INFINITY;
		sender_start_read(s, now, mono, &next);
	}
	pace_prune(&s->pace, mono);
	/* Wake for the earliest held row too. */
	if (s->due_at != 0)
		next = fmin(next, (double)(s->due_at - now));
	if (next < INFINITY)
		sender_arm(s, next);
}

struct sender *sender_new(struct ev_loop *loop, struct db *db, struct tg_client *tg,
    const struct sender_hooks *hooks)
{
	struct sender *s = xcalloc(1, sizeof(*s));

	s->loop = loop;
	s->db = db;
	s->tg = tg;
	s->hooks = *hooks;
	pace_init(&s->pace);
	ev_timer_init(&s->timer, sender_tick_cb, 0., 0.);
	s->timer.data = s;
	ev_timer_init(&s->flush_timer, sender_flush_cb, 0., 0.);
	s->flush_timer.data = s;
	return s;
}

void sender_unpaced(struct sender *s)
{
	s->unpaced = 1;
}

void sender_free(struct sender *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < SENDER_MAX_INFLIGHT; i++)
		tg_call_cancel(s->jobs[i].call);
	ev_timer_stop(s->loop, &s->timer);
	sender_flush(s);
	ev_timer_stop(s->loop, &s->flush_timer);
	outbox_items_free(s->items, s->n_items);
	free(s->started);
	pace_release(&s->pace);
	free(s);
}

/* Rows held for the end of the quiet hours do not count: waiting for them
 * would only spend the whole grace period at every stop in the night. */
int sender_idle(struct sender *s)
{
	struct outbox_item *items = NULL;
	size_t n = 0;

	if (s->inflight > 0 || sender_flush(s) != 0)
		return 0;
	if (db_outbox_sendable(s->db, clock_now(), 1, &items, &n) != DB_OK)
		return 0;
	outbox_items_free(items, n);
	return n == 0;
}

void sender_stats(const struct sender *s, struct sender_stats *out)
{
	*out = s->stats;
}
