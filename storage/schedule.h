/*
 * schedule.h — the timetable and who came: weekly class templates, dated
 * trainings (generated from the templates or one-off) and attendance.
 *
 * A template is paused (active 0: no new trainings) or deleted (soft:
 * gone from lists, its past trainings keep pointing at it).
 *
 * Times are UTC unix seconds; a template's start_minute is local (the
 * process's TZ, see lib/civil.h), so a 19:00 class stays at 19:00 across
 * a DST change. Attendance is the source of truth for "classes since the
 * last promotion" (present and late count) and for packs: a mark that
 * used a pack remembers it (subscription_id) so it can be given back.
 *
 * All functions return enum db_rc values. Strings in returned structs are
 * owned by the struct (its _free function); string arguments are borrowed.
 *
 * Callers: handlers (schedule, check-in, attendance, belts, reports).
 */
#ifndef BJJ_SCHEDULE_H
#define BJJ_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* How far back a student's present/late marks make them a "regular" of
 * a weekly class (expected at its next training). */
#define DB_REGULAR_DAYS 28

/* ---- class templates: "Gi Fundamentals, Mon/Wed/Fri 19:00, 90 min" ---- */
struct class_template {
	int64_t id;
	char *title;
	int weekdays;              /* bit 0 = Monday ... bit 6 = Sunday */
	int start_minute;          /* local minutes since midnight */
	int duration_min;
	int64_t trainer_id;        /* 0: none */
	int active;
	int64_t created_at;
};
void class_templates_free(struct class_template *v, size_t n);

/* trainer_id 0 for none. */
int db_template_add(struct db *db, const char *title, int weekdays, int start_minute,
    int duration_min, int64_t trainer_id, int64_t now, int64_t *id);
/* Active templates first, then by id, deleted ones left out; at most
 * max. *out owned. */
int db_templates_list(struct db *db, size_t max, struct class_template **out, size_t *n);
/* One template; DB_NOTFOUND when there is none or it was deleted. *out
 * zeroed first; the caller frees it (class_template_release). */
int db_template_get(struct db *db, int64_t id, struct class_template *out);
/* Frees the title and zeroes the struct; accepts NULL. */
void class_template_release(struct class_template *t);

/* What a change to a weekly class did to its trainings from now on. */
struct tpl_effect {
	int moved;                 /* start moved to the new time */
	int removed;               /* deleted: no marks on them */
	int kept;                  /* should go but students are marked: kept */
	int64_t kept_id;           /* the first kept one (to name in a reply) */
};

/*
 * Write t's title, weekdays, start_minute, duration_min and trainer_id to
 * template t->id, and to its trainings starting at or after from: those
 * on a weekday t no longer has are deleted unless students are marked at
 * them (kept); the others take the new title, length and trainer and
 * move to the new start on their local day. Call db_trainings_generate
 * after it for new weekdays. DB_NOTFOUND when there is no such (or a
 * deleted) template.
 */
int db_template_edit(struct db *db, const struct class_template *t, int64_t from,
    struct tpl_effect *e);
/*
 * Pause (active 0) or resume (1) a template. Pausing deletes its
 * trainings starting at or after from that have no marks (kept: those
 * that have). DB_NOTFOUND (no such template), DB_CONSTRAINT (already so).
 */
int db_template_set_active(struct db *db, int64_t id, int active, int64_t from,
    struct tpl_effect *e);
/* Delete a template (soft: deleted_at = now, past trainings keep
 * pointing at it), and its unmarked trainings from from on, as pausing
 * does. DB_NOTFOUND when there is no such template. */
int db_template_delete(struct db *db, int64_t id, int64_t from, int64_t now,
    struct tpl_effect *e);

