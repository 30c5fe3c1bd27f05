/*
 * texts.h — every user-visible string of the bot, in every language of
 * handlers/lang.h (English and Russian today).
 *
 * Each text is a set of string literals NAME_EN / NAME_RU / ..., one per
 * language of the list. They are literals (not a runtime table) on
 * purpose: H_TF() hands all of them to buf_addf() in one conditional
 * expression, so the compiler checks the printf arguments against every
 * translation alike and a translation can never take other arguments than
 * its original. A language without some NAME_<ID> does not build;
 * tests/unit/handlers/test_texts.c also checks texts that no code uses yet.
 *
 * Conventions: texts are Telegram HTML; every %s argument must already be
 * escaped (h_esc in an update, buf_add_html, html_escape) unless it is
 * one of our own literals. Texts used without arguments (H_T) contain no
 * '%'. Command help lines (T_HELP_*) are 1-256 characters (setMyCommands
 * limit).
 */
#ifndef BJJ_TEXTS_H
#define BJJ_TEXTS_H

#include "handlers/lang.h"

/*
 * The text NAME in language l (enum lang): a conditional of its string
 * literals, so that it stays a format the compiler checks. l is evaluated
 * once per language after the first (once with two): pass a variable.
 */
#define H_T_ARM_(id, code, native, rule, l, NAME) (l) == LANG_##id ? NAME##_##id :
#define H_T_LAST_(id, code, native, rule, NAME) NAME##_##id
#define H_T(l, NAME) (H_LANGS_MORE(H_T_ARM_, l, NAME) H_LANG_FIRST(H_T_LAST_, NAME))
/* The word for a count n in l (h_plural) from the texts NAME_1 (one),
 * NAME_2 (few) and NAME_5 (many), e.g. H_TP(l, n, T_W_CLASS). */
#define H_TP(l, n, NAME) h_plural((l), (n), H_T(l, NAME##_1), H_T(l, NAME##_2), H_T(l, NAME##_5))
/* Append the text NAME in language l to buf b, formatted printf-style. */
#define H_TF(b, l, NAME, ...) buf_addf((b), H_T(l, NAME), __VA_ARGS__)

/* ---- words for counts (H_TP): _1 one, _2 few, _5 many ---- */
#define T_W_CLASS_1_EN "class"
#define T_W_CLASS_1_RU "занятие"
#define T_W_CLASS_2_EN "classes"
#define T_W_CLASS_2_RU "занятия"
#define T_W_CLASS_5_EN "classes"
#define T_W_CLASS_5_RU "занятий"
#define T_W_DAY_1_EN "day"
#define T_W_DAY_1_RU "день"
#define T_W_DAY_2_EN "days"
#define T_W_DAY_2_RU "дня"
#define T_W_DAY_5_EN "days"
#define T_W_DAY_5_RU "дней"

/* ---- command help (the command table, /help, setMyCommands) ---- */
#define T_HELP_START_EN "start and link your Telegram account"
#define T_HELP_START_RU "начать и привязать ваш аккаунт Telegram"
#define T_HELP_HELP_EN "what I can do for you"
#define T_HELP_HELP_RU "что я умею"
#define T_HELP_ADDSTUDENT_EN "add a student and get an invite link"
#define T_HELP_ADDSTUDENT_RU "добавить ученика и получить ссылку-приглашение"
#define T_HELP_ADDTRAINER_EN "add a trainer and get an invite link"
#define T_HELP_ADDTRAINER_RU "добавить тренера и получить ссылку-приглашение"
#define T_HELP_DEBUG_LONG_EN "reply with N characters (tests only)"
#define T_HELP_DEBUG_LONG_RU "ответить N символами (только для тестов)"
#define T_HELP_DEBUG_CRASH_EN "crash the bot with abort() (tests only)"
#define T_HELP_DEBUG_CRASH_RU "аварийно остановить бота через abort() (только для тестов)"

/* ---- command usage (after "/name ") ---- */
/* no arguments: the plain usage of a command whose arguments are all for
 * staff (H_TA_USAGE, handlers/command.h) */
