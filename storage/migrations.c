/*
 * migrations.c — the schema, as an append-only list of SQL scripts.
 * Script i takes the database from PRAGMA user_version i to i + 1.
 *
 * Invariant: a released script is never edited; a change to the schema is
 * a new script at the end (ALTER TABLE ... ADD COLUMN, CREATE TABLE, new
 * indexes). That is why the CHECK constraints below guard only facts that
 * will not change (SQLite cannot alter a CHECK without rebuilding the
 * table), and why ids use AUTOINCREMENT: an id is never handed out twice,
 * so an invite or an in-flight outbox row can never point at a newer row.
 *
 * Callers: bot/main.c (db_migrate at start-up; db_check_quick for
 * "bjjbot check", db_check for "check --full" and restore), tests.
 */
#include <stdio.h>
#include <string.h>

#include "lib/util.h"
#include "storage/internal.h"

/* E.164 as phone_normalize() produces it: '+' and 7 to 15 digits. */
#define DB_PHONE_CHECK(col) \
	"CHECK (" col " GLOB '+[1-9]*' AND length(" col ") BETWEEN 8 AND 16" \
	" AND substr(" col ", 2) NOT GLOB '*[^0-9]*')"

/* Trigger steps that recompute the visit_summary rows of the students
 * listed (an SQL list or subquery) from scratch. Not INSERT OR REPLACE:
 * a trigger takes the conflict policy of the statement that fired it. */
#define DB_VISITS_REDO(ids) \
	"  DELETE FROM visit_summary WHERE student_id IN (" ids "); " \
	"  INSERT INTO visit_summary SELECT * FROM visit_summary_fresh " \
	"    WHERE student_id IN (" ids "); " \
	"  DELETE FROM visit_templates WHERE student_id IN (" ids "); " \
	"  INSERT INTO visit_templates SELECT * FROM visit_templates_fresh " \
	"    WHERE student_id IN (" ids "); "

