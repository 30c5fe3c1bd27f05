/*
 * texts_schedule.h — the texts of the schedule, check-in and attendance
 * commands (handlers/schedule.c, handlers/attendance.c), in English and
 * Russian. Same conventions as texts.h: NAME_EN / NAME_RU literal pairs,
 * Telegram HTML, every %s escaped by the caller unless it is one of our
 * own literals. Included by texts.h.
 */
#ifndef BJJ_TEXTS_SCHEDULE_H
#define BJJ_TEXTS_SCHEDULE_H

/* ---- help and usage ---- */
#define T_HELP_SCHEDULE_EN "classes of the next 7 days"
#define T_HELP_SCHEDULE_RU "занятия на ближайшие 7 дней"
#define T_HELP_CHECKIN_EN "check in to the class that is about to start"
#define T_HELP_CHECKIN_RU "отметиться на занятии, которое скоро начнётся"
#define T_HELP_CLASSES_EN "weekly classes and upcoming trainings with their numbers"
#define T_HELP_CLASSES_RU "расписание по неделям и ближайшие занятия с номерами"
#define T_HELP_ATTENDANCE_EN "take attendance: the roster of the current class"
#define T_HELP_ATTENDANCE_RU "отметить посещаемость: список текущего занятия"
#define T_HELP_ADDCLASS_EN "add a weekly class"
#define T_HELP_ADDCLASS_RU "добавить занятие в недельное расписание"
#define T_HELP_ADDTRAINING_EN "add a one-off class (a past date is fine, for backfill)"
#define T_HELP_ADDTRAINING_RU "добавить разовое занятие (можно прошедшее, чтобы внести посещения)"
#define T_HELP_CLASSTRAINER_EN "set who teaches a weekly class"
#define T_HELP_CLASSTRAINER_RU "назначить тренера недельного занятия"
#define T_USAGE_CLASSTRAINER_EN "<weekly class number> <trainer #number | name | ->"
#define T_USAGE_CLASSTRAINER_RU "<номер недельного занятия> <тренер: #номер | имя | ->"
#define T_EXAMPLE_CLASSTRAINER_EN "/classtrainer 1 Rafael"
#define T_EXAMPLE_CLASSTRAINER_RU "/classtrainer 1 Рафаэль"
/* %lld: class, %s: trainer name */
#define T_CLASSTRAINER_SET_EN "👤 Weekly class #%lld is taught by %s from the next class on."
#define T_CLASSTRAINER_SET_RU "👤 Недельное занятие #%lld ведёт %s, начиная со следующего занятия."
/* %lld: class */
#define T_CLASSTRAINER_NONE_EN "Weekly class #%lld has no trainer from the next class on."
#define T_CLASSTRAINER_NONE_RU "У недельного занятия #%lld больше нет тренера, начиная со следующего занятия."
#define T_CLASSTRAINER_NO_CLASS_EN "There is no weekly class #%lld. /classes lists them."
#define T_CLASSTRAINER_NO_CLASS_RU "Недельного занятия #%lld нет. Список: /classes."
#define T_HELP_EDITCLASS_EN "change a weekly class: days, time, duration, title or trainer"
#define T_HELP_EDITCLASS_RU "изменить недельное занятие: дни, время, длительность, название или тренера"
#define T_USAGE_EDITCLASS_EN "<weekly class number> days <days> | time <HH:MM> | duration <minutes> | title <title> | trainer <#number | name | ->"
#define T_USAGE_EDITCLASS_RU "<номер недельного занятия> дни <дни> | время <ЧЧ:ММ> | длительность <минут> | название <название> | тренер <#номер | имя | ->"
#define T_EXAMPLE_EDITCLASS_EN "/editclass 1 time 19:30"
#define T_EXAMPLE_EDITCLASS_RU "/editclass 1 время 19:30"
#define T_HELP_PAUSECLASS_EN "pause a weekly class (no new classes until resumed)"
#define T_HELP_PAUSECLASS_RU "поставить недельное занятие на паузу (новых занятий не будет)"
#define T_HELP_RESUMECLASS_EN "put a paused weekly class back on the schedule"
#define T_HELP_RESUMECLASS_RU "вернуть недельное занятие с паузы в расписание"
#define T_HELP_DELETECLASS_EN "delete a weekly class (its past classes and attendance stay)"
#define T_HELP_DELETECLASS_RU "удалить недельное занятие (прошедшие занятия и посещаемость сохранятся)"
#define T_USAGE_WEEKLY_CLASS_EN "<weekly class number>"
#define T_USAGE_WEEKLY_CLASS_RU "<номер недельного занятия>"
#define T_EXAMPLE_PAUSECLASS_EN "/pauseclass 1"
#define T_EXAMPLE_PAUSECLASS_RU "/pauseclass 1"
#define T_EXAMPLE_RESUMECLASS_EN "/resumeclass 1"
#define T_EXAMPLE_RESUMECLASS_RU "/resumeclass 1"
#define T_EXAMPLE_DELETECLASS_EN "/deleteclass 1"
#define T_EXAMPLE_DELETECLASS_RU "/deleteclass 1"
#define T_HELP_CANCEL_EN "cancel a class and tell the students (trainers: their own classes)"
#define T_HELP_CANCEL_RU "отменить занятие и сообщить ученикам (тренер — только свои занятия)"
#define T_HELP_UNCANCEL_EN "undo a cancellation: the class is on again"
#define T_HELP_UNCANCEL_RU "вернуть отменённое занятие в расписание"
#define T_USAGE_UNCANCEL_EN "<class number>"
#define T_USAGE_UNCANCEL_RU "<номер занятия>"
#define T_EXAMPLE_UNCANCEL_EN "/uncancel 34"
#define T_EXAMPLE_UNCANCEL_RU "/uncancel 34"

