/*
 * schedule.c — class templates, trainings and attendance (schedule.h).
 *
 * Invariant: one training per (template, start) — generation inserts only
 * the missing ones (the UNIQUE index backs it), so it may run on every
 * /schedule or /checkin and on every scheduler tick without using up
 * class numbers; and
 * one mark per (student, training), whose subscription_id is set exactly
 * when the mark took a class from that subscription (so a class is given
 * back at most once).
 *
 * Callers: handlers (schedule.c, attendance.c, and readers of attendance).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/billing.h"
#include "storage/internal.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Words of the attendance.status column, indexed by enum att_status. */
static const char *const db_att_status_words[] = {
	[ATT_NONE] = "", [ATT_PRESENT] = "present", [ATT_LATE] = "late",
	[ATT_EXCUSED] = "excused", [ATT_ABSENT] = "absent",
};
/* Words of attendance.source, indexed by enum att_source. */
static const char *const db_att_source_words[] = {
	[0] = "", [ATT_SELF] = "self", [ATT_TRAINER] = "trainer", [ATT_BACKFILL] = "backfill",
};

const char *att_status_word(int status)
{
	if (status < 0 || (size_t)status >= BJJ_ARRAY_LEN(db_att_status_words))
		return "";
	return db_att_status_words[status];
}

const char *att_source_word(int source)
{
	if (source < 0 || (size_t)source >= BJJ_ARRAY_LEN(db_att_source_words))
		return "";
	return db_att_source_words[source];
}

int att_status_trained(int status)
{
	return status == ATT_PRESENT || status == ATT_LATE;
}

/* ---- class templates ----------------------------------------------------- */

int db_template_add(struct db *db, const char *title, int weekdays, int start_minute,
    int duration_min, int64_t trainer_id, int64_t now, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO class_templates (title, weekdays, start_minute, duration_min, "
	    "trainer_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "template add", id,
	    DB_ARGS(DB_S(title), DB_I(weekdays), DB_I(start_minute), DB_I(duration_min),
	    DB_ID(trainer_id), DB_I(now)));
}

/* The columns db_template_rows reads. */
#define DB_TEMPLATE_COLS "id, title, weekdays, start_minute, duration_min, " \
	"coalesce(trainer_id, 0), active, created_at FROM class_templates"

#define DB_ROW struct class_template
static const struct db_rowtype db_template_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(title), DB_INT(weekdays), DB_INT(start_minute), DB_INT(duration_min),
	DB_I64(trainer_id), DB_INT(active), DB_I64(created_at));
#undef DB_ROW

DB_ROW_FNS(class_template_release, class_templates_free, struct class_template, db_template_rows)

int db_template_get(struct db *db, int64_t id, struct class_template *out)
{
	return db_query_one(db, "SELECT " DB_TEMPLATE_COLS " WHERE id = ?1 AND deleted_at IS NULL",
	    "template get", &db_template_rows, out, DB_ARGS(DB_I(id)));
}

int db_templates_list(struct db *db, size_t max, struct class_template **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, "SELECT " DB_TEMPLATE_COLS " WHERE deleted_at IS NULL "
	    "ORDER BY active DESC, id LIMIT ?1", "templates list", &db_template_rows, n, &rc,
	    DB_ARGS(DB_I((int64_t)max)));
	return rc;
}

/* ---- trainings ------------------------------------------------------------- */

/* The columns db_training_rows reads. */
#define DB_TRAINING_COLS "t.id, coalesce(t.template_id, 0), t.starts_at, t.duration_min, " \
	"t.title, coalesce(t.trainer_id, 0), " \
	"CASE WHEN r.id IS NULL THEN NULL ELSE trim(r.first_name || ' ' || r.last_name) END, " \
	"t.cancelled, t.cancel_reason, t.closed " \
	"FROM trainings t LEFT JOIN trainers r ON r.id = t.trainer_id"

#define DB_ROW struct training
static const struct db_rowtype db_training_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(template_id), DB_I64(starts_at), DB_INT(duration_min), DB_TEXT(title),
	DB_I64(trainer_id), DB_TEXT(trainer_name), DB_INT(cancelled), DB_TEXT(cancel_reason),
	DB_INT(closed));
