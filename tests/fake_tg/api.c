/*
 * fake_tg/api.c — the Bot API emulator: updates, long polling and the
 * methods. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Updates and long polling ---- */

static int ft_update_allowed(const struct ft_update *u)
{
	if (strcmp(u->type, "message") == 0)
		return g.allow_message;
	if (strcmp(u->type, "callback_query") == 0)
		return g.allow_callback;
	return 1;
}

static int ft_pending_count(int64_t offset)
{
	int n = 0;
	for (size_t i = 0; i < g.n_updates; i++) {
		struct ft_update *u = &g.updates[i];
		if (!u->confirmed && u->id >= offset && ft_update_allowed(u))
			n++;
	}
	return n;
}

/* Answer a getUpdates with what is pending now (possibly nothing). */
static void ft_poll_answer(struct ft_conn *c, struct ft_call *call, int64_t offset, int limit)
{
	struct buf b = { 0 };
	int n = 0;
	buf_adds(&b, "{\"ok\":true,\"result\":[");
	for (size_t i = 0; i < g.n_updates && n < limit; i++) {
		struct ft_update *u = &g.updates[i];
		if (u->confirmed || u->id < offset || !ft_update_allowed(u))
			continue;
		if (n++)
			buf_adds(&b, ",");
		buf_adds(&b, u->json);
		u->delivered++;
		u->t_delivered = ft_now();
	}
	buf_adds(&b, "]}");
	call->ok = 1;
	size_t l = strlen(call->outcome);
	snprintf(call->outcome + l, sizeof call->outcome - l, "%s%d update(s)", l ? ", " : "", n);
	c->held = FT_HOLD_NONE;
	c->call = NULL;
	ev_timer_stop(g.loop, &c->timer);
	ft_conn_send(c, call, 200, "application/json", b.s, b.len, b.len);
	buf_release(&b);
}

void ft_conn_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	struct ft_conn *c = w->data;
	struct ft_call *call = c->call;
	if (c->dead || !call)
		return;
	if (c->held == FT_HOLD_POLL) {
		ft_poll_answer(c, call, c->poll_offset, c->poll_limit);
	} else if (c->held == FT_HOLD_DELAY) {
		c->held = FT_HOLD_NONE;
		c->call = NULL;
		ft_api(c, call, 0);
	}
	ft_conn_process(c);
}

/*
 * The connections holding a long poll, snapshotted: answering one may close
 * it and unlink it from g.conns (it is only freed later, in
 * ft_conn_free_dead, so the snapshot stays valid).
 */
static size_t ft_held_polls(struct ft_conn **out, size_t max)
{
	size_t n = 0;
	for (struct ft_conn *c = g.conns; c && n < max; c = c->next)
		if (!c->dead && c->held == FT_HOLD_POLL)
			out[n++] = c;
	return n;
}

/* Runs before the loop blocks: answer held polls when updates arrived. */
void ft_prepare_cb(struct ev_loop *loop, ev_prepare *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	ft_conn_free_dead();
	if (!g.updates_dirty)
		return;
	g.updates_dirty = 0;
	struct ft_conn *held[64];
	size_t n = ft_held_polls(held, 64);
	for (size_t i = 0; i < n; i++) {
		struct ft_conn *c = held[i];
		if (c->dead || c->held != FT_HOLD_POLL || ft_pending_count(c->poll_offset) == 0)
			continue;
		ft_poll_answer(c, c->call, c->poll_offset, c->poll_limit);
		ft_conn_process(c);
	}
}