static const char *const db_migrations[] = {
	/* 1: bot state, outbox, Telegram users, students, trainers, invites. */
	"CREATE TABLE bot_state ("
	"  key TEXT PRIMARY KEY NOT NULL,"
	"  value"
	");"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  chat_id INTEGER NOT NULL,"
	"  method INTEGER NOT NULL CHECK (method > 0),"
	"  text TEXT,"
	"  markup TEXT,"
	"  ref TEXT,"
	"  plain INTEGER NOT NULL DEFAULT 0 CHECK (plain IN (0, 1)),"
	"  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
	"  not_before INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX outbox_due ON outbox (not_before, id);"
	"CREATE TABLE tg_users ("
	"  tg_id INTEGER PRIMARY KEY,"
	"  first_name TEXT,"
	"  username TEXT,"
	"  lang TEXT,"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  first_seen INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL"
	");"
	"CREATE TABLE students ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  first_name TEXT NOT NULL CHECK (first_name <> ''),"
	"  last_name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT UNIQUE " DB_PHONE_CHECK("phone") ","
	"  tg_id INTEGER UNIQUE CHECK (tg_id > 0),"
	"  email TEXT,"
	"  birth_date TEXT CHECK (birth_date = date(birth_date)),"
	"  belt TEXT NOT NULL DEFAULT 'white' CHECK (belt <> ''),"
	"  stripes INTEGER NOT NULL DEFAULT 0 CHECK (stripes BETWEEN 0 AND 6),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  notes TEXT,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE trainers ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  first_name TEXT NOT NULL CHECK (first_name <> ''),"
	"  last_name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT UNIQUE " DB_PHONE_CHECK("phone") ","
	"  tg_id INTEGER UNIQUE CHECK (tg_id > 0),"
	"  email TEXT,"
	"  belt TEXT NOT NULL DEFAULT 'black' CHECK (belt <> ''),"
	"  is_main INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  created_at INTEGER NOT NULL"
	");"
	/* One head trainer at most; an index, unlike a CHECK, can be dropped
	 * later if the academy ever wants two. */
	"CREATE UNIQUE INDEX trainers_one_main ON trainers (is_main) WHERE is_main = 1;"
	/* person_id points into students or trainers depending on kind, so it
	 * cannot be a foreign key; redeeming checks that the row exists. */
	"CREATE TABLE invites ("
	"  code TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),"
	"  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"
	"  person_id INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  used_at INTEGER,"
	"  used_by INTEGER,"
	"  CHECK ((used_at IS NULL) = (used_by IS NULL))"
	");",
	/* 2: the academy — belts, schedule, attendance, plans, money,
	 * promotions and exams, the audit log, pending name choices. */
	"ALTER TABLE students ADD COLUMN remind INTEGER NOT NULL DEFAULT 1 CHECK (remind IN (0, 1));"
	/* The belt system as data with IBJJF defaults, editable by the owner.
	 * min_age: to be promoted to this belt; min_months and min_classes:
	 * at this belt (since the last promotion) before the next belt;
	 * stripe_months and stripe_classes: between stripes (for black, the
	 * months between degrees). Kids begin at the shared "white" row;
	 * their ladder goes on at rank 2. */
	"CREATE TABLE belts ("
	"  code TEXT PRIMARY KEY NOT NULL,"
	"  system TEXT NOT NULL CHECK (system IN ('adult', 'kids')),"
	"  rank INTEGER NOT NULL,"
	"  title_en TEXT NOT NULL,"
	"  title_ru TEXT NOT NULL,"
	"  max_stripes INTEGER NOT NULL DEFAULT 4 CHECK (max_stripes BETWEEN 0 AND 6),"
	"  min_age INTEGER NOT NULL DEFAULT 0,"
	"  min_months INTEGER NOT NULL DEFAULT 0,"
	"  min_classes INTEGER NOT NULL DEFAULT 0,"
	"  stripe_months INTEGER NOT NULL DEFAULT 0,"
	"  stripe_classes INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (system, rank)"
	");"
	"INSERT INTO belts (code, system, rank, title_en, title_ru, max_stripes, min_age,"
	"  min_months, min_classes, stripe_months, stripe_classes) VALUES"
	"  ('white', 'adult', 1, 'white', 'белый', 4, 0, 0, 100, 2, 20),"
	"  ('blue', 'adult', 2, 'blue', 'синий', 4, 16, 24, 200, 4, 40),"
	"  ('purple', 'adult', 3, 'purple', 'фиолетовый', 4, 16, 18, 200, 4, 40),"
	"  ('brown', 'adult', 4, 'brown', 'коричневый', 4, 18, 12, 150, 3, 30),"
	"  ('black', 'adult', 5, 'black', 'чёрный', 6, 19, 372, 0, 36, 0),"
	"  ('coral', 'adult', 6, 'red-and-black (coral)', 'красно-чёрный', 0, 50, 84, 0, 0, 0),"
	"  ('red_white', 'adult', 7, 'red-and-white', 'красно-белый', 0, 57, 120, 0, 0, 0),"
	"  ('red', 'adult', 8, 'red', 'красный', 0, 67, 0, 0, 0, 0),"
	"  ('grey_white', 'kids', 2, 'grey-white', 'серо-белый', 4, 4, 6, 40, 2, 10),"
	"  ('grey', 'kids', 3, 'grey', 'серый', 4, 4, 6, 40, 2, 10),"
	"  ('grey_black', 'kids', 4, 'grey-black', 'серо-чёрный', 4, 4, 6, 40, 2, 10),"
	"  ('yellow_white', 'kids', 5, 'yellow-white', 'жёлто-белый', 4, 7, 6, 40, 2, 10),"
	"  ('yellow', 'kids', 6, 'yellow', 'жёлтый', 4, 7, 6, 40, 2, 10),"
	"  ('yellow_black', 'kids', 7, 'yellow-black', 'жёлто-чёрный', 4, 7, 6, 40, 2, 10),"
	"  ('orange_white', 'kids', 8, 'orange-white', 'оранжево-белый', 4, 10, 6, 40, 2, 10),"
	"  ('orange', 'kids', 9, 'orange', 'оранжевый', 4, 10, 6, 40, 2, 10),"
	"  ('orange_black', 'kids', 10, 'orange-black', 'оранжево-чёрный', 4, 10, 6, 40, 2, 10),"
	"  ('green_white', 'kids', 11, 'green-white', 'зелёно-белый', 4, 13, 6, 40, 2, 10),"
	"  ('green', 'kids', 12, 'green', 'зелёный', 4, 13, 6, 40, 2, 10),"
	"  ('green_black', 'kids', 13, 'green-black', 'зелёно-чёрный', 4, 13, 6, 40, 2, 10);"
	/* A weekly class: weekdays bit 0 = Monday; start_minute is local. */
	"CREATE TABLE class_templates ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),"
	"  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),"
	"  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),"
	"  trainer_id INTEGER REFERENCES trainers (id),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_at INTEGER NOT NULL"
	");"
	/* A dated class (from a template or one-off); starts_at is UTC. */
	"CREATE TABLE trainings ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  template_id INTEGER REFERENCES class_templates (id),"
	"  starts_at INTEGER NOT NULL,"
	"  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  trainer_id INTEGER REFERENCES trainers (id),"
	"  notes TEXT,"
	"  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),"
	"  cancel_reason TEXT,"
	"  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),"
	"  created_at INTEGER NOT NULL,"
	"  UNIQUE (template_id, starts_at)"
	");"
	"CREATE INDEX trainings_date ON trainings (starts_at);"
	"CREATE TABLE plans ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (code <> ''),"
	"  title TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('unlimited', 'pack', 'dropin', 'trial')),"
	"  price INTEGER NOT NULL CHECK (price >= 0),"
	"  duration_days INTEGER NOT NULL CHECK (duration_days > 0),"
	"  classes INTEGER CHECK (classes IS NULL OR classes > 0),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_at INTEGER NOT NULL"
	");"
	/* ends_at is exclusive; classes_left NULL means unlimited. */
	"CREATE TABLE subscriptions ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),"
	"  starts_at INTEGER NOT NULL,"
	"  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
	"  price INTEGER NOT NULL CHECK (price >= 0),"
	"  classes_left INTEGER CHECK (classes_left IS NULL OR classes_left >= 0),"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active', 'frozen', 'expired', 'cancelled')),"
	"  created_by INTEGER,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX subscriptions_student ON subscriptions (student_id, status);"
	"CREATE TABLE freezes ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),"
	"  starts_at INTEGER NOT NULL,"
	"  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
	"  reason TEXT,"
	"  ended_at INTEGER,"
	"  created_by INTEGER,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX freezes_subscription ON freezes (subscription_id);"
	/* subscription_id: the pack a check-in used, restored if a trainer
	 * marks the student absent or excused. */
	"CREATE TABLE attendance ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  training_id INTEGER NOT NULL REFERENCES trainings (id),"
	"  status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'excused')),"
	"  source TEXT NOT NULL CHECK (source IN ('self', 'trainer', 'backfill')),"
	"  marked_by INTEGER,"
	"  marked_at INTEGER NOT NULL,"
	"  subscription_id INTEGER REFERENCES subscriptions (id),"
	"  notes TEXT,"
	"  UNIQUE (student_id, training_id)"
	");"
	"CREATE INDEX attendance_training ON attendance (training_id);"
	"CREATE TABLE payments ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  amount INTEGER NOT NULL CHECK (amount > 0),"
	"  paid_at INTEGER NOT NULL,"
	"  method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'other')),"
	"  description TEXT,"
	"  recorded_by INTEGER,"
	"  subscription_id INTEGER REFERENCES subscriptions (id),"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX payments_date ON payments (paid_at);"
	"CREATE INDEX payments_student ON payments (student_id);"
	/* exam_date is the academy's local date, YYYY-MM-DD. */
	"CREATE TABLE exams ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  target_belt TEXT NOT NULL REFERENCES belts (code),"
	"  exam_date TEXT NOT NULL CHECK (exam_date = date(exam_date)),"
	"  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'passed', 'failed')),"
	"  notes TEXT,"
	"  created_by INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  decided_at INTEGER"
	");"
	"CREATE INDEX exams_student ON exams (student_id);"
	"CREATE TABLE promotions ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  from_belt TEXT NOT NULL,"
	"  from_stripes INTEGER NOT NULL,"
	"  to_belt TEXT NOT NULL,"
	"  to_stripes INTEGER NOT NULL CHECK (to_stripes BETWEEN 0 AND 6),"
	"  promoted_at INTEGER NOT NULL,"
	"  promoted_by INTEGER,"
	"  exam_id INTEGER REFERENCES exams (id),"
	"  rules_met INTEGER NOT NULL DEFAULT 1 CHECK (rules_met IN (0, 1)),"
	"  note TEXT"
	");"
	"CREATE INDEX promotions_student ON promotions (student_id, promoted_at);"
	/* Who did what to which record, when; actor is a Telegram id (0: the
	 * shell). */
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  at INTEGER NOT NULL,"
	"  actor INTEGER NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  details TEXT"
	");"
	"CREATE INDEX audit_entity ON audit_log (entity, entity_id);"
	/* A command waiting for its user to pick one of several students a
	 * name matched: each button carries the pick id and one student id. */
	"CREATE TABLE picks ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  tg_id INTEGER NOT NULL,"
	"  command TEXT NOT NULL,"
	"  ref TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");",
	/* 3: the scheduler — what was notified (at most once per key), and
	 * students' answers to training reminders. */
	"CREATE TABLE notifications ("
	"  key TEXT PRIMARY KEY NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX notifications_kind ON notifications (kind, created_at);"
	"CREATE TABLE rsvp ("
	"  student_id INTEGER NOT NULL REFERENCES students (id),"
	"  training_id INTEGER NOT NULL REFERENCES trainings (id),"
	"  answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),"
	"  answered_at INTEGER NOT NULL,"
	"  PRIMARY KEY (student_id, training_id)"
	");",
	/* 4: class numbers made dense again. Generation used INSERT OR
	 * IGNORE, which took an id on every idle tick; renumber the trainings
	 * 1..N in start order and every reference with them (marks, answers,
	 * reminder keys "remind:t<id>:s<student>", the audit log). Each
	 * column is moved through negative values first (reminder keys are
	 * rewritten whole) so no UNIQUE key collides midway; foreign keys are
	 * checked at COMMIT.
	 * Pending name choices may name a class by its old number: drop them;
	 * so do the buttons of messages not sent yet ("att:", "ci:", "rsvp:"
	 * carry a class number): those go without their keyboard.
	 * And weekly classes can be deleted (soft: deleted_at). */
	"PRAGMA defer_foreign_keys = ON;"
	"CREATE TEMP TABLE training_renumber AS SELECT id AS old,"
	"  row_number() OVER (ORDER BY starts_at, id) AS new FROM trainings;"
	"CREATE UNIQUE INDEX temp.training_renumber_old ON training_renumber (old);"
	"UPDATE trainings SET id = -id;"
	"UPDATE trainings SET id = (SELECT new FROM training_renumber WHERE old = -trainings.id);"
	"UPDATE attendance SET training_id ="
	"  -(SELECT new FROM training_renumber WHERE old = attendance.training_id);"
	"UPDATE attendance SET training_id = -training_id;"
	"UPDATE rsvp SET training_id ="
	"  -(SELECT new FROM training_renumber WHERE old = rsvp.training_id);"
	"UPDATE rsvp SET training_id = -training_id;"
	"UPDATE audit_log SET entity_id ="
	"  (SELECT new FROM training_renumber WHERE old = audit_log.entity_id)"
	"  WHERE entity = 'training'"
	"  AND entity_id IN (SELECT old FROM training_renumber);"
	"CREATE TEMP TABLE remind_keys AS SELECT key, kind, created_at,"
	"  CAST(substr(key, 9, instr(substr(key, 9), ':') - 1) AS INTEGER) AS training,"
	"  substr(key, 8 + instr(substr(key, 9), ':')) AS rest"
	"  FROM notifications WHERE key GLOB 'remind:t[0-9]*:*';"
	"DELETE FROM notifications WHERE key IN (SELECT key FROM remind_keys);"
	"INSERT INTO notifications (key, kind, created_at)"
	"  SELECT 'remind:t' || m.new || k.rest, k.kind, k.created_at"
	"  FROM remind_keys k JOIN training_renumber m ON m.old = k.training;"
	"DELETE FROM picks;"
	"UPDATE outbox SET markup = NULL WHERE markup LIKE '%\"att:%' "
	"  OR markup LIKE '%\"ci:%' OR markup LIKE '%\"rsvp:%';"
	"UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(id), 0) FROM trainings)"
	"  WHERE name = 'trainings';"
	"DROP TABLE training_renumber;"
	"DROP TABLE remind_keys;"
	/* A deleted weekly class stays (its past trainings point at it) but
	 * is gone from lists and commands. */
	"ALTER TABLE class_templates ADD COLUMN deleted_at INTEGER;",
	/* Guests' messages to the academy (leads), the owners answering
	 * them, and the owner's announcements: audience 'all', 'class' (arg:
	 * the weekly class), 'kids' or 'ending' (arg: days); sent_at NULL
	 * while it waits for the owner's confirmation. */
	"CREATE TABLE leads ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  tg_id INTEGER NOT NULL,"
	"  first_name TEXT,"
	"  last_name TEXT,"
	"  username TEXT,"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  created_at INTEGER NOT NULL,"
	"  answered_at INTEGER,"
	"  answered_by INTEGER,"
	"  answer TEXT"
	");"
	/* An owner who pressed a lead's Reply button: their next text is
	 * the answer. */
	"CREATE TABLE lead_replies ("
	"  tg_id INTEGER PRIMARY KEY,"
	"  lead_id INTEGER NOT NULL REFERENCES leads (id),"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE announcements ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  audience TEXT NOT NULL,"
	"  arg INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  created_by INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  recipients INTEGER"
	");",
	/* people: who to call in an emergency and what a trainer must know
	 * about a student's health (shown to trainers and owners only), and
	 * invites replaced by a newer one for the same record. */
	"ALTER TABLE students ADD COLUMN emergency_contact TEXT;"
	"ALTER TABLE students ADD COLUMN medical_notes TEXT;"
	"ALTER TABLE invites ADD COLUMN revoked_at INTEGER;",
	/* 7: corrections to the books, which never delete a row. A voided
	 * payment or sale stays, marked with who, when and why, and totals
	 * leave it out. A refund is a payments row with refund = 1: money
	 * given back, its amount positive like every amount, counted
	 * negative in totals. A cancelled subscription (status 'cancelled')
	 * keeps when, by whom and why; voided = 1 when the sale itself was
	 * voided, not just the plan stopped. */
	"ALTER TABLE payments ADD COLUMN refund INTEGER NOT NULL DEFAULT 0"
	"  CHECK (refund IN (0, 1));"
	"ALTER TABLE payments ADD COLUMN voided_at INTEGER;"
	"ALTER TABLE payments ADD COLUMN voided_by INTEGER;"
	"ALTER TABLE payments ADD COLUMN void_reason TEXT;"
	"ALTER TABLE subscriptions ADD COLUMN cancelled_at INTEGER;"
	"ALTER TABLE subscriptions ADD COLUMN cancelled_by INTEGER;"
	"ALTER TABLE subscriptions ADD COLUMN cancel_reason TEXT;"
	"ALTER TABLE subscriptions ADD COLUMN voided INTEGER NOT NULL DEFAULT 0"
	"  CHECK (voided IN (0, 1));",
	/* The sender reads each chat's oldest row, the outbox is capped per
	 * chat and edits of one message replace each other: by chat. */
	"CREATE INDEX outbox_chat ON outbox (chat_id, id);",
	/* A promotion to an exam's belt (or past it) closes the pending exam:
	 * result 'passed', with the promotion that closed it. */
	"ALTER TABLE exams ADD COLUMN closed_by_promotion INTEGER REFERENCES promotions (id);",
	/* The HTTP API's tokens (storage/apitokens.h): the jti of each JSON
	 * Web Token issued, whose it is, its role and expiry, so /apitokens
	 * lists and revokes them. The token itself is never kept. */
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  jti TEXT NOT NULL UNIQUE,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
	"  subject_id INTEGER NOT NULL,"
	"  role INTEGER NOT NULL CHECK (role IN (1, 2, 3)),"
	"  created_by INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  revoked_at INTEGER"
	");"
	"CREATE INDEX api_tokens_subject ON api_tokens (kind, subject_id);",
	/* A large academy (millions of attendance rows): the questions asked
	 * of attendance are answered from indexes alone. "Visits of a
	 * student" (belt counts, last visit) and "visits of a class" (reports,
	 * rosters, the digest) both filter on status, which the table row
	 * held; the class index replaces attendance_training, its prefix. */
	"CREATE INDEX attendance_student_visits ON attendance (student_id, status, training_id);"
	"CREATE INDEX attendance_training_visits ON attendance (training_id, status, student_id);"
	"DROP INDEX attendance_training;",
	/* With the method in the index, a chat's queued messages are counted
	 * (the per-chat cap, at every reply) and its head found without
	 * reading the rows. */
	"DROP INDEX outbox_chat;"
	"CREATE INDEX outbox_chat_method ON outbox (chat_id, method, id);",
	/* Each student's visits summed up (visit_summary), so /eligible
	 * and the jobs read one row a student instead of ~200 visits. A visit
	 * is a present or late mark at a class not cancelled. belt_since is
	 * the last promotion that changed the belt to the current one (else
	 * the student's creation), promo_since the last promotion of any kind;
	 * at_belt and since_promo count visits to classes starting at or after
	 * them; last_visit is the latest visit's start (NULL: none).
	 * visit_summary_fresh computes the same from scratch; the triggers
	 * keep the table equal to it on every write that can change it: a new
	 * visit adds to the sums, anything else recomputes the students it
	 * touches (a few hundred index rows each). visit_templates keeps the
	 * same way each student's last visit to each weekly class, for the
	 * classes missed since the last visit. */
	"CREATE VIEW visit_marks AS SELECT s.id AS student_id, "
	"  coalesce((SELECT max(p.promoted_at) FROM promotions p WHERE p.student_id = s.id "
	"    AND p.to_belt = s.belt AND p.from_belt <> p.to_belt), s.created_at) AS belt_since, "
	"  coalesce((SELECT max(p.promoted_at) FROM promotions p WHERE p.student_id = s.id), "
	"    s.created_at) AS promo_since "
	"FROM students s;"
	"CREATE VIEW visit_summary_fresh AS SELECT m.student_id, m.belt_since, m.promo_since, "
	"  (SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	"    WHERE a.student_id = m.student_id AND a.status IN ('present', 'late') "
	"    AND t.cancelled = 0 AND t.starts_at >= m.belt_since) AS at_belt, "
	"  (SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	"    WHERE a.student_id = m.student_id AND a.status IN ('present', 'late') "
	"    AND t.cancelled = 0 AND t.starts_at >= m.promo_since) AS since_promo, "
	"  (SELECT max(t.starts_at) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	"    WHERE a.student_id = m.student_id AND a.status IN ('present', 'late') "
	"    AND t.cancelled = 0) AS last_visit "
	"FROM visit_marks m;"
	"CREATE TABLE visit_summary ("
	"  student_id INTEGER PRIMARY KEY,"
	"  belt_since INTEGER NOT NULL,"
	"  promo_since INTEGER NOT NULL,"
	"  at_belt INTEGER NOT NULL CHECK (at_belt >= 0),"
	"  since_promo INTEGER NOT NULL CHECK (since_promo >= 0),"
	"  last_visit INTEGER"
	");"
	"INSERT INTO visit_summary SELECT * FROM visit_summary_fresh;"
	"CREATE VIEW visit_templates_fresh AS SELECT a.student_id, t.template_id, "
	"  max(t.starts_at) AS last_visit FROM attendance a JOIN trainings t ON t.id = a.training_id "
	"WHERE a.status IN ('present', 'late') AND t.cancelled = 0 AND t.template_id IS NOT NULL "
	"GROUP BY a.student_id, t.template_id;"
	"CREATE TABLE visit_templates ("
	"  student_id INTEGER NOT NULL,"
	"  template_id INTEGER NOT NULL,"
	"  last_visit INTEGER NOT NULL,"
	"  PRIMARY KEY (student_id, template_id)"
	") WITHOUT ROWID;"
	"INSERT INTO visit_templates SELECT * FROM visit_templates_fresh;"
	"CREATE TRIGGER visit_summary_student_add AFTER INSERT ON students BEGIN "
	DB_VISITS_REDO("NEW.id")
	"END;"
	"CREATE TRIGGER visit_summary_student_change AFTER UPDATE OF id, belt, created_at "
	"ON students BEGIN "
	DB_VISITS_REDO("OLD.id, NEW.id")
	"END;"
	"CREATE TRIGGER visit_summary_student_drop AFTER DELETE ON students BEGIN "
	"  DELETE FROM visit_summary WHERE student_id = OLD.id; "
	"END;"
	"CREATE TRIGGER visit_summary_promotion_add AFTER INSERT ON promotions BEGIN "
	DB_VISITS_REDO("NEW.student_id")
	"END;"
	"CREATE TRIGGER visit_summary_promotion_change AFTER UPDATE ON promotions BEGIN "
	DB_VISITS_REDO("OLD.student_id, NEW.student_id")
	"END;"
	"CREATE TRIGGER visit_summary_promotion_drop AFTER DELETE ON promotions BEGIN "
	DB_VISITS_REDO("OLD.student_id")
	"END;"
	/* The check-in's path: one visit more adds to the sums. */
	"CREATE TRIGGER visit_summary_visit_add AFTER INSERT ON attendance "
	"WHEN NEW.status IN ('present', 'late') BEGIN "
	"  UPDATE visit_summary SET at_belt = at_belt + (t.starts_at >= belt_since), "
	"    since_promo = since_promo + (t.starts_at >= promo_since), "
	"    last_visit = max(coalesce(last_visit, t.starts_at), t.starts_at) "
	"  FROM trainings t WHERE t.id = NEW.training_id AND t.cancelled = 0 "
	"    AND visit_summary.student_id = NEW.student_id; "
	"  UPDATE visit_templates SET last_visit = max(last_visit, t.starts_at) "
	"  FROM trainings t WHERE t.id = NEW.training_id AND t.cancelled = 0 "
	"    AND visit_templates.student_id = NEW.student_id "
	"    AND visit_templates.template_id = t.template_id; "
	"  INSERT INTO visit_templates SELECT NEW.student_id, t.template_id, t.starts_at "
	"  FROM trainings t WHERE t.id = NEW.training_id AND t.cancelled = 0 "
	"    AND t.template_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM visit_templates w "
	"    WHERE w.student_id = NEW.student_id AND w.template_id = t.template_id); "
	"END;"
	"CREATE TRIGGER visit_summary_visit_change AFTER UPDATE OF student_id, training_id, status "
	"ON attendance BEGIN "
	DB_VISITS_REDO("OLD.student_id, NEW.student_id")
	"END;"
	"CREATE TRIGGER visit_summary_visit_drop AFTER DELETE ON attendance "
	"WHEN OLD.status IN ('present', 'late') BEGIN "
	DB_VISITS_REDO("OLD.student_id")
	"END;"
	/* Cancelling, restoring or moving a class changes its attendees' sums. */
	"CREATE TRIGGER visit_summary_class_change AFTER UPDATE OF id, template_id, starts_at, "
	"cancelled "
	"ON trainings BEGIN "
	DB_VISITS_REDO("SELECT student_id FROM attendance WHERE training_id IN (OLD.id, NEW.id)")
	"END;"
	"CREATE TRIGGER visit_summary_class_drop AFTER DELETE ON trainings BEGIN "
	DB_VISITS_REDO("SELECT student_id FROM attendance WHERE training_id = OLD.id")
	"END;",
	/* The calendar feeds' secrets (storage/calendar.h): one in force per
	 * person at most; revoked ones stay with revoked_at set. */
	"CREATE TABLE calendar_secrets ("
	"  id INTEGER PRIMARY KEY,"
	"  secret TEXT NOT NULL UNIQUE,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
	"  subject_id INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  revoked_at INTEGER"
	");"
	"CREATE UNIQUE INDEX calendar_secrets_live ON calendar_secrets (kind, subject_id) "
	"WHERE revoked_at IS NULL;",
	/* The owner dashboard: one-time login codes (/web) and browser
	 * sessions, each kept as the SHA-256 of its secret. */
	"CREATE TABLE web_logins ("
	"  id INTEGER PRIMARY KEY,"
	"  code_hash TEXT NOT NULL UNIQUE,"
	"  owner_tg_id INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  used_at INTEGER"
	");"
	"CREATE TABLE web_sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  sid_hash TEXT NOT NULL UNIQUE,"
	"  owner_tg_id INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  ended_at INTEGER"
	");"
	"CREATE INDEX web_sessions_owner ON web_sessions (owner_tg_id) WHERE ended_at IS NULL;",
	/* A large academy, continued. The jobs ask for the plans in force
	 * (payment reminders, expiry, the digest's "ending soon") and the
	 * plans that just expired; both are a sliver of the plans ever sold,
	 * found in partial indexes of their own: a query that names another
	 * status cannot pick them up by mistake.
	 * visit_templates holds rows of existing students and weekly classes
	 * only: a deleted student's or weekly class's rows go with it (the
	 * shell may delete with foreign keys off), and the view it must
	 * equal says the same. */
	"CREATE INDEX subscriptions_active_end ON subscriptions (ends_at) "
	"WHERE status = 'active';"
	"CREATE INDEX subscriptions_expired_end ON subscriptions (ends_at) "
	"WHERE status = 'expired';"
	/* "Does the student hold a plan valid then?" (class reminders for
	 * every student, check-ins, balances) from a small index alone. */
	"CREATE INDEX subscriptions_active_student ON subscriptions (student_id, starts_at, "
	"ends_at, classes_left, status) WHERE status = 'active';"
	"DROP VIEW visit_templates_fresh;"
	"CREATE VIEW visit_templates_fresh AS SELECT a.student_id, t.template_id, "
	"  max(t.starts_at) AS last_visit FROM attendance a JOIN trainings t ON t.id = a.training_id "
	"WHERE a.status IN ('present', 'late') AND t.cancelled = 0 AND t.template_id IS NOT NULL "
	"  AND a.student_id IN (SELECT id FROM students) "
	"  AND t.template_id IN (SELECT id FROM class_templates) "
	"GROUP BY a.student_id, t.template_id;"
	"DROP TRIGGER visit_summary_student_drop;"
	"CREATE TRIGGER visit_summary_student_drop AFTER DELETE ON students BEGIN "
	"  DELETE FROM visit_summary WHERE student_id = OLD.id; "
	"  DELETE FROM visit_templates WHERE student_id = OLD.id; "
	"END;"
	"CREATE TRIGGER visit_templates_class_drop AFTER DELETE ON class_templates BEGIN "
	"  DELETE FROM visit_templates WHERE template_id = OLD.id; "
	"END;"
	"DELETE FROM visit_templates WHERE student_id NOT IN (SELECT id FROM students) "
	"  OR template_id NOT IN (SELECT id FROM class_templates);",
	/* Calendar secrets are kept as the hex SHA-256 of the secret, as
	 * login codes and sessions are (storage/calendar.c): the ones kept
	 * are hashed in place, so their feed addresses keep working.
	 * bjj_sha256 is db_sql_sha256, registered by db_migrate. */
	"ALTER TABLE calendar_secrets RENAME COLUMN secret TO secret_hash;"
	"UPDATE calendar_secrets SET secret_hash = bjj_sha256(secret_hash);",
};