#undef DB_ROW

DB_ROW_FNS(training_release, trainings_free, struct training, db_training_rows)

/* Insert template's missing trainings on its weekdays in [from, to). Not
 * INSERT OR IGNORE: an ignored row still takes an AUTOINCREMENT id, and
 * class numbers are typed by trainers, so they must stay small. */
static int db_template_generate(struct db *db, const struct class_template *t,
    int64_t from, int64_t to, int64_t now, int *created)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "INSERT INTO trainings (template_id, starts_at, duration_min, title, "
	    "trainer_id, created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS "
	    "(SELECT 1 FROM trainings WHERE template_id = ?1 AND starts_at = ?2)");
	struct civil day, at;
	int64_t starts;
	int i, rc;

	if (st == NULL)
		return DB_ERROR;
	civil_split(from, &day);
	/* Walk local calendar days (mktime normalises day 32 and copes with
	 * DST), not 86400-second steps, so the local start time never drifts;
	 * one extra day covers a start just before `to`. */
	for (i = 0;; i++) {
		starts = civil_local(day.year, day.month, day.day + i, t->start_minute);
		if (starts >= to)
			break;
		civil_split(starts, &at);
		if (starts < from || !(t->weekdays & (1 << at.wday)))
			continue;
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int64(st, 2, starts);
		sqlite3_bind_int(st, 3, t->duration_min);
		db_bind_text(st, 4, t->title);
		db_bind_id(st, 5, t->trainer_id);
		sqlite3_bind_int64(st, 6, now);
		if ((rc = db_step_done(db, st, "training generate")) != DB_OK)
			return rc;
		*created += sqlite3_changes(db->h);
	}
	return DB_OK;
}

int db_trainings_generate(struct db *db, int64_t template_id, int64_t from, int64_t to,
    int64_t now, int *created)
{
	/* An academy has a few dozen weekly classes; this is a safety cap. */
	enum { DB_TEMPLATES_MAX = 500 };
	struct class_template *v = NULL;
	size_t n = 0, i;
	int count = 0, rc;

	if (created != NULL)
		*created = 0;
	if ((rc = db_templates_list(db, DB_TEMPLATES_MAX, &v, &n)) != DB_OK)
		return rc;
	rc = db_atomic_begin(db);
	for (i = 0; rc == DB_OK && i < n; i++) {
		if (!v[i].active || (template_id != 0 && v[i].id != template_id))
			continue;
		rc = db_template_generate(db, &v[i], from > v[i].created_at ? from :
		    v[i].created_at, to, now, &count);
	}
	rc = db_atomic_end(db, rc);
	if (rc == DB_OK && created != NULL)
		*created = count;
	if (rc == DB_OK && count > 0)
		log_debug("db", "generated %d trainings", count);
	class_templates_free(v, n);
	return rc;
}

int db_training_add(struct db *db, const char *title, int64_t starts_at, int duration_min,
    int64_t trainer_id, int64_t now, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO trainings (starts_at, duration_min, title, trainer_id, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", "training add", id,
	    DB_ARGS(DB_I(starts_at), DB_I(duration_min), DB_S(title), DB_ID(trainer_id),
	    DB_I(now)));
}

int db_training_get(struct db *db, int64_t id, struct training *out)
{
	return db_query_one(db, "SELECT " DB_TRAINING_COLS " WHERE t.id = ?1", "training get",
	    &db_training_rows, out, DB_ARGS(DB_I(id)));
}

/* Every row of a query selecting DB_TRAINING_COLS, as db_query_all reads them. */
static int db_trainings_query(struct db *db, const char *sql, const char *op,
    struct training **out, size_t *n, const struct db_arg *args, size_t n_args)
{
	int rc;

	*out = db_query_all(db, sql, op, &db_training_rows, n, &rc, args, n_args);
	return rc;
}

int db_trainings_range(struct db *db, int64_t from, int64_t to, int with_cancelled,
    size_t max, struct training **out, size_t *n)
{
	return db_trainings_query(db, "SELECT " DB_TRAINING_COLS
	    " WHERE t.starts_at BETWEEN ?1 AND ?2 "
	    "AND (?3 OR t.cancelled = 0) ORDER BY t.starts_at, t.id LIMIT ?4", "trainings range",
	    out, n, DB_ARGS(DB_I(from), DB_I(to), DB_I(with_cancelled != 0), DB_I((int64_t)max)));
}

