/*
 * bench_batch.c — how fast the bot applies updates: batches of 100
 * getUpdates results (owners adding students, students asking /balance
 * and /schedule) through the real batch, router, handlers and a WAL
 * database with synchronous=FULL on disk, one transaction (one fsync) per
 * batch. Prints numbers; asserts nothing (timing is for people to read,
 * not for CI to judge on a shared machine).
 *
 *   bench_batch [BATCHES]    (default 50)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bot/batch.h"
#include "bot/log.h"
#include "bot/util.h"
#include "storage/store.h"

#define BENCH_BATCH 100

static cJSON *bench_update(int64_t id, int64_t from, const char *text)
{
	char json[512];
	snprintf(json, sizeof(json),
	    "{\"update_id\":%lld,\"message\":{\"message_id\":1,\"date\":0,"
	    "\"chat\":{\"id\":%lld,\"type\":\"private\"},"
	    "\"from\":{\"id\":%lld,\"is_bot\":false,\"first_name\":\"U\",\"language_code\":\"en\"},"
	    "\"text\":\"%s\"}}", (long long)id, (long long)from, (long long)from, text);
	return cJSON_Parse(json);
}

int main(int argc, char **argv)
{
	int batches = argc > 1 ? atoi(argv[1]) : 50;
	char path[64], err[256], text[128];
	static const int64_t owners[] = { 100 };
	struct h_env env;
	int64_t last = 0, id = 1000, rows = 0;
	double worst = 0, t0, t;

	if (batches <= 0)
		batches = 50;
	log_set_level(LOG_WARN);
	snprintf(path, sizeof(path), "/tmp/bjj-bench-%d.db", (int)getpid());
	struct db *db = db_open(path, err, sizeof(err));
	if (db == NULL || db_migrate(db, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	memset(&env, 0, sizeof(env));
	env.db = db;
	env.bot_username = "bench_bot";
	env.owner_ids = owners;
	env.n_owners = 1;
	env.academy_name = "Bench Academy";
	env.currency = "RUB";
	env.default_lang = LANG_EN;
	env.invite_days = 7;
	env.checkin_before = 60;
	env.checkin_after = 30;
	env.schedule_days = 14;

	t0 = clock_mono();
	for (int b = 0; b < batches; b++) {
		cJSON *arr = cJSON_CreateArray();
		for (int i = 0; i < BENCH_BATCH; i++, id++) {
			if (i % 4 == 0) {
				snprintf(text, sizeof(text), "/addstudent Student%lld Bench +7900%07lld",
				    (long long)id, (long long)id);
				cJSON_AddItemToArray(arr, bench_update(id, 100, text));
			} else {
				cJSON_AddItemToArray(arr, bench_update(id, 200 + i, i % 2 ? "/help" : "/schedule"));
			}
		}
		t = clock_mono();
		if (batch_apply(&env, arr, &last, NULL, NULL) != BENCH_BATCH) {
			fprintf(stderr, "bench: batch %d failed\n", b);
			return 1;
		}
		t = clock_mono() - t;
		if (t > worst)
			worst = t;
		cJSON_Delete(arr);
	}
	double total = clock_mono() - t0;
	db_outbox_count(db, &rows);
	printf("bench_batch: %d batches of %d updates (1 in 4 writes a student), WAL, synchronous=FULL\n",
	    batches, BENCH_BATCH);
	printf("  %.0f updates/s, %.2f ms per batch on average, %.2f ms worst, %lld replies queued\n",
	    batches * BENCH_BATCH / total, total * 1000.0 / batches, worst * 1000.0, (long long)rows);
	db_close(db);
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char p[80];
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
	return 0;
}
