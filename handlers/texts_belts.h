/*
 * texts_belts.h — the texts of handlers/belts.c (/belt, /promote,
 * /eligible, /exam, /exams, /beltrules, /beltrule), in English and
 * Russian. Conventions as in texts.h: NAME_EN / NAME_RU literals, Telegram
 * HTML, every %s escaped by the caller unless it is one of these literals.
 * Included by texts.h.
 */
#ifndef BJJ_TEXTS_BELTS_H
#define BJJ_TEXTS_BELTS_H

/* ---- command help and usage ---- */
#define T_HELP_BELT_EN "your belt, stripes and what the next step needs"
#define T_HELP_BELT_RU "ваш пояс, полоски и что нужно для следующего шага"
#define T_HELP_PROMOTE_EN "promote a student: a stripe or a new belt"
#define T_HELP_PROMOTE_RU "повысить ученика: полоска или новый пояс"
#define T_HELP_ELIGIBLE_EN "students ready for a stripe or a belt"
#define T_HELP_ELIGIBLE_RU "ученики, готовые к полоске или поясу"
#define T_HELP_EXAM_EN "schedule a belt exam or record its result"
#define T_HELP_EXAM_RU "назначить аттестацию на пояс или записать её итог"
#define T_HELP_EXAMS_EN "upcoming belt exams"
#define T_HELP_EXAMS_RU "ближайшие аттестации"
#define T_HELP_BELTRULES_EN "the promotion rules of every belt"
#define T_HELP_BELTRULES_RU "правила повышения для каждого пояса"
#define T_HELP_BELTRULE_EN "change one promotion rule of a belt"
#define T_HELP_BELTRULE_RU "изменить одно правило повышения для пояса"

#define T_USAGE_BELT_EN "[#id | name] (trainers)"
#define T_USAGE_BELT_RU "[#номер | имя] (для тренеров)"
#define T_USAGE_PROMOTE_EN "#id|name <belt> [stripes] [force]  or  #id|name stripe [force]"
#define T_USAGE_PROMOTE_RU "#номер|имя <пояс> [полоски] [force]  или  #номер|имя stripe [force]"
#define T_USAGE_EXAM_EN "#id|name <belt> <YYYY-MM-DD>  or  <exam no.> passed|failed [notes]"
#define T_USAGE_EXAM_RU "#номер|имя <пояс> <ГГГГ-ММ-ДД>  или  <номер аттестации> passed|failed [заметки]"
#define T_USAGE_BELTRULE_EN "<belt> <field> <value>"
#define T_USAGE_BELTRULE_RU "<пояс> <поле> <значение>"

#define T_EXAMPLE_BELT_EN "/belt #12"
#define T_EXAMPLE_BELT_RU "/belt #12"
#define T_EXAMPLE_PROMOTE_EN "/promote #12 stripe"
#define T_EXAMPLE_PROMOTE_RU "/promote #12 stripe"
#define T_EXAMPLE_EXAM_EN "/exam #12 blue 2026-06-20"
#define T_EXAMPLE_EXAM_RU "/exam #12 blue 2026-06-20"
#define T_EXAMPLE_BELTRULE_EN "/beltrule blue min_months 20"
#define T_EXAMPLE_BELTRULE_RU "/beltrule blue min_months 20"

/* ---- a rank in words: %s belt title (escaped) ---- */
#define T_RANK_BELT_EN "%s belt"
#define T_RANK_BELT_RU "%s пояс"
/* %d: stripes (one form in English, three in Russian) */
#define T_RANK_STRIPE_1_EN ", %d stripe"
#define T_RANK_STRIPE_1_RU ", %d полоска"
#define T_RANK_STRIPE_2_EN ", %d stripes"
#define T_RANK_STRIPE_2_RU ", %d полоски"
#define T_RANK_STRIPE_5_EN ", %d stripes"
#define T_RANK_STRIPE_5_RU ", %d полосок"
/* %d: the degree of a black belt */
#define T_RANK_DEGREE_EN ", degree %d"
#define T_RANK_DEGREE_RU ", %d-я степень"
/* %d years, %d months */
#define T_YEARS_MONTHS_EN "%d y %d mo"
#define T_YEARS_MONTHS_RU "%d г. %d мес."
#define T_MONTHS_EN "%d mo"
#define T_MONTHS_RU "%d мес."

