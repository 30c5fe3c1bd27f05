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

/* ---- command usage (after "/name ") ---- */
#define T_USAGE_BALANCE_EN "[#id or name: trainers and owners]"
#define T_USAGE_BALANCE_RU "[#номер или имя: для тренеров и владельца]"
#define T_USAGE_ADDPLAN_EN "<code> <price> <days> [classes] [kind=trial|dropin] [title]"
#define T_USAGE_ADDPLAN_RU "<код> <цена> <дней> [занятий] [kind=trial|dropin] [название]"
#define T_USAGE_SELL_EN "<#id or name> <plan code> [cash|card|transfer|other]"
#define T_USAGE_SELL_RU "<#номер или имя> <код абонемента> [cash|card|transfer|other]"
#define T_USAGE_PAY_EN "<#id or name> <amount> <cash|card|transfer|other> [note]"
#define T_USAGE_PAY_RU "<#номер или имя> <сумма> <cash|card|transfer|other> [комментарий]"
#define T_USAGE_FREEZE_EN "<#id or name> <days 1-180> [reason]"
#define T_USAGE_FREEZE_RU "<#номер или имя> <дней 1-180> [причина]"
#define T_USAGE_UNFREEZE_EN "<#id or name>"
#define T_USAGE_UNFREEZE_RU "<#номер или имя>"

/* ---- examples ---- */
#define T_EXAMPLE_ADDPLAN_EN "/addplan month8 4000 30 8 Monthly, 8 classes"
#define T_EXAMPLE_ADDPLAN_RU "/addplan month8 4000 30 8 Месяц, 8 занятий"
#define T_EXAMPLE_SELL_EN "/sell #12 month8 card"
#define T_EXAMPLE_SELL_RU "/sell #12 month8 card"
#define T_EXAMPLE_PAY_EN "/pay #12 1500 cash gi"
#define T_EXAMPLE_PAY_RU "/pay #12 1500 cash кимоно"
#define T_EXAMPLE_FREEZE_EN "/freeze #12 14 knee injury"
#define T_EXAMPLE_FREEZE_RU "/freeze #12 14 травма колена"
#define T_EXAMPLE_UNFREEZE_EN "/unfreeze #12"
#define T_EXAMPLE_UNFREEZE_RU "/unfreeze #12"
#define T_EXAMPLE_BALANCE_EN "/balance #12"
#define T_EXAMPLE_BALANCE_RU "/balance #12"

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
/* %d: classes (the _ONE forms for 1: English says "1 class") */
#define T_N_CLASSES_EN "%d classes"
#define T_N_CLASSES_RU "занятий: %d"
#define T_N_CLASSES_ONE_EN "%d class"
#define T_N_CLASSES_ONE_RU "занятий: %d"
#define T_N_CLASSES_LEFT_EN "%d classes left"
#define T_N_CLASSES_LEFT_RU "осталось занятий: %d"
#define T_N_CLASSES_LEFT_ONE_EN "%d class left"
#define T_N_CLASSES_LEFT_ONE_RU "осталось занятий: %d"
/* %d: days */
#define T_N_DAYS_EN "%d days"
#define T_N_DAYS_RU "дней: %d"
#define T_N_DAYS_ONE_EN "%d day"
#define T_N_DAYS_ONE_RU "дней: %d"

/* ---- /addplan ---- */
/* %s: what was given */
#define T_PLAN_BAD_CODE_EN "“%s” cannot be a plan code: use 1 to 32 letters a-z, digits, _ or -."
#define T_PLAN_BAD_CODE_RU "«%s» не подходит как код абонемента: используйте от 1 до 32 латинских букв, цифр, _ или -."
#define T_PLAN_BAD_PRICE_EN "“%s” is not a price. Write it in %s, e.g. 4000 or 4000.50 (0 only for a trial)."
#define T_PLAN_BAD_PRICE_RU "«%s» не похоже на цену. Укажите сумму в %s, например 4000 или 4000.50 (0 — только для пробного)."
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
#define T_PLAN_ADDED_EN "✅ Plan <code>%s</code> added: %s — %s.\nSell it with <code>/sell #12 %s</code>."
#define T_PLAN_ADDED_RU "✅ Абонемент <code>%s</code> добавлен: %s — %s.\nПродать: <code>/sell #12 %s</code>."

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
#define T_BAD_METHOD_RU "«%s» — неизвестный способ оплаты: используйте cash, card, transfer или other."
/* %s: title, %s: student's name, %lld: student id, %s: price, %s: method,
 * %s: first day, %s: last day, %s: classes */
