/*
 * texts_web.h — the texts of the owner dashboard: /web (handlers/web.c)
 * and the pages and labels the dashboard shows (http/web_dashboard.c
 * hands the labels to the page's script as JSON, which puts them in as
 * text, never as markup). Included from texts.h; its conventions hold
 * here.
 */
#ifndef BJJ_TEXTS_WEB_H
#define BJJ_TEXTS_WEB_H

/* ---- command help and usage ---- */
#define T_HELP_WEB_EN "a one-time link to the academy's web dashboard"
#define T_HELP_WEB_RU "одноразовая ссылка на веб-панель академии"
#define T_EXAMPLE_WEB_EN "/web"
#define T_EXAMPLE_WEB_RU "/web"

/* ---- /web ---- */
/* %s: the login link; %d: minutes it is valid (both on each first line:
 * tests/unit/handlers/test_texts.c reads a text's first line) */
#define T_WEB_LINK_EN "🖥 Your dashboard login link:\n%s\n\nIt works once, within %d minutes " \
	"(open it and press Sign in), and keeps that browser signed in for 12 hours. Do not forward " \
	"it: whoever signs in with it first is logged in as you."
#define T_WEB_LINK_RU "🖥 Ссылка для входа в панель:\n%s\n\nОна срабатывает один раз в течение %d минут " \
	"(откройте её и нажмите «Войти»), и вход в этом браузере действует 12 часов. Не пересылайте " \
	"её: кто первым войдёт по ней, войдёт от вашего имени."
/* %s: the login path; %d: minutes it is valid */
#define T_WEB_NO_URL_EN "🖥 The dashboard is at <code>%s</code> on the bot's web server (valid %d minutes, once), " \
	"but its public address is not set, so there is no link to open. Set [http] public_url " \
	"in the settings (and [http] listen), restart the bot and send /web again."
#define T_WEB_NO_URL_RU "🖥 Панель открывается по пути <code>%s</code> на веб-сервере бота (один раз, в течение %d минут), " \
	"но его внешний адрес не указан, поэтому ссылки нет. Укажите [http] public_url в " \
	"настройках (и [http] listen), перезапустите бота и отправьте /web ещё раз."

/* ---- pages the server answers (plain text put into HTML) ---- */
#define T_WEB_PAGE_LOGIN_EN "Send /web to the academy's bot in Telegram to get a login link."
#define T_WEB_PAGE_LOGIN_RU "Отправьте /web боту академии в Telegram, чтобы получить ссылку для входа."
#define T_WEB_PAGE_USED_EN "This login link has been used or has expired."
#define T_WEB_PAGE_USED_RU "Эта ссылка для входа уже использована или устарела."
#define T_WEB_PAGE_SIGNIN_EN "This link signs you in to the academy's dashboard in this browser, once."
#define T_WEB_PAGE_SIGNIN_RU "Эта ссылка один раз открывает вход в панель академии в этом браузере."
#define T_WEB_BUTTON_SIGNIN_EN "Sign in"
#define T_WEB_BUTTON_SIGNIN_RU "Войти"
#define T_WEB_PAGE_SIGNED_IN_EN "You are signed in. Open the dashboard."
#define T_WEB_PAGE_SIGNED_IN_RU "Вход выполнен. Откройте панель."
#define T_WEB_PAGE_FOREIGN_EN "This request came from another site and was refused."
#define T_WEB_PAGE_FOREIGN_RU "Запрос пришёл с другого сайта и отклонён."
#define T_WEB_PAGE_UNKNOWN_EN "There is no such login link."
#define T_WEB_PAGE_UNKNOWN_RU "Такой ссылки для входа нет."

/* ---- the dashboard's labels ---- */
#define T_WEB_UI_TITLE_EN "Dashboard"
#define T_WEB_UI_TITLE_RU "Панель"
#define T_WEB_UI_LOGOUT_EN "Log out"
#define T_WEB_UI_LOGOUT_RU "Выйти"
#define T_WEB_UI_TODAY_EN "Today's classes"
#define T_WEB_UI_TODAY_RU "Занятия сегодня"
#define T_WEB_UI_NO_CLASSES_EN "No classes today."
#define T_WEB_UI_NO_CLASSES_RU "Сегодня занятий нет."
#define T_WEB_UI_CANCELLED_EN "cancelled"
#define T_WEB_UI_CANCELLED_RU "отменено"
#define T_WEB_UI_ROSTER_EMPTY_EN "Nobody is marked or expected yet."
#define T_WEB_UI_ROSTER_EMPTY_RU "Пока никто не отмечен и никого не ждут."
#define T_WEB_UI_PRESENT_EN "present"
#define T_WEB_UI_PRESENT_RU "присутствие"
#define T_WEB_UI_LATE_EN "late"
#define T_WEB_UI_LATE_RU "опоздание"
#define T_WEB_UI_EXCUSED_EN "excused"
#define T_WEB_UI_EXCUSED_RU "уважительная причина"
#define T_WEB_UI_ABSENT_EN "absent"
#define T_WEB_UI_ABSENT_RU "отсутствие"
#define T_WEB_UI_EXPECTED_EN "expected"
#define T_WEB_UI_EXPECTED_RU "ждём"
#define T_WEB_UI_STUDENTS_EN "Students"
#define T_WEB_UI_STUDENTS_RU "Ученики"
#define T_WEB_UI_SEARCH_EN "Search by name"
#define T_WEB_UI_SEARCH_RU "Поиск по имени"
#define T_WEB_UI_NO_STUDENTS_EN "No students found."
#define T_WEB_UI_NO_STUDENTS_RU "Ученики не найдены."
#define T_WEB_UI_MORE_EN "Show more"
#define T_WEB_UI_MORE_RU "Показать ещё"
#define T_WEB_UI_REVENUE_EN "Revenue by month"
#define T_WEB_UI_REVENUE_RU "Выручка по месяцам"
#define T_WEB_UI_ATTENDANCE_EN "Visits by month"
#define T_WEB_UI_ATTENDANCE_RU "Посещения по месяцам"
#define T_WEB_UI_ENDING_EN "Plans ending within 7 days"
#define T_WEB_UI_ENDING_RU "Абонементы, которые закончатся за 7 дней"
#define T_WEB_UI_NO_ENDING_EN "No plans end within 7 days."
#define T_WEB_UI_NO_ENDING_RU "В ближайшие 7 дней абонементы не заканчиваются."
#define T_WEB_UI_ENDS_EN "last day"
#define T_WEB_UI_ENDS_RU "последний день"
#define T_WEB_UI_CLASSES_LEFT_EN "classes left"
#define T_WEB_UI_CLASSES_LEFT_RU "осталось занятий"
#define T_WEB_UI_ATRISK_EN "At-risk students"
#define T_WEB_UI_ATRISK_RU "Ученики, которые могут уйти"
#define T_WEB_UI_NO_ATRISK_EN "Nobody is at risk."
#define T_WEB_UI_NO_ATRISK_RU "Таких учеников нет."
#define T_WEB_UI_LAST_VISIT_EN "last visit"
#define T_WEB_UI_LAST_VISIT_RU "последний визит"
#define T_WEB_UI_NEVER_EN "never came"
#define T_WEB_UI_NEVER_RU "визитов не было"
#define T_WEB_UI_MISSED_EN "missed in a row"
#define T_WEB_UI_MISSED_RU "пропущено подряд"
#define T_WEB_UI_ERROR_EN "Could not load the data. Reload the page; if it repeats, send /web again."
#define T_WEB_UI_ERROR_RU "Не удалось загрузить данные. Обновите страницу; если не поможет, отправьте /web ещё раз."

#endif