int db_trainings_of_person(struct db *db, int kind, int64_t person_id, int64_t from, int64_t to,
    size_t max, struct training **out, size_t *n)
{
	/* a student's: answered "I'm coming" or came (present, late) */
	return db_trainings_query(db,
	    "SELECT " DB_TRAINING_COLS " WHERE t.starts_at BETWEEN ?1 AND ?2 AND CASE ?3 "
	    "WHEN 1 THEN EXISTS (SELECT 1 FROM rsvp v WHERE v.training_id = t.id "
	    "  AND v.student_id = ?4 AND v.answer = 'yes') "
	    "OR EXISTS (SELECT 1 FROM attendance a WHERE a.training_id = t.id "
	    "  AND a.student_id = ?4 AND a.status IN ('present', 'late')) "
	    "WHEN 2 THEN t.trainer_id = ?4 ELSE 0 END "
	    "ORDER BY t.starts_at, t.id LIMIT ?5", "trainings of person", out, n,
	    DB_ARGS(DB_I(from), DB_I(to), DB_I(kind), DB_I(person_id), DB_I((int64_t)max)));
}

int db_trainings_of_template(struct db *db, int64_t template_id, int64_t from, size_t max,
    struct training **out, size_t *n)
{
	return db_trainings_query(db, "SELECT " DB_TRAINING_COLS
	    " WHERE t.template_id = ?1 AND t.starts_at >= ?2 "
	    "AND t.cancelled = 0 ORDER BY t.starts_at, t.id LIMIT ?3", "trainings of template",
	    out, n, DB_ARGS(DB_I(template_id), DB_I(from), DB_I((int64_t)max)));
}

int db_training_latest(struct db *db, int64_t from, int64_t to, struct training *out)
{
	return db_query_one(db, "SELECT " DB_TRAINING_COLS " WHERE t.starts_at BETWEEN ?1 AND ?2 "
	    "AND t.cancelled = 0 ORDER BY t.starts_at DESC, t.id DESC LIMIT 1", "training latest",
	    &db_training_rows, out, DB_ARGS(DB_I(from), DB_I(to)));
}

/* After an UPDATE that changed nothing: DB_NOTFOUND when there is no
 * training id, DB_CONSTRAINT when it exists (already in that state). */
static int db_training_unchanged(struct db *db, int64_t id)
{
	struct training t;
	int rc = db_training_get(db, id, &t);

	training_release(&t);
	return rc == DB_OK ? DB_CONSTRAINT : rc;
}

int db_training_cancel(struct db *db, int64_t id, const char *reason)
{
	int rc = db_exec_changed(db,
	    "UPDATE trainings SET cancelled = 1, cancel_reason = ?2 WHERE id = ?1 "
	    "AND cancelled = 0", "training cancel", DB_ARGS(DB_I(id), DB_S(reason)));

	return rc == DB_NOTFOUND ? db_training_unchanged(db, id) : rc;
}

int db_training_uncancel(struct db *db, int64_t id)
{
	int rc = db_exec_changed(db,
	    "UPDATE trainings SET cancelled = 0, cancel_reason = NULL WHERE id = ?1 "
	    "AND cancelled = 1", "training uncancel", DB_ARGS(DB_I(id)));

	return rc == DB_NOTFOUND ? db_training_unchanged(db, id) : rc;
}

int db_training_close(struct db *db, int64_t id)
{
	int rc = db_exec_changed(db, "UPDATE trainings SET closed = 1 WHERE id = ?1 AND closed = 0",
	    "training close", DB_ARGS(DB_I(id)));

	return rc == DB_NOTFOUND ? db_training_unchanged(db, id) : rc;
}

