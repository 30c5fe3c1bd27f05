/*
 * console.c — console mode (see console.h). Each line is applied in its
 * own transaction exactly like one update of a batch, then the outbox rows
 * it produced are printed. Rows addressed to the console user are removed
 * once printed: the console is where they were delivered.
 */
#include "bot/console.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/store.h"

#define CONSOLE_MAX_BUTTONS 100

struct console {
	struct h_env *env;
	int64_t as_id;
	FILE *out;
	int drop_others;
	int64_t seen_id;               /* outbox rows up to this id were shown */
	char *buttons[CONSOLE_MAX_BUTTONS]; /* callback data of the last keyboard */
	size_t n_buttons;
	int64_t next_update;
	int64_t next_message;
	char *name;                    /* first name of the linked record, or NULL */
};

/* Remember who the console acts as (their first name, if linked). */
static void console_set_user(struct console *c, int64_t as_id)
{
	struct person p;

	c->as_id = as_id;
	free(c->name);
	c->name = NULL;
	if (db_person_by_tg(c->env->db, as_id, &p) == DB_OK)
		c->name = xstrdup(p.first_name);
	person_release(&p);
}

static void console_buttons_clear(struct console *c)
{
	for (size_t i = 0; i < c->n_buttons; i++)
		free(c->buttons[i]);
	c->n_buttons = 0;
}

/* Print a reply_markup: inline buttons numbered, contact buttons hinted. */
static void console_print_markup(struct console *c, const char *markup, int mine)
{
	cJSON *mk = cJSON_Parse(markup);
	const cJSON *rows, *row, *btn;

	if (mk == NULL)
		return;
	if ((rows = cJSON_GetObjectItemCaseSensitive(mk, "inline_keyboard")) != NULL) {
		if (mine)
			console_buttons_clear(c);
		cJSON_ArrayForEach(row, rows) {
			fputs("  ", c->out);
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				const cJSON *d = cJSON_GetObjectItemCaseSensitive(btn, "callback_data");
				if (mine && cJSON_IsString(d) && c->n_buttons < CONSOLE_MAX_BUTTONS) {
					c->buttons[c->n_buttons++] = xstrdup(d->valuestring);
					fprintf(c->out, "[%zu] ", c->n_buttons);
				}
				fprintf(c->out, "%s   ", cJSON_IsString(t) ? t->valuestring : "?");
			}
			fputc('\n', c->out);
		}
	} else if ((rows = cJSON_GetObjectItemCaseSensitive(mk, "keyboard")) != NULL) {
		cJSON_ArrayForEach(row, rows) {
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				int contact = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(btn, "request_contact"));
				fprintf(c->out, "  (%s%s)\n", cJSON_IsString(t) ? t->valuestring : "?",
				    contact ? ": type !contact +PHONE" : "");
			}
		}
	}
	cJSON_Delete(mk);
}

