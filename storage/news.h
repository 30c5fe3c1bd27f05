/*
 * news.h — talking beyond the members: guests' messages to the academy
 * (leads) with the owners' answers, and the owner's announcements with
 * the students each one reaches.
 *
 * Callers: handlers/news.c.
 */
#ifndef BJJ_NEWS_H
#define BJJ_NEWS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* A guest's message; strings owned (lead_release). */
struct lead {
	int64_t id;
	int64_t tg_id;
	char *first_name;          /* as Telegram gave them; may be NULL */
	char *last_name;
	char *username;
	char *text;
	int64_t created_at;
	int64_t answered_at;       /* 0: not answered yet */
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void lead_release(struct lead *l);
void leads_free(struct lead *v, size_t n);

/* Store l (id, answered_at ignored); *id may be NULL. */
int db_lead_add(struct db *db, const struct lead *l, int64_t *id);
/* DB_NOTFOUND when there is no lead id. */
int db_lead_get(struct db *db, int64_t id, struct lead *out);
/* The newest max leads, newest first; *out owned (leads_free). */
int db_leads_recent(struct db *db, size_t max, struct lead **out, size_t *n);
/* Record that tg_id `by` answered lead id with text at now (the latest
 * answer wins). DB_NOTFOUND when there is no such lead. */
int db_lead_answered(struct db *db, int64_t id, int64_t by, const char *text, int64_t now);

/* Owner tg_id is writing the answer to lead_id (the Reply button);
 * replaces what they were answering before. */
int db_lead_reply_start(struct db *db, int64_t tg_id, int64_t lead_id, int64_t now);
/* The lead tg_id started answering at or after since: DB_OK with
 * *lead_id, DB_NOTFOUND when none. */
int db_lead_reply_get(struct db *db, int64_t tg_id, int64_t since, int64_t *lead_id);
/* tg_id is not answering any more (absent is fine). */
int db_lead_reply_end(struct db *db, int64_t tg_id);

/* Who an announcement is for. */
enum news_audience {
	NEWS_ALL = 1,              /* every active student */
	NEWS_CLASS = 2,            /* regulars of weekly class arg */
	NEWS_KIDS = 3,             /* born after year arg */
	NEWS_ENDING = 4,           /* an active plan ending in (now, arg] */
};
/* An active student in an audience and whether a message can reach them. */
struct news_member {
	int64_t student_id;
	int64_t tg_id;             /* 0: not linked to Telegram */
	int reachable;             /* 0: blocked the bot */
	int remind;                /* 0: /remind off */
};
/*
 * The active students of audience (enum news_audience) with its arg, at
 * now, by id. Regulars came (present or late) to a class of the weekly
 * class in the 28 days before now; a plan ending soon does not count when
 * the student already bought a later one. *out owned (free()).
 */
int db_news_audience(struct db *db, int audience, int64_t arg, int64_t now,
    struct news_member **out, size_t *n);

/* An announcement; text owned (announcement_release). */
struct announcement {
	int64_t id;
	int audience;              /* enum news_audience */
	int64_t arg;               /* the class id, or days for NEWS_ENDING */
	char *text;
	int64_t created_by;
	int64_t created_at;
	int64_t sent_at;           /* 0: waits for the owner's confirmation */
};
void announcement_release(struct announcement *a);
/* Store a (id and sent_at ignored: it waits); *id may be NULL. */
int db_announcement_add(struct db *db, const struct announcement *a, int64_t *id);
/* DB_NOTFOUND when there is no announcement id. */
int db_announcement_get(struct db *db, int64_t id, struct announcement *out);
/* Mark waiting announcement id sent at now to `recipients` students;
 * DB_NOTFOUND when there is none waiting (sent already, or deleted). */
int db_announcement_sent(struct db *db, int64_t id, int64_t now, int recipients);
/* Forget waiting announcement id (the owner cancelled it); DB_NOTFOUND
 * when there is none waiting. */
int db_announcement_drop(struct db *db, int64_t id);

#endif
