/*
 * demo.h — a sample academy for `bjjbot demo`: an owner, trainers and
 * students with belts, a weekly schedule, plans, about nine weeks of
 * attendance and payments, a frozen plan, a student who stopped coming,
 * a promotion history and a pending exam, so every command shows
 * something real. Some people are linked to made-up Telegram ids so the
 * console can act as them.
 *
 * Caller: bot/main.c (main_talk), tests/demo_smoke.sh through the binary.
 */
#ifndef BJJ_DEMO_H
#define BJJ_DEMO_H

#include "handlers/handlers.h"

#define DEMO_OWNER_ID 1
#define DEMO_TRAINER_TG 2001
/* Ivan (student #1, a pack of 8); Maria and Dmitry are the next two ids. */
#define DEMO_STUDENT_TG 3001

/*
 * Fill an empty, migrated database as it would look at clock_now() after
 * two months of use, in one transaction (nothing is written on failure).
 * Times are local to the process's TZ. A class is always open for
 * check-in at that moment (one is added when the timetable has none).
 * 0 or -1.
 */
int demo_seed(struct h_env *env);

#endif
