/*
 * texts_billing.h — the texts of plans, sales, payments, freezes and
 * /balance (handlers/billing.c), in English and Russian. Same conventions
 * as texts.h: NAME_EN / NAME_RU literals, Telegram HTML, every %s argument
 * escaped by the caller unless it is one of our own literals.
 */
#ifndef BJJ_TEXTS_BILLING_H
#define BJJ_TEXTS_BILLING_H

/* ---- command help ---- */
#define T_HELP_PLANS_EN "plans and prices"
#define T_HELP_PLANS_RU "абонементы и цены"
#define T_HELP_BALANCE_EN "your plan, classes left and payments"
#define T_HELP_BALANCE_RU "ваш абонемент, остаток занятий и платежи"
#define T_HELP_ADDPLAN_EN "add a plan (a pack of classes or unlimited)"
#define T_HELP_ADDPLAN_RU "добавить абонемент (пакет занятий или безлимит)"
#define T_HELP_SELL_EN "sell a plan to a student (records the payment)"
#define T_HELP_SELL_RU "продать абонемент ученику (с записью оплаты)"
#define T_HELP_PAY_EN "record another payment from a student"
#define T_HELP_PAY_RU "записать другой платёж ученика"
#define T_HELP_FREEZE_EN "freeze a student's plan for some days"
#define T_HELP_FREEZE_RU "заморозить абонемент ученика на несколько дней"
#define T_HELP_UNFREEZE_EN "end a student's freeze now"
#define T_HELP_UNFREEZE_RU "снять заморозку абонемента сейчас"
#define T_HELP_PAYMENTS_EN "a student's sales and payments with their numbers, to correct them"
#define T_HELP_PAYMENTS_RU "продажи и платежи ученика с номерами — для исправлений"
#define T_HELP_VOID_EN "void a wrong payment or sale, with a reason; it stays in the history"
#define T_HELP_VOID_RU "аннулировать ошибочный платёж или продажу с причиной; запись останется в истории"
#define T_HELP_REFUND_EN "give money back to a student (a refund)"
#define T_HELP_REFUND_RU "вернуть деньги ученику (возврат)"
#define T_HELP_SUB_EN "change a sold plan: its start, end or classes left, or cancel it"
#define T_HELP_SUB_RU "изменить проданный абонемент: начало, конец, остаток занятий — или отменить его"
#define T_HELP_PLAN_EN "retire a plan, put it back on sale, or change its price"
#define T_HELP_PLAN_RU "снять абонемент с продажи, вернуть его или изменить цену"

/* ---- command usage (after "/name ") ---- */
/* the usage trainers and owners see (H_TA_USAGE); the others have none */
#define T_USAGE_BALANCE_STAFF_EN "[#id | name]"
#define T_USAGE_BALANCE_STAFF_RU "[#номер | имя]"
#define T_USAGE_ADDPLAN_EN "<code> <price> <days> [classes] [kind=trial|dropin] [title]"
#define T_USAGE_ADDPLAN_RU "<код> <цена> <дней> [занятий] [kind=trial|dropin] [название]"
#define T_USAGE_SELL_EN "<#id or name> <plan code> [start YYYY-MM-DD] [cash|card|transfer|other]"
#define T_USAGE_SELL_RU "<#номер или имя> <код абонемента> [начало ГГГГ-ММ-ДД] [наличные|карта|перевод|другое]"
#define T_USAGE_PAY_EN "<#id or name> <amount> <cash|card|transfer|other> [note]"
#define T_USAGE_PAY_RU "<#номер или имя> <сумма> <наличные|карта|перевод|другое> [комментарий]"
#define T_USAGE_PAYMENTS_EN "<#id or name>"
#define T_USAGE_PAYMENTS_RU "<#номер или имя>"
#define T_USAGE_VOID_EN "payment|sale <number> <reason>"
#define T_USAGE_VOID_RU "платёж|продажа <номер> <причина>"
#define T_USAGE_REFUND_EN "<#id or name> <amount> <cash|card|transfer|other> <reason>"
#define T_USAGE_REFUND_RU "<#номер или имя> <сумма> <наличные|карта|перевод|другое> <причина>"
#define T_USAGE_SUB_EN "<sale number> start|end <YYYY-MM-DD> | classes <n> | cancel [reason]"
#define T_USAGE_SUB_RU "<номер продажи> начало|конец <ГГГГ-ММ-ДД> | занятия <число> | отмена [причина]"
#define T_USAGE_PLAN_EN "<code> retire|restore|price <amount>"
#define T_USAGE_PLAN_RU "<код> снять|вернуть|цена <сумма>"
/* the usage owners see (H_TA_USAGE); the others have none */
#define T_USAGE_PLANS_STAFF_EN "[all: retired plans too]"
#define T_USAGE_PLANS_STAFF_RU "[все: вместе со снятыми с продажи]"
#define T_USAGE_FREEZE_EN "<#id or name> <days 1-180> [reason]"
#define T_USAGE_FREEZE_RU "<#номер или имя> <дней 1-180> [причина]"
#define T_USAGE_UNFREEZE_EN "<#id or name>"
#define T_USAGE_UNFREEZE_RU "<#номер или имя>"

