/*
 * crash.c — the kill test's planner and judge (tests/crash/run.sh drives it).
 *
 *   crash files DIR --updates N      students.csv and setup.txt (the owner's
 *                                    console lines) for the academy
 *   crash plan DIR --seed S --updates N --kills K
 *                                    reads DIR/bot.db as set up, writes
 *                                    DIR/scenario.txt (for fake_tg) and
 *                                    DIR/expect.txt (what must hold after)
 *   crash check DIR                  DIR/expect.txt against DIR/calls.tsv
 *                                    (fake_tg's "dump calls") and DIR/bot.db
 *   crash double-payment DIR         records DIR/bot.db's last payment once
 *                                    more, nothing else (judge.sh's doubled
 *                                    effect)
 *
 * The plan is a seeded shuffle of mixed updates (students' /checkin and
 * /balance, owners' /pay, /report, /revenue, /stats and /export, trainers'
 * roster taps) cut into kills+1 segments; after each segment but the last
 * the bot gets SIGKILL at a random moment and is started again: while it
 * sends (up to 1.5 s after the segment), while it applies a batch (right
 * after one was delivered), or while it applies the careful batch a
 * restart after a crash begins with (one commit per update: batch.h).
 * Every update's outcome is predictable from the plan alone, whatever the
 * kills did, so the judge asserts exactly:
 *
 * - effects once: payments (count and sum), attendance rows, the roster's
 *   final marks (each tap moves a mark one step round present → late →
 *   excused → absent, so a lost or doubled tap shows), classes left on
 *   packs and audit rows per action are what the updates make;
 * - replies at least once: each chat got exactly the messages and
 *   documents expected (the outbox rows left by the set-up plus each
 *   update's), every tap got its callback answer, the outbox is empty and
 *   PRAGMA integrity_check says ok;
 * - duplicates only inside the at-least-once window. The sender has at most
 *   one message (sendMessage, editMessageText, sendDocument) per chat in
 *   flight, deletes the rows Telegram accepted together a few milliseconds
 *   after its ok, and starts a chat's next message only after the row of
 *   the one before it was deleted (bot/sender.h), so at a kill at most one
 *   message per chat can have been sent without its row being deleted:
 *   the last one sent to that chat before the kill. So a
 *   message may arrive twice only as the first call to its chat after a
 *   restart repeating the last call to that chat before it (same method,
 *   text, and file name or edited message). Every other repeat fails. The
 *   plan keeps every expected message text unique per chat (amounts and
 *   payment numbers differ, each report once per owner), so a repeat is
 *   never a coincidence.
 *
 * It reads the database with SQLite directly, not through storage/, so the
 * judge does not share the code it judges.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#define CR_OWNER0 100
#define CR_OWNERS_MAX 16
#define CR_TRAINER0 2001
#define CR_TRAINERS 2
#define CR_STUDENT0 10000
#define CR_PACK 10              /* classes in the pack plan */
#define CR_ROSTER_MAX 20        /* students on the roster that is tapped */
#define CR_OPEN_CLASS 1         /* the class open for check-in (set-up order) */
#define CR_ROSTER_CLASS 2       /* yesterday's class whose roster is tapped */
#define CR_EXPORT_MSGS 7        /* /export: "preparing", a summary and five CSV files */
#define CR_MAX_CHATS 100000

__attribute__((format(printf, 1, 2), noreturn))
static void cr_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("crash: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *cr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		cr_die("out of memory");
	return p;
}

static FILE *cr_open(const char *dir, const char *name, const char *mode)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, mode);
	if (!f)
		cr_die("%s: %s", path, strerror(errno));
	return f;
}

/* ---- the plan's numbers ------------------------------------------------ */

/* splitmix64: the same sequence for a seed on every machine. */
static uint64_t cr_rng;

