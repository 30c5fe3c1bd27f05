/*
 * log.c — timestamped log lines to stderr or a file. The file is opened in
 * append mode and re-opened on SIGHUP (log_reopen) so logrotate can move
 * it. A log file the bot creates is 0600 whatever the umask: lines name
 * people. Single-threaded: no locking.
 */
#include "lib/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum log_level log_level = LOG_INFO;
static FILE *log_fp;        /* NULL: stderr */
static char *log_path;

static const char *const log_names[] = { "debug", "info", "warn", "error" };

int log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, log_names[i]) == 0)
			return i;
	return -1;
}

const char *log_level_name(enum log_level l)
{
	return (unsigned)l < 4 ? log_names[l] : "?";
}

void log_set_level(enum log_level l)
{
	log_level = l;
}

enum log_level log_get_level(void)
{
	return log_level;
}

/* Open path for appending, line-buffered. A file made here is exactly
 * 0600 (the umask may take bits away, never add them back: fchmod); one
 * that exists keeps the mode its owner gave it. NULL on failure (errno). */
static FILE *log_file_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *fp;

	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if ((fp = fdopen(fd, "a")) == NULL) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	setvbuf(fp, NULL, _IOLBF, 0);
	return fp;
}

int log_open(const char *path)
{
	log_close();
	if (path == NULL || *path == '\0' || strcmp(path, "stderr") == 0)
		return 0;
	FILE *fp = log_file_open(path);
	if (fp == NULL)
		return -1;
	log_fp = fp;
	log_path = strdup(path);
	return 0;
}

int log_reopen(void)
{
	if (log_path == NULL)
		return 0;
	FILE *fp = log_file_open(log_path);
	if (fp == NULL)
		return -1;
	fclose(log_fp);
	log_fp = fp;
	return 0;
}

void log_close(void)
{
	if (log_fp)
		fclose(log_fp);
	log_fp = NULL;
	free(log_path);
	log_path = NULL;
}

void log_msg(enum log_level l, const char *module, const char *fmt, ...)
{
	char ts[32];
	struct timespec now;
	struct tm tm;
	FILE *fp = log_fp ? log_fp : stderr;
	va_list ap;

	if (l < log_level)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(fp, "%s.%03ldZ %-5s %s: ", ts, now.tv_nsec / 1000000L, log_level_name(l), module);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
	fflush(fp);
}
