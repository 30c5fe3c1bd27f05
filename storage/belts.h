/*
 * belts.h — the belt system as data (the belts table: ranks and the
 * owner-editable promotion rules), the facts those rules read (time at the
 * belt, classes attended, age), promotions and exams, and belt_plan(): the
 * one place that decides what a student's next step is and whether its
 * requirements are met.
 *
 * Invariant: a student's belt and stripes change only together with a
 * promotion row (db_promotion_add), so "time at belt" and "classes since
 * the last promotion" are always derived from the history, never stored.
 *
 * All db_ functions return enum db_rc values. Strings in structs are owned
 * by the struct (its _free function); string arguments are borrowed.
 * Times are UTC unix seconds; exam dates are local "YYYY-MM-DD".
 *
 * Callers: handlers/belts.c (/belt, /promote, /eligible, /exam, /beltrules),
 * handlers/register.c (belt names), tests/unit/handlers/test_belts.c.
 */
#ifndef BJJ_BELTS_H
#define BJJ_BELTS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* The age (by birth year) at which kids move to the adult system. */
#define BELT_ADULT_AGE 16

/* One row of the belts table. A belt's name in each language is a text
 * of handlers/texts_belts.h (h_belt_name), so that a new language needs
 * no column; the table's title_en and title_ru are no longer read. */
struct belt {
	char *code;            /* "white", "blue", "grey_white", ... */
	int kids;              /* 1: the kids' system; "white" is adult, shared */
	int rank;              /* 1.. within the system; kids go on at 2 */
	int max_stripes;       /* for black: degrees */
	int min_age;           /* to be promoted into this belt */
	int min_months;        /* at this belt before the next belt */
	int min_classes;       /* at this belt before the next belt */
	int stripe_months;     /* between stripes (black: degrees 1-3) */
	int stripe_classes;    /* between stripes */
};
void belts_free(struct belt *v, size_t n);

/* Every belt: adults by rank, then kids by rank. *out owned (belts_free). */
int db_belts_all(struct db *db, struct belt **out, size_t *n);

/* The editable rules, in the order /beltrules shows them. */
enum belt_rule {
	BELT_RULE_MAX_STRIPES,
	BELT_RULE_MIN_AGE,
	BELT_RULE_MIN_MONTHS,
	BELT_RULE_MIN_CLASSES,
	BELT_RULE_STRIPE_MONTHS,
	BELT_RULE_STRIPE_CLASSES,
};
/* Set one rule of belt code; the caller validated value. DB_NOTFOUND
 * when there is no such belt. */
int db_belt_set_rule(struct db *db, const char *code, enum belt_rule rule, int value);

/* The belt called code in table, or NULL. */
const struct belt *belt_find(const struct belt *table, size_t n, const char *code);
/*
 * A total order over both systems for "higher" and "demotion":
 * white < the kids' belts < blue < purple < ... < red.
 */
int belt_level(const struct belt *b);

