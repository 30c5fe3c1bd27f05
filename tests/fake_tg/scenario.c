/*
 * fake_tg/scenario.c — the scenario interpreter's building blocks: words,
 * users and updates, expectations on replies, faults. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Scenario parsing helpers ---- */

/* Next whitespace-separated word (a "quoted string" counts as one). */
char *ft_word(char **sp)
{
	char *s = *sp;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (!*s) {
		*sp = s;
		return NULL;
	}
	char *w = s;
	if (*s == '"') {
		w = ++s;
		while (*s && *s != '"')
			s++;
		if (*s != '"')
			ft_fail("a closing quote — got %s", w - 1);
	} else {
		while (*s && !isspace((unsigned char)*s))
			s++;
	}
	if (*s)
		*s++ = '\0';
	*sp = s;
	return w;
}

/*
 * Strip a trailing "KW DURATION" ("within 5s", "for 3s") from s and return
 * the duration; def when s does not end that way.
 */
double ft_take_within(char *s, const char *kw, double def)
{
	size_t kl = strlen(kw);
	ft_trim(s);
	char *last = strrchr(s, ' ');
	if (!last)
		return def;
	char *pe = last;
	while (pe > s && isspace((unsigned char)pe[-1]))
		pe--;
	char *ps = pe;
	while (ps > s && !isspace((unsigned char)ps[-1]))
		ps--;
	if ((size_t)(pe - ps) != kl || strncmp(ps, kw, kl) != 0)
		return def;
	double d = ft_parse_duration(last + 1);
	if (d < 0)
		ft_fail("a duration after '%s' (like 10s or 500ms) — got %s", kw, last + 1);
	*ps = '\0';
	ft_trim(s);
	return d;
}

int64_t ft_need_i64(const char *w, const char *what)
{
	int64_t v;
	if (!w || parse_i64(w, &v) != 0)
		ft_fail("%s (an integer) — got %s", what, w ? w : "nothing");
	return v;
}

void ft_var_set(const char *name, const char *value)
{
	for (size_t i = 0; i < g.n_vars; i++) {
		if (strcmp(g.vars[i].name, name) == 0) {
			free(g.vars[i].value);
			g.vars[i].value = xstrdup(value);
			return;
		}
	}
	if (strlen(name) >= sizeof g.vars[0].name)
		ft_fail("a variable name under 64 characters — got %s", name);
	ft_grow(&g.vars, &g.cap_vars, g.n_vars + 1, sizeof *g.vars);
	snprintf(g.vars[g.n_vars].name, sizeof g.vars[0].name, "%s", name);
	g.vars[g.n_vars++].value = xstrdup(value);
}

/* ${NAME} substitution; an unknown name fails the step. */
char *ft_substitute(const char *s)
{
	struct buf b = { 0 };
	while (*s) {
		if (s[0] == '$' && s[1] == '{') {
			const char *e = strchr(s + 2, '}');
			if (!e)
				ft_fail("a closing } — got %s", s);
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(e - s - 2), s + 2);
			size_t i;
			for (i = 0; i < g.n_vars; i++)
				if (strcmp(g.vars[i].name, name) == 0)
					break;
			if (i == g.n_vars)
				ft_fail("variable ${%s} to be set (by '=> %s' on an earlier bot line) — it is not", name, name);
			buf_adds(&b, g.vars[i].value);
			s = e + 1;
		} else {
			buf_add(&b, s, 1);
			s++;
		}
	}
	if (!b.s)
		buf_adds(&b, "");
	return b.s;
}

/* ---- Users and updates ---- */

static struct ft_user *ft_user_get(int64_t id)
{
	for (size_t i = 0; i < g.n_users; i++)
		if (g.users[i].id == id)
			return &g.users[i];
	ft_grow(&g.users, &g.cap_users, g.n_users + 1, sizeof *g.users);
	struct ft_user *u = &g.users[g.n_users++];
	memset(u, 0, sizeof *u);
	u->id = id;
	snprintf(u->first, sizeof u->first, "User%" PRId64, id);
	snprintf(u->lang, sizeof u->lang, "en");
	return u;
}