int db_schema_latest(void)
{
	return (int)BJJ_ARRAY_LEN(db_migrations);
}

const char *db_migration_script(int v)
{
	return v >= 1 && v <= db_schema_latest() ? db_migrations[v - 1] : NULL;
}

int db_version(struct db *db)
{
	sqlite3_stmt *st = db_stmt_get(db, "PRAGMA user_version");
	int v = -1;

	if (st == NULL)
		return -1;
	if (db_step_row(db, st, "read schema version") == DB_OK)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

/* A newer schema may have constraints this binary would break. */
static int db_version_supported(int v, char *err, size_t errlen)
{
	if (v <= db_schema_latest())
		return 0;
	snprintf(err, errlen, "database schema %d is newer than this bjjbot (supports %d); "
	    "upgrade bjjbot", v, db_schema_latest());
	return -1;
}

/* sqlite3_exec a script, putting "what: reason" in err on failure. */
static int db_migrate_exec(struct db *db, const char *sql, const char *what,
    char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(err, errlen, "%s: %s", what, msg ? msg : sqlite3_errmsg(db->h));
	sqlite3_free(msg);
	return -1;
}

int db_migrate(struct db *db, int *applied, char *err, size_t errlen)
{
	int latest = db_schema_latest();
	char what[32], sql[48];
	int v, i;

	if (applied)
		*applied = 0;
	/* IMMEDIATE: take the write lock before reading the version, so two
	 * processes cannot both decide to run the same migration. */
	if (sqlite3_create_function(db->h, "bjj_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    db_sql_sha256, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "migrate: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	if (db_migrate_exec(db, "BEGIN IMMEDIATE", "migrate", err, errlen) != 0)
		return -1;
	v = db_version(db);
	if (v < 0) {
		snprintf(err, errlen, "read schema version: %s", db_errmsg(db));
		goto fail;
	}
	if (db_version_supported(v, err, errlen) != 0)
		goto fail;
	for (i = v; i < latest; i++) {
		snprintf(what, sizeof(what), "migration %d", i + 1);
		if (db_migrate_exec(db, db_migrations[i], what, err, errlen) != 0)
			goto fail;
	}
	/* A pragma takes no parameters; the value is our own integer. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", latest);
	if (v < latest && db_migrate_exec(db, sql, "set schema version", err, errlen) != 0)
		goto fail;
	if (db_migrate_exec(db, "COMMIT", "migrate", err, errlen) != 0)
		goto fail;
	if (applied)
		*applied = latest - v;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* Run a quick_check statement and the version test (see db_check). */
static int db_check_with(struct db *db, sqlite3_stmt *st, char *err, size_t errlen)
{
	const char *res;
	int rc = -1, v;

	if (st == NULL || db_step_row(db, st, "quick_check") != DB_OK) {
		snprintf(err, errlen, "quick_check: %s", db_errmsg(db));
		goto out;
	}
	/* The first row is "ok", or the first of the problems found. */
	res = (const char *)sqlite3_column_text(st, 0);
	if (res == NULL || strcmp(res, "ok") != 0) {
		snprintf(err, errlen, "database is damaged: %s", res ? res : "no answer");
		goto out;
	}
	sqlite3_reset(st);
	v = db_version(db);
	if (v < 0) {
		snprintf(err, errlen, "read schema version: %s", db_errmsg(db));
		goto out;
	}
	rc = db_version_supported(v, err, errlen);
out:
	if (st != NULL)
		sqlite3_reset(st);
	return rc;
}

int db_check(struct db *db, char *err, size_t errlen)
{
	return db_check_with(db, db_stmt_get(db, "PRAGMA quick_check"), err, errlen);
}

int db_check_quick(struct db *db, char *err, size_t errlen)
{
	return db_check_with(db, db_stmt_get(db, "PRAGMA quick_check(sqlite_schema)"), err,
	    errlen);
}
