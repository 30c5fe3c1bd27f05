/*
 * academy_gen.h — the large academy of the academy benchmark, as one SQL
 * script (bench-only, run through storage/script.c): 10,000 students, 60
 * classes a week for two years, about 2,000,000 attendance rows, monthly
 * plans and their payments, stripes, freezes, deactivated and lapsed
 * students, pending exams.
 *
 * Everything is anchored at ACAD_NOW (a Wednesday, 18:45 UTC, a quarter of
 * an hour before the 19:00 class), so the file is the same on every machine
 * and can be cached: the benchmark runs the handlers with env->now set to
 * it. Pseudo-random choices are hashes of row numbers, not random(): two
 * generations give identical databases.
 *
 * The benchmark reads back the people it acts as from bot_state
 * ("bench:student", "bench:trainer"): linked, active, with a valid plan, a
 * regular of the class about to start.
 */
#ifndef BJJ_BENCH_ACADEMY_GEN_H
#define BJJ_BENCH_ACADEMY_GEN_H

/* Bump when the script changes: the cached file's name carries it. */
#define ACAD_GEN_VERSION 1
/* 2026-06-10 18:45 UTC (Wednesday), and that day's midnight. */
#define ACAD_NOW 1781117100
#define ACAD_DAY0 1781049600
#define ACAD_STR_(x) #x
#define ACAD_STR(x) ACAD_STR_(x)
#define D0 ACAD_STR(ACAD_DAY0)
#define NOW ACAD_STR(ACAD_NOW)
/* Percent of a regular's classes they come to; tuned for ~2,000,000 rows. */
#define ACAD_ATTEND_PCT "77"