/* The user's names as a Bot API User or private Chat carries them: the
 * last name and username only when set. */
static void ft_add_names(cJSON *o, const struct ft_user *u)
{
	cJSON_AddStringToObject(o, "first_name", u->first);
	if (u->last[0])
		cJSON_AddStringToObject(o, "last_name", u->last);
	if (u->username[0])
		cJSON_AddStringToObject(o, "username", u->username);
}

static cJSON *ft_user_json(const struct ft_user *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)u->id);
	cJSON_AddBoolToObject(o, "is_bot", 0);
	ft_add_names(o, u);
	if (u->lang[0])
		cJSON_AddStringToObject(o, "language_code", u->lang);
	return o;
}

static cJSON *ft_private_chat_json(const struct ft_user *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)u->id);
	cJSON_AddStringToObject(o, "type", "private");
	ft_add_names(o, u);
	return o;
}

/* Queue an update; its payload (message, callback_query) is consumed. */
static void ft_update_queue(const char *type, cJSON *payload)
{
	cJSON *root = cJSON_CreateObject();
	int64_t id = g.next_update_id++;
	cJSON_AddNumberToObject(root, "update_id", (double)id);
	cJSON_AddItemToObject(root, type, payload);
	char *s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		abort();
	ft_grow(&g.updates, &g.cap_updates, g.n_updates + 1, sizeof *g.updates);
	struct ft_update *u = &g.updates[g.n_updates++];
	memset(u, 0, sizeof *u);
	u->id = id;
	u->json = xstrdup(s);
	cJSON_free(s);
	snprintf(u->type, sizeof u->type, "%s", type);
	u->t_queued = ft_now();
	u->line = g.cur_line;
	/* Answered from ft_prepare_cb, so consecutive user lines form one batch. */
	g.updates_dirty = 1;
	ft_verbose("queued update %" PRId64 ": %s", id, u->json);
}

/* "\n" in scenario texts means a newline; "\\" a backslash. */
static char *ft_unescape(const char *s)
{
	char *d = xmalloc(strlen(s) + 1), *o = d;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return d;
}

/* Split "LEFT > RIGHT" at the first " > " (or a line ending " >"). */
static char *ft_split_arrow(char *s, const char *arrow_desc)
{
	char *a = strstr(s, " > ");
	if (!a && (a = strstr(s, " >")) && a[2] != '\0')
		a = NULL;
	if (!a)
		ft_fail("'%s' — no ' > ' in the line", arrow_desc);
	*a = '\0';
	char *r = a + 2;
	if (*r == ' ')
		r++;
	return r;
}

static cJSON *ft_message_base(const struct ft_user *u)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddNumberToObject(m, "message_id", (double)g.next_mid++);
	cJSON_AddItemToObject(m, "from", ft_user_json(u));
	cJSON_AddItemToObject(m, "chat", ft_private_chat_json(u));
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	return m;
}

/* Queue a text message from u (a leading /command gets its entity). */
static void ft_queue_text(const struct ft_user *u, const char *t)
{
	cJSON *m = ft_message_base(u);
	cJSON_AddStringToObject(m, "text", t);
	if (t[0] == '/') {
		/* Telegram marks the command; bots may rely on the entity. */
		size_t cl = strcspn(t, " \n");
		cJSON *ents = cJSON_AddArrayToObject(m, "entities");
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", "bot_command");
		cJSON_AddNumberToObject(e, "offset", 0);
		cJSON_AddNumberToObject(e, "length", (double)cl);
		cJSON_AddItemToArray(ents, e);
	}
	ft_update_queue("message", m);
}