int db_template_set_trainer(struct db *db, int64_t template_id, int64_t trainer_id, int64_t from)
{
	int rc = db_atomic_begin(db);

	if (rc != DB_OK)
		return rc;
	rc = db_exec_changed(db,
	    "UPDATE class_templates SET trainer_id = ?2 WHERE id = ?1 AND deleted_at IS NULL",
	    "template trainer", DB_ARGS(DB_I(template_id), DB_ID(trainer_id)));
	/* The classes already held keep who taught them. */
	if (rc == DB_OK)
		rc = db_exec(db, "UPDATE trainings SET trainer_id = ?2 "
		    "WHERE template_id = ?1 AND starts_at >= ?3", "template trainer",
		    DB_ARGS(DB_I(template_id), DB_ID(trainer_id), DB_I(from)));
	return db_atomic_end(db, rc);
}

/* Delete training id and the answers to its reminders (it has no marks). */
static int db_training_remove(struct db *db, int64_t id)
{
	int rc = db_exec(db, "DELETE FROM rsvp WHERE training_id = ?1", "training remove",
	    DB_ARGS(DB_I(id)));

	if (rc == DB_OK)
		rc = db_exec(db, "DELETE FROM trainings WHERE id = ?1", "training remove",
		    DB_ARGS(DB_I(id)));
	return rc;
}

/*
 * Apply template t (as written) to its trainings starting at or after
 * from: keep_days 0 removes every one (pause, delete); otherwise those on
 * a weekday outside t->weekdays go, and the rest take t's time, length,
 * title and trainer. Trainings with marks are never removed (e->kept).
 */
static int db_template_apply(struct db *db, const struct class_template *t, int64_t from,
    int keep_days, struct tpl_effect *e)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT t.id, t.starts_at, EXISTS (SELECT 1 FROM attendance a "
	    "WHERE a.training_id = t.id) FROM trainings t "
	    "WHERE t.template_id = ?1 AND t.starts_at >= ?2 ORDER BY t.starts_at",
	    DB_ARGS(DB_I(t->id), DB_I(from)));
	struct { int64_t id, starts; int marked; } *v = NULL;
	struct civil c;
	size_t k = 0, i, cap = 0;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = db_step_row(db, st, "template apply")) == DB_OK) {
		XGROW(v, cap, k + 1);
		v[k].id = sqlite3_column_int64(st, 0);
		v[k].starts = sqlite3_column_int64(st, 1);
		v[k++].marked = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	rc = rc == DB_NOTFOUND ? DB_OK : DB_ERROR;
	for (i = 0; rc == DB_OK && i < k; i++) {
		civil_split(v[i].starts, &c);
		if (!keep_days || !(t->weekdays & (1 << c.wday))) {
			if (v[i].marked) {
				if (e->kept++ == 0)
					e->kept_id = v[i].id;
				continue;
			}
			if ((rc = db_training_remove(db, v[i].id)) == DB_OK)
				e->removed++;
			continue;
		}
		rc = db_exec(db, "UPDATE trainings SET starts_at = ?2, duration_min = ?3, "
		    "title = ?4, trainer_id = ?5 WHERE id = ?1", "template apply",
		    DB_ARGS(DB_I(v[i].id), DB_I(civil_local(c.year, c.month, c.day, t->start_minute)),
		    DB_I(t->duration_min), DB_S(t->title), DB_ID(t->trainer_id)));
		if (rc == DB_OK && c.minute != t->start_minute)
			e->moved++;
	}
	free(v);
	return rc;
}

int db_template_edit(struct db *db, const struct class_template *t, int64_t from,
    struct tpl_effect *e)
{
	int rc;

	memset(e, 0, sizeof *e);
	if ((rc = db_atomic_begin(db)) != DB_OK)
		return rc;
	rc = db_exec_changed(db,
	    "UPDATE class_templates SET title = ?2, weekdays = ?3, start_minute = ?4, "
	    "duration_min = ?5, trainer_id = ?6 WHERE id = ?1 AND deleted_at IS NULL",
	    "template edit", DB_ARGS(DB_I(t->id), DB_S(t->title), DB_I(t->weekdays),
	    DB_I(t->start_minute), DB_I(t->duration_min), DB_ID(t->trainer_id)));
	if (rc == DB_OK)
		rc = db_template_apply(db, t, from, 1, e);
	return db_atomic_end(db, rc);
}

/*
 * In one savepoint, run st (an UPDATE of template id with ?2 = value) and,
 * when it changed the row and clear is set, remove the template's trainings
 * from `from` on. A row left unchanged answers unchanged_rc.
 */