#define T_USAGE_NONE_EN ""
#define T_USAGE_NONE_RU ""
#define T_USAGE_ADDSTUDENT_EN "<first name> <last name> <phone> [belt]"
#define T_USAGE_ADDSTUDENT_RU "<имя> <фамилия> <телефон> [пояс]"
#define T_USAGE_ADDTRAINER_EN "<first name> <last name> <phone>"
#define T_USAGE_ADDTRAINER_RU "<имя> <фамилия> <телефон>"
#define T_USAGE_START_EN "[invite code]"
#define T_USAGE_START_RU "[код приглашения]"
#define T_USAGE_DEBUG_LONG_EN "<characters>"
#define T_USAGE_DEBUG_LONG_RU "<символов>"

/* ---- router ---- */
/* %s: command name (validated: [a-z0-9_]) */
#define T_UNKNOWN_COMMAND_EN "I don't know the command /%s. Send /help to see what I can do."
#define T_UNKNOWN_COMMAND_RU "Я не знаю команды /%s. Отправьте /help, чтобы увидеть, что я умею."
#define T_BAD_COMMAND_EN "I don't know this command. Send /help to see what I can do."
#define T_BAD_COMMAND_RU "Я не знаю такой команды. Отправьте /help, чтобы увидеть, что я умею."
#define T_NOT_COMMAND_EN "I understand commands only. Send /help to see them."
#define T_NOT_COMMAND_RU "Я понимаю только команды. Отправьте /help, чтобы увидеть их список."
#define T_SLOW_DOWN_EN "Please slow down: messages arrive faster than I can answer, so I skip some. Wait a little and send your request again."
#define T_SLOW_DOWN_RU "Пожалуйста, помедленнее: сообщения приходят быстрее, чем я успеваю отвечать, поэтому часть из них я пропускаю. Подождите немного и отправьте запрос ещё раз."
/* %d: the limit in characters */
#define T_TOO_LONG_EN "This message is too long for me (more than %d characters)."
#define T_TOO_LONG_RU "Это сообщение слишком длинное для меня (больше %d символов)."
/* %s: command name */
#define T_DENIED_OWNER_EN "Sorry, /%s is only for the academy owner."
#define T_DENIED_OWNER_RU "Извините, команда /%s доступна только владельцу академии."
#define T_DENIED_TRAINER_EN "Sorry, /%s is only for trainers."
#define T_DENIED_TRAINER_RU "Извините, команда /%s доступна только тренерам."
#define T_DENIED_STUDENT_EN "Sorry, /%s is only for academy members. If you train with us, send /start to link your account."
#define T_DENIED_STUDENT_RU "Извините, команда /%s доступна только членам академии. Если вы у нас тренируетесь, отправьте /start, чтобы привязать аккаунт."
/* %s: command name, %s: usage, %s: example (all escaped) */
#define T_USAGE_EN "Usage: /%s %s\nExample: <code>%s</code>"
#define T_USAGE_RU "Как использовать: /%s %s\nПример: <code>%s</code>"
/* %s: command name; the only reply to a private command in a group */
#define T_PRIVATE_ONLY_EN "Please write /%s to me in a private chat."
#define T_PRIVATE_ONLY_RU "Пожалуйста, отправьте /%s мне в личные сообщения."
/* Usage examples write a student as #ID; the reader sees "#<id>" of the
 * academy's first active student, or this name when there is none. */
#define T_EXAMPLE_NAME_EN "Ivan"
#define T_EXAMPLE_NAME_RU "Иван"
#define T_INTERNAL_ERROR_EN "Something went wrong on my side. Please try again later."
#define T_INTERNAL_ERROR_RU "У меня что-то пошло не так. Попробуйте позже."

/* ---- callback buttons (toasts: plain text, at most 200 characters) ---- */
#define T_CB_OUTDATED_EN "This button is outdated."
#define T_CB_OUTDATED_RU "Эта кнопка устарела."
#define T_CB_DENIED_EN "This button is not for you."
#define T_CB_DENIED_RU "Эта кнопка не для вас."
/* a toast, and the reply to a contact shared in a group */
#define T_USE_PRIVATE_EN "Please use the bot in a private chat."
#define T_USE_PRIVATE_RU "Пожалуйста, пользуйтесь ботом в личных сообщениях."

/* ---- /help ---- */
/* %s: academy name */
#define T_HELP_HEAD_EN "<b>%s</b>: what I can do for you"
#define T_HELP_HEAD_RU "<b>%s</b>: что я умею"
#define T_HELP_GUEST_FOOT_EN "If you train with us, send /start to link your Telegram account."
#define T_HELP_GUEST_FOOT_RU "Если вы у нас тренируетесь, отправьте /start, чтобы привязать аккаунт Telegram."