/* user UID [FIRST [LAST...]] [@USERNAME] [lang=XX] > TEXT */
void ft_step_user(char *args)
{
	char *text = ft_split_arrow(args, "user UID [names] [@username] [lang=xx] > TEXT");
	char *w = ft_word(&args);
	int64_t uid = ft_need_i64(w, "a user id after 'user'");
	struct ft_user *u = ft_user_get(uid);
	int named = 0;
	while ((w = ft_word(&args)) != NULL) {
		if (w[0] == '@') {
			snprintf(u->username, sizeof u->username, "%s", w + 1);
		} else if (strncmp(w, "lang=", 5) == 0) {
			snprintf(u->lang, sizeof u->lang, "%s", w + 5);
		} else if (!named) {
			snprintf(u->first, sizeof u->first, "%s", w);
			u->last[0] = '\0';
			named = 1;
		} else {
			size_t l = strlen(u->last);
			snprintf(u->last + l, sizeof u->last - l, "%s%s", l ? " " : "", w);
		}
	}
	char *t = ft_unescape(text);
	if (!t[0])
		ft_fail("a message text after '>' — it is empty");
	ft_queue_text(u, t);
	free(t);
}

/* flood UID N > TEXT: N copies of a message from a known (or default) user. */
void ft_step_flood(char *args)
{
	char *text = ft_split_arrow(args, "flood UID N > TEXT");
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'flood'");
	int64_t n = ft_need_i64(ft_word(&args), "a count after 'flood UID'");
	if (n < 1 || n > 100000)
		ft_fail("a count from 1 to 100000 — got %" PRId64, n);
	char *t = ft_unescape(text);
	if (!t[0])
		ft_fail("a message text after '>' — it is empty");
	struct ft_user *u = ft_user_get(uid);
	for (int64_t i = 0; i < n; i++)
		ft_queue_text(u, t);
	free(t);
}

/* contact UID > PHONE [user_id=N|none] [first=NAME] [last=NAME] */
void ft_step_contact(char *args)
{
	char *rest = ft_split_arrow(args, "contact UID > PHONE [user_id=N]");
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'contact'");
	struct ft_user *u = ft_user_get(uid);
	char *phone = ft_word(&rest);
	if (!phone)
		ft_fail("a phone number after '>' — got nothing");
	int64_t cuid = uid;
	int has_cuid = 1;
	const char *first = u->first, *last = u->last;
	char *w;
	while ((w = ft_word(&rest)) != NULL) {
		if (strcmp(w, "user_id=none") == 0)
			has_cuid = 0;
		else if (strncmp(w, "user_id=", 8) == 0)
			cuid = ft_need_i64(w + 8, "user_id=N");
		else if (strncmp(w, "first=", 6) == 0)
			first = w + 6;
		else if (strncmp(w, "last=", 5) == 0)
			last = w + 5;
		else
			ft_fail("user_id=, first= or last= — got %s", w);
	}
	cJSON *m = ft_message_base(u);
	cJSON *c = cJSON_AddObjectToObject(m, "contact");
	cJSON_AddStringToObject(c, "phone_number", phone);
	cJSON_AddStringToObject(c, "first_name", first);
	if (last && last[0])
		cJSON_AddStringToObject(c, "last_name", last);
	if (has_cuid)
		cJSON_AddNumberToObject(c, "user_id", (double)cuid);
	ft_update_queue("message", m);
}

/* ---- Expectations on replies ---- */

void ft_describe_replies(struct buf *b, int64_t chat)
{
	int n = 0;
	for (size_t i = 0; i < g.n_replies; i++) {
		struct ft_reply *r = &g.replies[i];
		if (r->chat != chat)
			continue;
		n++;
		buf_addf(b, "\n    %s %s #%" PRId64 " at %.3fs: ", r->read ? "[read]  " : "[UNREAD]",
		    r->kind == 1 ? "edit" : r->kind == 2 ? "doc " : "send", r->mid, r->t);
		ft_buf_snippet(b, r->text, 300);
		if (r->buttons && r->buttons[0]) {
			buf_adds(b, " buttons=");
			ft_buf_snippet(b, r->buttons, 200);
		}
	}
	if (!n)
		buf_addf(b, "\n    (nothing was delivered to chat %" PRId64 ")", chat);
	int failed = 0;
	for (size_t i = 0; i < g.n_calls; i++)
		if (g.calls[i]->has_chat && g.calls[i]->chat == chat && !g.calls[i]->ok)
			failed++;
	if (failed)
		buf_addf(b, "\n    (%d call(s) to this chat were not delivered: see the calls below)", failed);
	int running = 0;
	for (size_t i = 0; i < g.n_bots; i++)
		running += g.bots[i]->running;
	if (!running)
		buf_adds(b, "\n    (no bot is running)");
}