/* ---- /belt ---- */
/* %s first, %s last (escaped), %lld id */
#define T_BELT_HEAD_EN "🥋 <b>%s %s</b> (#%lld)\n"
#define T_BELT_HEAD_RU "🥋 <b>%s %s</b> (#%lld)\n"
/* %s: the rank in words */
#define T_BELT_NOW_EN "Belt: %s\n"
#define T_BELT_NOW_RU "Пояс: %s\n"
/* %s: duration, %s: date */
#define T_BELT_TIME_EN "At this belt: %s (since %s)\n"
#define T_BELT_TIME_RU "На этом поясе: %s (с %s)\n"
/* %d: classes */
#define T_BELT_CLASSES_EN "Classes since the last promotion: %d\n"
#define T_BELT_CLASSES_RU "Занятий с последнего повышения: %d\n"
/* %s: the next rank in words */
#define T_BELT_NEXT_EN "\n<b>Next: %s</b>\n"
#define T_BELT_NEXT_RU "\n<b>Следующий шаг: %s</b>\n"
#define T_BELT_NEXT_ADULT_EN "(at 16 kids move to the adult belts)\n"
#define T_BELT_NEXT_ADULT_RU "(в 16 лет дети переходят на взрослые пояса)\n"
#define T_BELT_TOP_EN "\nThe highest rank: there is nothing above it. 🙏\n"
#define T_BELT_TOP_RU "\nВысший ранг: выше ничего нет. 🙏\n"
#define T_BELT_READY_EN "Every requirement is met. 🎉\n"
#define T_BELT_READY_RU "Все требования выполнены. 🎉\n"
#define T_BELT_NO_RULES_EN "No requirements: it is up to the coach.\n"
#define T_BELT_NO_RULES_RU "Требований нет: решает тренер.\n"
#define T_BELT_HISTORY_EN "\n<b>Promotions</b>\n"
#define T_BELT_HISTORY_RU "\n<b>Повышения</b>\n"
#define T_BELT_NO_HISTORY_EN "\nNo promotions recorded yet.\n"
#define T_BELT_NO_HISTORY_RU "\nПовышений пока не было.\n"
/* %s: date, %s: from, %s: to */
#define T_BELT_HISTORY_LINE_EN "%s: %s → %s"
#define T_BELT_HISTORY_LINE_RU "%s: %s → %s"
#define T_BELT_HISTORY_EXAM_EN " (exam)"
#define T_BELT_HISTORY_EXAM_RU " (аттестация)"
#define T_BELT_HISTORY_FORCED_EN " (rules not met)"
#define T_BELT_HISTORY_FORCED_RU " (без выполнения правил)"
/* %s: the promoter's first name (escaped) */
#define T_BELT_HISTORY_BY_EN ", by %s"
#define T_BELT_HISTORY_BY_RU ", %s"
#define T_BELT_NO_RECORD_EN "You have no student record, so there is no belt to show. Look up a student with <code>/belt #12</code> or a name."
#define T_BELT_NO_RECORD_RU "У вас нет карточки ученика, поэтому показать нечего. Посмотрите ученика: <code>/belt #12</code> или имя."
#define T_BELT_ONLY_OWN_EN "You can see only your own belt: send /belt."
#define T_BELT_ONLY_OWN_RU "Вы можете посмотреть только свой пояс: отправьте /belt."
/* %s first, %s last, %lld id, %s the belt code as stored (all escaped) */
#define T_BELT_NOT_IN_TABLE_EN "%s %s (#%lld) has the belt “%s”, which is not in the belt table. A trainer can fix it: <code>/promote #%lld white 0 force</code>."
#define T_BELT_NOT_IN_TABLE_RU "У %s %s (#%lld) пояс «%s», которого нет в таблице поясов. Тренер может исправить: <code>/promote #%lld white 0 force</code>."

/* ---- requirements: %s is ✅, ❌ ---- */
/* %d have, %d need */
#define T_REQ_MONTHS_STRIPE_EN "%s months since the last promotion: %d of %d\n"
#define T_REQ_MONTHS_STRIPE_RU "%s месяцев с последнего повышения: %d из %d\n"
#define T_REQ_MONTHS_BELT_EN "%s months at this belt: %d of %d\n"
#define T_REQ_MONTHS_BELT_RU "%s месяцев на поясе: %d из %d\n"
#define T_REQ_CLASSES_STRIPE_EN "%s classes since the last promotion: %d of %d\n"
#define T_REQ_CLASSES_STRIPE_RU "%s занятий с последнего повышения: %d из %d\n"
#define T_REQ_CLASSES_BELT_EN "%s classes at this belt: %d of %d\n"
#define T_REQ_CLASSES_BELT_RU "%s занятий на поясе: %d из %d\n"
/* %s mark, %d age (by birth year), %d minimum */
#define T_REQ_AGE_EN "%s age: %d (at least %d)\n"
#define T_REQ_AGE_RU "%s возраст: %d (не меньше %d)\n"
/* %d minimum */
#define T_REQ_AGE_UNKNOWN_EN "❔ age unknown (no birth date), at least %d is needed\n"
#define T_REQ_AGE_UNKNOWN_RU "❔ возраст неизвестен (нет даты рождения), нужно не меньше %d\n"