/* ---- trainings: one dated class ---------------------------------------- */
struct training {
	int64_t id;
	int64_t template_id;       /* 0: a one-off class */
	int64_t starts_at;
	int duration_min;
	char *title;
	int64_t trainer_id;        /* 0: none */
	char *trainer_name;        /* "First Last" or NULL */
	int cancelled;
	char *cancel_reason;       /* NULL when none was given */
	int closed;                /* a trainer finished taking attendance */
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void training_release(struct training *t);
void trainings_free(struct training *v, size_t n);

/*
 * Create the trainings of the active templates (template_id 0: all; else
 * that one) whose local start falls in [from, to), never before the
 * template was created. Idempotent: a training that exists (cancelled
 * ones included) is left alone. *created (may be NULL) gets the number of
 * new rows.
 */
int db_trainings_generate(struct db *db, int64_t template_id, int64_t from, int64_t to,
    int64_t now, int *created);
/* A one-off training (template_id NULL); trainer_id 0 for none. */
int db_training_add(struct db *db, const char *title, int64_t starts_at, int duration_min,
    int64_t trainer_id, int64_t now, int64_t *id);
/* DB_NOTFOUND when there is no such training. *out zeroed first. */
int db_training_get(struct db *db, int64_t id, struct training *out);
/*
 * Trainings starting in [from, to], by start then id, at most max;
 * cancelled ones only when with_cancelled. *out owned (trainings_free).
 */
int db_trainings_range(struct db *db, int64_t from, int64_t to, int with_cancelled,
    size_t max, struct training **out, size_t *n);
/*
 * A person's trainings starting in [from, to], cancelled ones included,
 * by start then id, at most max: a student's (kind PERSON_STUDENT) those
 * they answered "yes" to a reminder for or are marked present or late
 * at; a trainer's (PERSON_TRAINER) those they teach. *out owned.
 */
int db_trainings_of_person(struct db *db, int kind, int64_t person_id, int64_t from, int64_t to,
    size_t max, struct training **out, size_t *n);
/* The next trainings of one template starting at or after from, not
 * cancelled, at most max. *out owned. */
int db_trainings_of_template(struct db *db, int64_t template_id, int64_t from, size_t max,
    struct training **out, size_t *n);
/* The latest training, not cancelled, that started in [from, to]:
 * DB_NOTFOUND when there is none. */
int db_training_latest(struct db *db, int64_t from, int64_t to, struct training *out);
/* Cancel with an optional reason: DB_NOTFOUND (no such training),
 * DB_CONSTRAINT (cancelled already), DB_OK. */
int db_training_cancel(struct db *db, int64_t id, const char *reason);
/* Undo a cancellation (the reason goes too): DB_NOTFOUND (no such
 * training), DB_CONSTRAINT (not cancelled), DB_OK. */
int db_training_uncancel(struct db *db, int64_t id);
/* closed = 1: DB_NOTFOUND (no such training), DB_CONSTRAINT (closed
 * already: a second press of "Done" changes nothing), DB_OK. */
int db_training_close(struct db *db, int64_t id);
/*
 * Who teaches a weekly class (trainer_id 0: nobody), for the template and
 * its trainings starting at or after from; earlier ones keep theirs.
 * DB_NOTFOUND when there is no such weekly class.
 */
int db_template_set_trainer(struct db *db, int64_t template_id, int64_t trainer_id, int64_t from);

/* ---- attendance --------------------------------------------------------- */
enum att_status {
	ATT_NONE = 0,              /* not marked (no row) */
	ATT_PRESENT = 1,
	ATT_LATE = 2,
	ATT_EXCUSED = 3,
	ATT_ABSENT = 4,
};
enum att_source { ATT_SELF = 1, ATT_TRAINER = 2, ATT_BACKFILL = 3 };

/* "present", ... (the column's words); "" for ATT_NONE. */
const char *att_status_word(int status);
/* "self", "trainer", "backfill"; "" for 0. */
const char *att_source_word(int source);
/* 1 when the status counts as having trained (present, late). */
int att_status_trained(int status);

struct attendance {
	int64_t id;
	int64_t student_id;
	int64_t training_id;
	int status;                /* enum att_status */
	int source;                /* enum att_source */
	int64_t marked_by;         /* Telegram id */
	int64_t marked_at;
	int64_t subscription_id;   /* the subscription the visit used; 0: none */
	int64_t starts_at;         /* the training's start (read only) */
};

/* The mark of student at training; DB_NOTFOUND when unmarked. */
int db_attendance_get(struct db *db, int64_t training_id, int64_t student_id,
    struct attendance *out);

/* What db_attendance_mark did to the student's plan. */
struct att_effect {
	int changed;               /* the status was different (or new) */
	int charged;               /* a class was taken from a subscription */
	int restored;              /* a class was given back */
	int64_t subscription_id;   /* the subscription now on the row; 0: none */
	int no_subscription;       /* trained without a valid subscription */
};

/*
 * Set student's status at training (insert or update), atomically with
 * the plan: a present/late mark without a subscription on the row takes
 * one class from the subscription valid at the training's start
 * (db_subscription_current) and remembers it; an absent/excused mark on a
 * row that used one gives the class back and forgets it. Marking the same
 * status again changes nothing (idempotent check-in). A student without a
 * valid subscription is still marked (effect->no_subscription).
 * DB_NOTFOUND when the training or the student does not exist.
 */
int db_attendance_mark(struct db *db, int64_t training_id, int64_t student_id,
    int status, int source, int64_t marked_by, int64_t now, struct att_effect *effect);

/* One line of a class roster: a student who is marked or expected. */
struct roster_entry {
	int64_t student_id;
	char *first_name;
	char *last_name;
	int64_t tg_id;             /* 0: not linked */
	int active;
	int reachable;
	int status;                /* enum att_status; ATT_NONE when unmarked */
	int source;                /* enum att_source; 0 when unmarked */
	int64_t subscription_id;   /* 0: none on the mark */
};
void roster_free(struct roster_entry *v, size_t n);

/*
 * The roster of a training: everyone marked at it, plus its template's
 * regulars (active students with a present/late mark at a training of
 * the same template, not cancelled, in the DB_REGULAR_DAYS days before
 * this one). By first name, last name, id; at most max.
 */
int db_roster(struct db *db, int64_t training_id, size_t max, struct roster_entry **out,
    size_t *n);

/*
 * Who else could be added to a training's roster: active students neither
 * marked at it nor its regulars, those who trained most recently first
 * (then by name); rows offset.. at most max. Status fields are zero.
 */
int db_roster_candidates(struct db *db, int64_t training_id, size_t offset, size_t max,
    struct roster_entry **out, size_t *n);

/* Trainings a student came to (present/late, not cancelled), starting at
 * or after since. */
int db_attendance_count_since(struct db *db, int64_t student_id, int64_t since, int64_t *n);
/* The same for two starting points at once, in one pass over the
 * student's visits: *n1 since since1, *n2 (may be NULL) since since2. */
int db_attendance_counts_since(struct db *db, int64_t student_id, int64_t since1,
    int64_t since2, int64_t *n1, int64_t *n2);
/* Absent marks of a student at trainings starting at or after since. */
int db_attendance_absent_count(struct db *db, int64_t student_id, int64_t since, int64_t *n);
/* A student's marks at trainings starting in [from, to), newest first,
 * at most max. *out owned (free()). */
int db_attendance_by_student(struct db *db, int64_t student_id, int64_t from, int64_t to,
    size_t max, struct attendance **out, size_t *n);

#endif
