/*
 * belts.h — what the belt files share: belts.c (belt names, /belt),
 * promote.c (/promote, /eligible), exams.c (/exam, /exams), beltrules.c
 * (/beltrules, /beltrule) and jobs.c (the eligibility and exam jobs).
 * Private to handlers/.
 */
#ifndef BJJ_HANDLERS_BELTS_H
#define BJJ_HANDLERS_BELTS_H

#include <stddef.h>
#include <stdint.h>

#include "handlers/command.h"
#include "storage/belts.h"

/* Names per group in /eligible and its job's message. */
#define H_ELIGIBLE_MAX 25
/* Words a belt's name may span when typed ("red and black belt"). */
#define H_BELT_WORDS_MAX 4

/* The belts table, loaded once per command. */
struct h_belts {
	struct belt *v;
	size_t n;
};

/* What a trainer asked for, checked against the student's facts. */
struct h_promo {
	const struct belt_facts *f;
	const struct belt *to;     /* borrowed from the table */
	int to_stripes;
	int force;                 /* "force" typed, or the button pressed */
	int64_t exam_id;           /* 0: none */
};

/* Load the belts table into *t (h_belts_release it). 0 or -1. */
int h_belts_load(struct h_ctx *ctx, struct h_belts *t);

/* Free *t's rows; *t is empty after. */
void h_belts_release(struct h_belts *t);

/*
 * The belt named by argv[at] and the words after it (a name may span up
 * to H_BELT_WORDS_MAX words: "синий пояс"); the longest match wins.
 * *used gets the number of words; NULL when none names a belt.
 */
const struct belt *h_belt_words(const struct h_belts *t, char *const *argv, size_t argc,
    size_t at, size_t *used);

/* Reply "unknown belt" with the names to choose from, in the user's
 * language. */
int h_belt_unknown(struct h_ctx *ctx, const struct h_belts *t, const char *word);

/* The name of code without the word "belt" of l ("синий"), into b. */
void h_belt_short_add(struct buf *b, enum lang l, const char *code);

/* One line per requirement of s (only the unmet ones when unmet_only). */
void h_reqs_add(struct buf *b, enum lang l, const struct belt_step *s, int unmet_only);

/* The unmet requirements in a few plain English words, for the note of a
 * forced promotion ("months 2/4, classes 10/40"); "" when all are met. */
void h_reqs_note_add(struct buf *b, const struct belt_step *s);

/* The student named by ref, as facts (H_FOUND), else H_REPLIED or H_FAILED. */
enum h_found h_belt_student(struct h_ctx *ctx, const char *ref, struct belt_facts *f);

/* The rank of f's belt is not in the table: say so and how to fix it. */
int h_reply_not_in_table(struct h_ctx *ctx, const struct belt_facts *f);

/*
 * Record req (its rules already judged in s against the table t; demotion when lower) and
 * put the trainer's answer in out. 1 done, 0 stale (the student is no
 * longer at req->f's rank: nothing written), -1 failure.
 */
int h_promote_record(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const struct belt_step *s, int demotion, struct buf *out);

/* One line of /eligible for f stepping by s. */
void h_eligible_line(struct buf *b, enum lang l, const struct belt_facts *f,
    const struct belt_step *s);

#endif