/* ---- /promote ---- */
/* %s first, %s last, %lld id, %s from, %s to */
#define T_PROMOTE_DONE_EN "✅ %s %s (#%lld): %s → %s.\n"
#define T_PROMOTE_DONE_RU "✅ %s %s (#%lld): %s → %s.\n"
#define T_PROMOTE_RULES_MET_EN "All the rules were met."
#define T_PROMOTE_RULES_MET_RU "Все правила выполнены."
#define T_PROMOTE_FORCED_EN "⚠️ Recorded although these rules were not met:\n"
#define T_PROMOTE_FORCED_RU "⚠️ Записано, хотя эти правила не выполнены:\n"
#define T_PROMOTE_DEMOTED_EN "⚠️ Recorded as a correction to a lower rank."
#define T_PROMOTE_DEMOTED_RU "⚠️ Записано как исправление на более низкий ранг."
/* %s first, %s last, %lld id, %s the target rank */
#define T_PROMOTE_UNMET_EN "%s %s (#%lld) has not met the rules for %s yet:\n"
#define T_PROMOTE_UNMET_RU "%s %s (#%lld) ещё не выполнил(а) правила для шага «%s»:\n"
/* %s: the next step's rank */
#define T_PROMOTE_SKIP_EN "❌ this is not the next step (that is %s)\n"
#define T_PROMOTE_SKIP_RU "❌ это не следующий шаг (следующий — %s)\n"
#define T_PROMOTE_ASK_EN "\nPromote anyway?"
#define T_PROMOTE_ASK_RU "\nВсё равно повысить?"
#define T_BTN_PROMOTE_ANYWAY_EN "Promote anyway"
#define T_BTN_PROMOTE_ANYWAY_RU "Всё равно повысить"
/* %s first, %s last, %lld id, %s the rank */
#define T_PROMOTE_SAME_EN "%s %s (#%lld) already has this rank: %s."
#define T_PROMOTE_SAME_RU "У %s %s (#%lld) уже этот ранг: %s."
/* %s from, %s to, %s the command with force (escaped) */
#define T_PROMOTE_DEMOTION_EN "%s → %s is a demotion. If you are fixing a mistake, send it with <code>force</code>:\n<code>%s</code>"
#define T_PROMOTE_DEMOTION_RU "%s → %s — это понижение. Если вы исправляете ошибку, отправьте команду с <code>force</code>:\n<code>%s</code>"
/* %s belt title, %d max */
#define T_PROMOTE_TOO_MANY_EN "The %s belt has at most %d stripes."
#define T_PROMOTE_TOO_MANY_RU "У пояса «%s» не больше %d полосок."
/* %s the rank, %d max, %lld id, %s next belt code */
#define T_PROMOTE_NO_STRIPE_EN "%s already has all %d stripes. The next step is a belt: <code>/promote #%lld %s</code>"
#define T_PROMOTE_NO_STRIPE_RU "%s: все %d полоски уже есть. Следующий шаг — пояс: <code>/promote #%lld %s</code>"
#define T_PROMOTE_NO_STRIPE_TOP_EN "%s already has all %d stripes, and there is no belt above."
#define T_PROMOTE_NO_STRIPE_TOP_RU "%s: все %d полоски уже есть, а пояса выше нет."
/* %s what was typed (escaped) */
#define T_PROMOTE_BAD_STRIPES_EN "“%s” is not a number of stripes (0 to 6)."
#define T_PROMOTE_BAD_STRIPES_RU "«%s» — не число полосок (от 0 до 6)."
/* %s first, %s last, %lld id, %s the rank now */
#define T_PROMOTE_STALE_EN "This button is outdated: %s %s (#%lld) is at %s now. Nothing was changed."
#define T_PROMOTE_STALE_RU "Эта кнопка устарела: у %s %s (#%lld) сейчас %s. Ничего не изменено."
/* To the student. %s first name (escaped), %s the new rank */
#define T_PROMOTE_CONGRATS_EN "🎉 Congratulations, %s! You have been promoted: <b>%s</b>. Oss! 🥋"
#define T_PROMOTE_CONGRATS_RU "🎉 Поздравляем, %s! Вы получили повышение: <b>%s</b>. Осс! 🥋"