static uint64_t cr_next(void)
{
	uint64_t z = (cr_rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static long cr_below(long n)
{
	return n > 0 ? (long)(cr_next() % (uint64_t)n) : 0;
}

/* How many of each person the plan needs for n updates: every chat stays
 * well under the 1 message/s pace and the outbox cap, and no student
 * writes fast enough to be rate-limited (two updates each at most). */
struct cr_sizes {
	int updates;
	int checkins, balances, pays, taps, owners, students, roster;
};

static struct cr_sizes cr_sizes(int n)
{
	struct cr_sizes z = { .updates = n };
	/* bot.conf takes 32 owners at most (CFG_MAX_OWNERS). */
	z.owners = n / 60 < 2 ? 2 : n / 60 > CR_OWNERS_MAX ? CR_OWNERS_MAX : n / 60;
	z.taps = n / 4;
	z.pays = n / 4;
	z.balances = n / 10;
	/* The rest after the owners' three reports each and one export. */
	z.checkins = n - z.taps - z.pays - z.balances - 3 * z.owners - 1 - CR_TRAINERS;
	if (z.checkins < 1)
		cr_die("--updates %d is too few (at least 100)", n);
	z.students = z.checkins + z.checkins / 4;
	z.roster = z.students / 2 < CR_ROSTER_MAX ? z.students / 2 : CR_ROSTER_MAX;
	return z;
}

/* Student i (1-based) is #i in the database (imported in order), Telegram
 * id CR_STUDENT0 + i; even ones have the unlimited plan (and are the
 * roster's), odd ones a pack. */
static int64_t cr_student_tg(int i)
{
	return CR_STUDENT0 + i;
}

/* ---- crash files ---------------------------------------------------------- */

static int cr_files(const char *dir, int n)
{
	struct cr_sizes z = cr_sizes(n);
	FILE *f = cr_open(dir, "students.csv", "w");
	fputs("first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id\n", f);
	for (int i = 1; i <= z.students; i++)
		fprintf(f, "S%05d,Crash,+7901%07d,,white,0,,%" PRId64 "\n", i, i, cr_student_tg(i));
	fclose(f);

	f = cr_open(dir, "setup.txt", "w");
	fprintf(f, "/addplan pack %d 30 %d Pack\n", 4000, CR_PACK);
	fputs("/addplan unlim 6000 30 Unlimited\n", f);
	for (int i = 1; i <= z.students; i++)
		fprintf(f, "/sell #%d %s cash\n", i, i % 2 ? "pack" : "unlim");
	/* Class 1 is open now (the fake clock is 12:00), class 2 was yesterday. */
	fputs("/addtraining 01.06 12:00 90 Open mat\n", f);
	fputs("/addtraining 31.05 12:00 90 Yesterday\n", f);
	for (int k = 1; k <= z.roster; k++)
		fprintf(f, "/attendance %d add #%d\n", CR_ROSTER_CLASS, 2 * k);
	for (int t = 0; t < CR_TRAINERS; t++)
		fprintf(f, "/addtrainer T%d Coach +7902%07d\n", t + 1, t + 1);
	fclose(f);
	printf("%d students, %d owners, %d trainers\n", z.students, z.owners, CR_TRAINERS);
	return 0;
}

/* ---- crash plan ----------------------------------------------------------- */

enum cr_kind { CR_CHECKIN, CR_BALANCE, CR_PAY, CR_TAP, CR_REPORT, CR_REVENUE, CR_STATS, CR_EXPORT };

struct cr_event {
	int kind;
	int who;        /* student index, owner index or trainer index */
	int student;    /* CR_PAY, CR_TAP: the student */
	int amount;     /* CR_PAY: whole roubles, unique */
};

struct cr_expect {
	long *msgs;             /* per chat slot (cr_slot) */
	int64_t *chat_of;
	int n_chats;
	int *taps_of;           /* per student */
	int *checked_in;        /* per student */
	long long pay_sum;      /* kopecks */
	int pays, taps, checkins, exports;
};

static int cr_slot(struct cr_expect *e, int64_t chat)
{
	for (int i = 0; i < e->n_chats; i++)
		if (e->chat_of[i] == chat)
			return i;
	if (e->n_chats == CR_MAX_CHATS)
		cr_die("too many chats");
	e->chat_of[e->n_chats] = chat;
	e->msgs[e->n_chats] = 0;
	return e->n_chats++;
}

static void cr_expect_msg(struct cr_expect *e, int64_t chat, long n)
{
	e->msgs[cr_slot(e, chat)] += n;
}

static sqlite3 *cr_db(const char *dir, int flags)
{
	char path[4096];
	sqlite3 *db = NULL;
	snprintf(path, sizeof path, "%s/bot.db", dir);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
		cr_die("%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
	return db;
}

/* The first column of the first row of sql, or def when there is none. */
static long long cr_int(sqlite3 *db, const char *sql, long long def)
{
	sqlite3_stmt *st = NULL;
	long long v = def;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		cr_die("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void cr_emit(FILE *f, const struct cr_event *ev)
{
	/* What an owner types for the events that take no argument. */
	static const char *const owner_cmd[] = {
		[CR_REPORT] = "/report", [CR_REVENUE] = "/revenue", [CR_STATS] = "/stats",
		[CR_EXPORT] = "/export",
	};

	switch (ev->kind) {
	case CR_CHECKIN:
		fprintf(f, "user %" PRId64 " > /checkin\n", cr_student_tg(ev->who));
		break;
	case CR_BALANCE:
		fprintf(f, "user %" PRId64 " > /balance\n", cr_student_tg(ev->who));
		break;
	case CR_PAY:
		fprintf(f, "user %d > /pay #%d %d cash crash\n", CR_OWNER0 + ev->who, ev->student, ev->amount);
		break;
	case CR_TAP:
		/* The roster may wait behind the set-up's backlog (a message
		 * and a command menu per student, at 30 calls a second). */
		fprintf(f, "press %d ~^S%05d  within 300s\n", CR_TRAINER0 + ev->who, ev->student);
		break;
	case CR_REPORT:
	case CR_REVENUE:
	case CR_STATS:
	case CR_EXPORT:
		fprintf(f, "user %d > %s\n", CR_OWNER0 + ev->who, owner_cmd[ev->kind]);
		break;
	}
}

/* What one update makes: replies per chat and effects. */
static void cr_account(struct cr_expect *e, const struct cr_event *ev)
{
	switch (ev->kind) {
	case CR_CHECKIN:
		cr_expect_msg(e, cr_student_tg(ev->who), 1);
		e->checked_in[ev->who] = 1;
		e->checkins++;
		break;
	case CR_BALANCE:
		cr_expect_msg(e, cr_student_tg(ev->who), 1);
		break;
	case CR_PAY:
		cr_expect_msg(e, CR_OWNER0 + ev->who, 1);
		cr_expect_msg(e, cr_student_tg(ev->student), 1);   /* "we received your payment" */
		e->pay_sum += 100LL * ev->amount;
		e->pays++;
		break;
	case CR_TAP:
		e->taps_of[ev->student]++;
		e->taps++;
		break;
	case CR_EXPORT:
		cr_expect_msg(e, CR_OWNER0 + ev->who, CR_EXPORT_MSGS);
		e->exports++;
		break;
	default:
		cr_expect_msg(e, CR_OWNER0 + ev->who, 1);
		break;
	}
}

static struct cr_event *cr_events(const struct cr_sizes *z, int *n_out)
{
	struct cr_event *ev = cr_xcalloc((size_t)z->updates, sizeof *ev);
	int n = 0;
	/* Distinct students check in; others ask for their balance. */
	int *order = cr_xcalloc((size_t)z->students + 1, sizeof *order);
	for (int i = 0; i < z->students; i++)
		order[i] = i + 1;
	for (int i = z->students - 1; i > 0; i--) {
		int j = (int)cr_below(i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < z->checkins; i++)
		ev[n++] = (struct cr_event){ .kind = CR_CHECKIN, .who = order[i] };
	for (int i = 0; i < z->balances; i++)
		ev[n++] = (struct cr_event){ .kind = CR_BALANCE, .who = order[(z->checkins + i) % z->students] };
	free(order);
	for (int i = 0; i < z->pays; i++)
		ev[n++] = (struct cr_event){ .kind = CR_PAY, .who = (int)cr_below(z->owners),
		    .student = 1 + (int)cr_below(z->students), .amount = 100 + i };
	for (int i = 0; i < z->taps; i++)
		ev[n++] = (struct cr_event){ .kind = CR_TAP, .who = (int)cr_below(CR_TRAINERS),
		    .student = 2 * (1 + (int)cr_below(z->roster)) };
	for (int o = 0; o < z->owners; o++) {
		ev[n++] = (struct cr_event){ .kind = CR_REPORT, .who = o };
		ev[n++] = (struct cr_event){ .kind = CR_REVENUE, .who = o };
		ev[n++] = (struct cr_event){ .kind = CR_STATS, .who = o };
	}
	/* One export: a second one while the first is written is told to
	 * wait, which depends on timing, not on the plan. */
	ev[n++] = (struct cr_event){ .kind = CR_EXPORT, .who = (int)cr_below(z->owners) };
	for (int i = n - 1; i > 0; i--) {
		int j = (int)cr_below(i + 1);
		struct cr_event t = ev[i];
		ev[i] = ev[j];
		ev[j] = t;
	}
	*n_out = n;
	return ev;
}

/* Outbox rows the set-up left, per chat: delivered by the bot's first run. */
static void cr_expect_setup(struct cr_expect *e, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	/* outbox.method: 1 sendMessage, 5 sendDocument (storage/store.h). */
	const char *sql = "SELECT chat_id, count(*) FROM outbox WHERE method IN (1, 5) GROUP BY chat_id";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		cr_die("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW)
		cr_expect_msg(e, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
}

static void cr_write_expect(const char *dir, const struct cr_sizes *z, struct cr_expect *e, sqlite3 *db,
    long long seed, int kills)
{
	FILE *f = cr_open(dir, "expect.txt", "w");
	fprintf(f, "seed %lld\nkills %d\nupdates %d\n", seed, kills, z->updates);
	for (int i = 0; i < e->n_chats; i++)
		fprintf(f, "chat %" PRId64 " %ld\n", e->chat_of[i], e->msgs[i]);
	fprintf(f, "answers %d\n", e->taps);
	fprintf(f, "payments %lld %lld\n", cr_int(db, "SELECT count(*) FROM payments", 0) + e->pays,
	    cr_int(db, "SELECT sum(amount) FROM payments", 0) + e->pay_sum);
	fprintf(f, "audit payment.add %lld\n",
	    cr_int(db, "SELECT count(*) FROM audit_log WHERE action = 'payment.add'", 0) + e->pays);
	fprintf(f, "audit attendance.mark %lld\n",
	    cr_int(db, "SELECT count(*) FROM audit_log WHERE action = 'attendance.mark'", 0) + e->checkins +
	    e->taps);
	fprintf(f, "audit export %lld\n", cr_int(db, "SELECT count(*) FROM audit_log WHERE action = 'export'", 0) +
	    e->exports);
	fprintf(f, "audit_total %lld\n", cr_int(db, "SELECT count(*) FROM audit_log", 0) + e->pays + e->checkins +
	    e->taps + e->exports);
	fprintf(f, "attendance %d %d\n", CR_OPEN_CLASS, e->checkins);
	static const char *const marks[] = { "present", "late", "excused", "absent" };
	for (int i = 1; i <= z->students; i++) {
		if (e->checked_in[i])
			fprintf(f, "mark %d %d present\n", CR_OPEN_CLASS, i);
		if (i % 2 == 0 && i / 2 <= z->roster)
			fprintf(f, "mark %d %d %s\n", CR_ROSTER_CLASS, i, marks[e->taps_of[i] % 4]);
		if (i % 2)
			fprintf(f, "classes_left %d %d\n", i, CR_PACK - e->checked_in[i]);
	}
	fclose(f);
}

/* When a kill comes (each kind about a third of the kills). */
enum cr_kill {
	CR_KILL_LATER,      /* up to 1.5 s after the segment's last update: while sending */
	CR_KILL_APPLYING,   /* right after the last batch was delivered: while applying it */
	CR_KILL_CAREFUL,    /* a short segment, one batch, right after a restart: the
	                     * careful batch (one commit per update) is being applied */
};

static int cr_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/*
 * kind[0..kills-1] and len[0..kills] (segment lengths, summing to n):
 * careful segments take 5-40 updates, the rest is cut at random points.
 * The first kill is never CR_KILL_CAREFUL (no restart before it).
 */
static void cr_segments(long n, int kills, int *kind, long *len)
{
	long rest = n;
	int free_segs = 1;
	for (int k = 0; k < kills; k++) {
		kind[k] = (int)cr_below(3);
		if (k == 0 && kind[k] == CR_KILL_CAREFUL)
			kind[k] = CR_KILL_APPLYING;
		if (kind[k] == CR_KILL_CAREFUL) {
			len[k] = 5 + cr_below(36);
			if (len[k] > rest)
				len[k] = rest;
			rest -= len[k];
		} else {
			free_segs++;
		}
	}
	/* The others: free_segs pieces of rest, cut at sorted random points. */
	long *cut = cr_xcalloc((size_t)free_segs + 1, sizeof *cut);
	for (int c = 1; c < free_segs; c++)
		cut[c] = cr_below(rest + 1);
	cut[free_segs] = rest;
	qsort(cut, (size_t)free_segs + 1, sizeof *cut, cr_cmp_long);
	for (int k = 0, c = 0; k <= kills; k++)
		if (k == kills || kind[k] != CR_KILL_CAREFUL) {
			len[k] = cut[c + 1] - cut[c];
			c++;
		}
	free(cut);
}

static int cr_plan(const char *dir, long long seed, int n, int kills)
{
	struct cr_sizes z = cr_sizes(n);
	struct cr_expect e = { 0 };
	int n_ev = 0;

	cr_rng = (uint64_t)seed;
	e.msgs = cr_xcalloc(CR_MAX_CHATS, sizeof *e.msgs);
	e.chat_of = cr_xcalloc(CR_MAX_CHATS, sizeof *e.chat_of);
	e.taps_of = cr_xcalloc((size_t)z.students + 1, sizeof *e.taps_of);
	e.checked_in = cr_xcalloc((size_t)z.students + 1, sizeof *e.checked_in);
	sqlite3 *db = cr_db(dir, SQLITE_OPEN_READONLY);
	cr_expect_setup(&e, db);
	struct cr_event *ev = cr_events(&z, &n_ev);

	FILE *f = cr_open(dir, "scenario.txt", "w");
	fprintf(f, "# crash plan: seed %lld, %d updates, %d kills (tests/crash/crash.c)\n", seed, n_ev, kills);
	fprintf(f, "config storage.database = %s/bot.db\n", dir);
	fputs("config telegram.owner_ids = ", f);
	for (int o = 0; o < z.owners; o++)
		fprintf(f, "%s%d", o ? "," : "", CR_OWNER0 + o);
	fputs("\nconfig telegram.shutdown_grace = 60\n", f);
	/* An owner's chat gets more replies than the per-chat cap at large
	 * sizes: the cap (tested by flood_one_chat) would drop them. */
	fputs("config telegram.outbox_per_chat = 100000\n", f);
	fputs("config reminders.training_hours_before = 0\n", f);
	fputs("config log.level = info\n", f);
	fputs("start within 60s\n", f);
	/* The trainers' rosters come first: their taps need them. */
	for (int t = 0; t < CR_TRAINERS; t++) {
		fprintf(f, "user %d > /attendance %d\n", CR_TRAINER0 + t, CR_ROSTER_CLASS);
		cr_expect_msg(&e, CR_TRAINER0 + t, 1);
	}
	/* Segment k ends with kill k+1, of kind[k]; the last one with none. */
	int *kind = cr_xcalloc((size_t)kills + 1, sizeof *kind);
	long *len = cr_xcalloc((size_t)kills + 1, sizeof *len);
	cr_segments(n_ev, kills, kind, len);
	int i = 0;
	for (int k = 0; k <= kills; k++) {
		for (long end = i + len[k]; i < end; i++) {
			cr_emit(f, &ev[i]);
			cr_account(&e, &ev[i]);
			/* Batches of random sizes; a careful batch is one. */
			if (kind[k] != CR_KILL_CAREFUL && cr_below(8) == 0)
				fprintf(f, "wait %ldms\n", 10 + cr_below(90));
		}
		if (k == kills)
			break;
		if (kind[k] == CR_KILL_LATER)
			fprintf(f, "wait %ldms\n", cr_below(1500));
		else
			fprintf(f, "wait delivered within 60s\nwait %ldms\n", cr_below(kind[k] == CR_KILL_CAREFUL ? 15 : 20));
		fputs("kill -9\nstart within 60s\n", f);
	}
	long total = 0;
	for (int c = 0; c < e.n_chats; c++)
		total += e.msgs[c];
	fputs("wait confirmed within 300s\nassert confirmed\n", f);
	fprintf(f, "wait calls sendMessage,sendDocument ok count>=%ld within 600s\n", total);
	fprintf(f, "wait calls answerCallbackQuery ok count>=%d within 120s\n", e.taps);
	fputs("stop within 90s\n", f);
	fprintf(f, "dump calls %s/calls.tsv\n", dir);
	fclose(f);

	cr_write_expect(dir, &z, &e, db, seed, kills);
	sqlite3_close(db);
	printf("plan: seed %lld, %d updates (%d check-ins, %d balances, %d payments, %d roster taps, %d reports, "
	    "%d exports), %d kills, %ld messages expected\n", seed, n_ev + CR_TRAINERS, z.checkins, z.balances,
	    z.pays, z.taps, 3 * z.owners, 2, kills, total);
	free(kind);
	free(len);
	free(ev);
	free(e.msgs);
	free(e.chat_of);
	free(e.taps_of);
	free(e.checked_in);
	return 0;
}

/* ---- crash check ---------------------------------------------------------- */

struct cr_call {
	int run;
	char method[32];
	int64_t chat;           /* 0: none */
	int ok;
	char *key, *text;       /* owned */
};

static int cr_failures;

__attribute__((format(printf, 1, 2)))
static void cr_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("FAIL crash: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	cr_failures++;
}

static int cr_in_chat(const char *method)
{
	return strcmp(method, "sendMessage") == 0 || strcmp(method, "sendDocument") == 0 ||
	    strcmp(method, "editMessageText") == 0;
}

static int cr_is_message(const struct cr_call *c)
{
	return c->ok && (strcmp(c->method, "sendMessage") == 0 || strcmp(c->method, "sendDocument") == 0);
}

static int cr_same(const struct cr_call *a, const struct cr_call *b)
{
	return strcmp(a->method, b->method) == 0 && a->chat == b->chat && strcmp(a->key, b->key) == 0 &&
	    strcmp(a->text, b->text) == 0;
}

static struct cr_call *cr_read_calls(const char *dir, size_t *n_out)
{
	FILE *f = cr_open(dir, "calls.tsv", "r");
	struct cr_call *calls = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		char *field[8];
		char *s = line;
		int nf = 0;
		for (; nf < 8; nf++) {
			field[nf] = s;
			char *tab = nf < 7 ? strchr(s, '\t') : NULL;
			if (!tab) {
				nf++;
				break;
			}
			*tab = '\0';
			s = tab + 1;
		}
		if (nf != 8)
			cr_die("calls.tsv: a line with %d fields", nf);
		if (strcmp(field[0], "bot") != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			calls = realloc(calls, cap * sizeof *calls);
			if (!calls)
				cr_die("out of memory");
		}
		struct cr_call *c = &calls[n++];
		c->run = atoi(field[1]);
		snprintf(c->method, sizeof c->method, "%s", field[3]);
		c->chat = strcmp(field[4], "-") ? strtoll(field[4], NULL, 10) : 0;
		c->ok = atoi(field[5]);
		c->key = strdup(field[6]);
		c->text = strdup(field[7]);
		if (!c->key || !c->text)
			cr_die("out of memory");
	}
	free(line);
	fclose(f);
	*n_out = n;
	return calls;
}

/*
 * Per chat, in order: a message repeated is allowed only as the first
 * in-chat call after a restart repeating the last one before it (the
 * window, see the file header). Counts the messages that are not such
 * repeats into *delivered (per chat) and returns the repeats seen.
 */
static long cr_check_window(struct cr_call *calls, size_t n, int64_t chat, long *delivered)
{
	long repeats = 0;
	const struct cr_call *prev = NULL;
	*delivered = 0;
	for (size_t i = 0; i < n; i++) {
		struct cr_call *c = &calls[i];
		if (c->chat != chat || !cr_in_chat(c->method))
			continue;
		/* A call the killed bot made but Telegram did not answer ok is
		 * no delivery: its repeat is the first. */
		int window = prev && prev->ok && prev->run != c->run && cr_same(prev, c);
		if (window && c->ok && strcmp(c->method, "editMessageText") != 0) {
			repeats++;
		} else if (cr_is_message(c)) {
			for (size_t j = 0; j < i; j++) {
				if (cr_is_message(&calls[j]) && cr_same(&calls[j], c)) {
					cr_fail("chat %" PRId64 ": %s sent again outside the at-least-once window "
					    "(run %d, first in run %d): %.80s", chat, c->method, c->run, calls[j].run,
					    c->text);
					break;
				}
			}
			(*delivered)++;
		}
		prev = c;
	}
	return repeats;
}

static void cr_check_replies(const char *dir, FILE *ex)
{
	size_t n = 0;
	struct cr_call *calls = cr_read_calls(dir, &n);
	char word[64];
	long repeats = 0, chats = 0;
	int runs = 0;

	for (size_t i = 0; i < n; i++)
		if (calls[i].run > runs)
			runs = calls[i].run;
	rewind(ex);
	while (fscanf(ex, "%63s", word) == 1) {
		if (strcmp(word, "chat") == 0) {
			int64_t chat;
			long want, got;
			if (fscanf(ex, "%" SCNd64 " %ld", &chat, &want) != 2)
				cr_die("expect.txt: a bad chat line");
			repeats += cr_check_window(calls, n, chat, &got);
			chats++;
			if (got != want)
				cr_fail("chat %" PRId64 ": %ld messages delivered (repeats in the window not counted), "
				    "%ld expected", chat, got, want);
		} else if (strcmp(word, "answers") == 0) {
			long want, got = 0;
			if (fscanf(ex, "%ld", &want) != 1)
				cr_die("expect.txt: a bad answers line");
			for (size_t i = 0; i < n; i++)
				if (calls[i].ok && strcmp(calls[i].method, "answerCallbackQuery") == 0)
					got++;
			if (got != want)
				cr_fail("%ld callback queries answered, %ld taps made", got, want);
		}
		int ch;
		while ((ch = fgetc(ex)) != EOF && ch != '\n')
			;
	}
	/* A message to a chat the plan does not expect. */
	for (size_t i = 0; i < n; i++) {
		if (!cr_is_message(&calls[i]))
			continue;
		int known = 0;
		char line[256];
		rewind(ex);
		while (!known && fgets(line, sizeof line, ex)) {
			int64_t chat;
			if (sscanf(line, "chat %" SCNd64, &chat) == 1 && chat == calls[i].chat)
				known = 1;
		}
		if (!known) {
			cr_fail("a message to chat %" PRId64 ", which expects none: %.80s", calls[i].chat, calls[i].text);
			break;
		}
	}
	printf("replies: %zu calls over %d runs (%d restarts), %ld chats checked, %ld repeats inside the "
	    "at-least-once window\n", n, runs, runs - 1, chats, repeats);
	for (size_t i = 0; i < n; i++) {
		free(calls[i].key);
		free(calls[i].text);
	}
	free(calls);
}

static void cr_check_int(sqlite3 *db, const char *what, const char *sql, long long want)
{
	long long got = cr_int(db, sql, -1);
	if (got != want)
		cr_fail("%s: %lld in the database, %lld expected", what, got, want);
}

static void cr_check_db(const char *dir, FILE *ex)
{
	sqlite3 *db = cr_db(dir, SQLITE_OPEN_READONLY);
	char word[64], sql[512], what[128];
	long checks = 0;

	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		cr_die("integrity_check: %s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!r || strcmp(r, "ok") != 0)
			cr_fail("integrity_check: %s", r ? r : "(null)");
	}
	sqlite3_finalize(st);
	cr_check_int(db, "outbox rows left", "SELECT count(*) FROM outbox", 0);

	rewind(ex);
	while (fscanf(ex, "%63s", word) == 1) {
		long long a, b;
		char s[64];
		if (strcmp(word, "payments") == 0 && fscanf(ex, "%lld %lld", &a, &b) == 2) {
			cr_check_int(db, "payments", "SELECT count(*) FROM payments", a);
			cr_check_int(db, "sum of payments", "SELECT sum(amount) FROM payments", b);
			checks += 2;
		} else if (strcmp(word, "audit") == 0 && fscanf(ex, "%63s %lld", s, &a) == 2) {
			snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = '%s'", s);
			snprintf(what, sizeof what, "audit rows %s", s);
			cr_check_int(db, what, sql, a);
			checks++;
		} else if (strcmp(word, "audit_total") == 0 && fscanf(ex, "%lld", &a) == 1) {
			cr_check_int(db, "audit rows", "SELECT count(*) FROM audit_log", a);
			checks++;
		} else if (strcmp(word, "attendance") == 0 && fscanf(ex, "%lld %lld", &a, &b) == 2) {
			snprintf(sql, sizeof sql, "SELECT count(*) FROM attendance WHERE training_id = %lld", a);
			snprintf(what, sizeof what, "attendance rows of class %lld", a);
			cr_check_int(db, what, sql, b);
			checks++;
		} else if (strcmp(word, "mark") == 0 && fscanf(ex, "%lld %lld %63s", &a, &b, s) == 3) {
			snprintf(sql, sizeof sql, "SELECT count(*) FROM attendance WHERE training_id = %lld AND "
			    "student_id = %lld AND status = '%s'", a, b, s);
			snprintf(what, sizeof what, "class %lld, student #%lld marked %s", a, b, s);
			cr_check_int(db, what, sql, 1);
			checks++;
		} else if (strcmp(word, "classes_left") == 0 && fscanf(ex, "%lld %lld", &a, &b) == 2) {
			snprintf(sql, sizeof sql, "SELECT sum(classes_left) FROM subscriptions WHERE student_id = %lld",
			    a);
			snprintf(what, sizeof what, "classes left on student #%lld's pack", a);
			cr_check_int(db, what, sql, b);
			checks++;
		}
		int ch;
		while ((ch = fgetc(ex)) != EOF && ch != '\n')
			;
	}
	sqlite3_close(db);
	printf("database: integrity ok, outbox empty, %ld effect checks\n", checks);
}

static int cr_check(const char *dir)
{
	FILE *ex = cr_open(dir, "expect.txt", "r");
	long long seed = 0;
	if (fscanf(ex, "seed %lld", &seed) != 1)
		cr_die("expect.txt: no seed");
	cr_check_replies(dir, ex);
	cr_check_db(dir, ex);
	fclose(ex);
	if (cr_failures) {
		printf("FAIL crash: %d check(s) failed; replay with --seed %lld\n", cr_failures, seed);
		return 1;
	}
	printf("PASS crash: seed %lld\n", seed);
	return 0;
}

/* The last payment once more, as a redelivered /pay applied twice would
 * leave it, without the audit row or reply that come with a real one. */
static int cr_double_payment(const char *dir)
{
	sqlite3 *db = cr_db(dir, SQLITE_OPEN_READWRITE);
	char *err = NULL;

	if (sqlite3_exec(db, "INSERT INTO payments (student_id, amount, paid_at, method, description, "
	    "recorded_by, subscription_id, created_at) SELECT student_id, amount, paid_at, method, "
	    "description, recorded_by, subscription_id, created_at FROM payments "
	    "ORDER BY id DESC LIMIT 1", NULL, NULL, &err) != SQLITE_OK || sqlite3_changes(db) != 1)
		cr_die("double-payment: %s", err != NULL ? err : "no payment to double");
	sqlite3_close(db);
	return 0;
}

/* ---- main ------------------------------------------------------------------ */

static long long cr_opt(int argc, char **argv, const char *name, long long def)
{
	for (int i = 3; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0) {
			char *end;
			errno = 0;
			long long v = strtoll(argv[i + 1], &end, 10);
			if (errno || *end || v < 0)
				cr_die("%s: a number — got %s", name, argv[i + 1]);
			return v;
		}
	return def;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: crash files DIR --updates N\n"
		    "       crash plan DIR --seed S --updates N --kills K\n"
		    "       crash check DIR\n"
		    "       crash double-payment DIR\n", stderr);
		return 2;
	}
	const char *dir = argv[2];
	int updates = (int)cr_opt(argc, argv, "--updates", 2000);
	if (strcmp(argv[1], "files") == 0)
		return cr_files(dir, updates);
	if (strcmp(argv[1], "plan") == 0)
		return cr_plan(dir, cr_opt(argc, argv, "--seed", 1), updates, (int)cr_opt(argc, argv, "--kills", 20));
	if (strcmp(argv[1], "check") == 0)
		return cr_check(dir);
	if (strcmp(argv[1], "double-payment") == 0)
		return cr_double_payment(dir);
	cr_die("unknown command %s", argv[1]);
	return 2;
}