/* ---- /start and linking ---- */
/* %s: academy name */
#define T_START_GUEST_EN "Welcome to <b>%s</b>! 🥋\n\nIf you train here, tap <b>Share my phone</b> below: I will find you by your phone number and link your Telegram account. If the academy sent you an invite link, just open it."
#define T_START_GUEST_RU "Добро пожаловать в <b>%s</b>! 🥋\n\nЕсли вы у нас тренируетесь, нажмите <b>Поделиться номером</b> ниже: я найду вас по номеру телефона и привяжу ваш аккаунт Telegram. Если академия прислала вам ссылку-приглашение, просто откройте её."
/* %s: academy name (groups cannot request contacts) */
#define T_START_GROUP_EN "Welcome to <b>%s</b>! 🥋 Write to me in a private chat to link your Telegram account."
#define T_START_GROUP_RU "Добро пожаловать в <b>%s</b>! 🥋 Напишите мне в личные сообщения, чтобы привязать аккаунт Telegram."
#define T_SHARE_PHONE_EN "Share my phone"
#define T_SHARE_PHONE_RU "Поделиться номером"
/* %s: first name, %s: academy name */
#define T_START_BACK_EN "Welcome back, %s! This is <b>%s</b>. Send /help to see what you can do."
#define T_START_BACK_RU "С возвращением, %s! Это <b>%s</b>. Отправьте /help, чтобы увидеть, что вы можете сделать."
#define T_START_BAD_LINK_EN "This invite link is invalid. Ask the academy for a new one."
#define T_START_BAD_LINK_RU "Эта ссылка-приглашение недействительна. Попросите в академии новую."
#define T_INVITE_UNKNOWN_EN "I don't know this invite code. Check the link or ask the academy for a new one."
#define T_INVITE_UNKNOWN_RU "Я не знаю такого кода приглашения. Проверьте ссылку или попросите в академии новую."
#define T_INVITE_USED_EN "This invite has already been used. Ask the academy for a new one."
#define T_INVITE_USED_RU "Это приглашение уже использовано. Попросите в академии новое."
#define T_INVITE_EXPIRED_EN "This invite has expired. Ask the academy for a new one."
#define T_INVITE_EXPIRED_RU "Срок действия этого приглашения истёк. Попросите в академии новое."
#define T_INVITE_REVOKED_EN "This invite link was replaced by a newer one. Open the latest link the academy sent you, or ask for a new one."
#define T_INVITE_REVOKED_RU "Эту ссылку-приглашение заменила более новая. Откройте последнюю ссылку от академии или попросите новую."
#define T_INVITE_INACTIVE_EN "This invite is for a record the academy has deactivated. Ask them to reactivate it, then open the link again."
#define T_INVITE_INACTIVE_RU "Это приглашение для записи, которую академия деактивировала. Попросите академию снова активировать запись и откройте ссылку ещё раз."
#define T_INVITE_TAKEN_EN "This invite cannot be used: your Telegram account or this record is already linked. Send /help to see your commands."
#define T_INVITE_TAKEN_RU "Это приглашение нельзя использовать: ваш аккаунт Telegram или эта запись уже привязаны. Отправьте /help, чтобы увидеть ваши команды."
/* %s: first name, %s: kind (T_KIND_*), %lld: record id */
#define T_LINKED_EN "Welcome, %s! You are linked as %s #%lld. Send /help to see what you can do."
#define T_LINKED_RU "Добро пожаловать, %s! Вы привязаны как %s #%lld. Отправьте /help, чтобы увидеть, что вы можете сделать."
#define T_KIND_STUDENT_EN "student"
#define T_KIND_STUDENT_RU "ученик"
#define T_KIND_TRAINER_EN "trainer"
#define T_KIND_TRAINER_RU "тренер"
/* to the owners. %s: first name, %s: last name, %s: " (@username)" or "",
 * %s: kind, %lld: record id */
#define T_OWNER_LINKED_EN "🔗 %s %s%s linked their Telegram as %s #%lld."
#define T_OWNER_LINKED_RU "🔗 %s %s%s: Telegram привязан как %s #%lld."

