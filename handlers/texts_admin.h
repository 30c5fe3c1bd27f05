/*
 * texts_admin.h — the texts of the owner's people management
 * (handlers/admin.c: /student, /students, /setphone, /editstudent,
 * /deactivate, /reactivate, /export; handlers/trainers.c: /trainers,
 * /trainer; handlers/register.c: /invite, /invites, /unlink; the health
 * notes on the attendance roster) and reports (handlers/reports.c: /revenue, /stats,
 * /report), in English and Russian. Same conventions as texts.h: pairs of
 * literals NAME_EN / NAME_RU, Telegram HTML, every %s argument escaped by
 * the caller unless it is one of our literals.
 *
 * Included by texts.h; do not include directly.
 */
#ifndef BJJ_TEXTS_ADMIN_H
#define BJJ_TEXTS_ADMIN_H

/* ---- command help ---- */
#define T_HELP_STUDENT_EN "a student's card: phone, belt, plan, visits, actions"
#define T_HELP_STUDENT_RU "карточка ученика: телефон, пояс, абонемент, посещения, действия"
#define T_HELP_STUDENTS_EN "list students (\"all\" adds inactive ones)"
#define T_HELP_STUDENTS_RU "список учеников («все» — вместе с неактивными)"
#define T_HELP_SETPHONE_EN "change a student's phone"
#define T_HELP_SETPHONE_RU "изменить телефон ученика"
#define T_HELP_DEACTIVATE_EN "deactivate a student (history is kept)"
#define T_HELP_DEACTIVATE_RU "деактивировать ученика (история сохраняется)"
#define T_HELP_REACTIVATE_EN "make a deactivated student active again"
#define T_HELP_REACTIVATE_RU "снова сделать ученика активным"
#define T_HELP_REVENUE_EN "a month's revenue by method and plan"
#define T_HELP_REVENUE_RU "выручка за месяц по способам оплаты и абонементам"
#define T_HELP_STATS_EN "the academy's numbers at a glance"
#define T_HELP_STATS_RU "главные цифры академии"
#define T_HELP_REPORT_EN "attendance per class and trainer, who stopped coming"
#define T_HELP_REPORT_RU "посещаемость по занятиям и тренерам, кто перестал ходить"
#define T_HELP_EXPORT_EN "all data as CSV files for a spreadsheet"
#define T_HELP_EXPORT_RU "все данные в CSV-файлах для таблиц"

/* ---- command usage (after "/name ") and examples ---- */
#define T_USAGE_STUDENT_EN "#<id> | <name>"
#define T_USAGE_STUDENT_RU "#<номер> | <имя>"
#define T_USAGE_STUDENTS_EN "[all] [name]"
#define T_USAGE_STUDENTS_RU "[все] [имя]"
#define T_USAGE_SETPHONE_EN "<#id | name> <phone>"
#define T_USAGE_SETPHONE_RU "<#номер | имя> <телефон>"
#define T_USAGE_MONTH_EN "[YYYY-MM]"
#define T_USAGE_MONTH_RU "[ГГГГ-ММ]"
#define T_EXAMPLE_STUDENT_EN "/student Ivan"
#define T_EXAMPLE_STUDENT_RU "/student Иван"
#define T_EXAMPLE_SETPHONE_EN "/setphone Ivan +79001234567"
#define T_EXAMPLE_SETPHONE_RU "/setphone Иван +79001234567"
#define T_EXAMPLE_DEACTIVATE_EN "/deactivate Ivan"
#define T_EXAMPLE_DEACTIVATE_RU "/deactivate Иван"
#define T_EXAMPLE_REACTIVATE_EN "/reactivate Ivan"
#define T_EXAMPLE_REACTIVATE_RU "/reactivate Иван"
#define T_EXAMPLE_STUDENTS_EN "/students all ivan"
#define T_EXAMPLE_STUDENTS_RU "/students все иван"
#define T_EXAMPLE_REVENUE_EN "/revenue 2026-05"
#define T_EXAMPLE_REVENUE_RU "/revenue 2026-05"
#define T_EXAMPLE_REPORT_EN "/report 2026-05"
#define T_EXAMPLE_REPORT_RU "/report 2026-05"
#define T_EXAMPLE_STATS_EN "/stats"
#define T_EXAMPLE_STATS_RU "/stats"
#define T_EXAMPLE_EXPORT_EN "/export"
#define T_EXAMPLE_EXPORT_RU "/export"