static int db_template_switch(struct db *db, sqlite3_stmt *st, int64_t id, int64_t value,
    int clear, int unchanged_rc, int64_t from, struct tpl_effect *e, const char *op)
{
	struct class_template t;
	int rc;

	memset(e, 0, sizeof *e);
	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_template_get(db, id, &t)) != DB_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, value);
	if ((rc = db_atomic_begin(db)) == DB_OK) {
		rc = db_step_changed(db, st, op);
		if (rc == DB_NOTFOUND)
			rc = unchanged_rc;
		if (rc == DB_OK && clear)
			rc = db_template_apply(db, &t, from, 0, e);
		rc = db_atomic_end(db, rc);
	}
	class_template_release(&t);
	return rc;
}

int db_template_set_active(struct db *db, int64_t id, int active, int64_t from,
    struct tpl_effect *e)
{
	return db_template_switch(db, db_stmt_get(db,
	    "UPDATE class_templates SET active = ?2 WHERE id = ?1 AND active <> ?2 "
	    "AND deleted_at IS NULL"), id, active != 0, !active, DB_CONSTRAINT, from, e,
	    "template active");
}

int db_template_delete(struct db *db, int64_t id, int64_t from, int64_t now,
    struct tpl_effect *e)
{
	return db_template_switch(db, db_stmt_get(db,
	    "UPDATE class_templates SET active = 0, deleted_at = ?2 WHERE id = ?1 "
	    "AND deleted_at IS NULL"), id, now, 1, DB_NOTFOUND, from, e, "template delete");
}

/* ---- attendance ------------------------------------------------------------ */

#define DB_ATT_COLS "a.id, a.student_id, a.training_id, a.status, a.source, " \
	"coalesce(a.marked_by, 0), a.marked_at, coalesce(a.subscription_id, 0), t.starts_at " \
	"FROM attendance a JOIN trainings t ON t.id = a.training_id"

#define DB_ROW struct attendance
static const struct db_rowtype db_att_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(student_id), DB_I64(training_id), DB_WORD(status, db_att_status_words),
	DB_WORD(source, db_att_source_words), DB_I64(marked_by), DB_I64(marked_at),
	DB_I64(subscription_id), DB_I64(starts_at));
#undef DB_ROW

int db_attendance_get(struct db *db, int64_t training_id, int64_t student_id,
    struct attendance *out)
{
	return db_query_one(db, "SELECT " DB_ATT_COLS
	    " WHERE a.training_id = ?1 AND a.student_id = ?2", "attendance get", &db_att_rows, out,
	    DB_ARGS(DB_I(training_id), DB_I(student_id)));
}

/*
 * The subscription the row should carry when its status goes from old
 * (ATT_NONE: no row) to status, adjusting the plan: *sub is the row's
 * current one (0: none) on entry and the new one on return. Only a move
 * between "trained" (present, late) and not trained touches the plan.
 */
static int db_attendance_charge(struct db *db, int64_t student_id, int64_t at, int old,
    int status, int64_t *sub, struct att_effect *e)
{
	struct subscription s;
	int rc;

	if (att_status_trained(old) == att_status_trained(status)) {
		e->no_subscription = att_status_trained(status) && *sub == 0;
		return DB_OK;
	}
	if (!att_status_trained(status)) {
		if (*sub == 0)
			return DB_OK;
		rc = db_subscription_use_class(db, *sub, +1);
		/* Above the plan's size: the class was given back some other
		 * way already; still forget it, never give it twice. */
		if (rc == DB_CONSTRAINT)
			log_warn("db", "subscription %lld: class not restored (pack full)",
			    (long long)*sub);
		else if (rc != DB_OK)
			return rc;
		else
			e->restored = 1;
		*sub = 0;
		return DB_OK;
	}
	rc = db_subscription_current(db, student_id, at, &s);
	if (rc == DB_OK) {
		rc = db_subscription_use_class(db, s.id, -1);
		if (rc == DB_OK) {
			*sub = s.id;
			e->charged = 1;
		}
	}
	subscription_release(&s);
	/* Nobody is turned away from the mat: no valid subscription (or,
	 * defensively, a pack found empty) still records the visit. */
	if (rc == DB_NOTFOUND || rc == DB_CONSTRAINT) {
		e->no_subscription = 1;
		rc = DB_OK;
	}
	return rc;
}