static void ft_method_get_updates(struct ft_conn *c, struct ft_call *call)
{
	cJSON *p = call->params;
	int64_t offset = 0, v;
	double timeout = 0;
	int limit = 100;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "offset"), &v) == 0 && v > 0)
		offset = v;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "limit"), &v) == 0 && v >= 1 && v <= 100)
		limit = (int)v;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "timeout"), &v) == 0 && v > 0)
		timeout = v > 50 ? 50 : (double)v;
	cJSON *au = cJSON_GetObjectItemCaseSensitive(p, "allowed_updates");
	if (cJSON_IsString(au) && au->valuestring) {
		/* Form-encoded: the array arrives as a JSON string. */
		cJSON *parsed = cJSON_Parse(au->valuestring);
		if (cJSON_IsArray(parsed)) {
			cJSON_DeleteItemFromObjectCaseSensitive(p, "allowed_updates");
			cJSON_AddItemToObject(p, "allowed_updates", parsed);
			au = parsed;
		} else {
			cJSON_Delete(parsed);
		}
	}
	if (cJSON_IsArray(au)) {
		/* Like Telegram: the list sticks until a call names another;
		 * an empty list means the default (everything we generate). */
		int any = cJSON_GetArraySize(au) > 0;
		g.allow_message = !any;
		g.allow_callback = !any;
		char *s = cJSON_PrintUnformatted(au);
		snprintf(g.allowed_desc, sizeof g.allowed_desc, "%s", s ? s : "?");
		cJSON_free(s);
		const cJSON *it;
		cJSON_ArrayForEach(it, au) {
			if (!cJSON_IsString(it))
				continue;
			if (strcmp(it->valuestring, "message") == 0)
				g.allow_message = 1;
			if (strcmp(it->valuestring, "callback_query") == 0)
				g.allow_callback = 1;
		}
	}
	/* An offset beyond the newest id belongs to an older sequence (see
	 * "updates restart"): serve the queue from its start and confirm
	 * nothing, as Telegram does after it picked a new sequence. */
	if (offset > g.next_update_id)
		offset = 0;
	/* Everything below offset is confirmed: forget it, like Telegram. */
	for (size_t i = 0; i < g.n_updates; i++)
		if (g.updates[i].id < offset)
			g.updates[i].confirmed = 1;
	for (size_t i = 0; i < g.n_updates; i++) {
		struct ft_update *u = &g.updates[i];
		if (!u->confirmed && !ft_update_allowed(u)) {
			u->confirmed = 1;
			u->skipped = 1;
		}
	}
	/* A second long poll terminates the first, as on the real server. */
	struct ft_conn *held[64];
	size_t nh = ft_held_polls(held, 64);
	for (size_t i = 0; i < nh; i++) {
		struct ft_conn *o = held[i];
		if (o == c || o->dead || o->held != FT_HOLD_POLL)
			continue;
		struct ft_call *oc = o->call;
		o->held = FT_HOLD_NONE;
		o->call = NULL;
		ev_timer_stop(g.loop, &o->timer);
		ft_reply_err(o, oc, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0);
		ft_conn_process(o);
	}
	if (ft_pending_count(offset) > 0 || timeout <= 0) {
		ft_poll_answer(c, call, offset, limit);
		return;
	}
	c->held = FT_HOLD_POLL;
	c->call = call;
	c->poll_offset = offset;
	c->poll_limit = limit;
	ev_timer_set(&c->timer, ft_real(timeout), 0.);
	ev_timer_start(g.loop, &c->timer);
}

/* ---- Bot API methods ---- */

cJSON *ft_bot_user_json(void)
{
	cJSON *u = cJSON_CreateObject();
	cJSON_AddNumberToObject(u, "id", FT_BOT_ID);
	cJSON_AddBoolToObject(u, "is_bot", 1);
	cJSON_AddStringToObject(u, "first_name", "BJJ");
	cJSON_AddStringToObject(u, "username", FT_BOT_USERNAME);
	return u;
}

static struct ft_msg *ft_msg_find(int64_t chat, int64_t mid)
{
	for (size_t i = 0; i < g.n_msgs; i++)
		if (g.msgs[i].chat == chat && g.msgs[i].mid == mid)
			return &g.msgs[i];
	return NULL;
}