/* ---- the student card ---- */
/* %lld: id, %s: first name, %s: last name */
#define T_CARD_HEAD_EN "👤 <b>#%lld %s %s</b>\n"
#define T_CARD_HEAD_RU "👤 <b>#%lld %s %s</b>\n"
/* %s: phone */
#define T_CARD_PHONE_EN "📞 %s\n"
#define T_CARD_PHONE_RU "📞 %s\n"
#define T_CARD_NO_PHONE_EN "📞 no phone\n"
#define T_CARD_NO_PHONE_RU "📞 телефона нет\n"
/* %s: e-mail */
#define T_CARD_EMAIL_EN "✉️ %s\n"
#define T_CARD_EMAIL_RU "✉️ %s\n"
/* %s: the rank (h_rank_add: "blue belt, 2 stripes") */
#define T_CARD_BELT_EN "🥋 %s\n"
#define T_CARD_BELT_RU "🥋 %s\n"
/* %s: YYYY-MM-DD */
#define T_CARD_BIRTH_EN "🎂 born %s\n"
#define T_CARD_BIRTH_RU "🎂 дата рождения: %s\n"
#define T_CARD_TG_OK_EN "💬 Telegram linked\n"
#define T_CARD_TG_OK_RU "💬 Telegram привязан\n"
#define T_CARD_TG_UNREACHABLE_EN "💬 Telegram linked, but I cannot message them (blocked?)\n"
#define T_CARD_TG_UNREACHABLE_RU "💬 Telegram привязан, но писать не получается (бот заблокирован?)\n"
#define T_CARD_TG_NONE_EN "💬 Telegram not linked\n"
#define T_CARD_TG_NONE_RU "💬 Telegram не привязан\n"
#define T_CARD_ACTIVE_EN "✅ active\n"
#define T_CARD_ACTIVE_RU "✅ запись активна\n"
#define T_CARD_INACTIVE_EN "🚫 inactive\n"
#define T_CARD_INACTIVE_RU "🚫 запись неактивна\n"
/* %s: YYYY-MM-DD */
#define T_CARD_REGISTERED_EN "📅 registered %s\n"
#define T_CARD_REGISTERED_RU "📅 в базе с %s\n"
/* %s: plan title, %s: from date, %s: last day */
#define T_CARD_PLAN_EN "🎫 %s, %s – %s"
#define T_CARD_PLAN_RU "🎫 %s, %s – %s"
/* %d: classes left */
#define T_CARD_PLAN_LEFT_EN ", classes left: %d"
#define T_CARD_PLAN_LEFT_RU ", осталось занятий: %d"
#define T_CARD_PLAN_FROZEN_EN " ❄️ frozen"
#define T_CARD_PLAN_FROZEN_RU " ❄️ заморожен"
#define T_CARD_NO_PLAN_EN "🎫 no current plan\n"
#define T_CARD_NO_PLAN_RU "🎫 нет действующего абонемента\n"
/* %d: visits */
#define T_CARD_VISITS_EN "📈 visits this month: %d\n"
#define T_CARD_VISITS_RU "📈 посещений в этом месяце: %d\n"
/* %s: notes */
#define T_CARD_NOTES_EN "📝 %s\n"
#define T_CARD_NOTES_RU "📝 %s\n"
/* %s: emergency contact */
#define T_CARD_EMERGENCY_EN "🆘 emergency contact: %s\n"
#define T_CARD_EMERGENCY_RU "🆘 экстренный контакт: %s\n"
/* %s: medical notes */
#define T_CARD_MEDICAL_EN "⚕️ %s\n"
#define T_CARD_MEDICAL_RU "⚕️ %s\n"
#define T_BTN_EDIT_PHONE_EN "📞 Edit phone"
#define T_BTN_EDIT_PHONE_RU "📞 Изменить телефон"
#define T_BTN_DEACTIVATE_EN "🚫 Deactivate"
#define T_BTN_DEACTIVATE_RU "🚫 Деактивировать"
#define T_BTN_REACTIVATE_EN "✅ Reactivate"
#define T_BTN_REACTIVATE_RU "✅ Активировать"
#define T_BTN_INVITE_EN "🔗 New invite link"
#define T_BTN_INVITE_RU "🔗 Новая ссылка-приглашение"

