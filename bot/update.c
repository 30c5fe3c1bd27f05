/*
 * update.c — Update objects to struct h_msg. Only the fields the handlers
 * use are read; everything unexpected is UPDATE_IGNORED or
 * UPDATE_MALFORMED, never a crash. Ids are read as int64 through
 * tg_json_i64 (Telegram's ids exceed 32 bits), which refuses numbers
 * that are no exact integer.
 */
#include "bot/update.h"

#include <string.h>

#include "bot/telegram.h"

static const char *update_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The id of an object (from, chat) into *id: UPDATE_MALFORMED when the
 * object or its id is missing. */
static int update_id(const cJSON *obj, int64_t *id)
{
	if (!cJSON_IsObject(obj))
		return UPDATE_MALFORMED;
	*id = tg_json_i64(obj, "id", 0);
	return *id == 0 ? UPDATE_MALFORMED : UPDATE_OK;
}

/* from: the sender. -1 when absent or a bot. */
static int update_from(const cJSON *from, struct h_msg *m)
{
	int rc = update_id(from, &m->from_id);

	if (rc != UPDATE_OK)
		return rc;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(from, "is_bot")))
		return UPDATE_IGNORED;
	m->from_first = update_str(from, "first_name");
	m->from_last = update_str(from, "last_name");
	m->from_username = update_str(from, "username");
	m->lang_code = update_str(from, "language_code");
	return UPDATE_OK;
}

static int update_chat(const cJSON *chat, struct h_msg *m)
{
	const char *type = update_str(chat, "type");
	int rc = update_id(chat, &m->chat_id);

	if (rc != UPDATE_OK)
		return rc;
	m->is_private = type != NULL && strcmp(type, "private") == 0;
	return UPDATE_OK;
}

static int update_message(const cJSON *msg, struct h_msg *m)
{
	const cJSON *contact;
	int rc;

	if ((rc = update_from(cJSON_GetObjectItemCaseSensitive(msg, "from"), m)) != UPDATE_OK)
		return rc;
	if ((rc = update_chat(cJSON_GetObjectItemCaseSensitive(msg, "chat"), m)) != UPDATE_OK)
		return rc;
	m->message_id = tg_json_i64(msg, "message_id", 0);
	contact = cJSON_GetObjectItemCaseSensitive(msg, "contact");
	if (cJSON_IsObject(contact)) {
		m->kind = H_MSG_CONTACT;
		m->contact_phone = update_str(contact, "phone_number");
		m->contact_user_id = tg_json_i64(contact, "user_id", 0);
		return m->contact_phone ? UPDATE_OK : UPDATE_MALFORMED;
	}
	m->kind = H_MSG_TEXT;
	/* Photos, stickers and the like arrive with text NULL: the handlers
	 * answer them like any text they do not understand. */
	m->text = update_str(msg, "text");
	return UPDATE_OK;
}

static int update_callback(const cJSON *cq, struct h_msg *m)
{
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(cq, "message");
	int rc;

	if ((rc = update_from(cJSON_GetObjectItemCaseSensitive(cq, "from"), m)) != UPDATE_OK)
		return rc;
	m->kind = H_MSG_CALLBACK;
	m->cb_id = update_str(cq, "id");
	m->cb_data = update_str(cq, "data");
	if (m->cb_id == NULL)
		return UPDATE_MALFORMED;
	/* The message is absent when it is too old; answer in the user's chat. */
	if (cJSON_IsObject(msg) && update_chat(cJSON_GetObjectItemCaseSensitive(msg, "chat"), m) == UPDATE_OK) {
		m->message_id = tg_json_i64(msg, "message_id", 0);
	} else {
		m->chat_id = m->from_id;
		m->is_private = 1;
	}
	return UPDATE_OK;
}

static int update_member(const cJSON *cm, struct h_msg *m)
{
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(cm, "new_chat_member");
	const char *status = update_str(nm, "status");
	int rc;

	if ((rc = update_from(cJSON_GetObjectItemCaseSensitive(cm, "from"), m)) != UPDATE_OK)
		return rc;
	if ((rc = update_chat(cJSON_GetObjectItemCaseSensitive(cm, "chat"), m)) != UPDATE_OK)
		return rc;
	if (status == NULL)
		return UPDATE_MALFORMED;
	if (!m->is_private)
		return UPDATE_IGNORED;
	m->kind = H_MSG_MEMBER;
	m->member_blocked = strcmp(status, "kicked") == 0 || strcmp(status, "left") == 0;
	return UPDATE_OK;
}

int update_parse(const cJSON *upd, struct h_msg *m)
{
	const cJSON *part;

	memset(m, 0, sizeof(*m));
	if (!cJSON_IsObject(upd))
		return UPDATE_MALFORMED;
	/* An id out of range or not an integer counts as absent (0). */
	m->update_id = tg_json_i64(upd, "update_id", 0);
	if (m->update_id == 0)
		return UPDATE_MALFORMED;
	if ((part = cJSON_GetObjectItemCaseSensitive(upd, "message")) != NULL)
		return cJSON_IsObject(part) ? update_message(part, m) : UPDATE_MALFORMED;
	if ((part = cJSON_GetObjectItemCaseSensitive(upd, "callback_query")) != NULL)
		return cJSON_IsObject(part) ? update_callback(part, m) : UPDATE_MALFORMED;
	if ((part = cJSON_GetObjectItemCaseSensitive(upd, "my_chat_member")) != NULL)
		return cJSON_IsObject(part) ? update_member(part, m) : UPDATE_MALFORMED;
	return UPDATE_IGNORED;
}
