/*
 * people.h — students and trainers: adding, finding, linking a record
 * to a Telegram account and unlinking it (people.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_PEOPLE_H
#define BJJ_STORAGE_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- people: students and trainers ------------------------------------ */
enum person_kind { PERSON_STUDENT = 1, PERSON_TRAINER = 2 };

struct person {
	int64_t id;
	int kind;              /* enum person_kind */
	char *first_name;
	char *last_name;
	char *phone;           /* E.164, e.g. "+79001234567" */
	int64_t tg_id;         /* 0: not linked */
	char *belt;            /* "white", "blue", ... */
	int stripes;
	int active;
	int reachable;
	int64_t created_at;
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void person_release(struct person *p);

/* belt NULL means "white". DB_CONSTRAINT when the phone is taken. */
int db_student_add(struct db *db, const char *first, const char *last,
    const char *phone, const char *belt, int stripes, int64_t now, int64_t *id);
int db_trainer_add(struct db *db, const char *first, const char *last,
    const char *phone, int64_t now, int64_t *id);
/* DB_OK when student id exists (active or not), DB_NOTFOUND when not. */
int db_student_exists(struct db *db, int64_t id);
/* The id of the first active student (for usage examples that name a real
 * one), or DB_NOTFOUND when there is none. */
int db_student_first_active(struct db *db, int64_t *id);
/* DB_NOTFOUND when there is no such row. */
int db_person_get(struct db *db, int kind, int64_t id, struct person *out);
/* The active trainer, else the active student, linked to tg_id. */
int db_person_by_tg(struct db *db, int64_t tg_id, struct person *out);
/* An active, not yet linked student or trainer with this E.164 phone
 * (trainer first). */
int db_person_unlinked_by_phone(struct db *db, const char *phone, struct person *out);
/* Link; DB_CONSTRAINT when the record is linked already or tg_id is
 * linked to another record of that kind. */
int db_person_link(struct db *db, int kind, int64_t id, int64_t tg_id);
/* Unlink record (kind, id) from its Telegram account; *old_tg gets the
 * account it had (0 when it was not linked: nothing changes). DB_NOTFOUND
 * when there is no such record. */
int db_person_unlink(struct db *db, int kind, int64_t id, int64_t *old_tg);
/* A deactivated student or trainer with this E.164 phone (trainer
 * first), linked or not. */
int db_person_inactive_by_phone(struct db *db, const char *phone, struct person *out);
/* 1 when the owner ever unlinked record (kind, id) (the audit log's
 * "student.unlink" / "trainer.unlink"): only an invite links it again,
 * never a shared phone. 0 when not, DB_ERROR on failure. */
int db_person_was_unlinked(struct db *db, int kind, int64_t id);

/*
 * Students whose "first last" or "last first" contains fragment (matched
 * literally, case-insensitively for ASCII), active ones first; at most
 * max. *out is owned (persons_free).
 */
int db_students_search(struct db *db, const char *fragment, int active_only, size_t max,
    struct person **out, size_t *n);
/* A Telegram account linked to an active record: a trainer (who may also
 * train as a student) or a student. */
struct linked_chat {
	int64_t tg_id;
	int kind;              /* enum person_kind */
};
/* Every linked, active account once; *out owned (free()). */
int db_people_linked(struct db *db, struct linked_chat **out, size_t *n);

/* The same for either kind (PERSON_STUDENT, PERSON_TRAINER). */
int db_people_search(struct db *db, int kind, const char *fragment, int active_only,
    size_t max, struct person **out, size_t *n);
void persons_free(struct person *v, size_t n);

#endif
