/*
 * demo.h — a sample academy for `bjjbot demo`: an owner, trainers and
 * students with belts, some linked to made-up Telegram ids so the console
 * can act as them.
 */
#ifndef BJJ_DEMO_H
#define BJJ_DEMO_H

#include "handlers/handlers.h"

#define DEMO_OWNER_ID 1
#define DEMO_TRAINER_TG 2001
#define DEMO_STUDENT_TG 3001

/* Fill an empty, migrated database. 0 or -1. */
int demo_seed(struct h_env *env);

#endif
