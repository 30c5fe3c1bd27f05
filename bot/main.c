/*
 * main.c — the command line: parse options, load the config, hand over to
 * the subcommand. Start-up errors print one line naming the file, the
 * setting or the problem, and exit non-zero; usage errors exit 2.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bot/app.h"
#include "bot/backups.h"
#include "bot/batch.h"
#include "bot/config.h"
#include "bot/console.h"
#include "bot/demo.h"
#include "lib/log.h"
#include "bot/telegram.h"
#include "lib/util.h"
#include "storage/backup.h"
#include "storage/csv.h"
#include "storage/store.h"

#define MAIN_DEFAULT_CONFIG "/etc/bjjbot/bot.conf"
#define MAIN_FALLBACK_CONFIG "bot.conf"
#define MAIN_DEMO_DB "bjjbot-demo.db"

static void main_usage(FILE *fp)
{
	fputs("usage: bjjbot [-c FILE] [run]            run the bot\n"
	    "       bjjbot [-c FILE] check [--full]     validate the config and the database\n"
	    "                                          (--full: read every page of the database)\n"
	    "       bjjbot [-c FILE] migrate            apply database migrations and exit\n"
	    "       bjjbot [-c FILE] console --as USER_ID|owner\n"
	    "                                          talk to the bot from this terminal\n"
	    "       bjjbot [-c FILE] export DIR         write every table as CSV files into DIR\n"
	    "       bjjbot [-c FILE] import students FILE.csv\n"
	    "                                          add students from a CSV file (all or nothing)\n"
	    "       bjjbot [-c FILE] backup [PATH]      back the database up now (into [backup] dir)\n"
	    "       bjjbot [-c FILE] restore FILE       check a backup and put it in place (bot stopped)\n"
	    "       bjjbot config sample               print a bot.conf with every setting, its default\n"
	    "                                          and what it does\n"
	    "       bjjbot demo [--db FILE] [--lang ru|en]\n"
	    "                                          a sample academy in the console, no token needed\n"
	    "       bjjbot --version | --help\n"
	    "\n"
	    "The config defaults to " MAIN_DEFAULT_CONFIG ", then ./" MAIN_FALLBACK_CONFIG ".\n"
	    "Environment: BJJBOT_TOKEN, BJJBOT_API_URL, DATABASE_URL (sqlite:///path), LOG_LEVEL.\n", fp);
}

static const char *main_config_path(const char *given)
{
	if (given)
		return given;
	if (access(MAIN_DEFAULT_CONFIG, F_OK) == 0)
		return MAIN_DEFAULT_CONFIG;
	return MAIN_FALLBACK_CONFIG;
}

/* Load the config and set up logging and the time zone. 0 or -1. */
static int main_setup(struct config *cfg, const char *path, int need_token)
{
	char err[512];

	if (cfg_load(cfg, path, need_token, err, sizeof(err)) != 0) {
		fprintf(stderr, "bjjbot: %s\n", err);
		return -1;
	}
	log_set_level(cfg->log_level);
	if (cfg->log_file && log_open(cfg->log_file) != 0) {
		fprintf(stderr, "bjjbot: %s: [log] file \"%s\" cannot be opened\n", path, cfg->log_file);
		return -1;
	}
	/* One academy, one zone: local times are shown and typed in it. */
	setenv("TZ", cfg->timezone, 1);
	tzset();
	return 0;
}

/* The folder a setting names must take files. 0 or -1 (reported). */
static int main_check_dir(const char *path, const char *setting, const char *dir)
{
	char why[512];

	if (cfg_dir_usable(dir, why, sizeof(why)) == 0)
		return 0;
	fprintf(stderr, "bjjbot: %s: %s \"%s\" is not a writable directory: %s\n", path, setting, dir, why);
	return -1;
}