int db_attendance_mark(struct db *db, int64_t training_id, int64_t student_id,
    int status, int source, int64_t marked_by, int64_t now, struct att_effect *effect)
{
	sqlite3_stmt *st;
	struct attendance old;
	struct training t;
	struct att_effect e;
	int64_t sub = 0;
	int rc, had;

	memset(&e, 0, sizeof e);
	memset(&t, 0, sizeof t);
	if (status < ATT_PRESENT || status > ATT_ABSENT || source < ATT_SELF ||
	    source > ATT_BACKFILL) {
		log_error("db", "attendance mark: bad status %d or source %d", status, source);
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = db_training_get(db, training_id, &t)) != DB_OK ||
	    (rc = db_student_exists(db, student_id)) != DB_OK)
		goto out;
	rc = db_attendance_get(db, training_id, student_id, &old);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		goto out;
	had = rc == DB_OK;
	if (had && old.status == status) {
		e.subscription_id = old.subscription_id;
		e.no_subscription = att_status_trained(status) && old.subscription_id == 0;
		rc = DB_OK;
		goto out;
	}
	sub = had ? old.subscription_id : 0;
	if ((rc = db_atomic_begin(db)) != DB_OK)
		goto out;
	rc = db_attendance_charge(db, student_id, t.starts_at, had ? old.status : ATT_NONE,
	    status, &sub, &e);
	if (rc == DB_OK) {
		st = db_stmt_get(db,
		    "INSERT INTO attendance (student_id, training_id, status, source, marked_by, "
		    "marked_at, subscription_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		    "ON CONFLICT (student_id, training_id) DO UPDATE SET status = excluded.status, "
		    "source = excluded.source, marked_by = excluded.marked_by, "
		    "marked_at = excluded.marked_at, subscription_id = excluded.subscription_id");
		if (st == NULL) {
			rc = DB_ERROR;
		} else {
			sqlite3_bind_int64(st, 1, student_id);
			sqlite3_bind_int64(st, 2, training_id);
			db_bind_text(st, 3, db_att_status_words[status]);
			db_bind_text(st, 4, db_att_source_words[source]);
			db_bind_id(st, 5, marked_by);
			sqlite3_bind_int64(st, 6, now);
			db_bind_id(st, 7, sub);
			rc = db_step_done(db, st, "attendance mark");
		}
	}
	if ((rc = db_atomic_end(db, rc)) != DB_OK)
		goto out;
	e.changed = 1;
	e.subscription_id = sub;
out:
	training_release(&t);
	if (effect != NULL)
		*effect = rc == DB_OK ? e : (struct att_effect){ 0 };
	return rc;
}

#define DB_ROW struct roster_entry
static const struct db_rowtype db_roster_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(student_id), DB_TEXT(first_name), DB_TEXT(last_name), DB_I64(tg_id), DB_INT(active),
	DB_INT(reachable), DB_WORD(status, db_att_status_words),
	DB_WORD(source, db_att_source_words), DB_I64(subscription_id));
#undef DB_ROW

DB_FREE_FN(roster_free, struct roster_entry, db_roster_rows)

/* The regulars of training ?1 (DB_REGULAR_DAYS in seconds: ?2), for
 * db_roster and db_roster_candidates. */
#define DB_REGULARS_CTE \
	"WITH t AS (SELECT template_id, starts_at FROM trainings WHERE id = ?1), " \
	"regulars AS MATERIALIZED (SELECT DISTINCT a.student_id FROM attendance a " \
	"  JOIN trainings p ON p.id = a.training_id, t " \
	"  WHERE p.template_id = t.template_id AND p.cancelled = 0 " \
	"  AND a.status IN ('present', 'late') " \
	"  AND p.starts_at >= t.starts_at - ?2 AND p.starts_at < t.starts_at) "

