/*
 * demo.c — the demo academy's data (see demo.h), written through the same
 * storage functions the bot uses, in one transaction.
 */
#include "bot/demo.h"

#include <stddef.h>

#include "bot/util.h"
#include "storage/store.h"

struct demo_person {
	const char *first, *last, *phone, *belt;
	int stripes;
	int64_t tg_id;             /* 0: not linked yet */
};

static const struct demo_person demo_trainers[] = {
	{ "Rafael", "Souza", "+79000000001", "black", 2, DEMO_TRAINER_TG },
	{ "Anna", "Volkova", "+79000000002", "brown", 0, 0 },
};

static const struct demo_person demo_students[] = {
	{ "Ivan", "Petrov", "+79000000101", "blue", 2, DEMO_STUDENT_TG },
	{ "Maria", "Ivanova", "+79000000102", "white", 4, DEMO_STUDENT_TG + 1 },
	{ "Dmitry", "Smirnov", "+79000000103", "purple", 1, DEMO_STUDENT_TG + 2 },
	{ "Olga", "Kuznetsova", "+79000000104", "white", 1, 0 },
	{ "Sergey", "Popov", "+79000000105", "white", 0, 0 },
	{ "Timur", "Sokolov", "+79000000106", "grey", 2, 0 },
};

int demo_seed(struct h_env *env)
{
	struct db *db = env->db;
	int64_t now = clock_now(), id;

	if (db_begin(db) != DB_OK)
		return -1;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_trainers); i++) {
		const struct demo_person *p = &demo_trainers[i];
		if (db_trainer_add(db, p->first, p->last, p->phone, now, &id) != DB_OK)
			goto fail;
		if (p->tg_id && db_person_link(db, PERSON_TRAINER, id, p->tg_id) != DB_OK)
			goto fail;
	}
	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_students); i++) {
		const struct demo_person *p = &demo_students[i];
		if (db_student_add(db, p->first, p->last, p->phone, p->belt, p->stripes, now, &id) != DB_OK)
			goto fail;
		if (p->tg_id && db_person_link(db, PERSON_STUDENT, id, p->tg_id) != DB_OK)
			goto fail;
	}
	if (db_commit(db) != DB_OK)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