#define T_SOLD_EN "✅ Sold <b>%s</b> to %s (#%lld): %s, %s.\nValid %s – %s, %s."
#define T_SOLD_RU "✅ <b>%s</b> продан: %s (#%lld), %s, %s.\nДействует %s – %s, %s."
/* %s: first day */
#define T_SOLD_RENEWAL_EN "\nThe student has a plan already, so this one starts when it ends: on %s."
#define T_SOLD_RENEWAL_RU "\nУ ученика уже есть абонемент, поэтому новый начнётся после его окончания: %s."
/* to the student. %s: title, %s: last day, %s: classes */
#define T_SOLD_STUDENT_EN "🎉 You bought <b>%s</b>: valid until %s, %s. Thank you! See /balance any time."
#define T_SOLD_STUDENT_RU "🎉 Вы купили <b>%s</b>: действует до %s, %s. Спасибо! Смотрите /balance в любое время."
/* to the student. %s: title, %s: first day, %s: last day, %s: classes */
#define T_SOLD_STUDENT_RENEWAL_EN "🎉 You bought <b>%s</b>: it starts on %s, when your current plan ends, and is valid until %s, %s. Thank you!"
#define T_SOLD_STUDENT_RENEWAL_RU "🎉 Вы купили <b>%s</b>: он начнётся %s, когда закончится текущий, и будет действовать до %s, %s. Спасибо!"

/* ---- /pay ---- */
/* %s: what was given */
#define T_PAY_BAD_AMOUNT_EN "“%s” is not an amount: write a positive sum, e.g. 1500 or 1500.50."
#define T_PAY_BAD_AMOUNT_RU "«%s» не похоже на сумму: укажите положительное число, например 1500 или 1500.50."
/* %d: the limit */
#define T_BILLING_BAD_NOTE_EN "The note or reason must be at most %d characters."
#define T_BILLING_BAD_NOTE_RU "Комментарий или причина — не длиннее %d символов."
/* %s: amount, %s: method, %s: student's name, %lld: student id */
#define T_PAID_EN "✅ Recorded %s (%s) from %s (#%lld)."
#define T_PAID_RU "✅ Записан платёж %s (%s): %s (#%lld)."
/* to the student. %s: amount */
#define T_PAID_STUDENT_EN "💳 We received your payment of %s. Thank you!"
#define T_PAID_STUDENT_RU "💳 Мы получили ваш платёж: %s. Спасибо!"

/* ---- /freeze, /unfreeze ---- */
/* %s: what was given */
#define T_FREEZE_BAD_DAYS_EN "“%s” is not a number of days: freeze for 1 to 180 days."
#define T_FREEZE_BAD_DAYS_RU "«%s» не подходит как число дней: заморозка — от 1 до 180 дней."
/* %s: student's name */
#define T_FREEZE_NOTHING_EN "%s has no active plan to freeze."
#define T_FREEZE_NOTHING_RU "У ученика %s нет действующего абонемента, который можно заморозить."
/* %s: student's name, %s: last frozen day */
#define T_FREEZE_ALREADY_EN "%s is frozen already, until %s. Send /unfreeze first to change it."
#define T_FREEZE_ALREADY_RU "У ученика %s уже заморозка до %s. Чтобы изменить её, сначала отправьте /unfreeze."
/* %s: student's name, %s: title, %s: days (T_N_DAYS), %s: last frozen day,
 * %s: new last day */
#define T_FROZEN_EN "❄️ %s's <b>%s</b> is frozen for %s, through %s. The plan now runs until %s."
#define T_FROZEN_RU "❄️ %s: абонемент <b>%s</b> заморожен (%s) по %s включительно. Теперь он действует до %s."
/* to the student. %s: title, %s: last frozen day, %s: new last day */
#define T_FROZEN_STUDENT_EN "❄️ Your plan <b>%s</b> is frozen through %s. It now runs until %s. Get well and come back soon!"
#define T_FROZEN_STUDENT_RU "❄️ Ваш абонемент <b>%s</b> заморожен по %s включительно. Теперь он действует до %s. Возвращайтесь скорее!"
/* %s: student's name */
#define T_UNFREEZE_NOTHING_EN "%s has no frozen plan."
#define T_UNFREEZE_NOTHING_RU "У ученика %s нет замороженного абонемента."
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
/* %s: title, %s: status, %s: first day, %s: last day, %s: classes */
#define T_BALANCE_SUB_EN "\n📋 <b>%s</b> — %s\nValid %s – %s, %s"
#define T_BALANCE_SUB_RU "\n📋 <b>%s</b> — %s\nДействует %s – %s, %s"
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
/* %s: date, %s: amount, %s: method */
#define T_BALANCE_PAYMENT_EN "\n%s — %s, %s"
#define T_BALANCE_PAYMENT_RU "\n%s — %s, %s"

#endif