/* VAR1 gets group 1 (the whole match when there are no groups), VAR2 group 2... */
static void ft_capture(const struct ft_pat *pat, const char *subj, const regmatch_t *ms, const char *vars)
{
	if (pat->kind != FT_PAT_RE || pat->neg)
		ft_fail("a positive ~regex pattern to capture into '%s' — got %s", vars, pat->src);
	char *vl = xstrdup(vars), *vp = vl, *name;
	size_t group = pat->re.re_nsub ? 1 : 0;
	while ((name = ft_word(&vp)) != NULL) {
		if (group >= 10 || group > pat->re.re_nsub)
			ft_fail("capture group %zu for ${%s} in %s — the regex has %zu group(s)", group, name,
			    pat->src, pat->re.re_nsub);
		const regmatch_t *m = &ms[group];
		char *v = m->rm_so < 0 ? xstrdup("") :
		    xstrndup(subj + m->rm_so, (size_t)(m->rm_eo - m->rm_so));
		ft_var_set(name, v);
		ft_verbose("${%s} = %s", name, v);
		free(v);
		group++;
	}
	free(vl);
}

static void ft_last_set(int64_t chat, size_t idx)
{
	for (size_t i = 0; i < g.n_lasts; i++) {
		if (g.lasts[i].chat == chat) {
			g.lasts[i].idx = idx;
			return;
		}
	}
	ft_grow(&g.lasts, &g.cap_lasts, g.n_lasts + 1, sizeof *g.lasts);
	g.lasts[g.n_lasts].chat = chat;
	g.lasts[g.n_lasts++].idx = idx;
}

/* Cut " => VAR..." off args; the VAR list, or NULL when there is none. */
static char *ft_cut_vars(char *args)
{
	char *arrow = strstr(args, " => ");

	if (arrow == NULL)
		return NULL;
	*arrow = '\0';
	return arrow + 4;
}

/* also UID PATTERN [=> VAR...]: check the reply the last "bot UID <" matched. */
void ft_step_also(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'also'");
	char *vars = ft_cut_vars(args);
	size_t i;
	for (i = 0; i < g.n_lasts; i++)
		if (g.lasts[i].chat == chat)
			break;
	if (i == g.n_lasts)
		ft_fail("an earlier 'bot %" PRId64 " <' step whose reply 'also' checks — there is none", chat);
	struct ft_reply *r = &g.replies[g.lasts[i].idx];
	struct ft_pat pat;
	ft_pat_parse(ft_trim(args), &pat);
	regmatch_t m[10];
	const char *subj = ft_reply_subject(&pat, r);
	int hit = ft_pat_match(&pat, subj, m, 10);
	if (hit == pat.neg) {
		struct buf b = { 0 };
		ft_buf_snippet(&b, subj, 600);
		ft_fail("the reply to %" PRId64 " matched before (#%" PRId64 ") %s %s — it is %s", chat, r->mid,
		    pat.neg ? "not to match" : "also to match", pat.neg ? pat.src + 1 : pat.src, b.s);
	}
	if (vars)
		ft_capture(&pat, subj, m, vars);
	ft_pat_release(&pat);
}

struct ft_expect {
	int64_t chat;
	struct ft_pat *pat;
	size_t found;          /* index in g.replies */
	regmatch_t m[10];
};

