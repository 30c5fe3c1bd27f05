/*
 * fake_tg.h — the parts of fake_tg, a fake Telegram Bot API server and the
 * end-to-end scenario runner for bjjbot, in one single-threaded C11 program.
 *
 * Why one program: the scenario steps ("user 200 > /help", "bot 200 <
 * ~commands") and the HTTP server share one state (queued updates, recorded
 * calls, injected faults) and must interleave deterministically. The runner
 * executes the steps in order; whenever a step has to wait, it turns the
 * libev loop, so the server keeps answering the bot while the runner waits.
 * Every wait has a deadline, so a broken bot fails a scenario, never hangs it.
 *
 * The server speaks just enough HTTP/1.1 for libcurl: keep-alive, several
 * connections, Content-Length bodies, "Expect: 100-continue"; chunked
 * request bodies are refused with 411. It implements the Bot API methods
 * bjjbot uses, long polling with Telegram's offset/redelivery rules, the
 * checks of the real server that catch real bugs (HTML entity parsing, the
 * 4096-character limit, 64-byte callback_data, "message is not modified",
 * stale callback query ids), and injected faults (HTTP errors with
 * retry_after, dropped, reset, hanging and delayed requests, non-JSON and
 * cut-off bodies).
 *
 * Each bot instance gets its own listening port, so every request is
 * attributed to the instance that made it (needed when two bots run at once).
 *
 * Usage: fake_tg --bot PATH --scenario FILE --workdir DIR [--time-scale N] [-v]
 * The scenario language is documented in tests/scenarios/README.md.
 * The parts (tests/fake_tg/), which share this header's state g:
 *   common.c    small helpers, the shared state, failure reporting
 *   check.c     the text checker: what Telegram refuses (HTML, lengths)
 *               and the scenarios' reply patterns
 *   http.c      the HTTP/1.1 server: connections, request parsing
 *   api.c       the Bot API emulator: updates, long polling, the methods
 *   bots.c      the supervisor: the bots as child processes, the loop as
 *               the runner turns it, dumps for failures
 *   scenario.c  the scenario interpreter: words, users and updates,
 *               expectations on replies, faults
 *   steps.c     the scenario steps: process control, waits, assertions
 *   main.c      the step table, reading a scenario, main
 * Allocation, buffers and the monotonic clock are the project's own
 * (lib/util.h); the checks of what the bot sends are written afresh, so
 * that they do not share the code they judge.
 *
 * Exit status: 0 when every step passed, 1 on a failure, 2 on a usage error.
 */
#ifndef FT_FAKE_TG_H
#define FT_FAKE_TG_H

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <netinet/in.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <ev.h>

#include "lib/util.h"

#define FT_TOKEN "123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123"
/* The secret half of the token: it must never show up in a bot log. */
#define FT_TOKEN_SECRET "TEST-token-abcdefghijklmnopqrstuvwxyz0123"
#define FT_BOT_ID 999
#define FT_BOT_USERNAME "bjj_test_bot"

#define FT_WAIT_DEFAULT 10.0    /* a reply, a call, an exit */
#define FT_WAIT_NEGATIVE 2.0    /* "nothing like this arrives" */
#define FT_WAIT_START 15.0      /* spawn to first getUpdates (sanitizer builds are slow) */
#define FT_WAIT_STOP 15.0       /* SIGTERM to exit, including the outbox drain */
#define FT_TICK 0.01            /* the runner re-checks its conditions this often */
#define FT_MAX_HEADER (64 * 1024)
#define FT_MAX_BODY (64 * 1024 * 1024)
#define FT_TEXT_LIMIT 4096
#define FT_CALLBACK_DATA_LIMIT 64
#define FT_LOG_TAIL_LINES 40
#define FT_CALLS_DUMP 60
/* Timestamps are taken on our side of the socket; allow for that slack
 * (in the bots' time), and never less than FT_TIME_SLACK_REAL seconds. */
#define FT_TIME_SLACK 0.1
#define FT_TIME_SLACK_REAL 0.05
/* The bots' clock runs this many times faster unless a scenario or
 * --time-scale says otherwise (see "Time" in tests/scenarios/README.md). */
#define FT_TIME_SCALE 10.0
/* Telegram's flood limits, when a scenario turns them on ("limits on"):
 * messages overall in any second, and per chat a bucket of FT_LIMIT_BURST
 * refilled at FT_LIMIT_CHAT_RATE a second (short bursts are tolerated). */
#define FT_LIMIT_GLOBAL 30
#define FT_LIMIT_CHAT_RATE 1.0
#define FT_LIMIT_BURST 4.0

enum ft_hold { FT_HOLD_NONE, FT_HOLD_POLL, FT_HOLD_HANG, FT_HOLD_DELAY };