/* ---- shared contacts ---- */
#define T_CONTACT_NOT_OWN_EN "Please share your own contact: tap the button below."
#define T_CONTACT_NOT_OWN_RU "Пожалуйста, поделитесь своим контактом: нажмите кнопку ниже."
#define T_CONTACT_BAD_PHONE_EN "I could not read the phone number of this contact."
#define T_CONTACT_BAD_PHONE_RU "Я не смог прочитать номер телефона этого контакта."
/* %s: kind, %lld: record id */
#define T_CONTACT_ALREADY_EN "You are already linked as %s #%lld. Send /help to see what you can do."
#define T_CONTACT_ALREADY_RU "Вы уже привязаны как %s #%lld. Отправьте /help, чтобы увидеть, что вы можете сделать."
#define T_CONTACT_TAKEN_EN "Your Telegram account or this record is already linked. Please ask the academy."
#define T_CONTACT_TAKEN_RU "Ваш аккаунт Telegram или эта запись уже привязаны. Пожалуйста, обратитесь в академию."
/* %s: phone */
#define T_CONTACT_UNKNOWN_EN "I could not find %s among our members. I told the academy; please ask them to add you."
#define T_CONTACT_UNKNOWN_RU "Я не нашёл номер %s среди наших учеников и тренеров. Я сообщил в академию; попросите, чтобы вас добавили."
/* to the owners. %s: their Telegram name (h_name_html), %s: " (@username)"
 * or "", %s: phone, then the suggested command's %s first, %s last (words
 * to replace when Telegram has none), %s phone */
#define T_OWNER_UNKNOWN_PHONE_EN "👋 %s%s shared the phone %s, but no member has it. To add them:\n<code>/addstudent %s %s %s</code>"
#define T_OWNER_UNKNOWN_PHONE_RU "👋 %s%s: прислан номер %s, но такого номера нет ни у кого из учеников. Чтобы добавить:\n<code>/addstudent %s %s %s</code>"

#define T_CONTACT_UNLINKED_EN "The academy unlinked Telegram from this record. To link it again, ask them for a new invite link."
#define T_CONTACT_UNLINKED_RU "Академия отвязала Telegram от этой записи. Чтобы привязать его снова, попросите новую ссылку-приглашение."
#define T_CONTACT_INACTIVE_EN "Your record at the academy is not active at the moment. I told the academy that you want to come back; once they reactivate it, send /start."
#define T_CONTACT_INACTIVE_RU "Ваша запись в академии сейчас неактивна. Я сообщил в академию, что вы хотите вернуться; когда запись снова активируют, отправьте /start."
/* to the owners. %s: their Telegram name (h_name_html), %s: " (@username)" or "",
 * %s: phone, %s: kind, %lld: id, %s: first, %s: last (of the record),
 * %s: the command that reactivates it */
#define T_OWNER_RETURNING_EN "👋 %s%s shared the phone %s of a deactivated record: %s #%lld %s %s. To bring them back:\n<code>%s</code>"
#define T_OWNER_RETURNING_RU "👋 %s%s: прислан номер %s неактивной записи: %s #%lld %s %s. Чтобы вернуть:\n<code>%s</code>"

/* stand-ins for a name Telegram did not give, in the suggested command */
#define T_FIRST_NAME_EN "First"
#define T_FIRST_NAME_RU "Имя"
#define T_LAST_NAME_EN "Last"
#define T_LAST_NAME_RU "Фамилия"

/* ---- /addstudent, /addtrainer ---- */
#define T_EXAMPLE_ADDSTUDENT_EN "/addstudent Ivan Petrov +79001234567 blue"
#define T_EXAMPLE_ADDSTUDENT_RU "/addstudent Иван Петров +79001234567 синий"
#define T_EXAMPLE_ADDTRAINER_EN "/addtrainer Anna Smirnova +79007654321"
#define T_EXAMPLE_ADDTRAINER_RU "/addtrainer Анна Смирнова +79007654321"
/* %s: what was given */
#define T_BAD_PHONE_EN "“%s” is not a phone number. Use the international format, e.g. +79001234567."
#define T_BAD_PHONE_RU "«%s» не похоже на номер телефона. Используйте международный формат, например +79001234567."
/* %s: what was given, %s: the valid belts */
#define T_BAD_BELT_EN "Unknown belt “%s”. Valid belts: %s."
#define T_BAD_BELT_RU "Неизвестный пояс «%s». Возможные пояса: %s."
/* %d: the limit */
#define T_BAD_NAME_EN "Names must be 1 to %d characters long."
#define T_BAD_NAME_RU "Имя и фамилия должны быть длиной от 1 до %d символов."
/* %s: phone, %s: kind, %lld: id, %s: first name, %s: last name */
#define T_DUP_PHONE_NAMED_EN "The phone %s already belongs to %s #%lld %s %s. Nothing was added."
#define T_DUP_PHONE_NAMED_RU "Номер %s уже принадлежит: %s #%lld %s %s. Ничего не добавлено."
/* %s: phone, %s: kind, %lld: id, %s: first name, %s: last name, %s: the
 * command that reactivates the record */