/* ---- card buttons ---- */
#define T_STU_GONE_EN "This student no longer exists; nothing was changed."
#define T_STU_GONE_RU "Этого ученика больше нет; ничего не изменено."
/* %lld: id */
#define T_STU_PHONE_HOW_EN "Send the new phone like this:\n<code>/setphone #%lld +79001234567</code>"
#define T_STU_PHONE_HOW_RU "Отправьте новый телефон так:\n<code>/setphone #%lld +79001234567</code>"
/* %lld: id, %s: first name, %s: last name */
#define T_STU_LINKED_ALREADY_EN "#%lld %s %s has already linked their Telegram; no invite is needed."
#define T_STU_LINKED_ALREADY_RU "#%lld %s %s: Telegram уже привязан; приглашение не нужно."
/* %lld: id, %s: first name, %s: last name, %s: the command reactivating them */
#define T_PERSON_INACTIVE_EN "#%lld %s %s is inactive; reactivate them first: <code>%s</code>"
#define T_PERSON_INACTIVE_RU "#%lld %s %s: запись неактивна; сначала активируйте её: <code>%s</code>"
/* %lld: id, %s: first name, %s: last name; then T_INVITE_LINK or T_INVITE_CODE */
#define T_STU_INVITE_EN "🔗 A new invite for #%lld %s %s; older ones no longer work."
#define T_STU_INVITE_RU "🔗 Новое приглашение для #%lld %s %s; прежние больше не действуют."

/* ---- /setphone ---- */
/* %lld: id, %s: first, %s: last, %s: phone */
#define T_HELP_SETBIRTH_EN "set a student's birth date (for the belt age rules)"
#define T_HELP_SETBIRTH_RU "указать дату рождения ученика (для возрастных правил поясов)"
#define T_USAGE_SETBIRTH_EN "<#id | name> <YYYY-MM-DD | ->"
#define T_USAGE_SETBIRTH_RU "<#номер | имя> <ГГГГ-ММ-ДД | ->"
#define T_EXAMPLE_SETBIRTH_EN "/setbirth Ivan 2010-05-01"
#define T_EXAMPLE_SETBIRTH_RU "/setbirth Иван 2010-05-01"
/* %lld: id, %s: first, %s: last, %s: date, %d: age */
#define T_BIRTH_SET_EN "🎂 #%lld %s %s: born %s (%d years old)."
#define T_BIRTH_SET_RU "🎂 #%lld %s %s: дата рождения %s (полных лет: %d)."
/* %lld: id, %s: first, %s: last */
#define T_BIRTH_CLEARED_EN "#%lld %s %s: the birth date is cleared."
#define T_BIRTH_CLEARED_RU "#%lld %s %s: дата рождения удалена."
#define T_PHONE_SET_EN "📞 #%lld %s %s: the phone is now %s."
#define T_PHONE_SET_RU "📞 #%lld %s %s: теперь телефон %s."
#define T_PHONE_SAME_EN "#%lld %s %s already has the phone %s; nothing changed."
#define T_PHONE_SAME_RU "#%lld %s %s: телефон уже %s; ничего не изменено."
/* %s: phone, %lld: id, %s: first, %s: last */
#define T_PHONE_TAKEN_EN "The phone %s already belongs to student #%lld %s %s. Nothing changed."
#define T_PHONE_TAKEN_RU "Номер %s уже принадлежит ученику #%lld %s %s. Ничего не изменено."

/* ---- /deactivate, /reactivate ---- */
/* %lld: id, %s: first, %s: last, %lld: id */
#define T_DEACTIVATED_EN "🚫 #%lld %s %s is deactivated. Their history is kept and reminders stop. To undo: /reactivate #%lld"
#define T_DEACTIVATED_RU "🚫 #%lld %s %s: запись деактивирована. История сохранена, напоминания больше не придут. Отменить: /reactivate #%lld"
/* %lld: id, %s: first, %s: last */
#define T_REACTIVATED_EN "✅ #%lld %s %s is active again."
#define T_REACTIVATED_RU "✅ #%lld %s %s: запись снова активна."
#define T_ALREADY_INACTIVE_EN "#%lld %s %s is already inactive; nothing changed."
#define T_ALREADY_INACTIVE_RU "#%lld %s %s: запись уже неактивна; ничего не изменено."
#define T_ALREADY_ACTIVE_EN "#%lld %s %s is already active; nothing changed."
#define T_ALREADY_ACTIVE_RU "#%lld %s %s: запись уже активна; ничего не изменено."

