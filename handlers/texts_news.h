/*
 * texts_news.h — the texts of handlers/news.c: guests' messages (leads),
 * /leads, /answer and /announce. Included from texts.h; its conventions
 * hold here.
 */
#ifndef BJJ_TEXTS_NEWS_H
#define BJJ_TEXTS_NEWS_H

/* ---- command help and usage ---- */
#define T_HELP_LEADS_EN "the latest messages from guests"
#define T_HELP_LEADS_RU "последние сообщения от гостей"
#define T_HELP_ANSWER_EN "answer a guest's message through the bot"
#define T_HELP_ANSWER_RU "ответить гостю через бота"
#define T_USAGE_ANSWER_EN "<message no> <text>"
#define T_USAGE_ANSWER_RU "<номер сообщения> <текст>"
#define T_EXAMPLE_ANSWER_EN "/answer 3 Hi! Come to a free trial on Monday at 19:00."
#define T_EXAMPLE_ANSWER_RU "/answer 3 Здравствуйте! Приходите на пробное занятие в понедельник в 19:00."
#define T_HELP_ANNOUNCE_EN "send news to students: everyone, a class's regulars, kids or plans ending soon"
#define T_HELP_ANNOUNCE_RU "разослать новость ученикам: всем, постоянным ученикам группы, детям или тем, у кого заканчивается абонемент"
#define T_USAGE_ANNOUNCE_EN "all|class <n>|kids|ending [days] <text>"
#define T_USAGE_ANNOUNCE_RU "все|группа <n>|дети|заканчивается [дней] <текст>"
#define T_EXAMPLE_ANNOUNCE_EN "/announce all No classes on Monday: the gym is closed for repairs."
#define T_EXAMPLE_ANNOUNCE_RU "/announce все В понедельник занятий нет: зал закрыт на ремонт."

/* ---- a guest writes to the academy ---- */
/* %s: academy name */
#define T_LEAD_THANKS_EN "Thank you! I passed your message to <b>%s</b>; they will answer you here."
#define T_LEAD_THANKS_RU "Спасибо! Я передал ваше сообщение в <b>%s</b>, ответ придёт сюда."
#define T_LEAD_MORE_EN "Thank you, I added this to your message for the academy."
#define T_LEAD_MORE_RU "Спасибо, я добавил это к вашему сообщению для академии."
#define T_LEAD_EMPTY_EN "Please write your question as text: I will pass it to the academy. Send /help to see what I can do."
#define T_LEAD_EMPTY_RU "Пожалуйста, напишите вопрос текстом: я передам его в академию. Отправьте /help, чтобы увидеть, что я умею."
/* %d: the limit in characters */
#define T_LEAD_TOO_LONG_EN "Please keep your message under %d characters: I did not pass this one on."
#define T_LEAD_TOO_LONG_RU "Пожалуйста, уложитесь в %d символов: это сообщение я не передал."
/* to the owners. %lld: lead no, %s: name (h_name_html), %s " (@username)" or "",
 * %s: the text, %lld: lead no */
#define T_OWNER_LEAD_EN "💬 Message #%lld from a guest, %s%s:\n\n%s\n\nTo answer: <code>/answer %lld </code><i>your text</i>"
#define T_OWNER_LEAD_RU "💬 Сообщение #%lld от гостя, %s%s:\n\n%s\n\nЧтобы ответить: <code>/answer %lld </code><i>ваш текст</i>"
/* button under T_OWNER_LEAD */
#define T_LEAD_REPLY_EN "↩️ Reply"
#define T_LEAD_REPLY_RU "↩️ Ответить"
/* %s: name (h_name_html), %lld: no */
#define T_LEAD_REPLY_ASK_EN "✍️ Write your answer to %s (message #%lld) as your next message: I will send it to them signed with the academy's name. Commands work as usual meanwhile."
#define T_LEAD_REPLY_ASK_RU "✍️ Напишите ответ следующим сообщением: %s (сообщение #%lld) получит его с подписью академии. Команды тем временем работают как обычно."
/* %s: the text, %s: academy name */
#define T_ANSWER_TO_GUEST_EN "%s\n\n— <b>%s</b>"
#define T_ANSWER_TO_GUEST_RU "%s\n\n— <b>%s</b>"

/* ---- /leads ---- */
#define T_LEADS_NONE_EN "No messages from guests yet."
#define T_LEADS_NONE_RU "Сообщений от гостей пока нет."
#define T_LEADS_HEAD_EN "💬 <b>Messages from guests</b>, newest first"
#define T_LEADS_HEAD_RU "💬 <b>Сообщения от гостей</b>, сначала новые"
/* %lld: no, %s: date and time, %s: name (h_name_html), %s " (@username)" or "",
 * %s: status, %s: text */
#define T_LEADS_LINE_EN "\n\n#%lld · %s · %s%s%s\n%s"
#define T_LEADS_LINE_RU "\n\n#%lld · %s · %s%s%s\n%s"
#define T_LEADS_ANSWERED_EN " · ✅ answered"
#define T_LEADS_ANSWERED_RU " · ✅ есть ответ"
#define T_LEADS_FOOT_EN "\n\nTo answer: <code>/answer &lt;no&gt; &lt;text&gt;</code>"
#define T_LEADS_FOOT_RU "\n\nЧтобы ответить: <code>/answer &lt;номер&gt; &lt;текст&gt;</code>"