/* Show the rows the last line produced; remove the ones delivered here. */
static int console_show(struct console *c)
{
	struct outbox_item *items = NULL;
	size_t n = 0;

	if (db_outbox_due(c->env->db, INT64_MAX, 100000, &items, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct outbox_item *it = &items[i];
		int mine = it->chat_id == c->as_id;
		char *text;

		if (it->id <= c->seen_id)
			continue;
		c->seen_id = it->id;
		if (it->method == OB_SET_COMMANDS) {
			if (mine || c->drop_others)
				db_outbox_delete(c->env->db, it->id);
			continue;
		}
		if (it->method == OB_ANSWER_CALLBACK) {
			if (it->text)
				fprintf(c->out, "(%s)\n", it->text);
			db_outbox_delete(c->env->db, it->id);
			continue;
		}
		text = html_to_plain(it->text);
		if (mine)
			fprintf(c->out, "%s%s\n", it->method == OB_EDIT_MESSAGE ? "(edited) " : "", text);
		else
			fprintf(c->out, "  -> to %lld: %s\n", (long long)it->chat_id, text);
		free(text);
		if (it->markup)
			console_print_markup(c, it->markup, mine);
		if (mine || c->drop_others)
			db_outbox_delete(c->env->db, it->id);
	}
	outbox_items_free(items, n);
	fflush(c->out);
	return 0;
}

/* One line's update, handled in its own transaction. */
struct console_update {
	struct h_env *env;
	const struct h_msg *m;
	int failed;                /* h_dispatch failed (not the database) */
};

static int console_dispatch_tx(void *arg)
{
	struct console_update *u = arg;
	const char *summary = NULL;

	u->failed = h_dispatch(u->env, u->m, &summary) != 0;
	return u->failed ? -1 : 0;
}

static int console_apply(struct console *c, struct h_msg *m)
{
	struct console_update u = { .env = c->env, .m = m };

	m->update_id = ++c->next_update;
	m->chat_id = c->as_id;
	m->is_private = 1;
	m->from_id = c->as_id;
	/* The person acted as, so audit lines and "by ..." read right. */
	m->from_first = c->name ? c->name : "Console";
	m->message_id = ++c->next_message;
	c->env->now = clock_now();
	if (db_transaction(c->env->db, console_dispatch_tx, &u) != 0) {
		if (!u.failed)
			return -1;
		fprintf(c->out, "(internal error; nothing was changed)\n");
		return 0;
	}
	/* No loop here: an /export's files are written before the answer. */
	struct h_export *x = NULL;
	while (h_export_run(c->env, c->env->db, &x, 0) > 0)
		;
	return console_show(c);
}

static int console_line(struct console *c, char *line)
{
	struct h_msg m;
	int64_t v;

	memset(&m, 0, sizeof(m));
	if (strncmp(line, "!press ", 7) == 0) {
		if (parse_i64(line + 7, &v) != 0 || v < 1 || (size_t)v > c->n_buttons) {
			fprintf(c->out, "(no button %s; the last reply has %zu)\n", line + 7, c->n_buttons);
			return 0;
		}
		m.kind = H_MSG_CALLBACK;
		m.cb_id = "console";
		m.cb_data = c->buttons[v - 1];
		return console_apply(c, &m);
	}
	if (strncmp(line, "!contact ", 9) == 0) {
		m.kind = H_MSG_CONTACT;
		m.contact_phone = line + 9;
		m.contact_user_id = c->as_id;
		return console_apply(c, &m);
	}
	if (strncmp(line, "!as ", 4) == 0) {
		if (strcmp(line + 4, "owner") == 0 && c->env->cfg->n_owners > 0)
			console_set_user(c, c->env->cfg->owner_ids[0]);
		else if (parse_i64(line + 4, &v) == 0 && v > 0)
			console_set_user(c, v);
		else {
			fprintf(c->out, "(usage: !as USER_ID or !as owner)\n");
			return 0;
		}
		console_buttons_clear(c);
		fprintf(c->out, "(now acting as Telegram user %lld, %s)\n", (long long)c->as_id,
		    h_role_name(h_role_of(c->env, c->as_id)));
		return 0;
	}
	if (line[0] == '!') {
		fprintf(c->out, "(console commands: !press N, !contact +PHONE, !as ID|owner, !quit)\n");
		return 0;
	}
	m.kind = H_MSG_TEXT;
	m.text = line;
	return console_apply(c, &m);
}

int console_run(struct h_env *env, int64_t as_id, FILE *in, FILE *out, int drop_others)
{
	struct console c;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0, tty = isatty(fileno(in));

	memset(&c, 0, sizeof(c));
	c.env = env;
	console_set_user(&c, as_id);
	c.out = out;
	c.drop_others = drop_others;
	/* Rows already waiting belong to the running bot, not to us. */
	struct outbox_item *items = NULL;
	size_t n = 0;
	if (db_outbox_due(env->db, INT64_MAX, 100000, &items, &n) == DB_OK && n > 0)
		c.seen_id = items[n - 1].id;
	outbox_items_free(items, n);

	for (;;) {
		if (tty) {
			fputs("> ", out);
			fflush(out);
		}
		if ((len = getline(&line, &cap, in)) < 0)
			break;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (strcmp(line, "!quit") == 0)
			break;
		if (!tty)
			fprintf(out, "> %s\n", line);
		if (console_line(&c, line) != 0) {
			log_error("console", "database failure; stopping");
			rc = 1;
			break;
		}
	}
	free(line);
	free(c.name);
	console_buttons_clear(&c);
	return rc;
}