/* the usage trainers and owners see (H_TA_USAGE); the others have none */
#define T_USAGE_CHECKIN_STAFF_EN "[#id | name]"
#define T_USAGE_CHECKIN_STAFF_RU "[#номер | имя]"
#define T_USAGE_ATTENDANCE_EN "[class number] [add [#id | name]]"
#define T_USAGE_ATTENDANCE_RU "[номер занятия] [добавить [#номер | имя]]"
/* the keyword of /attendance ... add (see T_KW_ in texts_belts.h) */
#define T_KW_ADD_EN "add"
#define T_KW_ADD_RU "добавить"
#define T_USAGE_ADDCLASS_EN "<days> <HH:MM> <minutes> <title>"
#define T_USAGE_ADDCLASS_RU "<дни> <ЧЧ:ММ> <минут> <название>"
#define T_USAGE_ADDTRAINING_EN "<DD.MM[.YYYY] | YYYY-MM-DD> <HH:MM> <minutes> <title>"
#define T_USAGE_ADDTRAINING_RU "<ДД.ММ[.ГГГГ] | ГГГГ-ММ-ДД> <ЧЧ:ММ> <минут> <название>"
#define T_USAGE_CANCEL_EN "<class number> [reason]"
#define T_USAGE_CANCEL_RU "<номер занятия> [причина]"

#define T_EXAMPLE_ATTENDANCE_EN "/attendance 34 add Ivan"
#define T_EXAMPLE_ATTENDANCE_RU "/attendance 34 добавить Иван"
#define T_EXAMPLE_ADDCLASS_EN "/addclass mon,wed,fri 19:00 90 Gi Fundamentals"
#define T_EXAMPLE_ADDCLASS_RU "/addclass пн,ср,пт 19:00 90 Основы в ги"
#define T_EXAMPLE_ADDTRAINING_EN "/addtraining 13.06 11:00 120 Open mat"
#define T_EXAMPLE_ADDTRAINING_RU "/addtraining 13.06 11:00 120 Открытый ковёр"
#define T_EXAMPLE_CANCEL_EN "/cancel 34 the coach is ill"
#define T_EXAMPLE_CANCEL_RU "/cancel 34 тренер заболел"

/* ---- weekdays and dates ---- */
#define T_WD_MON_EN "Mon"
#define T_WD_MON_RU "Пн"
#define T_WD_TUE_EN "Tue"
#define T_WD_TUE_RU "Вт"
#define T_WD_WED_EN "Wed"
#define T_WD_WED_RU "Ср"
#define T_WD_THU_EN "Thu"
#define T_WD_THU_RU "Чт"
#define T_WD_FRI_EN "Fri"
#define T_WD_FRI_RU "Пт"
#define T_WD_SAT_EN "Sat"
#define T_WD_SAT_RU "Сб"
#define T_WD_SUN_EN "Sun"
#define T_WD_SUN_RU "Вс"

