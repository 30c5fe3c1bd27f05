/*
 * texts_calendar.h — the texts of handlers/calendar.c (/calendar, the
 * addresses of the calendar feeds) and of the feeds (http/calendar.c). Included from texts.h; its
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
#define T_KW_CAL_NEW_EN "new|reset"
#define T_KW_CAL_NEW_RU "новая|новую|сброс|сбросить"

/* ---- /calendar ---- */
/* %s: what the personal feed holds (T_CALENDAR_MINE_*), %s: the
 * personal feed's full address, %s: the academy feed's full address */
#define T_CALENDAR_URL_EN "📅 Your calendar links, to add in Google Calendar (Other calendars " \
	"→ From URL) or any app that subscribes to iCalendar feeds.\n\n" \
	"%s\n<code>%s</code>\n\nThe academy's whole schedule:\n<code>%s</code>\n\n" \
	"Cancelled classes are marked. The links are personal and shown only this once (the bot " \
	"keeps no copy of them): save them. /calendar new gives new ones (these stop working), " \
	"/calendar off turns them off."
#define T_CALENDAR_URL_RU "📅 Ваши ссылки на календарь: добавьте их в Google Календаре " \
	"(Другие календари → Добавить по URL) или в любом приложении, которое умеет " \
	"подписываться на iCalendar.\n\n" \
	"%s\n<code>%s</code>\n\nВсё расписание академии:\n<code>%s</code>\n\n" \
	"Отменённые занятия помечены. Ссылки личные и показываются только сейчас (бот не хранит " \
	"их копию): сохраните их. /calendar новая выдаст другие (эти перестанут работать), " \
	"/calendar выкл отключит их."
/* %s: what the personal feed holds, %s, %s: the two feeds' paths */
#define T_CALENDAR_NO_URL_EN "📅 Your calendar feeds are on the bot's web server: %s " \
	"<code>%s</code>, the academy's whole schedule <code>%s</code>. But the owner has not " \
	"set its public address yet ([http] public_url in the settings), so there is no link " \
	"to subscribe to. The paths are shown only this once: save them. /calendar new gives new " \
	"ones, /calendar off turns them off."
#define T_CALENDAR_NO_URL_RU "📅 Ваши календари лежат на веб-сервере бота: %s " \
	"<code>%s</code>, всё расписание академии — <code>%s</code>. Но владелец ещё не указал " \
	"внешний адрес сервера ([http] public_url в настройках), поэтому ссылок для подписки " \
	"пока нет. Пути показываются только сейчас: сохраните их. /calendar новая выдаст другие, " \
	"/calendar выкл отключит календари."
/* what the personal feed holds, by role */
#define T_CALENDAR_MINE_STUDENT_EN "Your classes (those you said you are coming to or came to) " \
	"and your belt exams:"
#define T_CALENDAR_MINE_STUDENT_RU "Ваши занятия (на которые вы записались или пришли) и ваши " \
	"экзамены на пояс:"
#define T_CALENDAR_MINE_TRAINER_EN "The classes you teach:"
#define T_CALENDAR_MINE_TRAINER_RU "Занятия, которые ведёте вы:"
#define T_CALENDAR_MINE_OWNER_EN "Every class and every student's belt exam:"
#define T_CALENDAR_MINE_OWNER_RU "Все занятия и экзамены на пояс всех учеников:"
#define T_CALENDAR_OFF_EN "📅 Your calendar links no longer work. /calendar makes new ones."
#define T_CALENDAR_OFF_RU "📅 Ваши ссылки на календарь больше не работают. Новые выдаст /calendar."
/* /calendar when links were made before: they are not shown again */
#define T_CALENDAR_HELD_EN "📅 You already have calendar links. They are shown only once, when " \
	"they are made (the bot keeps no copy of them): look for them above in this chat. " \
	"/calendar new makes new ones (the old ones stop working), /calendar off turns them off."
#define T_CALENDAR_HELD_RU "📅 У вас уже есть ссылки на календарь. Они показываются только " \
	"один раз, когда создаются (бот не хранит их копию): поищите их выше в этом чате. " \
	"/calendar новая выдаст новые (старые перестанут работать), /calendar выкл отключит их."
#define T_CALENDAR_NONE_EN "You have no calendar links. /calendar makes them."
#define T_CALENDAR_NONE_RU "У вас нет ссылок на календарь. Получить их: /calendar."

/* ---- the feeds themselves (http/calendar.c), in the academy's language ---- */
/* %s: the academy's name */
#define T_CAL_FEED_MINE_EN "%s: my schedule"
#define T_CAL_FEED_MINE_RU "%s: моё расписание"
/* %s: the belt's name (h_belt_name) */
#define T_CAL_EXAM_EN "Belt exam: %s"
#define T_CAL_EXAM_RU "Экзамен на пояс: %s"
/* %s %s: the student's first and last name, %s: the belt's name */
#define T_CAL_EXAM_OF_EN "Belt exam: %s %s, %s"
#define T_CAL_EXAM_OF_RU "Экзамен на пояс: %s %s, %s"
#define T_CAL_EXAM_PASSED_EN "Passed"
#define T_CAL_EXAM_PASSED_RU "Сдан"
#define T_CAL_EXAM_FAILED_EN "Not passed"
#define T_CAL_EXAM_FAILED_RU "Не сдан"

#endif