static int main_check(const char *path, int full)
{
	struct config cfg;
	char err[512];
	int rc = 1;

	if (main_setup(&cfg, path, 1) != 0)
		goto out;
	if (main_check_dir(path, "[storage] export_dir", cfg.export_dir) != 0 ||
	    main_check_dir(path, "[backup] dir", cfg.backup_dir) != 0)
		goto out;
	/* The api_url may hold the token too (a proxy path): never print it. */
	char *api = cfg_url_redacted(cfg.api_url, cfg.token);
	printf("config %s: ok (token set, hidden; api %s; %d owner(s); time zone %s)\n", path,
	    api, cfg.n_owners, cfg.timezone);
	free(api);
	if (cfg.http_listen != NULL && *cfg.http_listen != '\0')
		printf("http: listens on %s:%d\n", cfg.http_host, cfg.http_port);
	if (cfg.n_owners == 0)
		printf("warning: [telegram] owner_ids is empty: nobody can administer the academy\n");
	if (access(cfg.database, F_OK) != 0) {
		printf("database %s: not created yet (the first run or `bjjbot migrate` creates it)\n", cfg.database);
		rc = 0;
		goto out;
	}
	struct db *db = db_open(cfg.database, err, sizeof(err));
	/* At every start (systemd, the container's health check) in
	 * milliseconds; every page only when asked. */
	if (db == NULL || (full ? db_check(db, err, sizeof(err))
	    : db_check_quick(db, err, sizeof(err))) != 0) {
		fprintf(stderr, "bjjbot: %s\n", err);
		db_close(db);
		goto out;
	}
	printf("database %s: ok (schema %d of %d%s)\n", cfg.database, db_version(db),
	    db_schema_latest(), full ? "; every page read" : "");
	db_close(db);
	rc = 0;
out:
	cfg_release(&cfg);
	return rc;
}

/* Close a shell command's database (db may be NULL) and config; rc. */
static int main_close(struct config *cfg, struct db *db, int rc)
{
	db_close(db);
	cfg_release(cfg);
	return rc;
}

static int main_migrate(const char *path)
{
	struct config cfg;
	struct db *db = NULL;
	char err[512];
	int applied = 0, rc = 1;

	if (main_setup(&cfg, path, 0) != 0)
		goto out;
	if ((db = db_open(cfg.database, err, sizeof(err))) == NULL ||
	    db_migrate(db, &applied, err, sizeof(err)) != 0) {
		fprintf(stderr, "bjjbot: %s\n", err);
		goto out;
	}
	printf("database %s: schema %d (%d migration(s) applied)\n", cfg.database, db_version(db), applied);
	rc = 0;
out:
	return main_close(&cfg, db, rc);
}

/* Free memory glibc keeps at the top of the heap (main_run). */
#define MAIN_TRIM_THRESHOLD (1024 * 1024)

static int main_run(const char *path)
{
	struct config cfg;
	char err[512];
	int rc = 1, lock;

	if (main_setup(&cfg, path, 1) != 0)
		goto out;
	/* Each batch of updates frees a few hundred KiB at the top of the
	 * heap (its JSON, its replies) and the next takes them again: past
	 * glibc's 128 KiB the pages went back to the kernel after every batch
	 * and were faulted in anew (about five page faults per update). Kept,
	 * they cost no peak memory: the heap reached that size already. */
	mallopt(M_TRIM_THRESHOLD, MAIN_TRIM_THRESHOLD);
	if ((lock = app_lock(cfg.database, err, sizeof(err))) < 0) {
		fprintf(stderr, "bjjbot: %s\n", err);
		goto out;
	}
	/* The lock file also keeps the record of a crash (batch.h). */
	if (batch_crash_arm(lock) == 0)
		rc = app_run(&cfg);
	close(lock);
out:
	cfg_release(&cfg);
	return rc;
}