/* ---- validation ---- */
/* %s: what was typed */
#define T_BAD_WEEKDAYS_EN "“%s” are not weekdays. Use e.g. <code>mon,wed,fri</code>, <code>mon-fri</code>, <code>monday,thursday</code> or <code>пн,ср</code>."
#define T_BAD_WEEKDAYS_RU "«%s» — не дни недели. Пример: <code>пн,ср,пт</code>, <code>пн-пт</code>, <code>понедельник,четверг</code> или <code>mon,wed</code>."
#define T_BAD_HHMM_EN "“%s” is not a time; use HH:MM, e.g. 19:00 or 19.00."
#define T_BAD_HHMM_RU "«%s» — не время; используйте ЧЧ:ММ, например 19:00 или 19.00."
#define T_BAD_DATE_EN "“%s” is not a date; use DD.MM, DD.MM.YYYY or YYYY-MM-DD, e.g. 13.06."
#define T_BAD_DATE_RU "«%s» — не дата; используйте ДД.ММ, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 13.06."
/* %s: what was typed, %d: the maximum */
#define T_BAD_DURATION_EN "“%s” is not a duration; give whole minutes from 1 to %d."
#define T_BAD_DURATION_RU "«%s» — не длительность; укажите целое число минут от 1 до %d."
/* %d: the limit */
#define T_BAD_TITLE_EN "The class title must be 1 to %d characters long."
#define T_BAD_TITLE_RU "Название занятия должно быть длиной от 1 до %d символов."
/* %s: what was typed */
#define T_BAD_TRAINING_ID_EN "“%s” is not a class number. /classes lists them."
#define T_BAD_TRAINING_ID_RU "«%s» — не номер занятия. Номера есть в /classes."
/* %lld: the number */
#define T_NO_TRAINING_EN "There is no class #%lld. /classes lists them."
#define T_NO_TRAINING_RU "Занятия #%lld нет. Номера есть в /classes."
/* %lld: the number */
#define T_TRAINING_CANCELLED_EN "Class #%lld was cancelled."
#define T_TRAINING_CANCELLED_RU "Занятие #%lld отменено."

/* ---- /schedule ---- */
#define T_SCHEDULE_HEAD_EN "📅 <b>Classes in the next 7 days</b>"
#define T_SCHEDULE_HEAD_RU "📅 <b>Занятия на ближайшие 7 дней</b>"
#define T_SCHEDULE_EMPTY_EN "📅 No classes in the next 7 days."
#define T_SCHEDULE_EMPTY_RU "📅 В ближайшие 7 дней занятий нет."
/* %s: the reason (escaped) */
#define T_SCHEDULE_CANCELLED_REASON_EN " — cancelled: %s"
#define T_SCHEDULE_CANCELLED_REASON_RU " — отменено: %s"
#define T_SCHEDULE_CANCELLED_EN " — cancelled"
#define T_SCHEDULE_CANCELLED_RU " — отменено"
/* %d: minutes */
#define T_MINUTES_EN "%d min"
#define T_MINUTES_RU "%d мин"

/* ---- /classes ---- */
#define T_CLASSES_TEMPLATES_EN "🗓 <b>Weekly classes</b>"
#define T_CLASSES_TEMPLATES_RU "🗓 <b>Недельное расписание</b>"
#define T_CLASSES_NO_TEMPLATES_EN "No weekly classes yet. Add one with /addclass."
#define T_CLASSES_NO_TEMPLATES_RU "Недельного расписания пока нет. Добавьте занятие: /addclass."
#define T_CLASSES_UPCOMING_EN "📅 <b>Next 7 days</b>"
#define T_CLASSES_UPCOMING_RU "📅 <b>Ближайшие 7 дней</b>"
#define T_CLASSES_NO_UPCOMING_EN "No classes in the next 7 days."
#define T_CLASSES_NO_UPCOMING_RU "В ближайшие 7 дней занятий нет."
#define T_CLASSES_INACTIVE_EN " (paused)"
#define T_CLASSES_INACTIVE_RU " (на паузе)"