/* ---- examples ---- */
#define T_EXAMPLE_ADDPLAN_EN "/addplan month8 4000 30 8 Monthly, 8 classes"
#define T_EXAMPLE_ADDPLAN_RU "/addplan month8 4000 30 8 Месяц, 8 занятий"
#define T_EXAMPLE_SELL_EN "/sell #ID month8 card"
#define T_EXAMPLE_SELL_RU "/sell #ID month8 карта"
#define T_EXAMPLE_PAY_EN "/pay #ID 1500 cash gi"
#define T_EXAMPLE_PAY_RU "/pay #ID 1500 наличные кимоно"
#define T_EXAMPLE_PAYMENTS_EN "/payments #ID"
#define T_EXAMPLE_PAYMENTS_RU "/payments #ID"
#define T_EXAMPLE_VOID_EN "/void payment 31 typed 4000 instead of 400"
#define T_EXAMPLE_VOID_RU "/void платёж 31 ошибка в сумме"
#define T_EXAMPLE_REFUND_EN "/refund #ID 1500 card moved to another city"
#define T_EXAMPLE_REFUND_RU "/refund #ID 1500 карта переезд в другой город"
#define T_EXAMPLE_SUB_EN "/sub 7 end 2026-07-15"
#define T_EXAMPLE_SUB_RU "/sub 7 конец 2026-07-15"
#define T_EXAMPLE_PLAN_EN "/plan month8 price 4500"
#define T_EXAMPLE_PLAN_RU "/plan month8 цена 4500"
#define T_EXAMPLE_PLANS_EN "/plans all"
#define T_EXAMPLE_PLANS_RU "/plans все"
#define T_EXAMPLE_FREEZE_EN "/freeze #ID 14 knee injury"
#define T_EXAMPLE_FREEZE_RU "/freeze #ID 14 травма колена"
#define T_EXAMPLE_UNFREEZE_EN "/unfreeze #ID"
#define T_EXAMPLE_UNFREEZE_RU "/unfreeze #ID"
#define T_EXAMPLE_BALANCE_EN "/balance #ID"
#define T_EXAMPLE_BALANCE_RU "/balance #ID"

/* ---- words ---- */
#define T_KIND_UNLIMITED_EN "unlimited"
#define T_KIND_UNLIMITED_RU "безлимит"
#define T_KIND_PACK_EN "pack"
#define T_KIND_PACK_RU "пакет"
#define T_KIND_DROPIN_EN "drop-in"
#define T_KIND_DROPIN_RU "разовое"
#define T_KIND_TRIAL_EN "trial"
#define T_KIND_TRIAL_RU "пробное"
#define T_STATUS_ACTIVE_EN "active"
#define T_STATUS_ACTIVE_RU "действует"
#define T_STATUS_FROZEN_EN "frozen ❄️"
#define T_STATUS_FROZEN_RU "заморожен ❄️"
#define T_STATUS_UPCOMING_EN "starts later"
#define T_STATUS_UPCOMING_RU "начнётся позже"
#define T_STATUS_USED_UP_EN "no classes left"
#define T_STATUS_USED_UP_RU "занятия закончились"
#define T_STATUS_EXPIRED_EN "expired"
#define T_STATUS_EXPIRED_RU "истёк"
#define T_STATUS_CANCELLED_EN "cancelled"
#define T_STATUS_CANCELLED_RU "отменён"
#define T_STATUS_VOIDED_EN "voided"
#define T_STATUS_VOIDED_RU "аннулирован"
#define T_PAY_METHOD_CASH_EN "cash"
#define T_PAY_METHOD_CASH_RU "наличные"
#define T_PAY_METHOD_CARD_EN "card"
#define T_PAY_METHOD_CARD_RU "карта"
#define T_PAY_METHOD_TRANSFER_EN "transfer"
#define T_PAY_METHOD_TRANSFER_RU "перевод"
#define T_PAY_METHOD_OTHER_EN "other"
#define T_PAY_METHOD_OTHER_RU "другое"
#define T_UNLIMITED_CLASSES_EN "unlimited classes"
#define T_UNLIMITED_CLASSES_RU "без ограничения занятий"
/* %d: a count, %s: its word (H_TP of T_W_CLASS or T_W_DAY, texts.h) */
#define T_N_CLASSES_EN "%d %s"
#define T_N_CLASSES_RU "%d %s"
#define T_N_CLASSES_LEFT_EN "%d %s left"
#define T_N_CLASSES_LEFT_RU "осталось %d %s"
#define T_N_DAYS_EN "%d %s"
#define T_N_DAYS_RU "%d %s"