/* ---- /eligible ---- */
#define T_ELIGIBLE_HEAD_EN "<b>Ready for promotion</b> (every rule met)\n"
#define T_ELIGIBLE_HEAD_RU "<b>Готовы к повышению</b> (все правила выполнены)\n"
/* %zu: how many */
#define T_ELIGIBLE_STRIPES_EN "\n<b>Stripes (%zu)</b>\n"
#define T_ELIGIBLE_STRIPES_RU "\n<b>Полоски (%zu)</b>\n"
#define T_ELIGIBLE_BELTS_EN "\n<b>Belts (%zu)</b>\n"
#define T_ELIGIBLE_BELTS_RU "\n<b>Пояса (%zu)</b>\n"
/* %lld id, %s first, %s last, %s from, %s to */
#define T_ELIGIBLE_LINE_EN "#%lld %s %s: %s → %s"
#define T_ELIGIBLE_LINE_RU "#%lld %s %s: %s → %s"
#define T_ELIGIBLE_AGE_UNKNOWN_EN " (age unknown)"
#define T_ELIGIBLE_AGE_UNKNOWN_RU " (возраст неизвестен)"
/* %zu: how many more */
#define T_LIST_MORE_EN "…and %zu more\n"
#define T_LIST_MORE_RU "…и ещё %zu\n"
#define T_ELIGIBLE_NONE_EN "Nobody meets every rule for their next stripe or belt yet."
#define T_ELIGIBLE_NONE_RU "Пока никто не выполнил все правила для следующей полоски или пояса."

/* ---- /exam, /exams ---- */
/* %lld exam, %s first, %s last, %lld student, %s belt, %s date */
#define T_EXAM_SCHEDULED_EN "📝 Exam #%lld: %s %s (#%lld) for the %s belt on %s."
#define T_EXAM_SCHEDULED_RU "📝 Аттестация #%lld: %s %s (#%lld) на пояс «%s», %s."
/* To the student: %s belt, %s date */
#define T_EXAM_STUDENT_EN "📝 Your exam for the <b>%s</b> belt is on %s. Good luck! 🥋"
#define T_EXAM_STUDENT_RU "📝 Ваша аттестация на пояс «<b>%s</b>» — %s. Удачи! 🥋"
/* %s target belt, %s first, %s last, %s the current rank */
#define T_EXAM_NOT_HIGHER_EN "The %s belt is not above the current rank of %s %s (%s)."
#define T_EXAM_NOT_HIGHER_RU "Пояс «%s» не выше текущего ранга %s %s (%s)."
/* %s the date, %s today */
#define T_EXAM_PAST_EN "%s is in the past; the exam date must be today (%s) or later."
#define T_EXAM_PAST_RU "%s уже прошло; дата аттестации — сегодня (%s) или позже."
/* %s what was typed */
#define T_EXAM_BAD_DATE_EN "“%s” is not a date; dates look like <code>2026-06-20</code>."
#define T_EXAM_BAD_DATE_RU "«%s» — не дата; дата выглядит так: <code>2026-06-20</code>."
/* %s first, %s last, %lld exam, %s belt, %s date, %lld exam */
#define T_EXAM_PENDING_EN "%s %s already has exam #%lld for the %s belt on %s. Record its result first: <code>/exam %lld passed</code> or <code>failed</code>."
#define T_EXAM_PENDING_RU "У %s %s уже есть аттестация #%lld на пояс «%s», %s. Сначала запишите её итог: <code>/exam %lld passed</code> или <code>failed</code>."
/* %lld exam */
#define T_EXAM_NONE_EN "There is no exam #%lld. /exams lists the upcoming ones."
#define T_EXAM_NONE_RU "Аттестации #%lld нет. Ближайшие: /exams."
/* %lld exam, %s result word */
#define T_EXAM_DECIDED_EN "Exam #%lld has been decided already: %s. Nothing was changed."
#define T_EXAM_DECIDED_RU "Итог аттестации #%lld уже записан: %s. Ничего не изменено."
#define T_EXAM_WORD_PASSED_EN "passed"
#define T_EXAM_WORD_PASSED_RU "сдана"
#define T_EXAM_WORD_FAILED_EN "not passed"
#define T_EXAM_WORD_FAILED_RU "не сдана"
/* %lld exam */
#define T_EXAM_PASSED_EN "✅ Exam #%lld passed.\n"
#define T_EXAM_PASSED_RU "✅ Аттестация #%lld сдана.\n"
/* %s first, %s last, %lld student, %s the current rank */
#define T_EXAM_NO_PROMOTION_EN "%s %s (#%lld) stays at %s: that is not below the exam's belt."
#define T_EXAM_NO_PROMOTION_RU "%s %s (#%lld): ранг остаётся прежним (%s), он не ниже пояса аттестации."
/* %lld exam, %s first, %s last, %lld student */
#define T_EXAM_FAILED_EN "Exam #%lld recorded as not passed: %s %s (#%lld)."
#define T_EXAM_FAILED_RU "Аттестация #%lld записана как не сданная: %s %s (#%lld)."
/* To the student: %s belt */
#define T_EXAM_FAILED_STUDENT_EN "Your exam for the %s belt was not passed this time. Keep training, you will get it! 💪"
#define T_EXAM_FAILED_STUDENT_RU "Аттестация на пояс «%s» в этот раз не сдана. Продолжайте тренироваться, всё получится! 💪"
/* %s notes (escaped) */
#define T_EXAM_NOTES_EN "\nNotes: %s"
#define T_EXAM_NOTES_RU "\nЗаметки: %s"
#define T_EXAMS_HEAD_EN "<b>Upcoming exams</b>\n"
#define T_EXAMS_HEAD_RU "<b>Ближайшие аттестации</b>\n"
/* %s date, %lld exam, %s first, %s last, %lld student, %s belt */
#define T_EXAMS_LINE_EN "%s · exam #%lld: %s %s (#%lld) → %s\n"
#define T_EXAMS_LINE_RU "%s · аттестация #%lld: %s %s (#%lld) → %s\n"
#define T_EXAMS_NONE_EN "No upcoming exams. Schedule one: <code>/exam #12 blue 2026-06-20</code>"
#define T_EXAMS_NONE_RU "Ближайших аттестаций нет. Назначить: <code>/exam #12 blue 2026-06-20</code>"

