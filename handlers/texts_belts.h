/*
 * texts_belts.h — the texts of handlers/belts.c, promote.c, exams.c and
 * beltrules.c (/belt, /promote, /eligible, /exam, /exams, /beltrules,
 * /beltrule) and of the belt jobs in jobs.c, in English and
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

/* the usage trainers and owners see (H_TA_USAGE); the others have none */
#define T_USAGE_BELT_STAFF_EN "[#id | name]"
#define T_USAGE_BELT_STAFF_RU "[#номер | имя]"
#define T_USAGE_PROMOTE_EN "#id|name <belt> [stripes] [force]  or  #id|name stripe [force]"
#define T_USAGE_PROMOTE_RU "#номер|имя <пояс> [полоски] [принудительно]  или  #номер|имя полоска [принудительно]"
#define T_USAGE_EXAM_EN "#id|name <belt> <YYYY-MM-DD>  or  <exam no.> passed|failed [notes]"
#define T_USAGE_EXAM_RU "#номер|имя <пояс> <ГГГГ-ММ-ДД>  или  <номер аттестации> сдал|не сдал [заметки]"
#define T_USAGE_BELTRULE_EN "<belt> <field> <value>"
#define T_USAGE_BELTRULE_RU "<пояс> <поле> <значение>"

/* Usage examples; #ID names a real student (h_reply_usage). */
#define T_EXAMPLE_BELT_EN "/belt #ID"
#define T_EXAMPLE_BELT_RU "/belt #ID"
#define T_EXAMPLE_PROMOTE_EN "/promote #ID stripe"
#define T_EXAMPLE_PROMOTE_RU "/promote #ID полоска"
#define T_EXAMPLE_EXAM_EN "/exam #ID blue 2026-06-20"
#define T_EXAMPLE_EXAM_RU "/exam #ID синий 2026-06-20"
#define T_EXAMPLE_ELIGIBLE_EN "/eligible"
#define T_EXAMPLE_ELIGIBLE_RU "/eligible"
#define T_EXAMPLE_EXAMS_EN "/exams"
#define T_EXAMPLE_EXAMS_RU "/exams"
#define T_EXAMPLE_BELTRULES_EN "/beltrules"
#define T_EXAMPLE_BELTRULES_RU "/beltrules"
#define T_EXAMPLE_BELTRULE_EN "/beltrule blue min_months 20"
#define T_EXAMPLE_BELTRULE_RU "/beltrule синий месяцев 20"

/*
 * ---- keywords: the words a command accepts, in any language; '|'
 * separates alternatives, a space separates the words of one. ----
 */
#define T_KW_STRIPE_EN "stripe"
#define T_KW_STRIPE_RU "полоска|полоску"
/* one word: it is also appended to a command the user may copy */
#define T_KW_FORCE_EN "force"
#define T_KW_FORCE_RU "принудительно"
#define T_KW_PASSED_EN "passed|pass"
#define T_KW_PASSED_RU "сдал|сдала|сдано|сдана"
#define T_KW_FAILED_EN "failed|fail"
#define T_KW_FAILED_RU "не сдал|не сдала|не сдано|не сдана|провал"
/* the fields of /beltrule */
#define T_KW_MAX_STRIPES_EN "max_stripes"
#define T_KW_MAX_STRIPES_RU "полосок"
#define T_KW_MIN_AGE_EN "min_age"
#define T_KW_MIN_AGE_RU "возраст"
#define T_KW_MIN_MONTHS_EN "min_months"
#define T_KW_MIN_MONTHS_RU "месяцев"
#define T_KW_MIN_CLASSES_EN "min_classes"
#define T_KW_MIN_CLASSES_RU "занятий"
#define T_KW_STRIPE_MONTHS_EN "stripe_months"
#define T_KW_STRIPE_MONTHS_RU "месяцев_полоска"
#define T_KW_STRIPE_CLASSES_EN "stripe_classes"
#define T_KW_STRIPE_CLASSES_RU "занятий_полоска"

/*
 * ---- belt names by code (h_belt_name): shown, and accepted as typed
 * (also without the word T_BELT_WORD, in any language, any case). ----
 */