/* ---- /addplan ---- */
/* %s: what was given */
#define T_PLAN_BAD_CODE_EN "“%s” cannot be a plan code: use 1 to 32 letters a-z, digits, _ or -."
#define T_PLAN_BAD_CODE_RU "«%s» не подходит как код абонемента: используйте от 1 до 32 латинских букв, цифр, _ или -."
#define T_PLAN_BAD_PRICE_EN "“%s” is not a price. Write it in %s, e.g. 4000 or 4000.50 (0 only for a trial)."
#define T_PLAN_BAD_PRICE_RU "«%s» не похоже на цену. Укажите сумму (%s), например 4000 или 4000,50 (0 — только для пробного)."
#define T_PLAN_BAD_DAYS_EN "“%s” is not a number of days (1 to 3660)."
#define T_PLAN_BAD_DAYS_RU "«%s» не подходит как число дней (от 1 до 3660)."
#define T_PLAN_BAD_CLASSES_EN "“%s” is not a number of classes (1 to 1000)."
#define T_PLAN_BAD_CLASSES_RU "«%s» не подходит как число занятий (от 1 до 1000)."
#define T_PLAN_BAD_KIND_EN "Unknown plan kind “%s”: use kind=trial, kind=dropin, kind=pack or kind=unlimited."
#define T_PLAN_BAD_KIND_RU "Неизвестный вид абонемента «%s»: используйте kind=trial, kind=dropin, kind=pack или kind=unlimited."
#define T_PLAN_PACK_NEEDS_CLASSES_EN "A pack needs a number of classes, e.g. <code>/addplan month8 4000 30 8</code>."
#define T_PLAN_PACK_NEEDS_CLASSES_RU "Для пакета нужно число занятий, например <code>/addplan month8 4000 30 8</code>."
#define T_PLAN_UNLIMITED_NO_CLASSES_EN "An unlimited plan has no number of classes; leave it out."
#define T_PLAN_UNLIMITED_NO_CLASSES_RU "У безлимитного абонемента нет числа занятий; не указывайте его."
/* %d: the limit */
#define T_PLAN_BAD_TITLE_EN "The title must be at most %d characters."
#define T_PLAN_BAD_TITLE_RU "Название должно быть не длиннее %d символов."
/* %s: code */
#define T_PLAN_DUP_EN "A plan with the code <code>%s</code> exists already. Nothing was added; choose another code."
#define T_PLAN_DUP_RU "Абонемент с кодом <code>%s</code> уже есть. Ничего не добавлено; выберите другой код."
/* %s: code, %s: title, %s: the plan's line (price, days, classes) */
#define T_PLAN_ADDED_EN "✅ Plan <code>%s</code> added: %s — %s.\nSell it with <code>/sell #id %s</code>."
#define T_PLAN_ADDED_RU "✅ Абонемент <code>%s</code> добавлен: %s — %s.\nПродать: <code>/sell #номер %s</code>."

/* ---- /plans ---- */
#define T_PLANS_HEAD_EN "<b>Plans</b>"
#define T_PLANS_HEAD_RU "<b>Абонементы</b>"
#define T_PLANS_NONE_EN "There are no plans yet. Please ask the academy about prices."
#define T_PLANS_NONE_RU "Абонементов пока нет. Уточните цены в академии."
#define T_PLANS_NONE_OWNER_EN "There are no plans yet. Add one: <code>/addplan month8 4000 30 8</code> or <code>/addplan unlim 6000 30</code>."
#define T_PLANS_NONE_OWNER_RU "Абонементов пока нет. Добавьте: <code>/addplan month8 4000 30 8</code> или <code>/addplan unlim 6000 30</code>."

/* ---- /sell ---- */
/* %s: what was given, %s: the plan codes */
#define T_SELL_NO_PLAN_EN "There is no plan “%s”. Plans: %s."
#define T_SELL_NO_PLAN_RU "Абонемента «%s» нет. Есть: %s."
/* %s: what was given */
#define T_SELL_NO_PLANS_EN "There is no plan “%s”, and no plans at all yet: add one with /addplan."
#define T_SELL_NO_PLANS_RU "Абонемента «%s» нет, и абонементов пока нет вообще: добавьте через /addplan."
/* %s: what was given */
#define T_BAD_METHOD_EN "“%s” is not a payment method: use cash, card, transfer or other."
#define T_BAD_METHOD_RU "«%s» — неизвестный способ оплаты: используйте наличные, карта, перевод или другое."
/* %s: what was given */
#define T_SELL_BAD_DATE_EN "“%s” is neither a start date nor a payment method: write the date as DD.MM, DD.MM.YYYY or YYYY-MM-DD, at most a year from today."
#define T_SELL_BAD_DATE_RU "«%s» — не дата начала и не способ оплаты: укажите дату как ДД.ММ, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, не дальше года от сегодняшнего дня."
/* %s: code, %s: code */
#define T_SELL_RETIRED_EN "Plan <code>%s</code> is retired and cannot be sold. <code>/plan %s restore</code> puts it back on sale."
#define T_SELL_RETIRED_RU "Абонемент <code>%s</code> снят с продажи, продать его нельзя. Вернуть в продажу: <code>/plan %s вернуть</code>."
/* %s: title, %s: student's name, %lld: student id, %s: price, %s: method,
 * %s: first day, %s: last day, %s: classes */