/* ---- /beltrules, /beltrule ---- */
#define T_BELTRULES_HEAD_EN "<b>Belt rules</b>\n"
#define T_BELTRULES_HEAD_RU "<b>Правила поясов</b>\n"
#define T_BELTRULES_ADULTS_EN "\n<b>Adults</b>\n"
#define T_BELTRULES_ADULTS_RU "\n<b>Взрослые</b>\n"
#define T_BELTRULES_KIDS_EN "\n<b>Kids</b> (begin at white)\n"
#define T_BELTRULES_KIDS_RU "\n<b>Дети</b> (начинают с белого)\n"
/* %s code, %d max_stripes, %d min_age, %d min_months, %d min_classes,
 * %d stripe_months, %d stripe_classes */
#define T_BELTRULES_LINE_EN "<code>%s</code>: %d stripes, age %d+, %d mo and %d classes at the belt; stripe: %d mo, %d classes\n"
#define T_BELTRULES_LINE_RU "<code>%s</code>: полосок %d, возраст %d+, %d мес. и %d занятий на поясе; полоска: %d мес., %d занятий\n"
#define T_BELTRULES_FOOT_EN "\nChange one: <code>/beltrule blue min_months 20</code>. Fields: max_stripes, min_age (to get the belt), min_months and min_classes (at the belt before the next one), stripe_months and stripe_classes (between stripes). Black belt stripes are degrees; degrees 4 to 6 take 5/3 of stripe_months (IBJJF: 3 and 5 years)."
#define T_BELTRULES_FOOT_RU "\nИзменить: <code>/beltrule blue min_months 20</code>. Поля: max_stripes, min_age (для получения пояса), min_months и min_classes (на поясе до следующего), stripe_months и stripe_classes (между полосками). У чёрного пояса полоски — это степени; для степеней 4–6 нужно 5/3 от stripe_months (IBJJF: 3 и 5 лет)."
/* %s what was typed (escaped) */
#define T_BELTRULE_BAD_FIELD_EN "Unknown field “%s”. Fields: max_stripes, min_age, min_months, min_classes, stripe_months, stripe_classes."
#define T_BELTRULE_BAD_FIELD_RU "Неизвестное поле «%s». Поля: max_stripes, min_age, min_months, min_classes, stripe_months, stripe_classes."
/* %s field, %d min, %d max */
#define T_BELTRULE_BAD_VALUE_EN "%s must be a whole number from %d to %d."
#define T_BELTRULE_BAD_VALUE_RU "%s — целое число от %d до %d."
/* %s belt code, %s field, %d old, %d new */
#define T_BELTRULE_DONE_EN "✅ %s: %s %d → %d."
#define T_BELTRULE_DONE_RU "✅ %s: %s %d → %d."

#endif