/* Labels of inline or reply keyboard buttons, one per line; NULL if none. */
char *ft_markup_labels(const cJSON *markup)
{
	if (!markup)
		return NULL;
	const cJSON *kb = cJSON_GetObjectItemCaseSensitive(markup, "inline_keyboard");
	if (!cJSON_IsArray(kb))
		kb = cJSON_GetObjectItemCaseSensitive(markup, "keyboard");
	if (!cJSON_IsArray(kb))
		return NULL;
	struct buf b = { 0 };
	const cJSON *row, *btn;
	cJSON_ArrayForEach(row, kb) {
		cJSON_ArrayForEach(btn, row) {
			const cJSON *t = cJSON_IsString(btn) ? btn : cJSON_GetObjectItemCaseSensitive(btn, "text");
			if (cJSON_IsString(t) && t->valuestring) {
				buf_adds(&b, t->valuestring);
				buf_adds(&b, "\n");
			}
		}
	}
	if (!b.s)
		buf_adds(&b, "");
	return b.s;
}

/* reply_markup may be an object (JSON body) or a JSON string (forms). */
static cJSON *ft_param_markup(cJSON *params, char *err, size_t errlen)
{
	cJSON *m = cJSON_GetObjectItemCaseSensitive(params, "reply_markup");
	if (!m)
		return NULL;
	cJSON *obj = NULL;
	if (cJSON_IsString(m))
		obj = cJSON_Parse(m->valuestring);
	else
		obj = cJSON_Duplicate(m, 1);
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		snprintf(err, errlen, "Bad Request: can't parse reply keyboard markup JSON object");
		return NULL;
	}
	const cJSON *kb = cJSON_GetObjectItemCaseSensitive(obj, "inline_keyboard");
	if (kb) {
		if (!cJSON_IsArray(kb)) {
			snprintf(err, errlen, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
			cJSON_Delete(obj);
			return NULL;
		}
		const cJSON *row, *btn;
		cJSON_ArrayForEach(row, kb) {
			if (!cJSON_IsArray(row)) {
				snprintf(err, errlen, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
				cJSON_Delete(obj);
				return NULL;
			}
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				const cJSON *d = cJSON_GetObjectItemCaseSensitive(btn, "callback_data");
				const cJSON *u = cJSON_GetObjectItemCaseSensitive(btn, "url");
				if (!cJSON_IsString(t) || !t->valuestring[0]) {
					snprintf(err, errlen, "Bad Request: can't find field \"text\"");
					cJSON_Delete(obj);
					return NULL;
				}
				if (d && (!cJSON_IsString(d) || strlen(d->valuestring) < 1 ||
				    strlen(d->valuestring) > FT_CALLBACK_DATA_LIMIT)) {
					snprintf(err, errlen, "Bad Request: BUTTON_DATA_INVALID");
					cJSON_Delete(obj);
					return NULL;
				}
				if (!d && !cJSON_IsString(u) && !cJSON_GetObjectItemCaseSensitive(btn, "switch_inline_query") &&
				    !cJSON_GetObjectItemCaseSensitive(btn, "web_app")) {
					snprintf(err, errlen, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
					cJSON_Delete(obj);
					return NULL;
				}
			}
		}
	}
	return obj;
}

/* The call's reply_markup into *markup (NULL: none); -1 when it is bad,
 * answered with Telegram's error. */
static int ft_call_markup(struct ft_conn *c, struct ft_call *call, cJSON **markup)
{
	char err[300] = "";

	*markup = ft_param_markup(call->params, err, sizeof err);
	if (err[0]) {
		ft_reply_err(c, call, 400, err, 0);
		return -1;
	}
	return 0;
}

static void ft_reply_add(int64_t chat, int64_t mid, const char *text, const cJSON *markup, int kind, int seq)
{
	ft_grow(&g.replies, &g.cap_replies, g.n_replies + 1, sizeof *g.replies);
	struct ft_reply *r = &g.replies[g.n_replies++];
	memset(r, 0, sizeof *r);
	r->chat = chat;
	r->mid = mid;
	r->text = xstrdup(text ? text : "");
	r->buttons = ft_markup_labels(markup);
	r->kind = kind;
	r->call_seq = seq;
	r->t = ft_now();
}

static cJSON *ft_message_json(int64_t chat, int64_t mid, const char *text, const cJSON *markup)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddNumberToObject(m, "message_id", (double)mid);
	cJSON_AddItemToObject(m, "from", ft_bot_user_json());
	cJSON *ch = cJSON_AddObjectToObject(m, "chat");
	cJSON_AddNumberToObject(ch, "id", (double)chat);
	cJSON_AddStringToObject(ch, "type", chat > 0 ? "private" : "group");
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	if (text)
		cJSON_AddStringToObject(m, "text", text);
	if (markup)
		cJSON_AddItemToObject(m, "reply_markup", cJSON_Duplicate(markup, 1));
	return m;
}