#define T_SOLD_EN "✅ Sold <b>%s</b> to %s (#%lld): %s, %s.\nValid %s – %s, %s."
#define T_SOLD_RU "✅ Продажа: <b>%s</b> — %s (#%lld), %s, %s.\nДействует %s – %s, %s."
/* %lld: sale number (three times) */
#define T_SOLD_NUMBER_EN "\nSale %lld: <code>/sub %lld</code> changes it, <code>/void sale %lld</code> undoes it."
#define T_SOLD_NUMBER_RU "\nПродажа %lld: изменить — <code>/sub %lld</code>, аннулировать — <code>/void продажа %lld</code>."
/* %s: first day */
#define T_SOLD_RENEWAL_EN "\nThe student has a plan already, so this one starts when it ends: on %s."
#define T_SOLD_RENEWAL_RU "\nУ ученика уже есть абонемент, поэтому новый начнётся после его окончания: %s."
/* to the student. %s: title, %s: last day, %s: classes */
#define T_SOLD_STUDENT_EN "🎉 You bought <b>%s</b>: valid until %s, %s. Thank you! See /balance any time."
#define T_SOLD_STUDENT_RU "🎉 Вы купили <b>%s</b>: действует до %s, %s. Спасибо! Смотрите /balance в любое время."
/* to the student. %s: title, %s: first day, %s: last day, %s: classes */
#define T_SOLD_STUDENT_LATER_EN "🎉 You bought <b>%s</b>: valid %s – %s, %s. Thank you! See /balance any time."
#define T_SOLD_STUDENT_LATER_RU "🎉 Вы купили <b>%s</b>: действует %s – %s, %s. Спасибо! Смотрите /balance в любое время."
/* to the student. %s: title, %s: first day, %s: last day, %s: classes */
#define T_SOLD_STUDENT_RENEWAL_EN "🎉 You bought <b>%s</b>: it starts on %s, when your current plan ends, and is valid until %s, %s. Thank you!"
#define T_SOLD_STUDENT_RENEWAL_RU "🎉 Вы купили <b>%s</b>: он начнётся %s, когда закончится текущий, и будет действовать до %s, %s. Спасибо!"

/* ---- /pay ---- */
/* %s: what was given */
#define T_PAY_BAD_AMOUNT_EN "“%s” is not an amount: write a positive sum, e.g. 1500 or 1500.50."
#define T_PAY_BAD_AMOUNT_RU "«%s» не похоже на сумму: укажите положительное число, например 1500 или 1500,50."
/* %d: the limit */
#define T_BILLING_BAD_NOTE_EN "The note or reason must be at most %d characters."
#define T_BILLING_BAD_NOTE_RU "Комментарий или причина — не длиннее %d символов."
/* %s: amount, %s: method, %s: student's name, %lld: student id */
#define T_PAID_EN "✅ Recorded %s (%s) from %s (#%lld)."
#define T_PAID_RU "✅ Записан платёж %s (%s): %s (#%lld)."
/* %lld: payment number (twice) */
#define T_PAID_NUMBER_EN "\nPayment %lld: <code>/void payment %lld</code> with a reason undoes it."
#define T_PAID_NUMBER_RU "\nПлатёж %lld: аннулировать — <code>/void платёж %lld</code> с причиной."
/* to the student. %s: amount */
#define T_PAID_STUDENT_EN "💳 We received your payment of %s. Thank you!"
#define T_PAID_STUDENT_RU "💳 Мы получили ваш платёж: %s. Спасибо!"

/* ---- /freeze, /unfreeze ---- */
/* %s: what was given */
#define T_FREEZE_BAD_DAYS_EN "“%s” is not a number of days: freeze for 1 to 180 days."
#define T_FREEZE_BAD_DAYS_RU "«%s» не подходит как число дней: заморозка — от 1 до 180 дней."
/* %s: student's name */
#define T_FREEZE_NOTHING_EN "%s has no active plan to freeze."
#define T_FREEZE_NOTHING_RU "%s: нет действующего абонемента, который можно заморозить."
/* %s: student's name, %s: last frozen day */
#define T_FREEZE_ALREADY_EN "%s is frozen already, until %s. Send /unfreeze first to change it."
#define T_FREEZE_ALREADY_RU "%s: абонемент уже заморожен по %s включительно. Чтобы изменить заморозку, сначала отправьте /unfreeze."
/* %s: student's name, %s: title, %s: days (T_N_DAYS), %s: last frozen day,
 * %s: new last day */
#define T_FROZEN_EN "❄️ %s's <b>%s</b> is frozen for %s, through %s. The plan now runs until %s."
#define T_FROZEN_RU "❄️ %s: абонемент <b>%s</b> заморожен (%s) по %s включительно. Теперь он действует до %s."
/* to the student. %s: title, %s: last frozen day, %s: new last day */
#define T_FROZEN_STUDENT_EN "❄️ Your plan <b>%s</b> is frozen through %s. It now runs until %s."
#define T_FROZEN_STUDENT_RU "❄️ Ваш абонемент <b>%s</b> заморожен по %s включительно. Теперь он действует до %s."
/* after T_FROZEN_STUDENT. %s: reason */
#define T_FROZEN_STUDENT_REASON_EN " Reason: %s."
#define T_FROZEN_STUDENT_REASON_RU " Причина: %s."
/* the last words: for an illness or injury, and for any other reason */
#define T_FROZEN_GET_WELL_EN " Get well and come back soon!"
#define T_FROZEN_GET_WELL_RU " Выздоравливайте и возвращайтесь скорее!"
#define T_FROZEN_SEE_YOU_EN " See you back on the mats!"
#define T_FROZEN_SEE_YOU_RU " Ждём вас снова на татами!"
/* %s: student's name */
#define T_UNFREEZE_NOTHING_EN "%s has no frozen plan."
#define T_UNFREEZE_NOTHING_RU "%s: замороженного абонемента нет."
/* %s: student's name, %s: title, %d: days counted, %s: last day */
#define T_UNFROZEN_EN "✅ %s's <b>%s</b> is active again. Frozen days counted: %d; the plan runs until %s."
#define T_UNFROZEN_RU "✅ %s: абонемент <b>%s</b> снова действует. Засчитано дней заморозки: %d; абонемент действует до %s."
/* to the student. %s: title, %s: last day */
#define T_UNFROZEN_STUDENT_EN "✅ Your plan <b>%s</b> is active again and runs until %s. Welcome back to the mats!"
#define T_UNFROZEN_STUDENT_RU "✅ Ваш абонемент <b>%s</b> снова действует, до %s. С возвращением на татами!"