/* ---- /addclass, /addtraining ---- */
/* %lld: template id, %s: title, %s: days, %s: HH:MM, %d: minutes */
#define T_ADDCLASS_DONE_EN "✅ Weekly class #%lld <b>%s</b>: %s at %s, %d min."
#define T_ADDCLASS_DONE_RU "✅ Занятие #%lld <b>%s</b> в расписании: %s в %s, %d мин."
#define T_ADDCLASS_NEXT_EN "\nNext classes:"
#define T_ADDCLASS_NEXT_RU "\nБлижайшие занятия:"
#define T_ADDCLASS_NONE_EN "\nNo class falls in the next days yet."
#define T_ADDCLASS_NONE_RU "\nВ ближайшие дни занятий по нему пока нет."
/* %lld: training id, %s: title, %s: date and time, %d: minutes */
#define T_ADDTRAINING_DONE_EN "✅ Class #%lld <b>%s</b>: %s, %d min."
#define T_ADDTRAINING_DONE_RU "✅ Занятие #%lld <b>%s</b>: %s, %d мин."
/* %lld: training id */
#define T_ADDTRAINING_PAST_EN "\nIt is in the past: take its attendance with /attendance %lld."
#define T_ADDTRAINING_PAST_RU "\nОно уже прошло: отметьте посещаемость командой /attendance %lld."

/* ---- /editclass, /pauseclass, /resumeclass, /deleteclass ---- */
/* %lld: template id, %s: title, %s: days, %s: HH:MM, %d: minutes */
#define T_EDITCLASS_DONE_EN "✏️ Weekly class #%lld <b>%s</b>: %s at %s, %d min."
#define T_EDITCLASS_DONE_RU "✏️ Недельное занятие #%lld <b>%s</b>: %s в %s, %d мин."
/* followed by the trainer's name */
#define T_EDITCLASS_TRAINER_EN "\nTrainer: "
#define T_EDITCLASS_TRAINER_RU "\nТренер: "
#define T_EDITCLASS_NO_TRAINER_EN "\nNo trainer."
#define T_EDITCLASS_NO_TRAINER_RU "\nБез тренера."
/* %d: count, %s: "class"/"classes" (h_plural) */
#define T_TPL_MOVED_EN "\nMoved to the new time: %d upcoming %s."
#define T_TPL_MOVED_RU "\nПеренесено на новое время: %d %s."
#define T_TPL_REMOVED_EN "\nRemoved from the schedule: %d upcoming %s."
#define T_TPL_REMOVED_RU "\nУбрано из расписания: %d %s."
/* %d: count, %s: "class"/"classes", %lld: the first one's number */
#define T_TPL_KEPT_EN "\nKept: %d %s with students already checked in (the first is #%lld); cancel with /cancel if needed."
#define T_TPL_KEPT_RU "\nОставлено %d %s: на них уже отметились ученики (первое — #%lld); при необходимости отмените через /cancel."
/* %lld: template id, %s: title, %lld: template id */
#define T_PAUSECLASS_DONE_EN "⏸ Weekly class #%lld <b>%s</b> is paused: no new classes until /resumeclass %lld."
#define T_PAUSECLASS_DONE_RU "⏸ Недельное занятие #%lld <b>%s</b> на паузе: новых занятий не будет до /resumeclass %lld."
/* %lld: template id */
#define T_PAUSECLASS_ALREADY_EN "Weekly class #%lld is already paused."
#define T_PAUSECLASS_ALREADY_RU "Недельное занятие #%lld уже на паузе."
/* %lld: template id, %s: title */
#define T_RESUMECLASS_DONE_EN "▶️ Weekly class #%lld <b>%s</b> is back on the schedule."
#define T_RESUMECLASS_DONE_RU "▶️ Недельное занятие #%lld <b>%s</b> снова в расписании."
/* %lld: template id */
#define T_RESUMECLASS_ALREADY_EN "Weekly class #%lld is not paused."
#define T_RESUMECLASS_ALREADY_RU "Недельное занятие #%lld не на паузе."
/* %lld: template id, %s: title */
#define T_DELETECLASS_DONE_EN "🗑 Weekly class #%lld <b>%s</b> is deleted; its past classes and attendance stay."
#define T_DELETECLASS_DONE_RU "🗑 Недельное занятие #%lld <b>%s</b> удалено; прошедшие занятия и посещаемость сохранены."