/* Checks common to sendMessage and editMessageText; 0 or an error sent. */
static int ft_check_text(struct ft_conn *c, struct ft_call *call)
{
	char err[300];
	if (!call->text || !call->text[0]) {
		ft_reply_err(c, call, 400, "Bad Request: message text is empty", 0);
		return -1;
	}
	const cJSON *pm = cJSON_GetObjectItemCaseSensitive(call->params, "parse_mode");
	int html = 0;
	if (cJSON_IsString(pm) && pm->valuestring[0]) {
		if (strcasecmp(pm->valuestring, "HTML") == 0)
			html = 1;
		else if (strcasecmp(pm->valuestring, "MarkdownV2") != 0 && strcasecmp(pm->valuestring, "Markdown") != 0) {
			ft_reply_err(c, call, 400, "Bad Request: unsupported parse_mode", 0);
			return -1;
		}
	}
	long len = ft_text_len(call->text, html, err, sizeof err);
	if (len < 0) {
		char desc[400];
		snprintf(desc, sizeof desc, "Bad Request: can't parse entities: %s", err);
		ft_reply_err(c, call, 400, desc, 0);
		return -1;
	}
	if (len > FT_TEXT_LIMIT) {
		ft_reply_err(c, call, 400, "Bad Request: message is too long", 0);
		return -1;
	}
	return 0;
}

static void ft_method_send_message(struct ft_conn *c, struct ft_call *call)
{
	if (!call->has_chat || call->chat == 0) {
		ft_reply_err(c, call, 400, "Bad Request: chat not found", 0);
		return;
	}
	if (ft_check_text(c, call) != 0)
		return;
	cJSON *markup;
	if (ft_call_markup(c, call, &markup) != 0)
		return;
	int64_t mid = g.next_mid++;
	ft_grow(&g.msgs, &g.cap_msgs, g.n_msgs + 1, sizeof *g.msgs);
	struct ft_msg *m = &g.msgs[g.n_msgs++];
	m->chat = call->chat;
	m->mid = mid;
	m->text = xstrdup(call->text);
	m->markup = markup;
	ft_reply_add(call->chat, mid, call->text, markup, 0, call->seq);
	ft_reply_ok(c, call, ft_message_json(call->chat, mid, call->text, markup));
}

static int ft_markup_equal(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return a == b;
	return cJSON_Compare(a, b, 1);
}