/* ---- what the rules read about a student --------------------------- */
struct belt_facts {
	int64_t student_id;
	char *first_name;
	char *last_name;
	char *belt;
	int stripes;
	int64_t tg_id;         /* 0: not linked */
	int birth_year;        /* 0: birth date unknown */
	int64_t belt_since;    /* last promotion into this belt, else created_at */
	int64_t last_promotion; /* last promotion of any kind, else created_at */
	int classes_at_belt;   /* present or late since belt_since */
	int classes_since;     /* present or late since last_promotion */
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void belt_facts_release(struct belt_facts *f);
void belt_facts_list_free(struct belt_facts *v, size_t n);

/* The facts of one student (active or not). DB_NOTFOUND when there is no
 * such student. *out is owned (belt_facts_release). */
int db_belt_facts(struct db *db, int64_t student_id, struct belt_facts *out);
/* The facts of every active student, by id (one visit_summary row each,
 * no visits read). *out owned (belt_facts_list_free). */
int db_belt_facts_active(struct db *db, struct belt_facts **out, size_t *n);

/* ---- the next step -------------------------------------------------- */
enum belt_step_kind {
	BELT_STEP_STRIPE = 1,  /* one more stripe (degree, at black) */
	BELT_STEP_BELT = 2,    /* the next belt, 0 stripes */
	BELT_STEP_TOP = 3,     /* nothing above: no requirements */
	BELT_STEP_SKIP = 4,    /* belt_check: not the next step; never met */
};
enum belt_req_kind {
	BELT_REQ_MONTHS = 1,   /* at the belt, or since the last stripe */
	BELT_REQ_CLASSES = 2,  /* at the belt, or since the last stripe */
	BELT_REQ_AGE = 3,      /* by birth year, for the belt stepped into */
};
struct belt_req {
	int kind;              /* enum belt_req_kind */
	int have;
	int need;
	int met;               /* an unknown age counts as met: it cannot be checked */
	int unknown;           /* BELT_REQ_AGE without a birth date */
};
struct belt_step {
	int kind;              /* enum belt_step_kind */
	const struct belt *from; /* borrowed from the table */
	const struct belt *to; /* == from for a stripe, NULL at the top */
	int to_stripes;
	int to_adult;          /* a kid moving to the adult system (blue) */
	struct belt_req req[3];
	int n_req;             /* requirements with a non-zero threshold */
	int met;               /* every requirement met */
};

/* Whole calendar months (local) from since to now; 0 when now < since. A
 * month is reached on the same day of the month (or the month's last day). */
int belt_months_between(int64_t since, int64_t now);
/* The age counted by birth year at now (IBJJF), or -1 when unknown. */
int belt_age(int birth_year, int64_t now);

/*
 * The student's next step at now: one more stripe while stripes <
 * max_stripes, else the next belt of their system (kids while under
 * BELT_ADULT_AGE by birth year; a kid of 16 with a coloured kids' belt
 * steps to blue at once; at the end of the kids' ladder the next belt is
 * blue, waiting for the age). Black degrees 4-6 take 5/3 of
 * stripe_months (36 -> 60, IBJJF). 0, or -1 when f->belt is not in table.
 */
int belt_plan(const struct belt *table, size_t n, const struct belt_facts *f, int64_t now,
    struct belt_step *out);
/*
 * The requirements of promoting the student to `to` with to_stripes: one
 * more stripe at the same belt (stripe rules), or the next belt of their
 * system with 0 stripes (belt rules; stripes need not be complete); any
 * other target is BELT_STEP_SKIP, never met. 0, or -1 when f->belt is not
 * in table.
 */
int belt_check(const struct belt *table, size_t n, const struct belt_facts *f, int64_t now,
    const struct belt *to, int to_stripes, struct belt_step *out);

/* ---- promotions ------------------------------------------------------ */
struct promotion {
	int64_t id;
	int64_t student_id;
	char *from_belt;
	int from_stripes;
	char *to_belt;
	int to_stripes;
	int64_t promoted_at;
	int64_t promoted_by;   /* Telegram id; 0: unknown */
	int64_t exam_id;       /* 0: none */
	int rules_met;
	char *note;            /* may be NULL */
	char *by_name;         /* read only: the promoter's first name, or NULL */
};
void promotions_free(struct promotion *v, size_t n);

/*
 * Record p (id and by_name ignored) and set the student's belt and stripes
 * to p's, atomically, only if the student is still at from_belt and
 * from_stripes: DB_NOTFOUND otherwise (a stale request), nothing written.
 * The student's pending exams for to_belt or a lower belt of its system
 * are closed with it (result "passed", closed_by_promotion set); their
 * count in *exams_closed when not NULL.
 */
int db_promotion_add(struct db *db, const struct promotion *p, int64_t *id,
    int *exams_closed);
/* The student's latest max promotions, newest first. *out owned. */
int db_promotions_recent(struct db *db, int64_t student_id, size_t max,
    struct promotion **out, size_t *n);

/* ---- exams ----------------------------------------------------------- */
struct exam {
	int64_t id;
	int64_t student_id;
	char *target_belt;
	char *exam_date;       /* local YYYY-MM-DD */
	char *result;          /* "pending", "passed", "failed" */
	char *notes;           /* may be NULL */
	int64_t created_by;
	int64_t decided_at;    /* 0: pending */
	char *first_name;      /* read only: the student's */
	char *last_name;
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void exam_release(struct exam *e);
void exams_free(struct exam *v, size_t n);

int db_exam_add(struct db *db, int64_t student_id, const char *target_belt,
    const char *exam_date, int64_t created_by, int64_t now, int64_t *id);
/* DB_NOTFOUND when there is no such exam. *out owned (exam_release). */
int db_exam_get(struct db *db, int64_t id, struct exam *out);
/* The student's pending exam (the earliest), or DB_NOTFOUND. */
int db_exam_pending(struct db *db, int64_t student_id, struct exam *out);
/* Decide a pending exam: result "passed" or "failed", notes may be NULL.
 * DB_CONSTRAINT when it was decided already, DB_NOTFOUND when absent. */
int db_exam_decide(struct db *db, int64_t id, const char *result, const char *notes,
    int64_t now);
/* Pending exams on or after the local date from, soonest first, at most
 * max. *out owned. */
int db_exams_upcoming(struct db *db, const char *from, size_t max, struct exam **out,
    size_t *n);

/* A page of exams, earliest date first (rows offset.. at most limit):
 * one student's (student_id 0: everyone's), pending ones only when
 * pending_only; *total gets how many there are in all. *out owned. */
int db_exams_page(struct db *db, int64_t student_id, int pending_only, size_t offset,
    size_t limit, struct exam **out, size_t *n, int64_t *total);

/* Exams of student_id (0: everyone's) dated in [from, to] (local
 * YYYY-MM-DD), whatever their result, by date then id, at most max.
 * *out owned. */
int db_exams_between(struct db *db, int64_t student_id, const char *from, const char *to,
    size_t max, struct exam **out, size_t *n);

#endif