/* Console and demo share this: open, migrate, talk. */
static int main_talk(struct config *cfg, int64_t as_id, int demo)
{
	struct h_env env;
	char err[512];
	struct db *db = app_open_db(cfg, err, sizeof(err));
	int rc;

	if (db == NULL) {
		fprintf(stderr, "bjjbot: %s\n", err);
		return 1;
	}
	app_env_init(&env, cfg, db);
	char *username = NULL;
	if (db_state_get_text(db, "bot_username", &username) == DB_ERROR) {
		db_close(db);
		return 1;
	}
	/* NULL until the bot has run once: invites then show the code, never
	 * a made-up bot name. */
	env.bot_username = username;
	if (demo && demo_seed(&env) != 0) {
		fprintf(stderr, "bjjbot: cannot fill the demo database\n");
		free(username);
		db_close(db);
		return 1;
	}
	if (demo)
		printf("Demo academy \"%s\" in %s: two months of classes, plans and payments.\n"
		    "You are the owner: try /help, /students, /student #1, /revenue, /report, "
		    "/eligible, /sell #5 unlimited cash.\n"
		    "!as %d: trainer Rafael — /attendance, then !press 1 to tap a name.\n"
		    "!as %d: student Ivan — /balance, /schedule, /checkin, /belt.\n"
		    "!as 777: a newcomer. !as owner to come back, !quit to leave.\n\n",
		    cfg->academy_name, cfg->database, DEMO_TRAINER_TG, DEMO_STUDENT_TG);
	rc = console_run(&env, as_id, stdin, stdout, demo);
	free(username);
	db_close(db);
	return rc;
}

static int main_console(const char *path, int argc, char **argv)
{
	struct config cfg;
	int64_t as_id = 0;
	int rc = 2;

	if (argc != 3 || strcmp(argv[1], "--as") != 0) {
		fprintf(stderr, "bjjbot: console needs --as USER_ID|owner\n");
		main_usage(stderr);
		return 2;
	}
	if (main_setup(&cfg, path, 0) != 0) {
		cfg_release(&cfg);
		return 1;
	}
	if (strcmp(argv[2], "owner") == 0) {
		if (cfg.n_owners == 0) {
			/* The config is at fault, not the command line. */
			fprintf(stderr, "bjjbot: %s: [telegram] owner_ids is empty, so there is no owner to act as\n", path);
			rc = 1;
			goto out;
		}
		as_id = cfg.owner_ids[0];
	} else if (parse_i64(argv[2], &as_id) != 0 || as_id <= 0) {
		fprintf(stderr, "bjjbot: console --as \"%s\": expected a Telegram user id or \"owner\"\n", argv[2]);
		goto out;
	}
	rc = main_talk(&cfg, as_id, 0);
out:
	cfg_release(&cfg);
	return rc;
}

/* Open the database of the config at path for a shell command. */
static struct db *main_open(struct config *cfg, const char *path)
{
	char err[512];
	struct db *db;

	if (main_setup(cfg, path, 0) != 0)
		return NULL;
	if ((db = app_open_db(cfg, err, sizeof(err))) == NULL)
		fprintf(stderr, "bjjbot: %s\n", err);
	return db;
}

static int main_export(const char *path, int argc, char **argv)
{
	struct config cfg;
	struct csv_file *files = NULL;
	struct db *db;
	char err[512];
	size_t n = 0;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "bjjbot: export needs a folder: bjjbot export DIR\n");
		main_usage(stderr);
		return 2;
	}
	if ((db = main_open(&cfg, path)) == NULL)
		goto out;
	if (db_csv_export(db, argv[1], clock_now(), &files, &n, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "bjjbot: export: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\t%lld rows\n", files[i].path, (long long)files[i].rows);
	rc = 0;
out:
	csv_files_free(files, n);
	return main_close(&cfg, db, rc);
}

static int main_import(const char *path, int argc, char **argv)
{
	struct config cfg;
	struct db *db;
	char *problems = NULL;
	int imported = 0, rc = 1;

	if (argc != 3 || strcmp(argv[1], "students") != 0) {
		fprintf(stderr, "bjjbot: import needs what and a file: bjjbot import students FILE.csv\n"
		    "The first line of the file names the columns, in any order: %s\n"
		    "and optionally: %s\n", CSV_STUDENT_COLUMNS, CSV_STUDENT_OPTIONAL);
		return 2;
	}
	if ((db = main_open(&cfg, path)) == NULL)
		goto out;
	if (db_students_import(db, argv[2], clock_now(), &imported, &problems) != DB_OK) {
		fputs(problems ? problems : "bjjbot: import failed\n", stderr);
		fprintf(stderr, "nothing was imported\n");
		goto out;
	}
	/* Actor 0: the shell. */
	if (imported > 0)
		db_audit(db, clock_now(), 0, "student.import", "student", 0, argv[2]);
	printf("imported %d students\n", imported);
	rc = 0;
out:
	free(problems);
	return main_close(&cfg, db, rc);
}