/* ---- /students ---- */
/* %lld: matching students, %d: page, %d: pages */
#define T_STUDENTS_HEAD_EN "👥 <b>Active students</b>: %lld (page %d of %d)\n"
#define T_STUDENTS_HEAD_RU "👥 <b>Активные ученики</b>: %lld (стр. %d из %d)\n"
#define T_STUDENTS_HEAD_ALL_EN "👥 <b>All students</b>: %lld (page %d of %d)\n"
#define T_STUDENTS_HEAD_ALL_RU "👥 <b>Все ученики</b>: %lld (стр. %d из %d)\n"
/* %s: the filter */
#define T_STUDENTS_FILTER_EN "Matching “%s”\n"
#define T_STUDENTS_FILTER_RU "По запросу «%s»\n"
/* %lld id, %s first, %s last (escaped), %s the rank (h_rank_add) */
#define T_STUDENTS_LINE_EN "\n#%lld %s %s — %s"
#define T_STUDENTS_LINE_RU "\n#%lld %s %s — %s"
#define T_STUDENTS_LINKED_EN " 💬"
#define T_STUDENTS_LINKED_RU " 💬"
#define T_STUDENTS_INACTIVE_EN " 🚫 inactive"
#define T_STUDENTS_INACTIVE_RU " 🚫 запись неактивна"
#define T_STUDENTS_FOOT_EN "\n\n💬 = Telegram linked. A card: /student #id"
#define T_STUDENTS_FOOT_RU "\n\n💬 = Telegram привязан. Карточка: /student #номер"
#define T_STUDENTS_NONE_EN "No students yet. Add one with /addstudent."
#define T_STUDENTS_NONE_RU "Учеников пока нет. Добавьте: /addstudent."
/* %s: the filter */
#define T_STUDENTS_NO_MATCH_EN "No students match “%s”."
#define T_STUDENTS_NO_MATCH_RU "Нет учеников по запросу «%s»."
/* %d: the limit */
#define T_STUDENTS_FILTER_LONG_EN "The search text is too long; use at most %d characters."
#define T_STUDENTS_FILTER_LONG_RU "Слишком длинный текст поиска; не больше %d символов."
#define T_BTN_PREV_EN "◀ Back"
#define T_BTN_PREV_RU "◀ Назад"
#define T_BTN_NEXT_EN "Next ▶"
#define T_BTN_NEXT_RU "Далее ▶"

/* ---- /editstudent ---- */
#define T_HELP_EDITSTUDENT_EN "change a student's name, e-mail, notes, emergency contact or medical notes"
#define T_HELP_EDITSTUDENT_RU "изменить имя, e-mail, заметки, экстренный контакт или медицинские заметки ученика"
#define T_USAGE_EDITSTUDENT_EN "<#id | name> <name | email | notes | emergency | medical> <new value, or - to clear>"
#define T_USAGE_EDITSTUDENT_RU "<#номер | имя> <имя | почта | заметки | экстренный | здоровье> <новое значение или - чтобы удалить>"
#define T_EXAMPLE_EDITSTUDENT_EN "/editstudent Ivan medical asthma, inhaler in the bag"
#define T_EXAMPLE_EDITSTUDENT_RU "/editstudent Иван здоровье астма, ингалятор в сумке"
/* the fields, as replies name them */
#define T_FIELD_EMAIL_EN "e-mail"
#define T_FIELD_EMAIL_RU "e-mail"
#define T_FIELD_NOTES_EN "notes"
#define T_FIELD_NOTES_RU "заметки"
#define T_FIELD_EMERGENCY_EN "emergency contact"
#define T_FIELD_EMERGENCY_RU "экстренный контакт"
#define T_FIELD_MEDICAL_EN "medical notes"
#define T_FIELD_MEDICAL_RU "медицинские заметки"
/* %lld: id, %s: first, %s: last, %s: field, %s: the new value */
#define T_EDIT_SET_EN "✏️ #%lld %s %s: %s set to “%s”."
#define T_EDIT_SET_RU "✏️ #%lld %s %s: поле «%s» теперь — «%s»."
/* %lld: id, %s: first, %s: last, %s: field */
#define T_EDIT_CLEARED_EN "✏️ #%lld %s %s: %s cleared."
#define T_EDIT_CLEARED_RU "✏️ #%lld %s %s: поле «%s» очищено."
/* %lld: id, %s: new first, %s: new last, %s: old first, %s: old last */
#define T_EDIT_NAME_EN "✏️ #%lld is now %s %s (was %s %s)."
#define T_EDIT_NAME_RU "✏️ #%lld: теперь имя — %s %s (было: %s %s)."
#define T_EDIT_NAME_NEEDED_EN "A name cannot be cleared; send the new first and last name."
#define T_EDIT_NAME_NEEDED_RU "Имя нельзя удалить; отправьте новые имя и фамилию."
/* %s: field, %d: the limit */
#define T_EDIT_TOO_LONG_EN "The %s is too long: at most %d characters."
#define T_EDIT_TOO_LONG_RU "Поле «%s» слишком длинное: не больше %d символов."
/* %s: what was given */
#define T_EDIT_BAD_EMAIL_EN "“%s” is not an e-mail address."
#define T_EDIT_BAD_EMAIL_RU "«%s» не похоже на адрес e-mail."