struct ft_bot {
	char name[32];
	int lfd;
	ev_io lw;
	int port;
	pid_t pid;
	int running;
	int exited;
	int status;            /* waitpid status of the last exit */
	int ever_started;
	int must_run;          /* an exit now is unexpected: fail */
	int polls;             /* getUpdates calls since the last start */
	int starts;            /* how many times it was started */
	double t_start, t_exit;
	char conf[PATH_MAX + 64];
	char log[PATH_MAX + 64];
	off_t log_from;        /* where this run's output starts in log */
};

struct ft_call {
	int seq;
	int run;               /* its bot's start count when the call came */
	double t, t_resp;
	struct ft_bot *bot;
	char method[64];
	char *body;            /* raw request body */
	cJSON *params;
	int has_chat;
	int64_t chat;
	char *text;            /* text or caption, NULL when absent */
	int status;            /* HTTP status answered, 0 when none (yet) */
	int fault;             /* the answer was an injected fault */
	int ok;                /* answered ok:true */
	char outcome[160];
};

struct ft_reply {
	int64_t chat;
	int64_t mid;
	char *text;
	char *buttons;         /* button labels, one per line */
	int kind;              /* 0 send, 1 edit, 2 document */
	int read;
	int call_seq;
	double t;
};

struct ft_msg {
	int64_t chat, mid;
	char *text;
	cJSON *markup;         /* NULL when the message has none */
};

struct ft_user {
	int64_t id;
	char first[128], last[128], username[64], lang[16];
};

enum ft_fault_kind {
	FK_STATUS, FK_DROP, FK_RESET, FK_HANG, FK_NONJSON, FK_TRUNCATE, FK_DELAY
};

struct ft_fault {
	char method[64];       /* "*" matches every method */
	int kind;
	int status;
	int retry_after;       /* 0: none */
	char desc[256];
	int times;             /* -1: always */
	int after;             /* let this many matching calls through first */
	int has_chat;
	int64_t chat;
	double delay;
	int line;
	int used;
};

struct ft_update {
	int64_t id;
	char *json;
	char type[24];
	int delivered;
	int confirmed;
	int skipped;           /* not in allowed_updates */
	double t_queued, t_delivered;
	int line;
};

struct ft_cbq {
	char id[32];
	int answers;
	int line;
};

struct ft_var {
	char name[64];
	char *value;
};

struct ft_cfg {
	char section[64], key[64];
	char *value;           /* NULL: remove the key */
};

struct ft_env {
	char *name, *value;
};

struct ft_conn {
	int fd;
	int dead;
	struct ft_bot *bot;
	ev_io rw, ww;
	ev_timer timer;
	struct buf in, out;
	int held;              /* enum ft_hold */
	struct ft_call *call;  /* the held call */
	int64_t poll_offset;
	int poll_limit;
	int sent_continue;
	int close_after;
	struct ft_conn *next;
};

/* The reply a "bot UID <" step matched last, for "also UID". */
struct ft_last {
	int64_t chat;
	size_t idx;
};

struct ft_line {
	int no;
	char *text;
};

/* A chat's bucket under "limits on". */
struct ft_chat_limit {
	int64_t chat;
	double tokens, at;     /* at: the bots' time */
};

/* Everything the server and the runner share. */
struct ft_global {
	struct ev_loop *loop;
	ev_timer tick;
	ev_prepare prep;
	ev_signal sigint, sigterm;
	const char *bot_path;
	const char *scenario_path;
	const char *scenario_name;
	char workdir[PATH_MAX];
	int verbose;
	double time_scale;     /* BJJBOT_TIME_SCALE given to the bots */
	double time_scale_max; /* --time-scale: at most this (valgrind.sh: 1) */
	int cur_line;
	int steps;
	double t0;
	int interrupted;
	int in_fail;

	struct ft_bot **bots; size_t n_bots, cap_bots;
	struct ft_call **calls; size_t n_calls, cap_calls;
	struct ft_reply *replies; size_t n_replies, cap_replies;
	struct ft_msg *msgs; size_t n_msgs, cap_msgs;
	struct ft_user *users; size_t n_users, cap_users;
	struct ft_fault *faults; size_t n_faults, cap_faults;
	struct ft_update *updates; size_t n_updates, cap_updates;
	struct ft_cbq *cbqs; size_t n_cbqs, cap_cbqs;
	struct ft_var *vars; size_t n_vars, cap_vars;
	struct ft_cfg *cfgs; size_t n_cfgs, cap_cfgs;
	struct ft_env *envs; size_t n_envs, cap_envs;
	struct ft_line *lines; size_t n_lines, cap_lines;
	struct ft_last *lasts; size_t n_lasts, cap_lasts;
	struct ft_conn *conns;
	struct ft_conn *graveyard;

	int limits;            /* "limits on": 429 beyond Telegram's limits */
	double limit_sent[FT_LIMIT_GLOBAL];  /* ring of the last accepted messages' times */
	size_t limit_head, limit_count;
	struct ft_chat_limit *chat_limits; size_t n_chat_limits, cap_chat_limits;