static int ft_pred_reply(void *arg)
{
	struct ft_expect *e = arg;
	for (size_t i = 0; i < g.n_replies; i++) {
		struct ft_reply *r = &g.replies[i];
		if (r->chat != e->chat || r->read)
			continue;
		if (ft_pat_match(e->pat, ft_reply_subject(e->pat, r), e->m, 10)) {
			e->found = i;
			return 1;
		}
	}
	return 0;
}

/* bot UID < PATTERN [within D] [=> VAR...] */
static void ft_expect_reply(int64_t chat, char *rest, const char *vars)
{
	char *pattern = ft_trim(rest);
	struct ft_pat pat;
	ft_pat_parse(pattern, &pat);
	double within = pat.neg ? FT_WAIT_NEGATIVE : FT_WAIT_DEFAULT;
	ft_pat_release(&pat);
	within = ft_take_within(pattern, "within", within);
	ft_pat_parse(pattern, &pat);
	struct ft_expect e = { .chat = chat, .pat = &pat };
	if (pat.neg) {
		if (vars)
			ft_fail("no '=> VAR' on a negative expectation — got one");
		/* Nothing may come for that long in the bots' time. */
		if (ft_wait_for(ft_pred_reply, &e, ft_real(within))) {
			struct buf b = { 0 };
			ft_describe_replies(&b, chat);
			ft_fail("no unread reply to %" PRId64 " matching %s for %.1fs — reply #%" PRId64 " matched:%s",
			    chat, pat.src + 1, within, g.replies[e.found].mid, b.s);
		}
		ft_pat_release(&pat);
		return;
	}
	if (!ft_wait_for(ft_pred_reply, &e, within)) {
		struct buf b = { 0 };
		ft_describe_replies(&b, chat);
		ft_fail("a reply to %" PRId64 " matching %s within %.1fs — none came; replies to that chat:%s",
		    chat, pat.src, within, b.s);
	}
	/* Everything unread before the match was skipped on purpose. */
	for (size_t i = 0; i <= e.found; i++)
		if (g.replies[i].chat == chat)
			g.replies[i].read = 1;
	ft_last_set(chat, e.found);
	if (vars)
		ft_capture(&pat, ft_reply_subject(&pat, &g.replies[e.found]), e.m, vars);
	ft_pat_release(&pat);
}

void ft_step_bot(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'bot'");
	char *vars = ft_cut_vars(args);
	char *lt = ft_word(&args);
	if (!lt || strcmp(lt, "<") != 0)
		ft_fail("'bot UID < PATTERN' — got '%s' after the id", lt ? lt : "");
	ft_expect_reply(chat, args, vars);
}

/* capture VAR from UID ~REGEX [within D] */
void ft_step_capture(char *args)
{
	char *name = ft_word(&args);
	char *from = ft_word(&args);
	if (!name || !from || strcmp(from, "from") != 0)
		ft_fail("'capture VAR from UID ~REGEX' — got something else");
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'from'");
	ft_expect_reply(chat, args, name);
}

struct ft_silence {
	int64_t chat;
	size_t hit;
};

static int ft_pred_any_unread(void *arg)
{
	struct ft_silence *s = arg;
	for (size_t i = 0; i < g.n_replies; i++)
		if (g.replies[i].chat == s->chat && !g.replies[i].read) {
			s->hit = i;
			return 1;
		}
	return 0;
}

/* silent UID [for D]: no unread reply now and none for D. */
void ft_step_silent(char *args)
{
	double d = ft_take_within(args, "for", FT_WAIT_NEGATIVE);
	struct ft_silence s = { .chat = ft_need_i64(ft_word(&args), "a chat id after 'silent'") };
	if (ft_wait_for(ft_pred_any_unread, &s, ft_real(d))) {
		struct buf b = { 0 };
		ft_describe_replies(&b, s.chat);
		ft_fail("no new reply to %" PRId64 " for %.1fs — got one:%s", s.chat, d, b.s);
	}
}