static void ft_method_edit(struct ft_conn *c, struct ft_call *call, int markup_only)
{
	if (cJSON_GetObjectItemCaseSensitive(call->params, "inline_message_id")) {
		ft_reply_ok(c, call, NULL);
		return;
	}
	int64_t mid = 0;
	if (!call->has_chat || ft_json_i64(cJSON_GetObjectItemCaseSensitive(call->params, "message_id"), &mid) != 0) {
		ft_reply_err(c, call, 400, "Bad Request: message identifier is not specified", 0);
		return;
	}
	struct ft_msg *m = ft_msg_find(call->chat, mid);
	if (!m) {
		ft_reply_err(c, call, 400, markup_only ? "Bad Request: message to edit not found" :
		    "Bad Request: message to edit not found", 0);
		return;
	}
	if (!markup_only && ft_check_text(c, call) != 0)
		return;
	cJSON *markup;
	if (ft_call_markup(c, call, &markup) != 0)
		return;
	const char *ntext = markup_only ? m->text : call->text;
	if (strcmp(ntext, m->text) == 0 && ft_markup_equal(markup, m->markup)) {
		cJSON_Delete(markup);
		ft_reply_err(c, call, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", 0);
		return;
	}
	if (!markup_only) {
		free(m->text);
		m->text = xstrdup(call->text);
	}
	/* An edit without reply_markup removes the inline keyboard. */
	cJSON_Delete(m->markup);
	m->markup = markup;
	ft_reply_add(call->chat, mid, m->text, markup, 1, call->seq);
	ft_reply_ok(c, call, ft_message_json(call->chat, mid, m->text, markup));
}

static void ft_method_answer_cbq(struct ft_conn *c, struct ft_call *call)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(call->params, "callback_query_id");
	if (!cJSON_IsString(id)) {
		ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
		return;
	}
	for (size_t i = 0; i < g.n_cbqs; i++) {
		struct ft_cbq *q = &g.cbqs[i];
		if (strcmp(q->id, id->valuestring) != 0)
			continue;
		q->answers++;
		if (q->answers > 1) {
			ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
			return;
		}
		ft_reply_ok(c, call, NULL);
		return;
	}
	ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
}

static void ft_method_send_document(struct ft_conn *c, struct ft_call *call)
{
	if (!call->has_chat || call->chat == 0) {
		ft_reply_err(c, call, 400, "Bad Request: chat not found", 0);
		return;
	}
	const cJSON *doc = cJSON_GetObjectItemCaseSensitive(call->params, "document");
	const char *fname = "document";
	if (cJSON_IsObject(doc)) {
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(doc, "filename");
		if (cJSON_IsString(fn))
			fname = fn->valuestring;
	} else if (!doc) {
		ft_reply_err(c, call, 400, "Bad Request: there is no document in the request", 0);
		return;
	}
	struct buf t = { 0 };
	buf_addf(&t, "[document %s]", fname);
	if (call->text)
		buf_addf(&t, " %s", call->text);
	int64_t mid = g.next_mid++;
	ft_reply_add(call->chat, mid, t.s, NULL, 2, call->seq);
	cJSON *m = ft_message_json(call->chat, mid, NULL, NULL);
	cJSON *d = cJSON_AddObjectToObject(m, "document");
	cJSON_AddStringToObject(d, "file_name", fname);
	cJSON_AddStringToObject(d, "file_id", "BQACAgIAAxkBAAI-fake");
	cJSON_AddStringToObject(d, "file_unique_id", "AgAD-fake");
	if (call->text)
		cJSON_AddStringToObject(m, "caption", call->text);
	buf_release(&t);
	ft_reply_ok(c, call, m);
}

static void ft_method_set_commands(struct ft_conn *c, struct ft_call *call)
{
	cJSON *cmds = cJSON_GetObjectItemCaseSensitive(call->params, "commands");
	cJSON *parsed = NULL;
	if (cJSON_IsString(cmds))
		cmds = parsed = cJSON_Parse(cmds->valuestring);
	int ok = cJSON_IsArray(cmds) && cJSON_GetArraySize(cmds) <= 100;
	const cJSON *it;
	if (ok) {
		cJSON_ArrayForEach(it, cmds) {
			const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "command");
			const cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "description");
			if (!cJSON_IsString(n) || !cJSON_IsString(d)) {
				ok = 0;
				break;
			}
			size_t nl = strlen(n->valuestring), dl = strlen(d->valuestring);
			if (nl < 1 || nl > 32 || dl < 1 || dl > 256 * 4) {
				ok = 0;
				break;
			}
			for (size_t k = 0; k < nl; k++) {
				char ch = n->valuestring[k];
				if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
					ok = 0;
			}
		}
	}
	cJSON_Delete(parsed);
	if (!ok)
		ft_reply_err(c, call, 400, "Bad Request: BOT_COMMAND_INVALID", 0);
	else
		ft_reply_ok(c, call, NULL);
}