int db_roster_candidates(struct db *db, int64_t training_id, size_t offset, size_t max,
    struct roster_entry **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, DB_REGULARS_CTE
	    "SELECT s.id, s.first_name, s.last_name, coalesce(s.tg_id, 0), s.active, "
	    "s.reachable, NULL, NULL, 0 FROM students s "
	    "WHERE s.active = 1 AND s.id NOT IN (SELECT student_id FROM regulars) "
	    "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.student_id = s.id "
	    "  AND a.training_id = ?1) ORDER BY (SELECT max(p.starts_at) FROM attendance a "
	    "  JOIN trainings p ON p.id = a.training_id WHERE a.student_id = s.id "
	    "  AND a.status IN ('present', 'late')) DESC NULLS LAST, "
	    "s.first_name, s.last_name, s.id LIMIT ?3 OFFSET ?4", "roster candidates",
	    &db_roster_rows, n, &rc,
	    DB_ARGS(DB_I(training_id), DB_I((int64_t)DB_REGULAR_DAYS * 86400), DB_I((int64_t)max),
	    DB_I((int64_t)offset)));
	return rc;
}

int db_roster(struct db *db, int64_t training_id, size_t max, struct roster_entry **out,
    size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    /* Those marked and the regulars, then each one's row: a few hundred
	     * students looked up, not every student scanned. */
	    DB_REGULARS_CTE
	    ", who AS (SELECT student_id FROM attendance WHERE training_id = ?1 "
	    "  UNION SELECT student_id FROM regulars) "
	    "SELECT s.id, s.first_name, s.last_name, coalesce(s.tg_id, 0), s.active, "
	    "s.reachable, a.status, a.source, coalesce(a.subscription_id, 0) "
	    "FROM who JOIN students s ON s.id = who.student_id "
	    "LEFT JOIN attendance a ON a.student_id = s.id AND a.training_id = ?1 "
	    "WHERE a.id IS NOT NULL OR (s.active = 1 AND s.id IN (SELECT student_id FROM regulars)) "
	    "ORDER BY s.first_name, s.last_name, s.id LIMIT ?3", "roster", &db_roster_rows, n, &rc,
	    DB_ARGS(DB_I(training_id), DB_I((int64_t)DB_REGULAR_DAYS * 86400), DB_I((int64_t)max)));
	return rc;
}

int db_attendance_count_since(struct db *db, int64_t student_id, int64_t since, int64_t *n)
{
	return db_attendance_counts_since(db, student_id, since, since, n, NULL);
}

int db_attendance_counts_since(struct db *db, int64_t student_id, int64_t since1,
    int64_t since2, int64_t *n1, int64_t *n2)
{
	/* Index-only on attendance (student, status, training); a student's
	 * few hundred visits, each with its class looked up by id. */
	int rc;

	*n1 = 0;
	if (n2 != NULL)
		*n2 = 0;
	rc = db_query_int2(db,
	    "SELECT coalesce(sum(t.starts_at >= ?2), 0), coalesce(sum(t.starts_at >= ?3), 0) "
	    "FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "WHERE a.student_id = ?1 AND t.starts_at >= min(?2, ?3) AND t.cancelled = 0 "
	    "AND a.status IN ('present', 'late')", "attendance count", n1, n2,
	    DB_ARGS(DB_I(student_id), DB_I(since1), DB_I(since2)));
	return rc == DB_NOTFOUND ? DB_ERROR : rc;
}

int db_attendance_absent_count(struct db *db, int64_t student_id, int64_t since, int64_t *n)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "WHERE a.student_id = ?1 AND t.starts_at >= ?2 AND t.cancelled = 0 "
	    "AND a.status = 'absent'", DB_ARGS(DB_I(student_id), DB_I(since)));

	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	return db_count(db, st, n, "attendance absent count");
}

int db_attendance_by_student(struct db *db, int64_t student_id, int64_t from, int64_t to,
    size_t max, struct attendance **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, "SELECT " DB_ATT_COLS
	    " WHERE a.student_id = ?1 AND t.starts_at >= ?2 AND t.starts_at < ?3 "
	    "ORDER BY t.starts_at DESC, t.id DESC LIMIT ?4", "attendance by student", &db_att_rows,
	    n, &rc, DB_ARGS(DB_I(student_id), DB_I(from), DB_I(to), DB_I((int64_t)max)));
	return rc;
}
