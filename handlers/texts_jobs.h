/*
 * texts_jobs.h — what the scheduled jobs say (see texts.h for the
 * conventions: NAME_EN / NAME_RU literals, %s arguments escaped).
 */
#ifndef BJJ_TEXTS_JOBS_H
#define BJJ_TEXTS_JOBS_H

/* ---- training reminders ---- */
/* %s: first name, %s: title, %s: "today 19:00", %s: trainer line or "" */
#define T_REMIND_CLASS_EN "🥋 %s, <b>%s</b> is %s%s. Are you coming?"
#define T_REMIND_CLASS_RU "🥋 %s, <b>%s</b> — %s%s. Придёте?"
/* %s: trainer name */
#define T_REMIND_TRAINER_EN " with %s"
#define T_REMIND_TRAINER_RU ", тренер %s"
#define T_REMIND_YES_EN "👍 I'm coming"
#define T_REMIND_YES_RU "👍 Приду"
#define T_REMIND_NO_EN "Not today"
#define T_REMIND_NO_RU "Не сегодня"
/* %s: title, %s: time */
#define T_RSVP_YES_EN "👍 Great, see you at <b>%s</b>, %s! Don't forget /checkin when you arrive."
#define T_RSVP_YES_RU "👍 Отлично, до встречи на <b>%s</b>, %s! Не забудьте /checkin, когда придёте."
#define T_RSVP_NO_EN "OK, <b>%s</b> (%s) without you this time. See you next class!"
#define T_RSVP_NO_RU "Хорошо, <b>%s</b> (%s) в этот раз без вас. До следующей тренировки!"
#define T_RSVP_LATE_EN "This class has already started or was cancelled."
#define T_RSVP_LATE_RU "Эта тренировка уже началась или отменена."
#define T_RSVP_NOT_STUDENT_EN "Only students of the academy can answer this."
#define T_RSVP_NOT_STUDENT_RU "Отвечать на это могут только ученики академии."

/* ---- absences ---- */
/* %s: first name */
#define T_NUDGE_EN "👋 %s, we miss you on the mat! Everything OK? /schedule shows the next classes — hope to see you soon."
#define T_NUDGE_RU "👋 %s, нам вас не хватает на татами! Всё в порядке? Ближайшие тренировки — в /schedule. Ждём вас!"
#define T_ATRISK_HEAD_EN "📉 <b>Students who stopped coming</b>"
#define T_ATRISK_HEAD_RU "📉 <b>Ученики, которые перестали приходить</b>"
/* %lld: id, %s: first, %s: last, %s: "last came 2026-11-01" / "never came" */
#define T_ATRISK_LINE_EN "\n#%lld %s %s — %s"
#define T_ATRISK_LINE_RU "\n#%lld %s %s — %s"
/* %s: date */
#define T_ATRISK_LAST_EN "last came %s"
#define T_ATRISK_LAST_RU "последний раз: %s"
#define T_ATRISK_NEVER_EN "has not come since registering on %s"
#define T_ATRISK_NEVER_RU "с регистрации %s — ни одного занятия"
/* %d: classes, %s: the word for that many (T_W_USUAL_CLASS) */
#define T_ATRISK_MISSED_EN ", missed %d %s"
#define T_ATRISK_MISSED_RU ", пропущено %d %s"
#define T_W_USUAL_CLASS_1_EN "usual class"
#define T_W_USUAL_CLASS_1_RU "привычное занятие"
#define T_W_USUAL_CLASS_2_EN "usual classes"
#define T_W_USUAL_CLASS_2_RU "привычных занятия"
#define T_W_USUAL_CLASS_5_EN "usual classes"
#define T_W_USUAL_CLASS_5_RU "привычных занятий"

/* ---- payment reminders ---- */
/* %s: first name, %s: plan, %s: date, %s: price */
#define T_PAY_ENDING_EN "💳 %s, your plan <b>%s</b> ends on %s. To keep training, renew it at the front desk (%s)."
#define T_PAY_ENDING_RU "💳 %s, ваш абонемент <b>%s</b> заканчивается %s. Чтобы продолжить тренировки, продлите его на ресепшене (%s)."
/* %s: first name, %s: plan, %s: price */
#define T_PAY_LASTCLASS_EN "💳 %s, one class left on <b>%s</b>. Renew it at the front desk (%s) to keep training."
#define T_PAY_LASTCLASS_RU "💳 %s, на абонементе <b>%s</b> осталось одно занятие. Продлите его на ресепшене (%s), чтобы продолжить."
/* %s: first name, %s: plan, %s: price */
#define T_PAY_EXPIRED_EN "💳 %s, your plan <b>%s</b> has ended. You're always welcome on the mat: renew it at the front desk (%s)."
#define T_PAY_EXPIRED_RU "💳 %s, ваш абонемент <b>%s</b> закончился. Мы всегда рады вас видеть: продлите его на ресепшене (%s)."

#define T_PAY_SUMMARY_HEAD_EN "💳 <b>Plans to renew</b> (the students were reminded):"
#define T_PAY_SUMMARY_HEAD_RU "💳 <b>Абонементы на продление</b> (ученикам напомнили):"
/* %lld: id, %s: first, %s: last, %s: plan */
#define T_PAY_SUMMARY_LINE_EN "\n#%lld %s %s — %s"
#define T_PAY_SUMMARY_LINE_RU "\n#%lld %s %s — %s"
/* %s: date */
#define T_PAY_SUMMARY_ENDS_EN ", ends %s"
#define T_PAY_SUMMARY_ENDS_RU ", до %s"
#define T_PAY_SUMMARY_EXPIRED_EN ", ended %s"
#define T_PAY_SUMMARY_EXPIRED_RU ", закончился %s"
#define T_PAY_SUMMARY_LASTCLASS_EN ", one class left"
#define T_PAY_SUMMARY_LASTCLASS_RU ", осталось одно занятие"
/* %d */
#define T_PAY_SUMMARY_MORE_EN "\n… and %d more"
#define T_PAY_SUMMARY_MORE_RU "\n… и ещё %d"