#define T_BELT_WORD_EN "belt"
#define T_BELT_WORD_RU "пояс"
#define T_BELT_NAME_WHITE_EN "white belt"
#define T_BELT_NAME_WHITE_RU "белый пояс"
#define T_BELT_NAME_BLUE_EN "blue belt"
#define T_BELT_NAME_BLUE_RU "синий пояс"
#define T_BELT_NAME_PURPLE_EN "purple belt"
#define T_BELT_NAME_PURPLE_RU "фиолетовый пояс"
#define T_BELT_NAME_BROWN_EN "brown belt"
#define T_BELT_NAME_BROWN_RU "коричневый пояс"
#define T_BELT_NAME_BLACK_EN "black belt"
#define T_BELT_NAME_BLACK_RU "чёрный пояс"
#define T_BELT_NAME_CORAL_EN "red-and-black belt"
#define T_BELT_NAME_CORAL_RU "красно-чёрный пояс"
#define T_BELT_NAME_RED_WHITE_EN "red-and-white belt"
#define T_BELT_NAME_RED_WHITE_RU "красно-белый пояс"
#define T_BELT_NAME_RED_EN "red belt"
#define T_BELT_NAME_RED_RU "красный пояс"
#define T_BELT_NAME_GREY_WHITE_EN "grey-white belt"
#define T_BELT_NAME_GREY_WHITE_RU "серо-белый пояс"
#define T_BELT_NAME_GREY_EN "grey belt"
#define T_BELT_NAME_GREY_RU "серый пояс"
#define T_BELT_NAME_GREY_BLACK_EN "grey-black belt"
#define T_BELT_NAME_GREY_BLACK_RU "серо-чёрный пояс"
#define T_BELT_NAME_YELLOW_WHITE_EN "yellow-white belt"
#define T_BELT_NAME_YELLOW_WHITE_RU "жёлто-белый пояс"
#define T_BELT_NAME_YELLOW_EN "yellow belt"
#define T_BELT_NAME_YELLOW_RU "жёлтый пояс"
#define T_BELT_NAME_YELLOW_BLACK_EN "yellow-black belt"
#define T_BELT_NAME_YELLOW_BLACK_RU "жёлто-чёрный пояс"
#define T_BELT_NAME_ORANGE_WHITE_EN "orange-white belt"
#define T_BELT_NAME_ORANGE_WHITE_RU "оранжево-белый пояс"
#define T_BELT_NAME_ORANGE_EN "orange belt"
#define T_BELT_NAME_ORANGE_RU "оранжевый пояс"
#define T_BELT_NAME_ORANGE_BLACK_EN "orange-black belt"
#define T_BELT_NAME_ORANGE_BLACK_RU "оранжево-чёрный пояс"
#define T_BELT_NAME_GREEN_WHITE_EN "green-white belt"
#define T_BELT_NAME_GREEN_WHITE_RU "зелёно-белый пояс"
#define T_BELT_NAME_GREEN_EN "green belt"
#define T_BELT_NAME_GREEN_RU "зелёный пояс"
#define T_BELT_NAME_GREEN_BLACK_EN "green-black belt"
#define T_BELT_NAME_GREEN_BLACK_RU "зелёно-чёрный пояс"
/* other words for a belt, '|'-separated: the coral belt's common name */
#define T_BELT_ALIAS_CORAL_EN "coral|red-black"
#define T_BELT_ALIAS_CORAL_RU "коралловый"