/* ---- /balance ---- */
#define T_BALANCE_OWN_ONLY_EN "You can see only your own balance: send /balance without a name."
#define T_BALANCE_OWN_ONLY_RU "Вы можете смотреть только свой баланс: отправьте /balance без имени."
/* %s: name, %lld: id */
#define T_BALANCE_HEAD_EN "<b>%s</b> (#%lld)"
#define T_BALANCE_HEAD_RU "<b>%s</b> (#%lld)"
#define T_BALANCE_NONE_EN "No active plan. Ask the academy to get one — /plans shows the prices."
#define T_BALANCE_NONE_RU "Действующего абонемента нет. Обратитесь в академию — цены в /plans."
/* the same, to a trainer or owner looking at a student */
#define T_BALANCE_NONE_OTHER_EN "No active plan."
#define T_BALANCE_NONE_OTHER_RU "Действующего абонемента нет."
/* %s: title, %s: the sale number for staff (T_BALANCE_SALE_NO) or "",
 * %s: status, %s: first day, %s: last day, %s: classes */
#define T_BALANCE_SUB_EN "\n📋 <b>%s</b>%s — %s\nValid %s – %s, %s"
#define T_BALANCE_SUB_RU "\n📋 <b>%s</b>%s — %s\nДействует %s – %s, %s"
/* %lld: sale number */
#define T_BALANCE_SALE_NO_EN " (sale %lld)"
#define T_BALANCE_SALE_NO_RU " (продажа %lld)"
/* %lld: payment number */
#define T_BALANCE_PAY_NO_EN " (payment %lld)"
#define T_BALANCE_PAY_NO_RU " (платёж %lld)"
/* %s: last frozen day */
#define T_BALANCE_FROZEN_EN "\n❄️ Frozen through %s"
#define T_BALANCE_FROZEN_RU "\n❄️ Заморожен по %s включительно"
/* %s: reason */
#define T_BALANCE_REASON_EN " (%s)"
#define T_BALANCE_REASON_RU " (%s)"
/* %d: count */
#define T_BALANCE_MONTH_EN "\n\n🥋 Classes this month: %d"
#define T_BALANCE_MONTH_RU "\n\n🥋 Занятий в этом месяце: %d"
#define T_BALANCE_PAYMENTS_EN "\n\n💳 Last payments:"
#define T_BALANCE_PAYMENTS_RU "\n\n💳 Последние платежи:"
/* %s: date, %s: amount (T_REFUND_AMOUNT for a refund), %s: method,
 * %s: the payment number for staff or "", %s: T_PAY_VOIDED or "" */
#define T_BALANCE_PAYMENT_EN "\n%s — %s, %s%s%s"
#define T_BALANCE_PAYMENT_RU "\n%s — %s, %s%s%s"
/* %s: amount */
#define T_REFUND_AMOUNT_EN "refund %s"
#define T_REFUND_AMOUNT_RU "возврат %s"
/* %s: reason */
#define T_PAY_VOIDED_EN " — voided: %s"
#define T_PAY_VOIDED_RU " — аннулирован: %s"

/* ---- /payments ---- */
/* %s: name, %lld: id */
#define T_PAYMENTS_HEAD_EN "<b>%s</b> (#%lld): sales and payments"
#define T_PAYMENTS_HEAD_RU "<b>%s</b> (#%lld): продажи и платежи"
#define T_PAYMENTS_NONE_EN "\nNo sales or payments yet."
#define T_PAYMENTS_NONE_RU "\nПродаж и платежей пока нет."
#define T_PAYMENTS_SALES_EN "\n\n📋 <b>Sales</b>"
#define T_PAYMENTS_SALES_RU "\n\n📋 <b>Продажи</b>"
/* %lld: number, %s: title, %s: first day, %s: last day, %s: price, %s: status */
#define T_PAYMENTS_SALE_EN "\n• sale %lld: %s, %s – %s, %s — %s"
#define T_PAYMENTS_SALE_RU "\n• продажа %lld: %s, %s – %s, %s — %s"
/* %s: reason */
#define T_PAYMENTS_REASON_EN " (%s)"
#define T_PAYMENTS_REASON_RU " (%s)"
#define T_PAYMENTS_PAYS_EN "\n\n💳 <b>Payments</b>"
#define T_PAYMENTS_PAYS_RU "\n\n💳 <b>Платежи</b>"
/* %lld: number, %s: date, %s: amount, %s: method, %s: T_PAYMENTS_OF_SALE or ""
 * (T_PAY_VOIDED may follow) */