/* skip UID: mark every reply to UID read. */
void ft_step_skip(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'skip'");
	for (size_t i = 0; i < g.n_replies; i++)
		if (g.replies[i].chat == chat)
			g.replies[i].read = 1;
}

struct ft_press {
	int64_t chat;
	struct ft_pat *pat;
	struct ft_msg *msg;
	const cJSON *btn;
};

static int ft_pred_press(void *arg)
{
	struct ft_press *p = arg;
	p->msg = NULL;
	p->btn = NULL;
	for (size_t i = g.n_msgs; i-- > 0;) {
		struct ft_msg *m = &g.msgs[i];
		if (m->chat != p->chat || !m->markup)
			continue;
		const cJSON *kb = cJSON_GetObjectItemCaseSensitive(m->markup, "inline_keyboard");
		if (!cJSON_IsArray(kb))
			continue;
		p->msg = m;         /* the latest message with an inline keyboard */
		const cJSON *row, *btn;
		cJSON_ArrayForEach(row, kb) {
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				if (cJSON_IsString(t) && ft_pat_match(p->pat, t->valuestring, NULL, 0)) {
					p->btn = btn;
					return 1;
				}
			}
		}
		return 0;
	}
	return 0;
}

/* press UID LABEL [within D] */
void ft_step_press(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_DEFAULT);
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'press'");
	char *label = ft_trim(args);
	if (!label[0])
		ft_fail("a button label after the user id — got nothing");
	struct ft_pat pat;
	ft_pat_parse(label, &pat);
	struct ft_press p = { .chat = uid, .pat = &pat };
	if (!ft_wait_for(ft_pred_press, &p, within)) {
		struct buf b = { 0 };
		if (p.msg) {
			char *labels = ft_markup_labels(p.msg->markup);
			buf_addf(&b, "the latest keyboard (message #%" PRId64 ") has: ", p.msg->mid);
			ft_buf_snippet(&b, labels ? labels : "", 400);
			free(labels);
		} else {
			buf_adds(&b, "no message to that chat has an inline keyboard");
		}
		ft_fail("a button matching %s in the latest inline keyboard sent to %" PRId64 " within %.1fs — %s",
		    pat.src, uid, within, b.s);
	}
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(p.btn, "callback_data");
	if (!cJSON_IsString(data))
		ft_fail("button %s to carry callback_data — it has none (a url button?)", pat.src);
	struct ft_user *u = ft_user_get(uid);
	ft_grow(&g.cbqs, &g.cap_cbqs, g.n_cbqs + 1, sizeof *g.cbqs);
	struct ft_cbq *q = &g.cbqs[g.n_cbqs++];
	memset(q, 0, sizeof *q);
	snprintf(q->id, sizeof q->id, "cbq-%d", ++g.next_cbq);
	q->line = g.cur_line;
	cJSON *cb = cJSON_CreateObject();
	cJSON_AddStringToObject(cb, "id", q->id);
	cJSON_AddItemToObject(cb, "from", ft_user_json(u));
	cJSON *m = cJSON_AddObjectToObject(cb, "message");
	cJSON_AddNumberToObject(m, "message_id", (double)p.msg->mid);
	cJSON_AddItemToObject(m, "from", ft_bot_user_json());
	cJSON_AddItemToObject(m, "chat", ft_private_chat_json(u));
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	cJSON_AddStringToObject(m, "text", p.msg->text);
	cJSON_AddItemToObject(m, "reply_markup", cJSON_Duplicate(p.msg->markup, 1));
	cJSON_AddStringToObject(cb, "chat_instance", "1");
	cJSON_AddStringToObject(cb, "data", data->valuestring);
	ft_pat_release(&pat);
	ft_update_queue("callback_query", cb);
}

/* ---- Faults ---- */