/* ---- /answer ---- */
/* %s: what was typed (escaped) */
#define T_LEAD_NOT_FOUND_EN "There is no guest message “%s”. /leads lists them."
#define T_LEAD_NOT_FOUND_RU "Сообщения гостя «%s» нет. Список: /leads."
/* %d: the limit */
#define T_ANSWER_TOO_LONG_EN "The answer is too long: at most %d characters. Nothing was sent."
#define T_ANSWER_TOO_LONG_RU "Ответ слишком длинный: не больше %d символов. Ничего не отправлено."
/* %s: name (h_name_html), %lld: no */
#define T_ANSWER_SENT_EN "✅ Your answer to %s (message #%lld) is on its way."
#define T_ANSWER_SENT_RU "✅ Ответ отправлен: %s (сообщение #%lld)."

/* ---- /announce ---- */
/* %s: the academy, %s: the text (escaped) */
#define T_NEWS_MSG_EN "📣 <b>%s</b>\n\n%s"
#define T_NEWS_MSG_RU "📣 <b>%s</b>\n\n%s"
/* the audience, in parentheses after the count */
#define T_NEWS_ALL_EN "everyone"
#define T_NEWS_ALL_RU "все"
#define T_NEWS_KIDS_EN "kids"
#define T_NEWS_KIDS_RU "дети"
/* %lld: class no, %s: its title (escaped) */
#define T_NEWS_CLASS_EN "regulars of #%lld %s"
#define T_NEWS_CLASS_RU "постоянные ученики группы #%lld %s"
/* %lld: days, %s: their word (H_TP of T_W_DAY) */
#define T_NEWS_ENDING_EN "plans ending within %lld %s"
#define T_NEWS_ENDING_RU "абонемент заканчивается в ближайшие %lld %s"
/* %s: the class typed (escaped) */
#define T_NEWS_NO_CLASS_EN "There is no weekly class “%s”. /classes lists them with their numbers."
#define T_NEWS_NO_CLASS_RU "Группы «%s» нет. Список с номерами: /classes."
/* %d: the limit */
#define T_NEWS_TOO_LONG_EN "The announcement is too long: at most %d characters. Nothing was sent."
#define T_NEWS_TOO_LONG_RU "Объявление слишком длинное: не больше %d символов. Ничего не отправлено."
/* "students" after a count, the dative in Russian ("to N students"):
 * H_TP, _1 one, _2 few, _5 many */
#define T_W_STUDENT_TO_1_EN "student"
#define T_W_STUDENT_TO_1_RU "ученику"
#define T_W_STUDENT_TO_2_EN "students"
#define T_W_STUDENT_TO_2_RU "ученикам"
#define T_W_STUDENT_TO_5_EN "students"
#define T_W_STUDENT_TO_5_RU "ученикам"
/* %lld: count, %s: its word (H_TP of T_W_STUDENT_TO), %s: audience */
#define T_NEWS_WILL_EN "📣 I will send it to %lld %s (%s)."
#define T_NEWS_WILL_RU "📣 Отправлю %lld %s (%s)."
#define T_NEWS_SENT_EN "📣 Sent to %lld %s (%s)."
#define T_NEWS_SENT_RU "📣 Отправлено %lld %s (%s)."
/* %s: audience */
#define T_NEWS_NOBODY_EN "📣 Nobody can get it (%s). Nothing was sent."
#define T_NEWS_NOBODY_RU "📣 Отправлять некому (%s). Ничего не отправлено."
#define T_NEWS_SKIPPED_EN "\nSkipped:"
#define T_NEWS_SKIPPED_RU "\nПропущены:"
/* %lld: how many */
#define T_NEWS_SKIP_NO_TG_EN "not on Telegram — %lld"
#define T_NEWS_SKIP_NO_TG_RU "без Telegram — %lld"
#define T_NEWS_SKIP_BLOCKED_EN "blocked the bot — %lld"
#define T_NEWS_SKIP_BLOCKED_RU "заблокировали бота — %lld"
#define T_NEWS_SKIP_OFF_EN "turned reminders off — %lld"
#define T_NEWS_SKIP_OFF_RU "отключили напоминания — %lld"
/* %s: local time the quiet hours end */
#define T_NEWS_QUIET_EN "\nIt is quiet hours now: it goes out at %s."
#define T_NEWS_QUIET_RU "\nСейчас тихие часы: рассылка уйдёт в %s."
#define T_NEWS_CONFIRM_EN "\nSend it?"
#define T_NEWS_CONFIRM_RU "\nОтправить?"
/* button; %lld: count, %s: "student(s)" (dative in Russian) */
#define T_NEWS_SEND_EN "✅ Send to %lld %s"
#define T_NEWS_SEND_RU "✅ Отправить %lld %s"
#define T_NEWS_CANCEL_EN "✖️ Cancel"
#define T_NEWS_CANCEL_RU "✖️ Отмена"
#define T_NEWS_CANCELLED_EN "📣 Announcement cancelled; nothing was sent."
#define T_NEWS_CANCELLED_RU "📣 Объявление отменено, ничего не отправлено."
#define T_NEWS_DONE_EN "This announcement was sent already or cancelled."
#define T_NEWS_DONE_RU "Это объявление уже отправлено или отменено."

#endif
