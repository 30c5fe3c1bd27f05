/*
 * texts_calendar.h — the texts of handlers/calendar.c: /calendar, the
 * address of the academy's calendar feed. Included from texts.h; its
 * conventions hold here.
 */
#ifndef BJJ_TEXTS_CALENDAR_H
#define BJJ_TEXTS_CALENDAR_H

/* ---- command help and usage ---- */
#define T_HELP_CALENDAR_EN "a link to subscribe to the class schedule in Google Calendar and the like"
#define T_HELP_CALENDAR_RU "ссылка, чтобы подписаться на расписание в Google Календаре и похожих"
#define T_USAGE_CALENDAR_EN "[off|new]"
#define T_USAGE_CALENDAR_RU "[выкл|новая]"
#define T_EXAMPLE_CALENDAR_EN "/calendar new"
#define T_EXAMPLE_CALENDAR_RU "/calendar новая"
#define T_KW_CAL_OFF_EN "off"
#define T_KW_CAL_OFF_RU "выкл|отключить"
#define T_KW_CAL_NEW_EN "new"
#define T_KW_CAL_NEW_RU "новая|новую"

/* ---- /calendar ---- */
/* %s: the feed's full address */
#define T_CALENDAR_URL_EN "📅 Your calendar link:\n<code>%s</code>\n\n" \
	"Add it in Google Calendar (Other calendars → From URL) or any app that subscribes to " \
	"iCalendar feeds: the academy's classes, cancelled ones marked. The link is personal: " \
	"/calendar new gives a new one, /calendar off turns it off."
#define T_CALENDAR_URL_RU "📅 Ваша ссылка на календарь:\n<code>%s</code>\n\n" \
	"Добавьте её в Google Календаре (Другие календари → Добавить по URL) или в любом " \
	"приложении, которое умеет подписываться на iCalendar: там будут занятия академии, " \
	"отменённые помечены. Ссылка личная: /calendar новая выдаст другую, /calendar выкл отключит её."
/* %s: the feed's path */
#define T_CALENDAR_NO_URL_EN "📅 Your calendar feed is at <code>%s</code> on the bot's web " \
	"server, but the owner has not set its public address yet ([http] public_url in the " \
	"settings), so there is no link to subscribe to. /calendar off turns it off."
#define T_CALENDAR_NO_URL_RU "📅 Ваш календарь лежит по пути <code>%s</code> на веб-сервере " \
	"бота, но владелец ещё не указал его внешний адрес ([http] public_url в настройках), " \
	"поэтому ссылки для подписки пока нет. /calendar выкл отключит календарь."
#define T_CALENDAR_OFF_EN "📅 Your calendar link no longer works. /calendar makes a new one."
#define T_CALENDAR_OFF_RU "📅 Ваша ссылка на календарь больше не работает. Новую выдаст /calendar."
#define T_CALENDAR_NONE_EN "You have no calendar link. /calendar makes one."
#define T_CALENDAR_NONE_RU "У вас нет ссылки на календарь. Получить её: /calendar."

#endif