static const char *ft_default_desc(int status)
{
	switch (status) {
	case 400: return "Bad Request: chat not found";
	case 401: return "Unauthorized";
	case 403: return "Forbidden: bot was blocked by the user";
	case 404: return "Not Found";
	case 409: return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
	case 429: return "Too Many Requests: retry after %d";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Error";
	}
}

/* fault METHOD KIND [options] | fault clear [METHOD] */
void ft_step_fault(char *args)
{
	char *method = ft_word(&args);
	if (!method)
		ft_fail("'fault METHOD KIND' — got nothing");
	if (strcmp(method, "clear") == 0) {
		char *which = ft_word(&args);
		for (size_t i = 0; i < g.n_faults; i++)
			if (!which || strcmp(g.faults[i].method, which) == 0)
				g.faults[i].times = 0;
		return;
	}
	char *kind = ft_word(&args);
	if (!kind)
		ft_fail("a fault kind (a status code, drop, reset, hang, nonjson, truncate, delay=D) — got nothing");
	ft_grow(&g.faults, &g.cap_faults, g.n_faults + 1, sizeof *g.faults);
	struct ft_fault *f = &g.faults[g.n_faults];
	memset(f, 0, sizeof *f);
	snprintf(f->method, sizeof f->method, "%s", method);
	f->times = 1;
	f->line = g.cur_line;
	if (isdigit((unsigned char)kind[0])) {
		f->kind = FK_STATUS;
		f->status = (int)ft_need_i64(kind, "an HTTP status");
		if (f->status < 300 || f->status > 599)
			ft_fail("an error status 300..599 — got %d", f->status);
	} else if (strcmp(kind, "drop") == 0) {
		f->kind = FK_DROP;
	} else if (strcmp(kind, "reset") == 0) {
		f->kind = FK_RESET;
	} else if (strcmp(kind, "hang") == 0) {
		f->kind = FK_HANG;
	} else if (strcmp(kind, "nonjson") == 0) {
		f->kind = FK_NONJSON;
		f->status = 502;
	} else if (strcmp(kind, "truncate") == 0) {
		f->kind = FK_TRUNCATE;
	} else if (strncmp(kind, "delay=", 6) == 0) {
		f->kind = FK_DELAY;
		f->delay = ft_parse_duration(kind + 6);
		if (f->delay < 0)
			ft_fail("delay=DURATION — got %s", kind);
	} else {
		ft_fail("a fault kind (a status code, drop, reset, hang, nonjson, truncate, delay=D) — got %s", kind);
	}
	int have_desc = 0;
	char *w;
	while ((w = ft_word(&args)) != NULL) {
		if (strncmp(w, "retry_after=", 12) == 0) {
			f->retry_after = (int)ft_need_i64(w + 12, "retry_after=SECONDS");
		} else if (strcmp(w, "times=always") == 0) {
			f->times = -1;
		} else if (strncmp(w, "times=", 6) == 0) {
			f->times = (int)ft_need_i64(w + 6, "times=N");
		} else if (strncmp(w, "after=", 6) == 0) {
			f->after = (int)ft_need_i64(w + 6, "after=N");
		} else if (strncmp(w, "chat=", 5) == 0) {
			f->chat = ft_need_i64(w + 5, "chat=ID");
			f->has_chat = 1;
		} else if (strncmp(w, "status=", 7) == 0) {
			f->status = (int)ft_need_i64(w + 7, "status=CODE");
		} else if (!have_desc) {
			/* A quoted word: the description. */
			snprintf(f->desc, sizeof f->desc, "%s", w);
			have_desc = 1;
		} else {
			ft_fail("fault options retry_after=, times=, after=, chat=, status= or one \"description\" — got %s", w);
		}
	}
	if (f->kind == FK_STATUS && !have_desc) {
		const char *d = ft_default_desc(f->status);
		if (f->status == 429)
			snprintf(f->desc, sizeof f->desc, "Too Many Requests: retry after %d", f->retry_after);
		else
			snprintf(f->desc, sizeof f->desc, "%s", d);
	}
	g.n_faults++;
}