/* ---- health notes on the attendance roster (private chats only) ---- */
/* %s: "Ivan P.", %s: medical notes */
#define T_ATT_MEDICAL_EN "\n⚕️ %s: %s"
#define T_ATT_MEDICAL_RU "\n⚕️ %s: %s"
/* %s: "Ivan P.", %s: emergency contact */
#define T_ATT_EMERGENCY_EN "\n🆘 %s: %s"
#define T_ATT_EMERGENCY_RU "\n🆘 %s: %s"
/* %d: students whose notes are not shown */
#define T_ATT_HEALTH_MORE_EN "\n⚕️ …and %d more students with health notes, too many to show here."
#define T_ATT_HEALTH_MORE_RU "\n⚕️ …и ещё учеников с заметками о здоровье: %d, все здесь не помещаются."

/* ---- /trainers, /trainer ---- */
#define T_HELP_TRAINERS_EN "the trainers: head trainer, Telegram, classes a week"
#define T_HELP_TRAINERS_RU "тренеры: старший тренер, Telegram, занятий в неделю"
#define T_HELP_TRAINER_EN "deactivate or reactivate a trainer, or make them the head trainer"
#define T_HELP_TRAINER_RU "деактивировать или вернуть тренера, назначить старшего тренера"
#define T_USAGE_TRAINER_EN "<#id | name> <off | on | head>"
#define T_USAGE_TRAINER_RU "<#номер | имя> <выкл | вкл | старший>"
#define T_EXAMPLE_TRAINERS_EN "/trainers"
#define T_EXAMPLE_TRAINERS_RU "/trainers"
#define T_EXAMPLE_TRAINER_EN "/trainer Rafael head"
#define T_EXAMPLE_TRAINER_RU "/trainer Рафаэль старший"
/* %lld: trainers */
#define T_TRAINERS_HEAD_EN "🥋 <b>Trainers</b>: %lld\n"
#define T_TRAINERS_HEAD_RU "🥋 <b>Тренеры</b>: %lld\n"
/* %lld: id, %s: first, %s: last */
#define T_TRAINERS_LINE_EN "\n#%lld %s %s"
#define T_TRAINERS_LINE_RU "\n#%lld %s %s"
#define T_TRAINERS_MAIN_EN " ⭐ head trainer"
#define T_TRAINERS_MAIN_RU " ⭐ старший тренер"
/* %d: classes, %s: the word for them */
#define T_TRAINERS_WEEKLY_EN " — %d %s a week"
#define T_TRAINERS_WEEKLY_RU " — %d %s в неделю"
#define T_TRAINERS_LINKED_EN " 💬"
#define T_TRAINERS_LINKED_RU " 💬"
#define T_TRAINERS_INACTIVE_EN " 🚫 inactive"
#define T_TRAINERS_INACTIVE_RU " 🚫 запись неактивна"
/* %lld: the first active trainer's id */
#define T_TRAINERS_NO_MAIN_EN "\n\nNo head trainer yet; to set one: <code>/trainer #%lld head</code>"
#define T_TRAINERS_NO_MAIN_RU "\n\nСтаршего тренера пока нет; чтобы назначить: <code>/trainer #%lld старший</code>"
#define T_TRAINERS_FOOT_EN "\n\n💬 = Telegram linked. Change one: /trainer"
#define T_TRAINERS_FOOT_RU "\n\n💬 = Telegram привязан. Изменить: /trainer"
#define T_TRAINERS_NONE_EN "No trainers yet. Add one with /addtrainer."
#define T_TRAINERS_NONE_RU "Тренеров пока нет. Добавьте: /addtrainer."
/* %lld: id, %s: first, %s: last, %lld: id */
#define T_TRAINER_OFF_EN "🚫 #%lld %s %s is deactivated: their trainer access is closed at once. Their Telegram stays linked, so <code>/trainer #%lld on</code> gives it back."
#define T_TRAINER_OFF_RU "🚫 #%lld %s %s: запись тренера деактивирована, доступ тренера закрыт сразу. Telegram остаётся привязанным, поэтому вернуть доступ можно командой <code>/trainer #%lld вкл</code>."
/* the same for a trainer with no Telegram linked. %lld: id, %s: first,
 * %s: last, %lld: id */