/* ---- /cancel ---- */
#define T_CANCEL_PAST_EN "This class has already started; its cancellation cannot change any more. Mark its attendance with /attendance instead."
#define T_CANCEL_PAST_RU "Это занятие уже началось, отменить его или вернуть нельзя. Отметьте посещаемость через /attendance."
/* %d: the limit */
#define T_BAD_REASON_EN "The reason must be at most %d characters long."
#define T_BAD_REASON_RU "Причина должна быть не длиннее %d символов."
/* %lld: training id */
#define T_CANCEL_ALREADY_EN "Class #%lld is already cancelled."
#define T_CANCEL_ALREADY_RU "Занятие #%lld уже отменено."
/* %lld: training id, %s: title, %s: date and time, %d: students told */
#define T_CANCEL_DONE_EN "❌ Class #%lld <b>%s</b> (%s) is cancelled. Students told: %d."
#define T_CANCEL_DONE_RU "❌ Занятие #%lld <b>%s</b> (%s) отменено. Оповещено учеников: %d."
#define T_UNCANCEL_DONE_EN "✅ Class #%lld <b>%s</b> (%s) is on again. Students told: %d."
#define T_UNCANCEL_DONE_RU "✅ Занятие #%lld <b>%s</b> (%s) снова в расписании. Оповещено учеников: %d."
/* %lld: training id */
#define T_UNCANCEL_NOT_CANCELLED_EN "Class #%lld is not cancelled."
#define T_UNCANCEL_NOT_CANCELLED_RU "Занятие #%lld не отменено."
#define T_CANCEL_NOT_YOURS_EN "You can cancel (or bring back) only the classes you teach. /classes shows who teaches what."
#define T_CANCEL_NOT_YOURS_RU "Отменять (и возвращать) можно только свои занятия. Кто что ведёт — в /classes."
/* to the students. %s: title, %s: date and time */
#define T_CANCEL_NOTICE_EN "❌ The class <b>%s</b> on %s is cancelled."
#define T_CANCEL_NOTICE_RU "❌ Занятие <b>%s</b> %s отменено."
/* to the class's trainer. %s: title, %s: date and time */
#define T_CANCEL_NOTICE_TRAINER_EN "❌ Your class <b>%s</b> on %s is cancelled."
#define T_CANCEL_NOTICE_TRAINER_RU "❌ Ваше занятие <b>%s</b> %s отменено."
/* to students and the trainer. %s: title, %s: date and time */
#define T_UNCANCEL_NOTICE_EN "✅ The class <b>%s</b> on %s is on again after all."
#define T_UNCANCEL_NOTICE_RU "✅ Занятие <b>%s</b> %s всё-таки состоится."
/* %s: reason */
#define T_CANCEL_NOTICE_REASON_EN "\nReason: %s"
#define T_CANCEL_NOTICE_REASON_RU "\nПричина: %s"
#define T_CANCEL_NOTICE_REFUND_EN "\nYour check-in is undone; the class is back on your plan."
#define T_CANCEL_NOTICE_REFUND_RU "\nВаша отметка снята, занятие возвращено на абонемент."