#define T_PAYMENTS_PAY_EN "\n• payment %lld: %s — %s, %s%s"
#define T_PAYMENTS_PAY_RU "\n• платёж %lld: %s — %s, %s%s"
/* %lld: sale number */
#define T_PAYMENTS_OF_SALE_EN " (sale %lld)"
#define T_PAYMENTS_OF_SALE_RU " (продажа %lld)"
/* %lld: student id */
#define T_PAYMENTS_HINT_EN "\n\nTo correct: <code>/void payment N reason</code>, <code>/void sale N reason</code>, <code>/sub N</code>, <code>/refund #%lld amount method reason</code>."
#define T_PAYMENTS_HINT_RU "\n\nИсправить: <code>/void платёж N причина</code>, <code>/void продажа N причина</code>, <code>/sub N</code>, <code>/refund #%lld сумма способ причина</code>."

/* ---- /void ---- */
/* %lld: number */
#define T_VOID_NO_PAYMENT_EN "There is no payment %lld. <code>/payments #id</code> lists a student's payments."
#define T_VOID_NO_PAYMENT_RU "Платежа %lld нет. Платежи ученика: <code>/payments #номер</code>."
#define T_VOID_NO_SALE_EN "There is no sale %lld. <code>/payments #id</code> lists a student's sales."
#define T_VOID_NO_SALE_RU "Продажи %lld нет. Продажи ученика: <code>/payments #номер</code>."
/* %lld: payment, %lld: sale, %s: plan title, %lld: sale */
#define T_VOID_PAYMENT_OF_SALE_EN "Payment %lld came with sale %lld (<b>%s</b>). Void the sale instead — <code>/void sale %lld reason</code> — and its payment is voided with it. Nothing changed."
#define T_VOID_PAYMENT_OF_SALE_RU "Платёж %lld — оплата продажи %lld (<b>%s</b>). Аннулируйте саму продажу — <code>/void продажа %lld причина</code> — её платёж аннулируется вместе с ней. Ничего не изменено."
/* %lld: number, %s: reason */
#define T_VOID_PAYMENT_ALREADY_EN "Payment %lld was voided already (%s). Nothing changed."
#define T_VOID_PAYMENT_ALREADY_RU "Платёж %lld уже аннулирован (%s). Ничего не изменено."
#define T_VOID_SALE_ALREADY_EN "Sale %lld was voided already (%s). Nothing changed."
#define T_VOID_SALE_ALREADY_RU "Продажа %lld уже аннулирована (%s). Ничего не изменено."
#define T_WORD_PAYMENT_EN "Payment"
#define T_WORD_PAYMENT_RU "Платёж"
#define T_WORD_REFUND_EN "Refund"
#define T_WORD_REFUND_RU "Возврат"
/* %s: T_WORD_PAYMENT or T_WORD_REFUND, %lld: number, %s: amount, %s: method,
 * %s: name, %lld: student id, %s: date, %s: reason */
#define T_VOIDED_PAYMENT_EN "🗑 %s %lld voided: %s (%s), %s (#%lld), %s. Reason: %s. It no longer counts in /revenue."
#define T_VOIDED_PAYMENT_RU "🗑 %s %lld аннулирован: %s (%s), %s (#%lld), %s. Причина: %s. В /revenue он больше не учитывается."
/* %lld: number, %s: title, %s: name, %lld: student id, %d %s: payments
 * voided (H_TP of T_W_PAYMENT), %s: their sum, %s: reason */
#define T_VOIDED_SALE_EN "🗑 Sale %lld voided: <b>%s</b>, %s (#%lld). The plan is cancelled; voided with it: %d %s (%s). Reason: %s."
#define T_VOIDED_SALE_RU "🗑 Продажа %lld аннулирована: <b>%s</b>, %s (#%lld). Абонемент отменён; вместе с ней аннулировано: %d %s (%s). Причина: %s."
/* after T_VOIDED_SALE or T_SUB_CANCELLED: the renewals queued after the
 * plan moved back. %d: how many, %d %s: days (H_TP of T_W_DAY), %s: the
 * first day of the next one */
#define T_RENEWALS_MOVED_EN "\n⏩ Plans queued after it (%d) moved %d %s earlier: the next one starts on %s."
#define T_RENEWALS_MOVED_RU "\n⏩ Абонементы в очереди после него (%d) перенесены на %d %s раньше: ближайший начинается с %s."
/* the word for a count of payments (H_TP: _1 one, _2 few, _5 many) */
#define T_W_PAYMENT_1_EN "payment"
#define T_W_PAYMENT_1_RU "платёж"
#define T_W_PAYMENT_2_EN "payments"
#define T_W_PAYMENT_2_RU "платежа"
#define T_W_PAYMENT_5_EN "payments"
#define T_W_PAYMENT_5_RU "платежей"
/* to the student. %s: T_WORD_PAYMENT/REFUND, %s: amount, %s: date, %s: reason */
#define T_VOIDED_PAYMENT_STUDENT_EN "ℹ️ %s of %s on %s was voided by the academy. Reason: %s."
#define T_VOIDED_PAYMENT_STUDENT_RU "ℹ️ %s %s от %s аннулирован академией. Причина: %s."
/* to the student. %s: title, %s: reason (T_CANCEL_REASON) or "" */
#define T_SUB_CANCELLED_STUDENT_EN "ℹ️ Your plan <b>%s</b> was cancelled by the academy.%s Questions? Please talk to the academy."
#define T_SUB_CANCELLED_STUDENT_RU "ℹ️ Ваш абонемент <b>%s</b> отменён академией.%s Если есть вопросы, обратитесь в академию."
/* %s: reason */
#define T_CANCEL_REASON_EN " Reason: %s."
#define T_CANCEL_REASON_RU " Причина: %s."