#define T_TRAINER_OFF_UNLINKED_EN "🚫 #%lld %s %s is deactivated. <code>/trainer #%lld on</code> brings them back."
#define T_TRAINER_OFF_UNLINKED_RU "🚫 #%lld %s %s: запись тренера деактивирована. Вернуть: <code>/trainer #%lld вкл</code>."
/* %lld: weekly classes, %s: the word, %lld: upcoming classes, %s: the word */
#define T_TRAINER_OFF_LOAD_EN "\nThey still teach %lld %s a week (%lld %s coming up). Assign another trainer with /classtrainer (numbers in /classes); otherwise the classes run without a trainer."
#define T_TRAINER_OFF_LOAD_RU "\nУ этого тренера по-прежнему %lld %s в неделю (впереди: %lld %s). Назначьте другого тренера командой /classtrainer (номера — в /classes), иначе занятия пройдут без тренера."
#define T_TRAINER_OFF_MAIN_EN "\nThe academy has no head trainer now; set one with /trainer."
#define T_TRAINER_OFF_MAIN_RU "\nСтаршего тренера теперь нет; назначьте его командой /trainer."
/* %lld: id, %s: first, %s: last */
#define T_TRAINER_ON_EN "✅ #%lld %s %s: trainer access is open again."
#define T_TRAINER_ON_RU "✅ #%lld %s %s: доступ тренера снова открыт."
#define T_TRAINER_ALREADY_OFF_EN "#%lld %s %s is already inactive; nothing changed."
#define T_TRAINER_ALREADY_OFF_RU "#%lld %s %s: запись тренера уже неактивна; ничего не изменено."
#define T_TRAINER_ALREADY_ON_EN "#%lld %s %s is already active; nothing changed."
#define T_TRAINER_ALREADY_ON_RU "#%lld %s %s: запись тренера уже активна; ничего не изменено."
#define T_TRAINER_MAIN_EN "⭐ #%lld %s %s is now the head trainer."
#define T_TRAINER_MAIN_RU "⭐ Старший тренер теперь — #%lld %s %s."
#define T_TRAINER_MAIN_ALREADY_EN "#%lld %s %s is already the head trainer; nothing changed."
#define T_TRAINER_MAIN_ALREADY_RU "#%lld %s %s уже старший тренер; ничего не изменено."
/* keywords (see T_KW_ in texts_belts.h): /trainer ... head; the
 * "trainer" of /invite and /unlink; the "all" of /students and /plans */
#define T_KW_HEAD_EN "head"
#define T_KW_HEAD_RU "старший"
#define T_KW_TRAINER_EN "trainer"
#define T_KW_TRAINER_RU "тренер"
#define T_KW_ALL_EN "all"
#define T_KW_ALL_RU "все"

/* ---- /invite, /invites, /unlink ---- */
#define T_HELP_INVITE_EN "a new invite link for a student (or trainer); older ones stop working"
#define T_HELP_INVITE_RU "новая ссылка-приглашение для ученика (или тренера); прежние перестают работать"
#define T_HELP_INVITES_EN "invites not used yet: for whom, valid until"
#define T_HELP_INVITES_RU "неиспользованные приглашения: для кого и до какого срока"
#define T_HELP_UNLINK_EN "unlink a student's (or trainer's) Telegram account"
#define T_HELP_UNLINK_RU "отвязать аккаунт Telegram от ученика (или тренера)"
#define T_USAGE_PERSON_EN "[trainer] <#id | name>"
#define T_USAGE_PERSON_RU "[тренер] <#номер | имя>"
#define T_EXAMPLE_INVITE_EN "/invite Ivan"
#define T_EXAMPLE_INVITE_RU "/invite Иван"
#define T_EXAMPLE_UNLINK_EN "/unlink trainer Rafael"
#define T_EXAMPLE_UNLINK_RU "/unlink тренер Рафаэль"
#define T_EXAMPLE_INVITES_EN "/invites"
#define T_EXAMPLE_INVITES_RU "/invites"
/* %lld: invites */
#define T_INVITES_HEAD_EN "🔗 <b>Invites not used yet</b>: %lld\n"
#define T_INVITES_HEAD_RU "🔗 <b>Неиспользованные приглашения</b>: %lld\n"
/* %s: kind, %lld: id, %s: first, %s: last, %s: valid until */
#define T_INVITES_LINE_EN "\n%s #%lld %s %s — until %s"
#define T_INVITES_LINE_RU "\n%s #%lld %s %s — до %s"
/* %lld: how many more */
#define T_INVITES_MORE_EN "\n… and %lld more"
#define T_INVITES_MORE_RU "\n… и ещё %lld"
#define T_INVITES_FOOT_EN "\n\nA new link replaces the old one: /invite"
#define T_INVITES_FOOT_RU "\n\nНовая ссылка заменяет прежнюю: /invite"
#define T_INVITES_NONE_EN "No invites are waiting to be used."
#define T_INVITES_NONE_RU "Неиспользованных приглашений нет."
/* %lld: id, %s: first, %s: last, %s: the command for a new invite */
#define T_UNLINKED_EN "🔓 #%lld %s %s: Telegram unlinked; that account no longer acts for this record, and its unused invites and API tokens no longer work. To link again: <code>%s</code>"
#define T_UNLINKED_RU "🔓 #%lld %s %s: Telegram отвязан; этот аккаунт больше не действует от имени записи, а неиспользованные приглашения и токены API для неё больше не работают. Чтобы привязать снова: <code>%s</code>"
/* %lld: id, %s: first, %s: last */
#define T_UNLINK_NONE_EN "#%lld %s %s has no Telegram linked; nothing changed."
#define T_UNLINK_NONE_RU "#%lld %s %s: Telegram не привязан; ничего не изменено."