/* ---- a rank in words (h_rank_add): the belt's name, then these ---- */
/* %d stripes, %s the word for that many (T_W_STRIPE) */
#define T_RANK_STRIPES_EN ", %d %s"
#define T_RANK_STRIPES_RU ", %d %s"
#define T_W_STRIPE_1_EN "stripe"
#define T_W_STRIPE_1_RU "полоска"
#define T_W_STRIPE_2_EN "stripes"
#define T_W_STRIPE_2_RU "полоски"
#define T_W_STRIPE_5_EN "stripes"
#define T_W_STRIPE_5_RU "полосок"
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
#define T_BELT_NO_RECORD_EN "You have no student record, so there is no belt to show. To see a student’s belt, send <code>/belt</code> with their name or number."
#define T_BELT_NO_RECORD_RU "У вас нет карточки ученика, поэтому показать нечего. Чтобы посмотреть пояс ученика, отправьте <code>/belt</code> с именем или номером."
#define T_BELT_ONLY_OWN_EN "You can see only your own belt: send /belt."
#define T_BELT_ONLY_OWN_RU "Вы можете посмотреть только свой пояс: отправьте /belt."
/* %s first, %s last, %lld id, %s the belt code as stored (all escaped) */
#define T_BELT_NOT_IN_TABLE_EN "%s %s (#%lld) has the belt “%s”, which is not in the belt table. A trainer can fix it: <code>/promote #%lld white 0 force</code>."
#define T_BELT_NOT_IN_TABLE_RU "%s %s (#%lld): пояса «%s» нет в таблице поясов. Тренер может исправить: <code>/promote #%lld белый 0 принудительно</code>."

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
/* after the lines above: a pending exam for this belt (or a lower one) */
#define T_PROMOTE_EXAM_CLOSED_EN "\nThe pending exam for this belt is closed as passed."
#define T_PROMOTE_EXAM_CLOSED_RU "\nНазначенный экзамен на этот пояс закрыт как сданный."
/* %s first, %s last, %lld id, %s the target rank */
#define T_PROMOTE_UNMET_EN "%s %s (#%lld) has not met the rules for %s yet:\n"
#define T_PROMOTE_UNMET_RU "%s %s (#%lld): правила для шага «%s» ещё не выполнены:\n"
/* %s: the next step's rank */
#define T_PROMOTE_SKIP_EN "❌ this is not the next step (that is %s)\n"
#define T_PROMOTE_SKIP_RU "❌ это не следующий шаг (следующий — %s)\n"
#define T_PROMOTE_ASK_EN "\nPromote anyway?"
#define T_PROMOTE_ASK_RU "\nВсё равно повысить?"
#define T_BTN_PROMOTE_ANYWAY_EN "Promote anyway"
#define T_BTN_PROMOTE_ANYWAY_RU "Всё равно повысить"
/* %s first, %s last, %lld id, %s the rank */
#define T_PROMOTE_SAME_EN "%s %s (#%lld) already has this rank: %s."
#define T_PROMOTE_SAME_RU "%s %s (#%lld): этот ранг уже есть — %s."
/* %s from, %s to, %s the command with the force keyword (escaped) */
#define T_PROMOTE_DEMOTION_EN "%s → %s is a demotion. If you are fixing a mistake, send it with <code>force</code>:\n<code>%s</code>"
#define T_PROMOTE_DEMOTION_RU "%s → %s — это понижение. Если вы исправляете ошибку, отправьте команду со словом <code>принудительно</code>:\n<code>%s</code>"
/* %s belt name, %d max, %s the word for that many (T_W_STRIPES_AT_MOST) */
#define T_PROMOTE_TOO_MANY_EN "The %s has at most %d %s."
#define T_PROMOTE_TOO_MANY_RU "%s: не больше %d %s."
#define T_W_STRIPES_AT_MOST_1_EN "stripe"
#define T_W_STRIPES_AT_MOST_1_RU "полоски"
#define T_W_STRIPES_AT_MOST_2_EN "stripes"
#define T_W_STRIPES_AT_MOST_2_RU "полосок"
#define T_W_STRIPES_AT_MOST_5_EN "stripes"
#define T_W_STRIPES_AT_MOST_5_RU "полосок"
/* %s the rank, %d max, %lld id, %s the next belt as typed (its name) */
#define T_PROMOTE_NO_STRIPE_EN "%s: no stripe is left to add (%d at most). The next step is a belt: <code>/promote #%lld %s</code>"
#define T_PROMOTE_NO_STRIPE_RU "%s: полосок больше не добавить (максимум %d). Следующий шаг — пояс: <code>/promote #%lld %s</code>"
#define T_PROMOTE_NO_STRIPE_TOP_EN "%s: no stripe is left to add (%d at most), and there is no belt above."
#define T_PROMOTE_NO_STRIPE_TOP_RU "%s: полосок больше не добавить (максимум %d), а пояса выше нет."
/* %s what was typed (escaped) */
#define T_PROMOTE_BAD_STRIPES_EN "“%s” is not a number of stripes (0 to 6)."
#define T_PROMOTE_BAD_STRIPES_RU "«%s» — не число полосок (от 0 до 6)."
/* %s first, %s last, %lld id, %s the rank now */
#define T_PROMOTE_STALE_EN "This button is outdated: %s %s (#%lld) is at %s now. Nothing was changed."
#define T_PROMOTE_STALE_RU "Эта кнопка устарела: у ученика %s %s (#%lld) сейчас %s. Ничего не изменено."
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
/* %lld exam, %s first, %s last, %lld student, %s belt name, %s date */
#define T_EXAM_SCHEDULED_EN "📝 Exam #%lld: %s %s (#%lld) for the %s on %s."
#define T_EXAM_SCHEDULED_RU "📝 Аттестация #%lld: %s %s (#%lld) на %s, %s."
/* To the student: %s belt name, %s date */
#define T_EXAM_STUDENT_EN "📝 Your exam for the <b>%s</b> is on %s. Good luck! 🥋"
#define T_EXAM_STUDENT_RU "📝 Ваша аттестация на <b>%s</b> — %s. Удачи! 🥋"
/* %s target belt name, %s first, %s last, %s the current rank */
#define T_EXAM_NOT_HIGHER_EN "The %s is not above the current rank of %s %s (%s)."
#define T_EXAM_NOT_HIGHER_RU "Аттестация на %s не подходит: у ученика %s %s ранг не ниже (%s)."
/* %s the date, %s today */
#define T_EXAM_PAST_EN "%s is in the past; the exam date must be today (%s) or later."
#define T_EXAM_PAST_RU "%s уже прошло; дата аттестации — сегодня (%s) или позже."
/* %s what was typed */
#define T_EXAM_BAD_DATE_EN "“%s” is not a date; dates look like <code>20.06.2026</code> or <code>2026-06-20</code>."
#define T_EXAM_BAD_DATE_RU "«%s» — не дата; дата выглядит так: <code>20.06.2026</code> или <code>2026-06-20</code>."
/* %s first, %s last, %lld exam, %s belt name, %s date, %lld exam */
#define T_EXAM_PENDING_EN "%s %s already has exam #%lld for the %s on %s. Record its result first: <code>/exam %lld passed</code> or <code>failed</code>."
#define T_EXAM_PENDING_RU "У ученика %s %s уже назначена аттестация #%lld на %s, %s. Сначала запишите её итог: <code>/exam %lld сдал</code> или <code>не сдал</code>."
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
/* To the student: %s belt name */
#define T_EXAM_FAILED_STUDENT_EN "Your exam for the %s was not passed this time. Keep training, you will get it! 💪"
#define T_EXAM_FAILED_STUDENT_RU "Аттестация на %s в этот раз не сдана. Продолжайте тренироваться, всё получится! 💪"
/* %s notes (escaped) */
#define T_EXAM_NOTES_EN "\nNotes: %s"
#define T_EXAM_NOTES_RU "\nЗаметки: %s"
#define T_EXAMS_HEAD_EN "<b>Upcoming exams</b>\n"
#define T_EXAMS_HEAD_RU "<b>Ближайшие аттестации</b>\n"
/* %s date, %lld exam, %s first, %s last, %lld student, %s belt */
#define T_EXAMS_LINE_EN "%s · exam #%lld: %s %s (#%lld) → %s\n"
#define T_EXAMS_LINE_RU "%s · аттестация #%lld: %s %s (#%lld) → %s\n"
#define T_EXAMS_NONE_EN "No upcoming exams. /exam schedules one."
#define T_EXAMS_NONE_RU "Ближайших аттестаций нет. Назначить аттестацию: /exam."