/* The first fault that matches this call, consuming one use; or NULL. */
static struct ft_fault *ft_fault_take(struct ft_call *call)
{
	for (size_t i = 0; i < g.n_faults; i++) {
		struct ft_fault *f = &g.faults[i];
		if (f->times == 0)
			continue;
		if (strcmp(f->method, "*") != 0 && strcmp(f->method, call->method) != 0)
			continue;
		if (f->has_chat && (!call->has_chat || call->chat != f->chat))
			continue;
		if (f->after > 0) {
			f->after--;
			continue;
		}
		if (f->times > 0)
			f->times--;
		f->used++;
		return f;
	}
	return NULL;
}

static void ft_fault_apply(struct ft_conn *c, struct ft_call *call, struct ft_fault *f)
{
	call->fault = 1;
	snprintf(call->outcome, sizeof call->outcome, "FAULT(line %d) ", f->line);
	size_t l = strlen(call->outcome);
	switch (f->kind) {
	case FK_STATUS:
		/* ft_reply_err appends "<code> <desc>" to the outcome. */
		call->outcome[l - 1] = '\0';
		ft_reply_err(c, call, f->status, f->desc, f->retry_after);
		break;
	case FK_DROP:
		snprintf(call->outcome + l, sizeof call->outcome - l, "dropped");
		call->t_resp = ft_now();
		ft_conn_close(c, "fault: drop");
		break;
	case FK_RESET: {
		struct linger lg = { 1, 0 };
		snprintf(call->outcome + l, sizeof call->outcome - l, "reset");
		call->t_resp = ft_now();
		if (setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) != 0)
			fprintf(stderr, "fake_tg: setsockopt(SO_LINGER): %s\n", strerror(errno));
		ft_conn_close(c, "fault: reset");
		break;
	}
	case FK_HANG:
		snprintf(call->outcome + l, sizeof call->outcome - l, "hang");
		c->held = FT_HOLD_HANG;
		c->call = call;
		break;
	case FK_NONJSON: {
		static const char html[] = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
		    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n";
		snprintf(call->outcome + l, sizeof call->outcome - l, "non-JSON %d", f->status);
		ft_conn_send(c, call, f->status, "text/html", html, sizeof html - 1, sizeof html - 1);
		break;
	}
	case FK_TRUNCATE: {
		static const char part[] = "{\"ok\":true,\"result\":{\"message_id\":";
		snprintf(call->outcome + l, sizeof call->outcome - l, "truncated body");
		ft_conn_send(c, call, 200, "application/json", part, sizeof part - 1, 200);
		break;
	}
	case FK_DELAY:
		snprintf(call->outcome + l, sizeof call->outcome - l, "delayed %.1fs; ", f->delay);
		call->fault = 0;      /* the answer itself is genuine */
		c->held = FT_HOLD_DELAY;
		c->call = call;
		ev_timer_set(&c->timer, ft_real(f->delay), 0.);
		ev_timer_start(g.loop, &c->timer);
		break;
	}
}

static int ft_limited_method(const char *m)
{
	return strcmp(m, "sendMessage") == 0 || strcmp(m, "sendDocument") == 0 ||
	    strcmp(m, "editMessageText") == 0 || strcmp(m, "editMessageReplyMarkup") == 0;
}

/*
 * "limits on": seconds (the bots' time) until a message to call's chat
 * would be within Telegram's limits, or 0 when it is (and it is counted).
 */