/* ---- /export ---- */
/* %d: files */
#define T_EXPORT_DONE_EN "📦 Export ready: %d CSV files (UTF-8, open in Excel, LibreOffice or Google Sheets)."
#define T_EXPORT_DONE_RU "📦 Выгрузка готова: %d CSV-файлов (UTF-8, открываются в Excel, LibreOffice, Google Таблицах)."
/* captions. %s: file name, %lld: rows */
#define T_EXPORT_CAPTION_EN "%s — rows: %lld"
#define T_EXPORT_CAPTION_RU "%s — строк: %lld"
#define T_EXPORT_STARTED_EN "📦 Preparing the export: the CSV files will follow in this chat shortly."
#define T_EXPORT_STARTED_RU "📦 Готовлю выгрузку: CSV-файлы скоро придут в этот чат."
#define T_EXPORT_BUSY_EN "An export is already being prepared. Its files will come to the chat that asked for it; ask again once they have arrived."
#define T_EXPORT_BUSY_RU "Выгрузка уже готовится. Её файлы придут в чат, из которого её запросили; запросите снова, когда они придут."
#define T_EXPORT_FAILED_EN "I could not write the export files. The log has the details; check the [storage] export_dir setting."
#define T_EXPORT_FAILED_RU "Не удалось записать файлы выгрузки. Подробности в журнале; проверьте настройку [storage] export_dir."

/* ---- /revenue ---- */
/* %s: YYYY-MM */
#define T_REVENUE_HEAD_EN "💰 <b>Revenue for %s</b>\n"
#define T_REVENUE_HEAD_RU "💰 <b>Выручка за %s</b>\n"
/* %s: money, %lld: payments */
#define T_REVENUE_TOTAL_EN "Total: <b>%s</b> (payments: %lld)\n"
#define T_REVENUE_TOTAL_RU "Итого: <b>%s</b> (платежей: %lld)\n"
/* %s: YYYY-MM */
#define T_REVENUE_NONE_EN "💰 No payments recorded for %s yet.\n"
#define T_REVENUE_NONE_RU "💰 За %s платежей пока нет.\n"
#define T_REVENUE_BY_METHOD_EN "\n<b>By method</b>\n"
#define T_REVENUE_BY_METHOD_RU "\n<b>По способам оплаты</b>\n"
#define T_REVENUE_BY_PLAN_EN "\n<b>By plan</b>\n"
#define T_REVENUE_BY_PLAN_RU "\n<b>По абонементам</b>\n"
/* %s: method or plan, %s: money, %lld: payments */
#define T_REVENUE_LINE_EN "• %s: %s (%lld)\n"
#define T_REVENUE_LINE_RU "• %s: %s (%lld)\n"
#define T_REVENUE_OTHER_EN "other payments"
#define T_REVENUE_OTHER_RU "прочие платежи"
/* %s: previous YYYY-MM, %s: its total, %s: "+" or "", %s: the difference,
 * %s: " (+25%)" */