#define T_DUP_PHONE_INACTIVE_EN "The phone %s belongs to %s #%lld %s %s, who is deactivated. Nothing was added. To bring them back: <code>%s</code>"
#define T_DUP_PHONE_INACTIVE_RU "Номер %s уже есть в базе: %s #%lld %s %s, запись неактивна. Ничего не добавлено. Чтобы вернуть: <code>%s</code>"
/* %s: phone */
#define T_DUP_PHONE_EN "The phone %s already belongs to another record. Nothing was added."
#define T_DUP_PHONE_RU "Номер %s уже принадлежит другой записи. Ничего не добавлено."
/* %lld: id, %s: first name, %s: last name, %s: phone, %s: belt name */
#define T_STUDENT_ADDED_EN "✅ Student #%lld %s %s added (%s, %s)."
#define T_STUDENT_ADDED_RU "✅ Новый ученик: #%lld %s %s (%s, %s)."
/* %lld: id, %s: first name, %s: last name, %s: phone */
#define T_TRAINER_ADDED_EN "✅ Trainer #%lld %s %s added (%s)."
#define T_TRAINER_ADDED_RU "✅ Новый тренер: #%lld %s %s (%s)."
/* %s: link, %s: expiry date */
#define T_INVITE_LINK_EN "\n\nSend them this invite link; opening it links their Telegram:\n%s\nValid until %s."
#define T_INVITE_LINK_RU "\n\nОтправьте эту ссылку-приглашение; открыв её, человек привяжет свой Telegram:\n%s\nДействует до %s."
/* Before the bot has connected to Telegram its username (for t.me links)
 * is unknown. %s: code, %s: code, %s: expiry date, %s: the command that
 * issues a new invite ("/invite #5") */
#define T_INVITE_CODE_EN "\n\nInvite code: <code>%s</code>\nThey send <code>/start %s</code> to me to link their Telegram. Valid until %s.\nThe invite link will be ready once I have connected to Telegram (after the first <code>bjjbot run</code>); then <code>%s</code> gives one."
#define T_INVITE_CODE_RU "\n\nКод приглашения: <code>%s</code>\nЧтобы привязать свой Telegram, пусть отправит мне <code>/start %s</code>. Код действует до %s.\nСсылка-приглашение появится, когда я подключусь к Telegram (после первого <code>bjjbot run</code>); тогда её выдаст <code>%s</code>."

/* ---- owner alerts raised by bot/ ---- */
/* %s: kind, %lld: id, %s: first name, %s: last name */
#define T_OWNER_UNREACHABLE_EN "⚠️ I can no longer message %s #%lld %s %s: they blocked the bot or deleted their account. I stopped sending to them until they write to me again."
#define T_OWNER_UNREACHABLE_RU "⚠️ Я больше не могу писать: %s #%lld %s %s — бот заблокирован или аккаунт удалён. Я не буду ничего отправлять, пока этот человек снова мне не напишет."
/* %d: minutes */
#define T_OWNER_CONFLICT_EN "⚠️ Telegram has refused my updates for %d min (409 Conflict): another copy of the bot runs with the same token, or a webhook is set. Stop the other copy; I keep retrying."
#define T_OWNER_CONFLICT_RU "⚠️ Telegram уже %d мин не отдаёт мне обновления (409 Conflict): с тем же токеном работает другая копия бота или установлен webhook. Остановите другую копию; я продолжаю попытки."
/* health alerts; %s: details (escaped) */
#define T_OWNER_POISON_EN "⚠️ Update %lld crashed the bot twice, in its batch and then alone, so it was skipped: its sender got no answer. The log has the details."
#define T_OWNER_POISON_RU "⚠️ Обновление %lld дважды приводило к аварийной остановке бота, в пакете и отдельно, поэтому оно пропущено: отправитель не получил ответа. Подробности в журнале."
#define T_HEALTH_DB_EN "⚠️ The database reported an error: %s. The bot keeps running; check the log."
#define T_HEALTH_DB_RU "⚠️ База данных сообщила об ошибке: %s. Бот продолжает работать; проверьте журнал."
#define T_HEALTH_TELEGRAM_EN "⚠️ Telegram was unreachable %s. Messages queued meanwhile are being delivered now."
#define T_HEALTH_TELEGRAM_RU "⚠️ Telegram был недоступен %s. Накопившиеся сообщения сейчас доставляются."
#define T_HEALTH_DISK_EN "⚠️ Low disk space: %s. Free some space, or backups and the database may fail."
#define T_HEALTH_DISK_RU "⚠️ Мало места на диске: %s. Освободите место, иначе резервные копии и база данных могут перестать работать."
#define T_HEALTH_BACKUP_EN "⚠️ Tonight's backup failed: %s. The previous backups are kept."
#define T_HEALTH_BACKUP_RU "⚠️ Ночная резервная копия не удалась: %s. Предыдущие копии сохранены."