/* ---- /refund ---- */
/* %lld: number, %s: amount, %s: method, %s: name, %lld: student id, %s: reason */
#define T_REFUNDED_EN "↩️ Refund %lld recorded: %s (%s) to %s (#%lld). Reason: %s."
#define T_REFUNDED_RU "↩️ Возврат %lld записан: %s (%s), %s (#%lld). Причина: %s."
/* to the student. %s: amount, %s: method */
#define T_REFUNDED_STUDENT_EN "↩️ The academy refunded you %s (%s)."
#define T_REFUNDED_STUDENT_RU "↩️ Академия вернула вам %s (%s)."

/* ---- /sub ---- */
/* %lld: number */
#define T_SUB_NONE_EN "There is no sale %lld. <code>/payments #id</code> lists a student's sales."
#define T_SUB_NONE_RU "Продажи %lld нет. Продажи ученика: <code>/payments #номер</code>."
/* %lld: number, %s: status word */
#define T_SUB_CANCEL_NOT_EN "Sale %lld is %s already: nothing to cancel."
#define T_SUB_CANCEL_NOT_RU "Продажа %lld: абонемент уже %s — отменять нечего."
/* %lld: number */
#define T_SUB_EDIT_CANCELLED_EN "Sale %lld is cancelled: it cannot be changed. Sell a new plan instead."
#define T_SUB_EDIT_CANCELLED_RU "Продажа %lld отменена, изменить её нельзя. Продайте новый абонемент."
#define T_SUB_UNLIMITED_EN "Sale %lld is an unlimited plan: it has no classes to set."
#define T_SUB_UNLIMITED_RU "Продажа %lld — безлимитный абонемент, количество занятий у него не задаётся."
/* %s: what was given */
#define T_SUB_BAD_DATE_EN "“%s” is not a date: write DD.MM, DD.MM.YYYY or YYYY-MM-DD, at most a year from today."
#define T_SUB_BAD_DATE_RU "«%s» не похоже на дату: укажите ДД.ММ, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, не дальше года от сегодняшнего дня."
#define T_SUB_BAD_CLASSES_EN "“%s” is not a number of classes (0 to 1000)."
#define T_SUB_BAD_CLASSES_RU "«%s» не подходит как число занятий (от 0 до 1000)."
/* %s: first day, %s: last day */
#define T_SUB_BAD_RANGE_EN "The plan would end before it starts (%s – %s). Nothing changed."
#define T_SUB_BAD_RANGE_RU "Абонемент закончился бы раньше, чем начался (%s – %s). Ничего не изменено."
/* %lld: number, %s: title, %s: name, %lld: student id */
#define T_SUB_CANCELLED_EN "✅ Sale %lld cancelled: <b>%s</b>, %s (#%lld). Its payments stay; /refund gives money back."
#define T_SUB_CANCELLED_RU "✅ Продажа %lld отменена: <b>%s</b>, %s (#%lld). Платежи остаются; вернуть деньги можно через /refund."
/* %lld: number, %s: title, %s: name, %lld: student id, %s: first day,
 * %s: last day, %s: classes */
#define T_SUB_CHANGED_EN "✅ Sale %lld changed: <b>%s</b>, %s (#%lld), valid %s – %s, %s."
#define T_SUB_CHANGED_RU "✅ Продажа %lld изменена: <b>%s</b>, %s (#%lld), действует %s – %s, %s."
/* to the student. %s: title, %s: first day, %s: last day, %s: classes */
#define T_SUB_CHANGED_STUDENT_EN "ℹ️ Your plan <b>%s</b> changed: valid %s – %s, %s."
#define T_SUB_CHANGED_STUDENT_RU "ℹ️ Ваш абонемент <b>%s</b> изменён: действует %s – %s, %s."

/* ---- /revenue (handlers/reports.c) ---- */
/* %s: refunds (negative), %lld: how many */
#define T_REVENUE_REFUNDS_EN "Refunds: %s (%lld), taken off the total\n"
#define T_REVENUE_REFUNDS_RU "Возвраты: %s (%lld), вычтены из итога\n"
/* %lld %s: how many (H_TP of T_W_PAYMENT), %s: their sum */
#define T_REVENUE_VOIDED_EN "\nVoided, not counted: %lld %s (%s); /payments shows them\n"
#define T_REVENUE_VOIDED_RU "\nАннулировано и не учтено: %lld %s (%s); подробности — /payments\n"