/* ---- /checkin ---- */
#define T_CHECKIN_NOT_STUDENT_EN "Only students check in. To check someone in, name them: <code>/checkin #number</code> or <code>/checkin name</code>."
#define T_CHECKIN_NOT_STUDENT_RU "Отмечаются только ученики. Чтобы отметить ученика, укажите его: <code>/checkin #номер</code> или <code>/checkin имя</code>."
#define T_CHECKIN_OTHERS_EN "Only trainers can check in someone else. Send /checkin to check yourself in."
#define T_CHECKIN_OTHERS_RU "Отмечать других могут только тренеры. Чтобы отметиться, отправьте /checkin без имени."
/* %d: minutes before, %s: date and time, %s: title */
#define T_CHECKIN_NONE_NEXT_EN "There is no class to check in to right now (check-in opens %d min before the start). The next one: %s, <b>%s</b>."
#define T_CHECKIN_NONE_NEXT_RU "Сейчас нет занятия, на которое можно отметиться (отметка открывается за %d мин до начала). Ближайшее: %s, <b>%s</b>."
#define T_CHECKIN_NONE_EN "There is no class to check in to right now, and none is scheduled. See /schedule."
#define T_CHECKIN_NONE_RU "Сейчас нет занятия, на которое можно отметиться, и ничего не запланировано. Смотрите /schedule."
#define T_CHECKIN_NONE_TODAY_EN "There is no class now or earlier today to check anyone in to."
#define T_CHECKIN_NONE_TODAY_RU "Ни сейчас, ни раньше сегодня нет занятия, на которое можно отметить ученика."
#define T_CHECKIN_WHICH_EN "Several classes are open for check-in. Which one?"
#define T_CHECKIN_WHICH_RU "Открыта отметка на несколько занятий. На какое?"
#define T_CHECKIN_CLOSED_EN "Check-in for this class is not open (any more). Send /checkin again."
#define T_CHECKIN_CLOSED_RU "Отметка на это занятие сейчас закрыта. Отправьте /checkin ещё раз."
/* %s: title, %s: date and time */
#define T_CHECKIN_DONE_EN "✅ Checked in: <b>%s</b>, %s."
#define T_CHECKIN_DONE_RU "✅ Вы отмечены: <b>%s</b>, %s."
#define T_CHECKIN_ALREADY_EN "👍 You are already checked in: <b>%s</b>, %s."
#define T_CHECKIN_ALREADY_RU "👍 Вы уже отмечены: <b>%s</b>, %s."
/* %s: student name, %s: title, %s: date and time */
#define T_CHECKIN_OTHER_DONE_EN "✅ %s checked in: <b>%s</b>, %s."
#define T_CHECKIN_OTHER_DONE_RU "✅ %s: отметка на занятии <b>%s</b>, %s."
#define T_CHECKIN_OTHER_ALREADY_EN "👍 %s is already checked in: <b>%s</b>, %s."
#define T_CHECKIN_OTHER_ALREADY_RU "👍 %s: отметка на занятии <b>%s</b>, %s уже есть."
/* %d: classes left, %s: "class"/"classes" (h_classes_word), %s: plan title */
#define T_PLAN_LEFT_EN "\n%d %s left on your plan (%s)."
#define T_PLAN_LEFT_RU "\nОсталось %d %s (абонемент «%s»)."
/* %s: plan title, %s: last date */
#define T_PLAN_UNLIMITED_EN "\nUnlimited plan (%s) until %s."
#define T_PLAN_UNLIMITED_RU "\nБезлимитный абонемент (%s) до %s."
#define T_PLAN_NONE_EN "\n⚠️ You have no valid subscription. I recorded your visit anyway; please talk to the academy."
#define T_PLAN_NONE_RU "\n⚠️ У вас нет действующего абонемента. Посещение всё равно записано; пожалуйста, обратитесь в академию."
/* for a trainer. %d: classes left, %s: "class"/"classes", %s: plan title */
#define T_PLAN_OTHER_LEFT_EN "\n%d %s left on their plan (%s)."
#define T_PLAN_OTHER_LEFT_RU "\nОсталось %d %s (абонемент «%s»)."
#define T_PLAN_OTHER_UNLIMITED_EN "\nUnlimited plan (%s) until %s."
#define T_PLAN_OTHER_UNLIMITED_RU "\nБезлимитный абонемент (%s) до %s."
#define T_PLAN_OTHER_NONE_EN "\n⚠️ No valid subscription: recorded anyway."
#define T_PLAN_OTHER_NONE_RU "\n⚠️ Нет действующего абонемента: посещение всё равно записано."