/* ---- /debug_long ---- */
#define T_EXAMPLE_DEBUG_LONG_EN "/debug_long 6000"
#define T_EXAMPLE_DEBUG_LONG_RU "/debug_long 6000"

/* ---- naming a student: "#12", "12", a phone or a piece of a name ---- */
#define T_FIND_NONE_GIVEN_EN "Name a student: their number from /students or a part of their name."
#define T_FIND_NONE_GIVEN_RU "Укажите ученика: номер из списка /students или часть имени."
/* %s: what was typed (escaped) */
#define T_FIND_BAD_ID_EN "“%s” is not a student number; use the number /students shows."
#define T_FIND_BAD_ID_RU "«%s» — не номер ученика; укажите номер из списка /students."
/* %lld: the number */
#define T_FIND_NO_ID_EN "There is no student #%lld."
#define T_FIND_NO_ID_RU "Ученика #%lld нет."
/* %s: the phone typed (escaped) */
#define T_FIND_NO_PHONE_EN "No student has the phone %s."
#define T_FIND_NO_PHONE_RU "Ни у одного ученика нет номера %s."
/* %s: the name typed (escaped) */
#define T_FIND_NO_NAME_EN "No student matches “%s”. /students lists them all."
#define T_FIND_NO_NAME_RU "Нет ученика, подходящего под «%s». Список всех: /students."
#define T_FIND_TOO_MANY_EN "Too many students match “%s”; type more of the name or use their number from /students."
#define T_FIND_TOO_MANY_RU "Под «%s» подходит слишком много учеников; уточните имя или укажите номер из списка /students."
#define T_FIND_SEVERAL_EN "Several students match “%s”. Which one?"
#define T_FIND_SEVERAL_RU "Под «%s» подходят несколько учеников. Кого вы имели в виду?"
/* %lld: the number */
#define T_FIND_NO_TRAINER_EN "There is no trainer #%lld. /trainers lists them all."
#define T_FIND_NO_TRAINER_RU "Тренера #%lld нет. Список всех: /trainers."
#define T_FIND_NO_ACTIVE_TRAINER_EN "There is no active trainer #%lld. /trainers lists them all."
#define T_FIND_NO_ACTIVE_TRAINER_RU "Активного тренера #%lld нет. Список всех: /trainers."
/* %s: the name typed (escaped); the several are listed after it */
#define T_FIND_NO_TRAINER_NAME_EN "No trainer matches “%s”. /trainers lists them all."
#define T_FIND_NO_TRAINER_NAME_RU "Нет тренера, подходящего под «%s». Список всех: /trainers."
#define T_FIND_TRAINERS_SEVERAL_EN "Several trainers match “%s”; use the number:"
#define T_FIND_TRAINERS_SEVERAL_RU "Под «%s» подходят несколько тренеров; укажите номер:"
#define T_FIND_PICK_OUTDATED_EN "This choice is outdated; please send the command again."
#define T_FIND_PICK_OUTDATED_RU "Этот выбор устарел; отправьте команду ещё раз."

#include "handlers/texts_billing.h"

#include "handlers/texts_admin.h"

#include "handlers/texts_schedule.h"

#include "handlers/texts_belts.h"
#include "handlers/texts_jobs.h"
#include "handlers/texts_news.h"
#include "handlers/texts_api.h"
#include "handlers/texts_calendar.h"
#include "handlers/texts_web.h"

#endif