	int64_t next_update_id;
	int64_t next_mid;
	int next_cbq;
	int updates_dirty;
	int allow_message, allow_callback;
	char allowed_desc[256];
};

extern struct ft_global g;

enum ft_pat_kind { FT_PAT_SUB, FT_PAT_RE, FT_PAT_EQ };

struct ft_pat {
	int neg;
	int kind;
	int on_buttons;
	char *src;             /* as written, for messages */
	char *text;
	regex_t re;
	int have_re;
};

/* Small helpers, the shared state, failure reporting (common.c). */
void ft_grow(void *arr, size_t *cap, size_t need, size_t el);
char *ft_memdup(const char *s, size_t n);
void ft_buf_consume(struct buf *b, size_t n);
char *ft_trim(char *s);
double ft_parse_duration(const char *s);
int ft_json_i64(const cJSON *v, int64_t *out);
void ft_buf_snippet(struct buf *b, const char *s, size_t max);
double ft_now(void);
double ft_real(double bot_seconds);
double ft_bot_time(double real_seconds);
__attribute__((format(printf, 1, 2), noreturn))
void ft_fail(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
void ft_verbose(const char *fmt, ...);

/* The text checker (check.c). */
long ft_text_len(const char *s, int html, char *err, size_t errlen);
void ft_pat_release(struct ft_pat *p);
void ft_pat_parse(const char *s, struct ft_pat *p);
int ft_pat_match(const struct ft_pat *p, const char *s, regmatch_t *m, size_t nm);
const char *ft_reply_subject(const struct ft_pat *p, const struct ft_reply *r);

/* The HTTP server (http.c). */
void ft_conn_close(struct ft_conn *c, const char *why);
void ft_conn_free_dead(void);
void ft_conn_send(struct ft_conn *c, struct ft_call *call, int status, const char *ctype,
    const char *body, size_t len, size_t declared_len);
void ft_reply_ok(struct ft_conn *c, struct ft_call *call, cJSON *result);
void ft_reply_err(struct ft_conn *c, struct ft_call *call, int code, const char *desc, int retry_after);
void ft_accept_cb(struct ev_loop *loop, ev_io *w, int revents);
void ft_conn_process(struct ft_conn *c);

/* The Bot API emulator (api.c). */
void ft_conn_timer_cb(struct ev_loop *loop, ev_timer *w, int revents);
void ft_prepare_cb(struct ev_loop *loop, ev_prepare *w, int revents);
cJSON *ft_bot_user_json(void);
char *ft_markup_labels(const cJSON *markup);
void ft_api(struct ft_conn *c, struct ft_call *call, int allow_faults);

/* The supervisor (bots.c). */
void ft_describe_status(int st, char *out, size_t n);
struct ft_bot *ft_bot_find(const char *name);
struct ft_bot *ft_bot_get(const char *name);
void ft_kill_all(void);
void ft_tick_cb(struct ev_loop *loop, ev_timer *w, int revents);
void ft_signal_cb(struct ev_loop *loop, ev_signal *w, int revents);
int ft_wait_for(int (*pred)(void *arg), void *arg, double timeout);
void ft_dump_state(void);
void ft_bot_listen(struct ft_bot *b);
void ft_bot_spawn(struct ft_bot *b);

/* The scenario interpreter: words, users, expectations, faults (scenario.c). */
char *ft_word(char **sp);
double ft_take_within(char *s, const char *kw, double def);
int64_t ft_need_i64(const char *w, const char *what);
void ft_var_set(const char *name, const char *value);
char *ft_substitute(const char *s);
void ft_step_user(char *args);
void ft_step_flood(char *args);
void ft_step_contact(char *args);
void ft_describe_replies(struct buf *b, int64_t chat);
void ft_step_also(char *args);
void ft_step_bot(char *args);
void ft_step_capture(char *args);
void ft_step_silent(char *args);
void ft_step_skip(char *args);
void ft_step_press(char *args);
void ft_step_fault(char *args);

/* The scenario interpreter: process control, waits and assertions (steps.c). */
void ft_step_start(char *args);
int ft_pred_exited(void *arg);
void ft_step_kill(char *args);
void ft_step_term(char *args);
char *ft_read_log(const struct ft_bot *b);
void ft_step_expect(char *args);
void ft_step_stop(char *args);
void ft_step_assert(char *args);
void ft_step_wait(char *args);
void ft_step_updates(char *args);
void ft_step_config(char *args);
void ft_step_env(char *args);
void ft_step_limits(char *args);
void ft_step_report(char *args);
void ft_step_timescale(char *args);
void ft_step_set(char *args);
void ft_step_port(char *args);
void ft_step_run(char *args);

/* The driver (main.c). */
void ft_cleanup(void);

#endif