static double ft_limit_take(const struct ft_call *call)
{
	double now = ft_bot_time(ft_now()), wait = 0;
	struct ft_chat_limit *cl = NULL;

	if (g.limit_count == FT_LIMIT_GLOBAL) {
		double until = g.limit_sent[g.limit_head] + 1.0;
		if (until > now)
			wait = until - now;
	}
	if (call->has_chat) {
		for (size_t i = 0; i < g.n_chat_limits && !cl; i++)
			if (g.chat_limits[i].chat == call->chat)
				cl = &g.chat_limits[i];
		if (!cl) {
			ft_grow(&g.chat_limits, &g.cap_chat_limits, g.n_chat_limits + 1, sizeof *g.chat_limits);
			cl = &g.chat_limits[g.n_chat_limits++];
			cl->chat = call->chat;
			cl->tokens = FT_LIMIT_BURST;
			cl->at = now;
		}
		cl->tokens = fmin(FT_LIMIT_BURST, cl->tokens + (now - cl->at) * FT_LIMIT_CHAT_RATE);
		cl->at = now;
		if (cl->tokens < 1.0)
			wait = fmax(wait, (1.0 - cl->tokens) / FT_LIMIT_CHAT_RATE);
	}
	if (wait > 0)
		return wait;
	if (cl)
		cl->tokens -= 1.0;
	if (g.limit_count < FT_LIMIT_GLOBAL) {
		g.limit_sent[(g.limit_head + g.limit_count++) % FT_LIMIT_GLOBAL] = now;
	} else {
		g.limit_sent[g.limit_head] = now;
		g.limit_head = (g.limit_head + 1) % FT_LIMIT_GLOBAL;
	}
	return 0;
}

void ft_api(struct ft_conn *c, struct ft_call *call, int allow_faults)
{
	const char *m = call->method;
	if (allow_faults) {
		struct ft_fault *f = ft_fault_take(call);
		if (f) {
			ft_fault_apply(c, call, f);
			return;
		}
	}
	if (g.limits && ft_limited_method(m)) {
		double wait = ft_limit_take(call);
		if (wait > 0) {
			int retry = (int)ceil(wait);
			char desc[64];
			snprintf(desc, sizeof desc, "Too Many Requests: retry after %d", retry);
			ft_reply_err(c, call, 429, desc, retry);
			return;
		}
	}
	if (strcmp(m, "getMe") == 0) {
		ft_reply_ok(c, call, ft_bot_user_json());
	} else if (strcmp(m, "getUpdates") == 0) {
		ft_method_get_updates(c, call);
	} else if (strcmp(m, "sendMessage") == 0) {
		ft_method_send_message(c, call);
	} else if (strcmp(m, "editMessageText") == 0) {
		ft_method_edit(c, call, 0);
	} else if (strcmp(m, "editMessageReplyMarkup") == 0) {
		ft_method_edit(c, call, 1);
	} else if (strcmp(m, "answerCallbackQuery") == 0) {
		ft_method_answer_cbq(c, call);
	} else if (strcmp(m, "sendDocument") == 0) {
		ft_method_send_document(c, call);
	} else if (strcmp(m, "setMyCommands") == 0) {
		ft_method_set_commands(c, call);
	} else if (strcmp(m, "deleteWebhook") == 0 || strcmp(m, "deleteMyCommands") == 0 ||
	    strcmp(m, "setMyDescription") == 0 || strcmp(m, "setMyShortDescription") == 0 ||
	    strcmp(m, "setChatMenuButton") == 0 || strcmp(m, "sendChatAction") == 0 ||
	    strcmp(m, "deleteMessage") == 0 || strcmp(m, "setWebhook") == 0) {
		ft_reply_ok(c, call, NULL);
	} else if (strcmp(m, "getWebhookInfo") == 0) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "url", "");
		cJSON_AddBoolToObject(r, "has_custom_certificate", 0);
		cJSON_AddNumberToObject(r, "pending_update_count", ft_pending_count(0));
		ft_reply_ok(c, call, r);
	} else {
		ft_reply_err(c, call, 404, "Not Found: method not found", 0);
	}
}