static const char acad_gen_sql[] =
	/* numbers 0..10000 and the days of the history (day 0 is today) */
	"CREATE TEMP TABLE g_n (n INTEGER PRIMARY KEY);"
	"WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 10000)"
	"  INSERT INTO g_n SELECT n FROM c;"
	"CREATE TEMP TABLE g_first (i INTEGER PRIMARY KEY, name TEXT);"
	"INSERT INTO g_first (name) VALUES ('Ivan'), ('Maria'), ('Dmitry'), ('Olga'), ('Sergey'),"
	"  ('Anna'), ('Pavel'), ('Elena'), ('Alexey'), ('Natalia'), ('Nikolai'), ('Irina'),"
	"  ('Andrey'), ('Tatiana'), ('Mikhail'), ('Svetlana'), ('Artem'), ('Yulia'), ('Roman'),"
	"  ('Daria');"
	"CREATE TEMP TABLE g_last (i INTEGER PRIMARY KEY, name TEXT);"
	"INSERT INTO g_last (name) VALUES ('Petrov'), ('Ivanov'), ('Smirnov'), ('Kuznetsov'),"
	"  ('Popov'), ('Vasiliev'), ('Sokolov'), ('Mikhailov'), ('Novikov'), ('Fedorov'),"
	"  ('Morozov'), ('Volkov'), ('Alekseev'), ('Lebedev'), ('Semenov'), ('Egorov'),"
	"  ('Pavlov'), ('Kozlov'), ('Stepanov'), ('Nikolaev'), ('Orlov'), ('Andreev'),"
	"  ('Makarov'), ('Nikitin'), ('Zakharov');"

	/* 12 trainers, the first the head trainer, all linked */
	"INSERT INTO trainers (id, first_name, last_name, phone, tg_id, belt, is_main, created_at)"
	"  SELECT n, (SELECT name FROM g_first WHERE i = 1 + (n * 7) % 20), 'Coach' || n,"
	"  printf('+7901%07d', n), 2000 + n, 'black', n = 1, " D0 " - 800 * 86400"
	"  FROM g_n WHERE n BETWEEN 1 AND 12;"

	/* 26 weekly classes, 60 a week (weekdays: bit 0 Monday); kids: 1 */
	"CREATE TEMP TABLE g_tmpl (id INTEGER PRIMARY KEY, title TEXT, weekdays INTEGER,"
	"  start_minute INTEGER, duration INTEGER, kids INTEGER);"
	"INSERT INTO g_tmpl VALUES"
	"  (1, 'Gi Fundamentals', 21, 1140, 90, 0), (2, 'Gi Advanced', 21, 1230, 90, 0),"
	"  (3, 'No-Gi', 10, 1140, 60, 0), (4, 'No-Gi Advanced', 10, 1200, 60, 0),"
	"  (5, 'Morning Gi', 31, 420, 60, 0), (6, 'Lunch Rolls', 31, 750, 60, 0),"
	"  (7, 'Kids 4-7', 21, 1020, 45, 1), (8, 'Kids 8-12', 21, 1080, 60, 1),"
	"  (9, 'Teens', 10, 1050, 60, 1), (10, 'Competition', 10, 1110, 90, 0),"
	"  (11, 'Women''s Gi', 5, 600, 60, 0), (12, 'Open Mat', 32, 660, 120, 0),"
	"  (13, 'Sunday Open Mat', 64, 720, 120, 0), (14, 'Kids Saturday', 32, 600, 60, 1),"
	"  (15, 'Early Fundamentals', 10, 420, 60, 0), (16, 'Gi All Levels', 21, 1080, 60, 0),"
	"  (17, 'No-Gi Fundamentals', 21, 750, 60, 0), (18, 'Drilling', 10, 750, 60, 0),"
	"  (19, 'Takedowns', 32, 780, 60, 0), (20, 'Leg Locks', 64, 840, 60, 0),"
	"  (21, 'Evening Gi', 10, 1230, 90, 0), (22, 'Masters 30+', 21, 420, 60, 0),"
	"  (23, 'Kids 4-7 (Tue/Thu)', 10, 1020, 45, 1), (24, 'Kids 8-12 (Tue/Thu)', 10, 960, 60, 1),"
	"  (25, 'Competition Team', 21, 960, 90, 0), (26, 'Kids Competition', 32, 690, 60, 1);"
	"INSERT INTO class_templates (id, title, weekdays, start_minute, duration_min, trainer_id,"
	"  created_at) SELECT id, title, weekdays, start_minute, duration, 1 + (id - 1) % 12,"
	"  " D0 " - 740 * 86400 FROM g_tmpl;"

	/* every class of the last two years and the next two weeks, numbered in
	 * date order as the bot numbers them; about 1 in 97 cancelled, half of
	 * the past ones closed with Done */
	"CREATE TEMP TABLE g_day (k INTEGER PRIMARY KEY);"
	"INSERT INTO g_day SELECT n - 730 FROM g_n WHERE n <= 744;"
	"INSERT INTO trainings (template_id, starts_at, duration_min, title, trainer_id, cancelled,"
	"  cancel_reason, closed, created_at)"
	"  SELECT t.id, " D0 " + d.k * 86400 + t.start_minute * 60, t.duration_min, t.title,"
	"  t.trainer_id, (d.k * 31 + t.id * 17 + 7000) % 97 = 0,"
	"  CASE WHEN (d.k * 31 + t.id * 17 + 7000) % 97 = 0 THEN 'the coach is ill' END,"
	"  d.k < 0 AND (d.k + t.id) % 2 = 0, " D0 " + (d.k - 14) * 86400"
	"  FROM g_day d JOIN class_templates t ON (t.weekdays >> ((d.k + 2 + 1400) % 7)) & 1"
	"  ORDER BY 2, 1;"

	/* students: joined over two years (1 in 6 from the start), 1 in 10
	 * left (deactivated), 1 in 25 stopped coming 15-55 days ago, 1 in 8 a
	 * kid; leave_k is the day they stopped (1: still coming) */
	"CREATE TEMP TABLE g_s (id INTEGER PRIMARY KEY, kid INTEGER, join_k INTEGER,"
	"  leave_k INTEGER, active INTEGER, plan INTEGER, belt TEXT, stripes INTEGER);"
	"INSERT INTO g_s (id, kid, join_k) SELECT n, n % 8 = 0,"
	"  CASE WHEN n % 6 = 0 THEN -730 ELSE -730 + (n * 7919) % 720 END"
	"  FROM g_n WHERE n BETWEEN 1 AND 10000;"
	"UPDATE g_s SET active = id % 10 <> 1, leave_k = CASE"
	"  WHEN id % 10 = 1 THEN join_k + 1 + (id * 131) % (-join_k)"
	"  WHEN id % 25 = 2 THEN -15 - id % 40 ELSE 1 END;"
	"UPDATE g_s SET plan = CASE WHEN kid THEN 4 WHEN (id * 29) % 100 < 55 THEN 1"
	"  WHEN (id * 29) % 100 < 85 THEN 2 WHEN (id * 29) % 100 < 95 THEN 3 ELSE 5 END,"
	"  belt = CASE WHEN kid THEN CASE WHEN (id * 17) % 100 < 50 THEN 'white'"
	"    WHEN (id * 17) % 100 < 70 THEN 'grey_white' WHEN (id * 17) % 100 < 85 THEN 'grey'"
	"    ELSE 'yellow_white' END"
	"  ELSE CASE WHEN (id * 17) % 100 < 55 THEN 'white' WHEN (id * 17) % 100 < 80 THEN 'blue'"
	"    WHEN (id * 17) % 100 < 92 THEN 'purple' WHEN (id * 17) % 100 < 98 THEN 'brown'"
	"    ELSE 'black' END END;"
	/* a stripe every 120 days they came, 4 at most (a black belt's degree: 1) */
	"UPDATE g_s SET stripes = min(CASE WHEN belt = 'black' THEN 1 ELSE 4 END,"
	"  max(0, (min(leave_k, 0) - join_k) / 120));"
	"INSERT INTO students (id, first_name, last_name, phone, tg_id, email, birth_date, belt,"
	"  stripes, active, reachable, notes, created_at, remind, emergency_contact, medical_notes)"
	"  SELECT s.id, f.name, l.name, printf('+7900%07d', s.id),"
	"  CASE WHEN s.id % 7 <> 3 THEN 3000000 + s.id END,"
	"  CASE WHEN s.id % 3 = 0 THEN 'student' || s.id || '@example.com' END,"
	"  CASE WHEN s.kid THEN date(" D0 ", 'unixepoch', printf('-%d days', 1830 + (s.id * 37) % 3650))"
	"    WHEN s.id % 2 = 0 THEN date(" D0 ", 'unixepoch', printf('-%d days', 6570 + (s.id * 53) % 10950))"
	"    END,"
	"  s.belt, s.stripes, s.active, s.id % 97 <> 5,"
	"  CASE WHEN s.id % 11 = 0 THEN 'prefers evening classes' END,"
	"  " D0 " + s.join_k * 86400 + 36000, s.id % 20 <> 0,"
	"  CASE WHEN s.id % 4 = 0 THEN 'parent +7902' || printf('%07d', s.id) END,"
	"  CASE WHEN s.id % 40 = 0 THEN 'knee surgery 2024' END"
	"  FROM g_s s JOIN g_first f ON f.i = 1 + s.id % 20 JOIN g_last l ON l.i = 1 + (s.id / 20) % 25;"
	"INSERT INTO tg_users (tg_id, first_name, lang, reachable, first_seen, last_seen)"
	"  SELECT tg_id, first_name, CASE WHEN id % 5 = 0 THEN 'en' ELSE 'ru' END, reachable,"
	"  created_at, " NOW " - 86400 FROM students WHERE tg_id IS NOT NULL;"
	"INSERT INTO tg_users (tg_id, first_name, lang, reachable, first_seen, last_seen)"
	"  SELECT tg_id, first_name, 'en', 1, created_at, " NOW " - 3600 FROM trainers;"
	"INSERT INTO tg_users (tg_id, first_name, lang, reachable, first_seen, last_seen)"
	"  VALUES (100, 'Owner', 'en', 1, " D0 " - 800 * 86400, " NOW " - 600);"

	/* stripes as promotions, one every 120 days from joining */
	"INSERT INTO promotions (student_id, from_belt, from_stripes, to_belt, to_stripes,"
	"  promoted_at, promoted_by, rules_met)"
	"  SELECT s.id, s.belt, g.n - 1, s.belt, g.n, " D0 " + (s.join_k + 120 * g.n) * 86400 + 72000,"
	"  2001, 1 FROM g_s s JOIN g_n g ON g.n BETWEEN 1 AND s.stripes"
	"  ORDER BY 6, 1;"

	/* plans: 1 unlimited, 2-3 packs, 4 kids, 5 a year, 6 drop-in, 7 trial,
	 * 8 retired */
	"INSERT INTO plans (id, code, title, kind, price, duration_days, classes, active, created_at)"
	"  VALUES (1, 'unlimited', 'Unlimited month', 'unlimited', 600000, 30, NULL, 1, " D0 " - 800 * 86400),"
	"  (2, 'pack8', '8 classes', 'pack', 400000, 30, 8, 1, " D0 " - 800 * 86400),"
	"  (3, 'pack12', '12 classes', 'pack', 500000, 30, 12, 1, " D0 " - 800 * 86400),"
	"  (4, 'kids', 'Kids month', 'unlimited', 450000, 30, NULL, 1, " D0 " - 800 * 86400),"
	"  (5, 'year', 'Unlimited year', 'unlimited', 5500000, 365, NULL, 1, " D0 " - 800 * 86400),"
	"  (6, 'dropin', 'Drop-in', 'dropin', 80000, 1, 1, 1, " D0 " - 800 * 86400),"
	"  (7, 'trial', 'Trial class', 'trial', 0, 7, 1, 1, " D0 " - 800 * 86400),"
	"  (8, 'old', 'Old unlimited', 'unlimited', 500000, 30, NULL, 0, " D0 " - 800 * 86400);"

	/* back-to-back plans from joining until leaving (or today); the
	 * current one active, 1 in 50 frozen, a pack with classes left */
	"INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, classes_left,"
	"  status, created_by, created_at)"
	"  SELECT s.id, s.plan, " D0 " + (s.join_k + g.n * p.duration_days) * 86400 + 36000,"
	"  " D0 " + (s.join_k + (g.n + 1) * p.duration_days) * 86400 + 36000, p.price,"
	"  CASE WHEN p.classes IS NULL THEN NULL"
	"    WHEN " D0 " + (s.join_k + (g.n + 1) * p.duration_days) * 86400 + 36000 <= " NOW " THEN 0"
	"    ELSE 1 + s.id % p.classes END,"
	"  CASE WHEN " D0 " + (s.join_k + (g.n + 1) * p.duration_days) * 86400 + 36000 <= " NOW
	"    THEN 'expired' WHEN s.id % 50 = 5 THEN 'frozen' ELSE 'active' END,"
	"  100, " D0 " + (s.join_k + g.n * p.duration_days) * 86400 + 36000"
	"  FROM g_s s JOIN plans p ON p.id = s.plan"
	"  JOIN g_n g ON g.n < (min(s.leave_k, 1) - s.join_k + p.duration_days - 1) / p.duration_days"
	"  ORDER BY 3, 1;"
	"INSERT INTO freezes (subscription_id, starts_at, ends_at, reason, created_by, created_at)"
	"  SELECT id, " D0 " - 3 * 86400, " D0 " + 11 * 86400, 'business trip', 100, " D0 " - 3 * 86400"
	"  FROM subscriptions WHERE status = 'frozen';"
	"UPDATE subscriptions SET ends_at = ends_at + 14 * 86400 WHERE status = 'frozen';"
	/* a payment per plan sold, mostly cash and card; a few refunds and
	 * voided ones */
	"INSERT INTO payments (student_id, amount, paid_at, method, description, recorded_by,"
	"  subscription_id, created_at)"
	"  SELECT student_id, price, starts_at + 600,"
	"  CASE (id * 7) % 10 WHEN 0 THEN 'transfer' WHEN 1 THEN 'other' WHEN 2 THEN 'card'"
	"    WHEN 3 THEN 'card' WHEN 4 THEN 'card' ELSE 'cash' END,"
	"  NULL, 100, id, starts_at + 600 FROM subscriptions WHERE price > 0 ORDER BY id;"
	"UPDATE payments SET voided_at = paid_at + 3600, voided_by = 100,"
	"  void_reason = 'typed the wrong amount' WHERE id % 331 = 7;"
	"INSERT INTO payments (student_id, amount, paid_at, method, description, recorded_by,"
	"  refund, created_at)"
	"  SELECT student_id, amount / 2, paid_at + 5 * 86400, method, 'moved away', 100, 1,"
	"  paid_at + 5 * 86400 FROM payments WHERE id % 211 = 3 ORDER BY id;"

	/* attendance: each student is a regular of two weekly classes of their
	 * kind and comes to ACAD_ATTEND_PCT of them while a member */
	"CREATE TEMP TABLE g_pool (kids INTEGER, i INTEGER, tmpl INTEGER,"
	"  PRIMARY KEY (kids, i));"
	"INSERT INTO g_pool SELECT kids, row_number() OVER (PARTITION BY kids ORDER BY id) - 1, id"
	"  FROM g_tmpl;"
	"CREATE TEMP TABLE g_member (tmpl INTEGER, student INTEGER, PRIMARY KEY (tmpl, student))"
	"  WITHOUT ROWID;"
	"INSERT OR IGNORE INTO g_member SELECT p.tmpl, s.id FROM g_s s JOIN g_pool p"
	"  ON p.kids = s.kid AND p.i = s.id % (SELECT count(*) FROM g_pool WHERE kids = s.kid);"
	"INSERT OR IGNORE INTO g_member SELECT p.tmpl, s.id FROM g_s s JOIN g_pool p"
	"  ON p.kids = s.kid AND p.i = (s.id * 7 + 3) % (SELECT count(*) FROM g_pool WHERE kids = s.kid);"
	"INSERT INTO attendance (student_id, training_id, status, source, marked_by, marked_at)"
	"  SELECT s.id, t.id,"
	"  CASE (s.id * 13 + t.id * 7) % 100 WHEN 0 THEN 'absent' WHEN 1 THEN 'absent'"
	"    WHEN 2 THEN 'excused' WHEN 3 THEN 'late' WHEN 4 THEN 'late' WHEN 5 THEN 'late'"
	"    ELSE 'present' END,"
	"  CASE WHEN (s.id + t.id) % 10 < 7 THEN 'self' ELSE 'trainer' END,"
	"  CASE WHEN (s.id + t.id) % 10 < 7 THEN 3000000 + s.id ELSE 2000 + t.trainer_id END,"
	"  t.starts_at - 600 + (s.id % 1200)"
	"  FROM trainings t CROSS JOIN g_member m ON m.tmpl = t.template_id"
	"  CROSS JOIN g_s s ON s.id = m.student"
	"  WHERE t.starts_at < " NOW " AND t.cancelled = 0"
	"  AND t.starts_at >= " D0 " + s.join_k * 86400 AND t.starts_at < " D0 " + s.leave_k * 86400"
	"  AND ((s.id * 2654435761 + t.id * 40503) % 1000003) % 100 < " ACAD_ATTEND_PCT ";"

	/* exams booked for the next month, one tomorrow */
	"INSERT INTO exams (student_id, target_belt, exam_date, created_by, created_at)"
	"  SELECT s.id, CASE s.belt WHEN 'white' THEN 'blue' WHEN 'blue' THEN 'purple'"
	"    WHEN 'purple' THEN 'brown' ELSE 'black' END,"
	"  date(" D0 ", 'unixepoch', printf('+%d days', 1 + s.id % 30)), 100, " D0 " - 7 * 86400"
	"  FROM g_s s WHERE s.id % 250 = 29 AND s.active AND NOT s.kid AND s.belt <> 'black';"

	/* who the benchmark acts as: a linked adult regular of the 19:00
	 * class (template 1) with an active plan, and its trainer */
	"INSERT INTO bot_state (key, value) VALUES ('bench:student', (SELECT s.id FROM g_s s"
	"  JOIN g_member m ON m.student = s.id AND m.tmpl = 1 JOIN students st ON st.id = s.id"
	"  WHERE st.tg_id IS NOT NULL AND s.active AND s.leave_k = 1 AND NOT s.kid"
	"  AND s.id % 50 <> 5 ORDER BY s.id LIMIT 1));"
	"INSERT INTO bot_state (key, value) VALUES ('bench:trainer', 2001);"
	"DROP TABLE g_n; DROP TABLE g_first; DROP TABLE g_last; DROP TABLE g_tmpl;"
	"DROP TABLE g_day; DROP TABLE g_s; DROP TABLE g_pool; DROP TABLE g_member;";

#undef D0
#undef NOW

#endif