static int main_backup(const char *path, int argc, char **argv)
{
	struct config cfg;
	struct backups *b = NULL;
	struct db *db;
	int rc = 1, step;

	if (argc > 2) {
		fprintf(stderr, "bjjbot: backup takes at most a file name: bjjbot backup [PATH]\n");
		return 2;
	}
	if ((db = main_open(&cfg, path)) == NULL)
		goto out;
	/* The same job as the nightly one: verified, and with the folder's
	 * retention when it goes into [backup] dir. */
	b = backups_new(db, cfg.backup_dir, cfg.keep_days, cfg.keep_weeks);
	if (backups_start(b, clock_now(), argc == 2 ? argv[1] : NULL) != 0)
		goto out;
	while ((step = backups_step(b)) > 0)
		;
	if (step < 0 || backups_last(b) == NULL)
		goto out;
	printf("%s\n", backups_last(b));
	rc = 0;
out:
	backups_free(b);
	return main_close(&cfg, db, rc);
}

/* The files of one SQLite database in WAL mode. */
static const char *const main_db_suffixes[] = { "", "-wal", "-shm" };

static void main_unlink_db(const char *database)
{
	for (size_t i = 0; i < BJJ_ARRAY_LEN(main_db_suffixes); i++) {
		char *p = xasprintf("%s%s", database, main_db_suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* Rename a database with its -wal and -shm files (absent ones are fine):
 * a WAL left behind would be replayed into the file put in its place. */
static int main_move_db(const char *from, const char *to)
{
	int rc = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(main_db_suffixes) && rc == 0; i++) {
		char *a = xasprintf("%s%s", from, main_db_suffixes[i]);
		char *b = xasprintf("%s%s", to, main_db_suffixes[i]);
		if (rename(a, b) != 0 && (i == 0 || errno != ENOENT)) {
			fprintf(stderr, "bjjbot: cannot move \"%s\" to \"%s\": %s\n", a, b, strerror(errno));
			rc = -1;
		}
		free(a);
		free(b);
	}
	return rc;
}

/*
 * Put a verified backup in place of the database. The bot must be
 * stopped (its lock is taken here); the replaced database is kept beside
 * it as <database>.replaced-YYYYMMDD-HHMMSS (with its -wal and -shm).
 */
static int main_restore(const char *path, int argc, char **argv)
{
	struct config cfg;
	struct db *db = NULL;
	char err[512], stamp[32];
	char *aside = NULL;
	int rc = 1, lock = -1, version = 0;
	time_t now = time(NULL);

	if (argc != 2) {
		fprintf(stderr, "bjjbot: restore needs a backup file: bjjbot restore FILE\n");
		return 2;
	}
	if (main_setup(&cfg, path, 0) != 0)
		goto out;
	if ((lock = app_lock(cfg.database, err, sizeof(err))) < 0) {
		fprintf(stderr, "bjjbot: cannot restore while the bot runs: %s\n", err);
		goto out;
	}
	if (db_verify_file(argv[1], &version, err, sizeof(err)) != 0) {
		fprintf(stderr, "bjjbot: not restoring: %s\n", err);
		goto out;
	}
	if (access(cfg.database, F_OK) == 0) {
		/* Set aside as it is, with its WAL, never opened: a damaged
		 * database (the usual reason to restore) may not open, and
		 * SQLite deletes the WAL, the latest commits, of one that fails
		 * to. The set opens again under its new name. */
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", localtime(&now));
		aside = xasprintf("%s.replaced-%s", cfg.database, stamp);
		if (main_move_db(cfg.database, aside) != 0)
			goto out;
	}
	/* An older backup is brought up to this binary's schema. */
	if (db_copy_file(argv[1], cfg.database, err, sizeof(err)) != 0 ||
	    (db = app_open_db(&cfg, err, sizeof(err))) == NULL || db_check(db, err, sizeof(err)) != 0) {
		fprintf(stderr, "bjjbot: restoring failed: %s\n", err);
		db_close(db);
		db = NULL;
		/* Leave things as they were: the previous database back in place. */
		main_unlink_db(cfg.database);
		if (aside && main_move_db(aside, cfg.database) == 0)
			fprintf(stderr, "bjjbot: the previous database is back in place\n");
		goto out;
	}
	printf("restored %s into %s (schema %d)%s%s\n", argv[1], cfg.database, db_version(db),
	    aside ? "; the replaced database is kept as " : "", aside ? aside : "");
	rc = 0;
out:
	db_close(db);
	if (lock >= 0)
		close(lock);
	free(aside);
	cfg_release(&cfg);
	return rc;
}

/* `config sample`: reads no config, so it works before there is one. */
static int main_config(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "sample") != 0) {
		fprintf(stderr, "bjjbot: config needs what to print: bjjbot config sample\n");
		main_usage(stderr);
		return 2;
	}
	cfg_write_sample(stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

static int main_demo(int argc, char **argv)
{
	struct config cfg;
	const char *db = MAIN_DEMO_DB, *lang = "en";
	char err[512];
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc &&
		    h_lang_by_code(argv[i + 1]) >= 0) {
			lang = argv[++i];
		} else {
			fprintf(stderr, "bjjbot: demo: unexpected \"%s\"\n", argv[i]);
			main_usage(stderr);
			return 2;
		}
	}
	/* A fresh academy every time: the demo never touches real data. */
	main_unlink_db(db);
	cfg_defaults(&cfg);
	free(cfg.database);
	cfg.database = xstrdup(db);
	free(cfg.language);
	cfg.language = xstrdup(lang);
	free(cfg.academy_name);
	cfg.academy_name = xstrdup("Demo BJJ Academy");
	cfg.owner_ids[0] = DEMO_OWNER_ID;
	cfg.n_owners = 1;
	cfg.log_level = LOG_WARN;
	log_set_level(LOG_WARN);
	if (cfg_validate(&cfg, 0, err, sizeof(err)) != 0) {
		fprintf(stderr, "bjjbot: %s\n", err);
		cfg_release(&cfg);
		return 1;
	}
	rc = main_talk(&cfg, DEMO_OWNER_ID, 1);
	cfg_release(&cfg);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *cmd;
	int ch;

	tg_json_init();
	/* '+': stop at the subcommand; its own options are parsed by it. */
	while ((ch = getopt_long(argc, argv, "+c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			main_usage(stdout);
			return 0;
		case 'V':
			printf("bjjbot %s\n", BJJBOT_VERSION);
			return 0;
		default:
			main_usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	cmd = argc > 0 ? argv[0] : "run";
	if (strcmp(cmd, "demo") == 0)
		return main_demo(argc, argv);
	if (strcmp(cmd, "config") == 0)
		return main_config(argc, argv);
	const char *path = main_config_path(config);
	if (strcmp(cmd, "console") == 0)
		return main_console(path, argc, argv);
	if (strcmp(cmd, "export") == 0)
		return main_export(path, argc, argv);
	if (strcmp(cmd, "import") == 0)
		return main_import(path, argc, argv);
	if (strcmp(cmd, "backup") == 0)
		return main_backup(path, argc, argv);
	if (strcmp(cmd, "restore") == 0)
		return main_restore(path, argc, argv);
	if (strcmp(cmd, "check") == 0 && argc == 2 && strcmp(argv[1], "--full") == 0)
		return main_check(path, 1);
	if (argc > 1) {
		fprintf(stderr, "bjjbot: %s: unexpected argument \"%s\"\n", cmd, argv[1]);
		main_usage(stderr);
		return 2;
	}
	if (strcmp(cmd, "run") == 0)
		return main_run(path);
	if (strcmp(cmd, "check") == 0)
		return main_check(path, 0);
	if (strcmp(cmd, "migrate") == 0)
		return main_migrate(path);
	fprintf(stderr, "bjjbot: unknown command \"%s\"\n", cmd);
	main_usage(stderr);
	return 2;
}
