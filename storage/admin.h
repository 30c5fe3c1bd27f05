/*
 * admin.h — the owner's view of people: the student card, a paged
 * list, editing a student, deactivating and reactivating; the trainers
 * list and head trainer; invites waiting to be used. Plans,
 * subscriptions and attendance are only read here (other aggregates own
 * them).
 *
 * Invariant: a student is never deleted; "deactivated" is active = 0 and
 * keeps every row of their history (attendance, payments, promotions).
 *
 * All functions return enum db_rc values. Strings in returned structs are
 * owned by the struct (its _free function); string arguments are
 * borrowed. Times are UTC unix seconds.
 *
 * Callers: handlers/admin.c, handlers/attendance.c (health notes on the
 * roster), tests.
 */
#ifndef BJJ_STORAGE_ADMIN_H
#define BJJ_STORAGE_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"
#include "storage/store.h"

/* Everything the owner's card of a student shows. */
struct student_card {
	struct person p;
	char *email;               /* NULL when unknown */
	char *birth_date;          /* "YYYY-MM-DD" or NULL */
	char *notes;               /* NULL when none */
	char *emergency;           /* emergency contact, NULL when none */
	char *medical;             /* medical notes, NULL when none */
	/* The current or next plan: the earliest-starting active or frozen
	 * subscription that has not ended. has_plan 0 when there is none. */
	int has_plan;
	char *plan_title;
	char *plan_status;         /* "active" or "frozen" */
	int64_t plan_starts_at;
	int64_t plan_ends_at;      /* exclusive */
	int plan_classes_left;     /* -1: unlimited */
	/* Visits (present or late) to classes in [month_start, month_end). */
	int month_visits;
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void student_card_release(struct student_card *c);

/* The card of student id at time now, counting visits in
 * [month_start, month_end). DB_NOTFOUND when there is no such student. */
int db_student_card(struct db *db, int64_t id, int64_t now, int64_t month_start,
    int64_t month_end, struct student_card *out);

/*
 * One page of students, ordered active first, then by last and first
 * name. fragment NULL or "" lists everyone, otherwise it matches "first
 * last" or "last first" literally (as db_students_search does).
 * include_inactive 0 lists active students only. *out (owned, persons_free)
 * gets at most limit rows starting at offset; *total the number of
 * matching students. The persons carry id, names, belt, stripes, tg_id,
 * active and reachable (not the phone).
 */
int db_students_page(struct db *db, const char *fragment, int include_inactive,
    size_t offset, size_t limit, struct person **out, size_t *n, int64_t *total);

/* active 0 or 1. DB_NOTFOUND when there is no such student. *changed
 * (may be NULL) is 0 when it already was so. */
int db_student_set_active(struct db *db, int64_t id, int active, int *changed);

/* A new E.164 phone (phone_normalize'd by the caller). DB_NOTFOUND when
 * there is no such student, DB_CONSTRAINT when another student has it. */
/* Set (date "YYYY-MM-DD") or clear (NULL) a student's birth date, which
 * the belt rules use for ages. DB_NOTFOUND when there is no such student. */
int db_student_set_birth(struct db *db, int64_t id, const char *date);
int db_student_set_phone(struct db *db, int64_t id, const char *phone);

/* The student (active or not, linked or not) with this phone;
 * DB_NOTFOUND when nobody has it. */
int db_student_by_phone(struct db *db, const char *phone, struct person *out);

/* A new first and last name ("" for none). DB_NOTFOUND when there is no
 * such student. */
int db_student_set_name(struct db *db, int64_t id, const char *first, const char *last);

/* The free-text fields of a student the owner edits. */
enum student_field {
	STUDENT_EMAIL,
	STUDENT_NOTES,
	STUDENT_EMERGENCY,         /* who to call in an emergency */
	STUDENT_MEDICAL,           /* what a trainer must know about health */
};
/* Set field to value, or clear it (NULL). DB_NOTFOUND when there is no
 * such student. */
int db_student_set_field(struct db *db, int64_t id, enum student_field field,
    const char *value);
/* The emergency contact and medical notes of a student (each owned, NULL
 * when none). DB_NOTFOUND when there is no such student. */
int db_student_health(struct db *db, int64_t id, char **emergency, char **medical);

/* ---- trainers ---- */
struct trainer_row {
	struct person p;
	int is_main;               /* the head trainer */
	int weekly;                /* classes a week in the active weekly classes */
};
void trainer_rows_free(struct trainer_row *v, size_t n);
/* Every trainer, active ones first, then by last and first name. *out
 * owned (trainer_rows_free). */
int db_trainers_list(struct db *db, struct trainer_row **out, size_t *n);
/* active 0 or 1; deactivating the head trainer also takes that title.
 * DB_NOTFOUND when there is no such trainer; *changed (may be NULL) is 0
 * when it already was so. */
int db_trainer_set_active(struct db *db, int64_t id, int active, int *changed);
/* The head trainer's id, 0 when there is none. */
int db_trainer_main_id(struct db *db, int64_t *id);
/* Make active trainer id the one head trainer (the previous one stops
 * being it). DB_NOTFOUND when there is no such active trainer. */
int db_trainer_set_main(struct db *db, int64_t id);
/* What trainer id still teaches: the active weekly classes (*weekly) and
 * the classes not cancelled starting at or after now (*upcoming). */
int db_trainer_load(struct db *db, int64_t id, int64_t now, int64_t *weekly,
    int64_t *upcoming);

/* ---- invites waiting to be used ---- */
struct pending_invite {
	int kind;                  /* enum person_kind */
	int64_t person_id;
	char *first_name;
	char *last_name;
	int64_t expires_at;
};
void pending_invites_free(struct pending_invite *v, size_t n);
/* Invites neither used, replaced nor expired at now, soonest to expire
 * first, at most max; *total counts them all. *out owned. */
int db_invites_pending(struct db *db, int64_t now, size_t max, struct pending_invite **out,
    size_t *n, int64_t *total);


#endif
