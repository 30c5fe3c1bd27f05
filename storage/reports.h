/*
 * reports.h — read-only questions about the academy: revenue of a period,
 * the owner's headline numbers, attendance per class and per trainer, and
 * who stopped coming. Money is in integer minor units; times are UTC unix
 * seconds; every period is [start, end).
 *
 * Invariant: nothing here writes. A "visit" is an attendance row with
 * status present or late; a class "held" is a training that is not
 * cancelled and started before now.
 *
 * Results are owned by the caller and freed with the matching _free
 * function (which accepts NULL and zeroes the struct).
 *
 * Callers: handlers/reports.c, tests.
 */
#ifndef BJJ_STORAGE_REPORTS_H
#define BJJ_STORAGE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* One group of a revenue split. */
struct revenue_line {
	char *key;             /* method ("cash", ...) or plan title; NULL: other payments */
	int64_t amount;
	int64_t count;
};

struct revenue {
	int64_t total;             /* payments less refunds; voided rows left out */
	int64_t count;             /* payments (not refunds), voided left out */
	int64_t refunds;           /* money given back (positive) */
	int64_t n_refunds;
	int64_t voided;            /* voided payments and refunds: not counted */
	int64_t n_voided;
	struct revenue_line *by_method;   /* net of refunds, biggest first */
	size_t n_method;
	/* Payments (not refunds) joined to their subscription's plan; those
	 * without a subscription form one line with key NULL, last. */
	struct revenue_line *by_plan;
	size_t n_plan;
};
void revenue_release(struct revenue *r);

/* The payments and refunds with paid_at in [start, end). */
int db_revenue(struct db *db, int64_t start, int64_t end, struct revenue *out);

struct academy_stats {
	int64_t active_students;
	/* Held classes started in [since, now) and their visits: the average
	 * per class is visits / classes. */
	int64_t classes;
	int64_t visits;
	int64_t month_revenue;         /* payments less refunds in [month_start, month_end) */
	int64_t month_new_students;    /* students created in the month */
	int64_t active_subscriptions;  /* status active and running at now */
};

int db_stats(struct db *db, int64_t now, int64_t since, int64_t month_start,
    int64_t month_end, struct academy_stats *out);

/* One line of an attendance report. */
struct report_line {
	char *title;           /* class title, or the trainer's or student's "first last";
	                        * NULL: no trainer */
	int64_t classes;
	int64_t visits;
	int64_t id;            /* the student (db_report_by_student); 0 otherwise */
};
void report_lines_free(struct report_line *v, size_t n);

/*
 * Held classes that started in [start, min(end, now)), grouped by the
 * title of their weekly template (a one-off class by its own title), and
 * grouped by trainer; most classes first, at most max lines each.
 */
int db_report_by_class(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n);
int db_report_by_trainer(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n);
/* The same classes per student marked at them: classes = marks of any
 * status, visits = present or late; most visits first, then by name. */
int db_report_by_student(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n);

/* Who stopped coming, as /report and the API's report name them: a visit
 * in the last DB_LAPSED_SINCE_DAYS days, none in the last
 * DB_LAPSED_UNTIL_DAYS (the /report texts say these numbers). */
#define DB_LAPSED_SINCE_DAYS 60
#define DB_LAPSED_UNTIL_DAYS 14

/* An active student whose last visit was in [since, until). */
struct lapsed_student {
	int64_t id;
	char *first_name;
	char *last_name;
	int64_t last_visit;    /* the class's start */
	int frozen;            /* has a frozen subscription now */
};
void lapsed_students_free(struct lapsed_student *v, size_t n);

/*
 * Active students with a visit in [since, now) but none in [until, now):
 * their last visit falls in [since, until). Longest gone first, at most
 * max; *total is how many there are in all.
 */
int db_lapsed_students(struct db *db, int64_t since, int64_t until, int64_t now, size_t max,
    struct lapsed_student **out, size_t *n, int64_t *total);

#endif