/* ---- /plan ---- */
/* %s: code (twice) */
#define T_PLAN_RETIRED_EN "✅ Plan <code>%s</code> is retired: it is no longer sold or listed in /plans; plans sold already run on. <code>/plan %s restore</code> brings it back."
#define T_PLAN_RETIRED_RU "✅ Абонемент <code>%s</code> снят с продажи: продать его нельзя, в /plans его нет; уже проданные действуют дальше. Вернуть: <code>/plan %s вернуть</code>."
/* %s: code */
#define T_PLAN_RESTORED_EN "✅ Plan <code>%s</code> is on sale again."
#define T_PLAN_RESTORED_RU "✅ Абонемент <code>%s</code> снова в продаже."
#define T_PLAN_RETIRED_ALREADY_EN "Plan <code>%s</code> is retired already. Nothing changed."
#define T_PLAN_RETIRED_ALREADY_RU "Абонемент <code>%s</code> уже снят с продажи. Ничего не изменено."
#define T_PLAN_ON_SALE_ALREADY_EN "Plan <code>%s</code> is on sale already. Nothing changed."
#define T_PLAN_ON_SALE_ALREADY_RU "Абонемент <code>%s</code> и так в продаже. Ничего не изменено."
/* %s: code, %s: new price, %s: old price */
#define T_PLAN_REPRICED_EN "✅ Plan <code>%s</code> now costs %s (was %s). Plans sold before keep their price."
#define T_PLAN_REPRICED_RU "✅ Абонемент <code>%s</code> теперь стоит %s (было %s). Уже проданные сохраняют свою цену."
#define T_PLANS_RETIRED_MARK_EN " — <i>retired</i>"
#define T_PLANS_RETIRED_MARK_RU " — <i>снят с продажи</i>"

/* ---- a frozen plan at check-in (handlers/attendance.c) ---- */
/* %s: title, %s: last frozen day */
#define T_PLAN_FROZEN_SELF_EN "\n❄️ Your plan <b>%s</b> is frozen through %s. I recorded your visit anyway; ask the academy to end the freeze."
#define T_PLAN_FROZEN_SELF_RU "\n❄️ Ваш абонемент <b>%s</b> заморожен по %s включительно. Посещение всё равно записано; попросите академию снять заморозку."
#define T_PLAN_FROZEN_OTHER_EN "\n❄️ Plan <b>%s</b> is frozen through %s: visit recorded anyway (/unfreeze ends the freeze)."
#define T_PLAN_FROZEN_OTHER_RU "\n❄️ Абонемент <b>%s</b> заморожен по %s включительно: посещение всё равно записано (/unfreeze снимет заморозку)."

/* ---- one confirmation tap (handlers/resolve.c) ---- */
#define T_CONFIRM_BTN_EN "✅ Confirm"
#define T_CONFIRM_BTN_RU "✅ Подтвердить"
#define T_CONFIRM_NO_BTN_EN "✖️ Cancel"
#define T_CONFIRM_NO_BTN_RU "✖️ Отмена"
#define T_CONFIRM_DROPPED_EN "Cancelled: nothing changed."
#define T_CONFIRM_DROPPED_RU "Отменено: ничего не изменено."
/* %s: title, %s: price, %s: method, %s: name, %lld: student id,
 * %s: T_CONFIRM_FROM or "" */
#define T_CONFIRM_SELL_EN "Sell <b>%s</b> (%s, %s) to %s (#%lld)%s?"
#define T_CONFIRM_SELL_RU "Продажа: <b>%s</b> (%s, %s) — %s (#%lld)%s. Подтвердить?"
/* %s: first day */
#define T_CONFIRM_FROM_EN ", starting %s"
#define T_CONFIRM_FROM_RU ", начало %s"
/* %s: amount, %s: method, %s: name, %lld: student id */
#define T_CONFIRM_PAY_EN "Record a payment of %s (%s) from %s (#%lld)?"
#define T_CONFIRM_PAY_RU "Записать платёж %s (%s) — %s (#%lld)?"
#define T_CONFIRM_REFUND_EN "Record a refund of %s (%s) to %s (#%lld)?"
#define T_CONFIRM_REFUND_RU "Записать возврат %s (%s) — %s (#%lld)?"
/* %s: name, %lld: student id, %s: days (T_N_DAYS) */
#define T_CONFIRM_FREEZE_EN "Freeze the plan of %s (#%lld) for %s?"
#define T_CONFIRM_FREEZE_RU "Заморозка абонемента: %s (#%lld), %s. Подтвердить?"
/* %s: first name, %s: last name, %lld: student id */
#define T_CONFIRM_DEACTIVATE_EN "Deactivate %s %s (#%lld)? The history stays; reminders stop."
#define T_CONFIRM_DEACTIVATE_RU "Деактивировать: %s %s (#%lld)? История сохранится, напоминания прекратятся."

/* ---- the student card's money buttons (handlers/admin.c) ---- */
#define T_BTN_SELL_EN "💳 Sell a plan"
#define T_BTN_SELL_RU "💳 Продать абонемент"
#define T_BTN_PAY_EN "💵 Payment"
#define T_BTN_PAY_RU "💵 Платёж"
#define T_BTN_FREEZE_EN "❄️ Freeze"
#define T_BTN_FREEZE_RU "❄️ Заморозить"
/* %s: name, %lld: student id */
#define T_CARD_SELL_PICK_EN "Which plan for %s (#%lld)?"
#define T_CARD_SELL_PICK_RU "Выберите абонемент: %s (#%lld)"
/* %lld: student id */
#define T_CARD_PAY_HOW_EN "Send the payment as <code>/pay #%lld 1500 cash note</code> (cash, card, transfer or other)."
#define T_CARD_PAY_HOW_RU "Отправьте платёж так: <code>/pay #%lld 1500 наличные комментарий</code> (наличные, карта, перевод или другое)."
#define T_CARD_FREEZE_HOW_EN "Send <code>/freeze #%lld 14 reason</code>: 1 to 180 days."
#define T_CARD_FREEZE_HOW_RU "Отправьте <code>/freeze #%lld 14 причина</code>: от 1 до 180 дней."

#endif
