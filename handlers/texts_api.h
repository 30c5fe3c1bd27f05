/*
 * texts_api.h — the texts of handlers/apitoken.c: /apitoken and
 * /apitokens, the HTTP API's tokens. Included from texts.h; its
 * conventions hold here.
 */
#ifndef BJJ_TEXTS_API_H
#define BJJ_TEXTS_API_H

/* ---- command help and usage ---- */
#define T_HELP_APITOKEN_EN "a token for the academy's HTTP API, valid for some days"
#define T_HELP_APITOKEN_RU "токен для HTTP API академии на несколько дней"
#define T_USAGE_APITOKEN_EN "[days]"
#define T_USAGE_APITOKEN_RU "[дней]"
#define T_USAGE_APITOKEN_STAFF_EN "[[trainer] <#id|name>] [days]"
#define T_USAGE_APITOKEN_STAFF_RU "[[тренер] <#номер|имя>] [дней]"
#define T_EXAMPLE_APITOKEN_EN "/apitoken 30"
#define T_EXAMPLE_APITOKEN_RU "/apitoken 30"
#define T_HELP_APITOKENS_EN "your API tokens, with buttons to revoke them"
#define T_HELP_APITOKENS_RU "ваши токены API с кнопками отзыва"
#define T_EXAMPLE_APITOKENS_EN "/apitokens"
#define T_EXAMPLE_APITOKENS_RU "/apitokens"

/* ---- /apitoken ---- */
/* %d: the longest validity in days */
#define T_APITOKEN_BAD_DAYS_EN "A token is valid for 1 to %d days."
#define T_APITOKEN_BAD_DAYS_RU "Токен можно выдать на срок от 1 до %d дней."
/* %s: the person (escaped name) */
#define T_APITOKEN_INACTIVE_EN "%s is deactivated: no token for them."
#define T_APITOKEN_INACTIVE_RU "%s деактивирован(а): токен не выдаётся."
/* %lld: token number, %s: whose (T_APITOKEN_WHO_*), %s: until (date and time),
 * %s: the token */
#define T_APITOKEN_ISSUED_EN "🔑 API token #%lld for %s, valid until %s:\n\n<code>%s</code>\n\n" \
	"Send it with every request in the header <code>Authorization: Bearer …</code>, the token in " \
	"place of the dots. Keep it secret: whoever has it can read what its owner may. If it leaks, " \
	"revoke it in /apitokens."
#define T_APITOKEN_ISSUED_RU "🔑 Токен API №%lld для: %s, действует до %s:\n\n<code>%s</code>\n\n" \
	"Передавайте его с каждым запросом в заголовке <code>Authorization: Bearer …</code>, " \
	"подставив токен вместо многоточия. Храните его в секрете: с ним можно читать всё, что " \
	"доступно владельцу. Если токен попал в чужие руки, отзовите его в /apitokens."
/* whose a token is. %s: first name, %s: last name (escaped), %lld: number */
#define T_APITOKEN_WHO_STUDENT_EN "student %s %s (#%lld)"
#define T_APITOKEN_WHO_STUDENT_RU "ученик %s %s (№%lld)"
#define T_APITOKEN_WHO_TRAINER_EN "trainer %s %s (#%lld)"
#define T_APITOKEN_WHO_TRAINER_RU "тренер %s %s (№%lld)"
/* %lld: the owner's Telegram id */
#define T_APITOKEN_WHO_OWNER_EN "owner (Telegram id %lld)"
#define T_APITOKEN_WHO_OWNER_RU "владелец (Telegram id %lld)"

/* ---- /apitokens ---- */
#define T_APITOKENS_NONE_EN "No API tokens are in force. /apitoken makes one."
#define T_APITOKENS_NONE_RU "Действующих токенов API нет. Получить токен: /apitoken."
/* %lld: how many */
#define T_APITOKENS_HEAD_EN "🔑 API tokens in force: %lld\n"
#define T_APITOKENS_HEAD_RU "🔑 Действующие токены API: %lld\n"
/* %lld: number, %s: whose (T_APITOKEN_WHO_*), %s: until */
#define T_APITOKENS_LINE_EN "\n#%lld — %s, until %s"
#define T_APITOKENS_LINE_RU "\n№%lld — %s, до %s"
/* %lld: how many more */
#define T_APITOKENS_MORE_EN "\n…and %lld more (the oldest)."
#define T_APITOKENS_MORE_RU "\n…и ещё %lld (самые старые)."
/* button; %lld: token number */
#define T_APITOKEN_REVOKE_EN "🚫 Revoke #%lld"
#define T_APITOKEN_REVOKE_RU "🚫 Отозвать №%lld"
/* %lld: token number */
#define T_APITOKEN_REVOKED_EN "Token #%lld is revoked: the API refuses it from now on."
#define T_APITOKEN_REVOKED_RU "Токен №%lld отозван: API больше его не принимает."
#define T_APITOKEN_GONE_EN "Token #%lld is revoked already."
#define T_APITOKEN_GONE_RU "Токен №%lld уже отозван."

#endif