/* ---- /beltrules, /beltrule ---- */
#define T_BELTRULES_HEAD_EN "<b>Belt rules</b>\n"
#define T_BELTRULES_HEAD_RU "<b>Правила поясов</b>\n"
#define T_BELTRULES_ADULTS_EN "\n<b>Adults</b>\n"
#define T_BELTRULES_ADULTS_RU "\n<b>Взрослые</b>\n"
#define T_BELTRULES_KIDS_EN "\n<b>Kids</b> (begin at white)\n"
#define T_BELTRULES_KIDS_RU "\n<b>Дети</b> (начинают с белого)\n"
/* %s code, %d max_stripes, %d min_age, %d min_months, %d min_classes,
 * %d stripe_months, %d stripe_classes */
/* %s belt name, %d max_stripes, %d min_age, %d min_months, %d min_classes,
 * %d stripe_months, %d stripe_classes */
#define T_BELTRULES_LINE_EN "<b>%s</b>: stripes %d, age %d+; at the belt: %d mo, classes %d; between stripes: %d mo, classes %d\n"
#define T_BELTRULES_LINE_RU "<b>%s</b>: полосок — %d, возраст от %d; на поясе: %d мес., занятий — %d; между полосками: %d мес., занятий — %d\n"
#define T_BELTRULES_FOOT_EN "\nChange one: <code>/beltrule blue min_months 20</code>. Fields: max_stripes, min_age (to get the belt), min_months and min_classes (at the belt before the next one), stripe_months and stripe_classes (between stripes). Black belt stripes are degrees; degrees 4 to 6 take 5/3 of stripe_months (IBJJF: 3 and 5 years)."
#define T_BELTRULES_FOOT_RU "\nИзменить: <code>/beltrule синий месяцев 20</code>. Поля: полосок (сколько полосок у пояса), возраст (для получения пояса), месяцев и занятий (на поясе до следующего), месяцев_полоска и занятий_полоска (между полосками). У чёрного пояса полоски — это степени; для степеней 4–6 нужно 5/3 от месяцев_полоска (IBJJF: 3 и 5 лет)."
/* %s what was typed (escaped) */
#define T_BELTRULE_BAD_FIELD_EN "Unknown field “%s”. Fields: max_stripes, min_age, min_months, min_classes, stripe_months, stripe_classes."
#define T_BELTRULE_BAD_FIELD_RU "Неизвестное поле «%s». Поля: полосок, возраст, месяцев, занятий, месяцев_полоска, занятий_полоска."
/* %s field, %d min, %d max */
#define T_BELTRULE_BAD_VALUE_EN "%s must be a whole number from %d to %d."
#define T_BELTRULE_BAD_VALUE_RU "%s: нужно целое число от %d до %d."
/* %s belt name, %s field (as the user's language calls it), %d old, %d new */
#define T_BELTRULE_DONE_EN "✅ %s: %s %d → %d."
#define T_BELTRULE_DONE_RU "✅ %s: %s %d → %d."

#endif
