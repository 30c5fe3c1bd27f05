/*
 * alerts.c — what the owners hear about trouble that bot/ notices outside
 * any update: a chat that cannot be reached (403, "chat not found"), a
 * long 409 Conflict on getUpdates and an update that crashed the bot. Called by bot/app.c inside a
 * transaction of its own.
 *
 * Invariant: an alert is never queued to the chat it is about, so a
 * blocked owner cannot start a loop of undeliverable alerts.
 */
#include <stdlib.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/store.h"

int h_chat_unreachable(struct h_env *env, int64_t chat_id)
{
	struct person p = { 0 };
	struct buf b = { 0 };
	char *first = NULL, *last = NULL;
	int dropped = 0, was_reachable, rc = -1, dbrc;

	/* A private chat's id is the user's id; groups have no person. */
	dbrc = db_person_by_tg(env->db, chat_id, &p);
	if (dbrc != DB_OK && dbrc != DB_NOTFOUND)
		goto out;
	was_reachable = dbrc == DB_OK && p.reachable;
	if (db_tg_user_set_reachable(env->db, chat_id, 0) != DB_OK ||
	    db_outbox_drop_chat(env->db, chat_id, &dropped) != DB_OK)
		goto out;
	log_info("handlers", "chat %lld unreachable; %d messages dropped",
	    (long long)chat_id, dropped);
	/* Only members are the owners' business, and only once: the flag
	 * stays down until they write again. */
	if (was_reachable) {
		first = html_escape(p.first_name);
		last = html_escape(p.last_name);
		H_TF(&b, env->default_lang, T_OWNER_UNREACHABLE,
		    h_kind_name(p.kind, env->default_lang), (long long)p.id, first, last);
		if (h_notify_owners_except(env, buf_str(&b), chat_id) != 0)
			goto out;
	}
	rc = 0;
out:
	free(last);
	free(first);
	buf_release(&b);
	person_release(&p);
	return rc;
}

int h_alert_conflict(struct h_env *env, int seconds)
{
	struct buf b = { 0 };
	int rc;

	H_TF(&b, env->default_lang, T_OWNER_CONFLICT, (seconds + 59) / 60);
	rc = h_notify_owners(env, buf_str(&b));
	buf_release(&b);
	return rc;
}

int h_alert_poison(struct h_env *env, int64_t update_id)
{
	struct buf b = { 0 }, key = { 0 };
	int rc = -1, claimed;

	buf_addf(&key, "poison:%lld", (long long)update_id);
	claimed = db_notify_once(env->db, buf_str(&key), "poison", env->now);
	if (claimed == DB_CONSTRAINT)
		rc = 0;
	if (claimed != DB_OK)
		goto out;
	H_TF(&b, env->default_lang, T_OWNER_POISON, (long long)update_id);
	rc = h_notify_owners(env, buf_str(&b));
out:
	buf_release(&b);
	buf_release(&key);
	return rc;
}

int h_alert_health(struct h_env *env, enum h_health kind, const char *incident, const char *detail)
{
	struct buf b = { 0 }, key = { 0 };
	enum lang l = env->default_lang;
	char *esc = html_escape(detail);
	int rc = -1, claimed;

	buf_addf(&key, "health:%s", incident);
	claimed = db_notify_once(env->db, buf_str(&key), "health", env->now);
	if (claimed == DB_CONSTRAINT)
		rc = 0;
	if (claimed != DB_OK)
		goto out;
	switch (kind) {
	case H_HEALTH_DB:
		H_TF(&b, l, T_HEALTH_DB, esc);
		break;
	case H_HEALTH_TELEGRAM:
		H_TF(&b, l, T_HEALTH_TELEGRAM, esc);
		break;
	case H_HEALTH_DISK:
		H_TF(&b, l, T_HEALTH_DISK, esc);
		break;
	case H_HEALTH_BACKUP:
		H_TF(&b, l, T_HEALTH_BACKUP, esc);
		break;
	}
	rc = h_notify_owners(env, buf_str(&b));
out:
	free(esc);
	buf_release(&b);
	buf_release(&key);
	return rc;
}