#define T_REVENUE_VS_EN "\nVs %s (%s): %s%s%s\n"
#define T_REVENUE_VS_RU "\nПо сравнению с %s (%s): %s%s%s\n"
/* %s: previous YYYY-MM */
#define T_REVENUE_VS_NONE_EN "\nNo payments in %s to compare with.\n"
#define T_REVENUE_VS_NONE_RU "\nЗа %s платежей не было, сравнивать не с чем.\n"
#define T_BAD_MONTH_EN "“%s” is not a month; write it as YYYY-MM or MM.YYYY, e.g. 2026-05 or 05.2026."
#define T_BAD_MONTH_RU "«%s» — не месяц; напишите в виде ММ.ГГГГ или ГГГГ-ММ, например 05.2026 или 2026-05."

/* ---- /stats ---- */
/* %s: academy name */
#define T_STATS_HEAD_EN "📊 <b>%s</b> at a glance\n\n"
#define T_STATS_HEAD_RU "📊 <b>%s</b>: главные цифры\n\n"
/* %lld each */
#define T_STATS_STUDENTS_EN "👥 Active students: %lld\n"
#define T_STATS_STUDENTS_RU "👥 Активных учеников: %lld\n"
#define T_STATS_SUBS_EN "🎫 Active subscriptions: %lld\n"
#define T_STATS_SUBS_RU "🎫 Действующих абонементов: %lld\n"
#define T_STATS_NEW_EN "🆕 New this month: %lld\n"
#define T_STATS_NEW_RU "🆕 Новых в этом месяце: %lld\n"
/* %s: money */
#define T_STATS_REVENUE_EN "💰 Revenue this month: %s\n"
#define T_STATS_REVENUE_RU "💰 Выручка в этом месяце: %s\n"
/* %lld.%lld: average, %lld: classes */
#define T_STATS_AVG_EN "📈 Average attendance (last 30 days): %lld.%lld per class over %lld classes\n"
#define T_STATS_AVG_RU "📈 Средняя посещаемость (30 дней): %lld,%lld на занятие, занятий: %lld\n"
#define T_STATS_AVG_NONE_EN "📈 No classes held in the last 30 days.\n"
#define T_STATS_AVG_NONE_RU "📈 За последние 30 дней занятий не было.\n"

/* ---- /report ---- */
/* %s: YYYY-MM */
#define T_REPORT_HEAD_EN "📋 <b>Report for %s</b>\n"
#define T_REPORT_HEAD_RU "📋 <b>Отчёт за %s</b>\n"
#define T_REPORT_CLASSES_EN "\n<b>Classes</b> (held, average present)\n"
#define T_REPORT_CLASSES_RU "\n<b>Занятия</b> (проведено, в среднем пришло)\n"
/* %s: title, %lld: classes, %lld.%lld: average */
#define T_REPORT_CLASS_LINE_EN "• %s: %lld, %lld.%lld\n"
#define T_REPORT_CLASS_LINE_RU "• %s: %lld; %lld,%lld\n"
#define T_REPORT_TRAINERS_EN "\n<b>Trainers</b> (classes, visits)\n"
#define T_REPORT_TRAINERS_RU "\n<b>Тренеры</b> (занятий, посещений)\n"
/* %s: name, %lld: classes, %lld: visits */
#define T_REPORT_TRAINER_LINE_EN "• %s: %lld, %lld\n"
#define T_REPORT_TRAINER_LINE_RU "• %s: %lld, %lld\n"
#define T_REPORT_NO_TRAINER_EN "no trainer"
#define T_REPORT_NO_TRAINER_RU "без тренера"
#define T_REPORT_NO_CLASSES_EN "no classes held\n"
#define T_REPORT_NO_CLASSES_RU "занятий не было\n"
#define T_REPORT_LAPSED_EN "\n<b>Stopped coming</b> (trained in the last 60 days, not in the last 14)\n"
#define T_REPORT_LAPSED_RU "\n<b>Перестали ходить</b> (были за 60 дней, но не за последние 14)\n"
/* %lld: id, %s: first, %s: last, %s: date */
#define T_REPORT_LAPSED_LINE_EN "• #%lld %s %s — last visit %s"
#define T_REPORT_LAPSED_LINE_RU "• #%lld %s %s — последний раз %s"
#define T_REPORT_LAPSED_FROZEN_EN " ❄️ frozen"
#define T_REPORT_LAPSED_FROZEN_RU " ❄️ заморожен"
/* %lld: how many more */
#define T_REPORT_LAPSED_MORE_EN "… and %lld more\n"
#define T_REPORT_LAPSED_MORE_RU "… и ещё %lld\n"
#define T_REPORT_LAPSED_NONE_EN "nobody 🎉\n"
#define T_REPORT_LAPSED_NONE_RU "таких нет 🎉\n"

#endif