/* ---- eligibility and exams ---- */
#define T_ELIGIBLE_NEW_HEAD_EN "🎖 <b>Ready for promotion</b> (by the academy's rules):"
#define T_ELIGIBLE_NEW_HEAD_RU "🎖 <b>Готовы к повышению</b> (по правилам академии):"
/* %s: first name, %s: belt name (h_belt_name), %s: date */
#define T_EXAM_TOMORROW_EN "🥋 %s, your exam for the <b>%s</b> is tomorrow, %s. Rest well — good luck!"
#define T_EXAM_TOMORROW_RU "🥋 %s, ваша аттестация на <b>%s</b> — завтра, %s. Хорошо отдохните — удачи!"

/* ---- the owners' digest ---- */
/* %s: date */
#define T_DIGEST_HEAD_EN "📋 <b>Today at the academy</b>, %s"
#define T_DIGEST_HEAD_RU "📋 <b>Сегодня в академии</b>, %s"
#define T_DIGEST_NO_CLASSES_EN "\nNo classes today."
#define T_DIGEST_NO_CLASSES_RU "\nСегодня тренировок не было."
/* %s: time, %s: title, %d: came */
#define T_DIGEST_CLASS_EN "\n%s %s — %d came"
#define T_DIGEST_CLASS_RU "\n%s %s — пришли: %d"
#define T_DIGEST_CANCELLED_EN " (cancelled)"
#define T_DIGEST_CANCELLED_RU " (отменена)"
/* %d: payments, %s: total */
#define T_DIGEST_PAYMENTS_EN "\nPayments: %d, %s"
#define T_DIGEST_PAYMENTS_RU "\nОплат: %d, на сумму %s"
/* %d */
#define T_DIGEST_NEW_EN "\nNew students: %d"
#define T_DIGEST_NEW_RU "\nНовых учеников: %d"
/* %d: days, %s: the word for that many (T_W_DAYS_WITHIN), %d: plans */
#define T_DIGEST_EXPIRING_EN "\nPlans ending within %d %s: %d"
#define T_DIGEST_EXPIRING_RU "\nАбонементы, которые закончатся в течение %d %s: %d"
#define T_W_DAYS_WITHIN_1_EN "day"
#define T_W_DAYS_WITHIN_1_RU "дня"
#define T_W_DAYS_WITHIN_2_EN "days"
#define T_W_DAYS_WITHIN_2_RU "дней"
#define T_W_DAYS_WITHIN_5_EN "days"
#define T_W_DAYS_WITHIN_5_RU "дней"
/* %d */
#define T_DIGEST_ATRISK_EN "\nStudents who stopped coming: %d"
#define T_DIGEST_ATRISK_RU "\nПерестали приходить: %d"
/* %d: messages, %d: people */
#define T_DIGEST_UNDELIVERED_EN "\n⚠️ Undelivered messages: %d; students who blocked the bot: %d"
#define T_DIGEST_UNDELIVERED_RU "\n⚠️ Недоставленных сообщений: %d; заблокировали бота: %d"

/* ---- /remind ---- */
#define T_HELP_REMIND_EN "turn reminders off or on"
#define T_HELP_REMIND_RU "выключить или включить напоминания"
#define T_USAGE_REMIND_EN "off|on"
#define T_USAGE_REMIND_RU "выкл|вкл"
#define T_EXAMPLE_REMIND_EN "/remind off"
#define T_EXAMPLE_REMIND_RU "/remind выкл"
#define T_REMIND_OFF_EN "🔕 Reminders are off. You still get answers to your commands. /remind on turns them back on."
#define T_REMIND_OFF_RU "🔕 Напоминания выключены. Ответы на ваши команды приходят как обычно. Включить снова: /remind вкл"
/* keywords of /remind (see texts_belts.h) */
#define T_KW_OFF_EN "off"
#define T_KW_OFF_RU "выкл|выключить"
#define T_KW_ON_EN "on"
#define T_KW_ON_RU "вкл|включить"
#define T_REMIND_ON_EN "🔔 Reminders are on: classes, your plan, and news from the academy."
#define T_REMIND_ON_RU "🔔 Напоминания включены: тренировки, абонемент и новости академии."
#define T_REMIND_NOT_STUDENT_EN "Reminders are for students; your account is not linked to a student."
#define T_REMIND_NOT_STUDENT_RU "Напоминания — для учеников; ваш аккаунт не привязан к ученику."

/* ---- /backup ---- */
#define T_HELP_BACKUP_EN "get the latest database backup as a file"
#define T_HELP_BACKUP_RU "получить последнюю резервную копию базы файлом"
#define T_EXAMPLE_BACKUP_EN "/backup"
#define T_EXAMPLE_BACKUP_RU "/backup"
#define T_BACKUP_NONE_EN "There is no backup yet. The nightly backup runs at the time set in [backup] time; <code>bjjbot backup</code> makes one now."
#define T_BACKUP_NONE_RU "Резервных копий пока нет. Ночная копия делается в [backup] time; <code>bjjbot backup</code> сделает её сразу."
/* %s: file name */
#define T_BACKUP_CAPTION_EN "🗄 Backup %s. Keep it somewhere safe: <code>bjjbot restore FILE</code> puts it back."
#define T_BACKUP_CAPTION_RU "🗄 Резервная копия %s. Сохраните её в надёжном месте: <code>bjjbot restore FILE</code> вернёт её."

#endif