/* ---- /attendance ---- */
#define T_ATT_NO_CLASS_EN "There is no class to take attendance for yet. Give its number from /classes: <code>/attendance number</code>."
#define T_ATT_NO_CLASS_RU "Пока нет занятия, для которого можно отметить посещаемость. Укажите его номер из /classes: <code>/attendance номер</code>."
/* %s: title, %lld: id, %s: date and time */
#define T_ATT_HEAD_EN "📋 <b>%s</b> #%lld, %s"
#define T_ATT_HEAD_RU "📋 <b>%s</b> #%lld, %s"
#define T_ATT_CLOSED_EN " (closed)"
#define T_ATT_CLOSED_RU " (закрыто)"
/* %d present, %d late, %d excused, %d absent, %d not marked */
#define T_ATT_COUNTS_EN "\n✅ %d · ⏰ %d · 📝 %d · ❌ %d · not marked %d"
#define T_ATT_COUNTS_RU "\n✅ %d · ⏰ %d · 📝 %d · ❌ %d · без отметки %d"
#define T_ATT_HINT_EN "\nTap a name: present ✅ → late ⏰ → excused 📝 → absent ❌. ⚠️ no valid subscription."
#define T_ATT_HINT_RU "\nНажмите на имя: присутствие ✅ → опоздание ⏰ → уважительная причина 📝 → отсутствие ❌. ⚠️ нет действующего абонемента."
/* %lld: id */
#define T_ATT_EMPTY_EN "\nNobody is expected yet. Tap ➕ Add to pick students, or send <code>/attendance %lld add name</code>."
#define T_ATT_EMPTY_RU "\nПока никого не ждём. Нажмите «➕ Добавить», чтобы выбрать учеников, или отправьте <code>/attendance %lld добавить имя</code>."
/* %d: shown, the rest are not */
#define T_ATT_TRUNCATED_EN "\nOnly the first %d students are shown."
#define T_ATT_TRUNCATED_RU "\nПоказаны только первые %d учеников."
#define T_ATT_BTN_ADD_EN "➕ Add"
#define T_ATT_BTN_ADD_RU "➕ Добавить"
#define T_ATT_BTN_DONE_EN "🏁 Done"
#define T_ATT_BTN_DONE_RU "🏁 Готово"
#define T_ATT_BTN_ROSTER_EN "↩️ Roster"
#define T_ATT_BTN_ROSTER_RU "↩️ К списку"
/* %s: title, %lld: id */
#define T_ATT_PICK_HEAD_EN "➕ Who else is at <b>%s</b> #%lld? Tap a name to mark them present; who trained most recently comes first."
#define T_ATT_PICK_HEAD_RU "➕ Кто ещё пришёл на занятие <b>%s</b> #%lld? Нажмите на имя, чтобы отметить присутствие; первыми идут те, кто занимался недавно."
/* %s: title, %lld: id, %lld: id */
#define T_ATT_PICK_NONE_EN "➕ Every active student is on the roster of <b>%s</b> #%lld already. Someone inactive: <code>/attendance %lld add name</code>."
#define T_ATT_PICK_NONE_RU "➕ Все активные ученики уже в списке занятия <b>%s</b> #%lld. Неактивного ученика добавьте так: <code>/attendance %lld добавить имя</code>."
/* %s: name, %s: title */
#define T_ATT_ADDED_EN "✅ %s is marked present at <b>%s</b>."
#define T_ATT_ADDED_RU "✅ %s: присутствие на занятии <b>%s</b> отмечено."
#define T_ATT_ADDED_ALREADY_EN "👍 %s is already marked at <b>%s</b>."
#define T_ATT_ADDED_ALREADY_RU "👍 %s: отметка на занятии <b>%s</b> уже есть."
#define T_ATT_STALE_EN "This roster is outdated (the class or the student is gone). Send /attendance again."
#define T_ATT_STALE_RU "Этот список устарел (нет такого занятия или ученика). Отправьте /attendance ещё раз."
/* %s: title, %lld: id, %d present, %d late, %d excused, %d absent, %d not marked */
#define T_ATT_SUMMARY_EN "🏁 <b>%s</b> #%lld is closed: %d present, %d late, %d excused, %d absent, %d not marked."
#define T_ATT_SUMMARY_RU "🏁 Занятие <b>%s</b> #%lld закрыто. Присутствие: %d, опоздание: %d, уважительная причина: %d, отсутствие: %d, без отметки: %d."
/* a toast (plain text) */
#define T_ATT_CLOSED_ALREADY_EN "This class is already closed."
#define T_ATT_CLOSED_ALREADY_RU "Это занятие уже закрыто."
#define T_ATT_SUMMARY_NOSUB_EN "\n⚠️ Trained without a valid subscription: "
#define T_ATT_SUMMARY_NOSUB_RU "\n⚠️ Занимались без действующего абонемента: "

#endif
