/*
 * log.h — one line per event: "2026-11-28T10:00:00Z info  tg: message".
 * To stderr or a file given to log_open; log_reopen re-opens the file
 * (SIGHUP, for logrotate). Never pass a URL containing the bot token.
 */
#ifndef BJJ_LOG_H
#define BJJ_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* "debug|info|warn|error" -> level; -1 when unknown. */
int log_level_parse(const char *s);
const char *log_level_name(enum log_level l);
void log_set_level(enum log_level l);
enum log_level log_get_level(void);
/* path NULL or "" or "stderr" means stderr; a file it creates is 0600
 * whatever the umask (an existing one keeps its mode). 0 ok, -1 (errno). */
int log_open(const char *path);
int log_reopen(void);
void log_close(void);

void log_msg(enum log_level l, const char *module, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_debug(m, ...) log_msg(LOG_DEBUG, m, __VA_ARGS__)
#define log_info(m, ...) log_msg(LOG_INFO, m, __VA_ARGS__)
#define log_warn(m, ...) log_msg(LOG_WARN, m, __VA_ARGS__)
#define log_error(m, ...) log_msg(LOG_ERROR, m, __VA_ARGS__)

#endif
