/*
 * floor.c — the peak RSS below which the bot cannot go with these
 * libraries: a program that links only libcurl, SQLite, libev and cJSON,
 * measured in three steps, each a fresh process reporting its VmHWM
 * (/proc/self/status; a child's ru_maxrss would include the pages it
 * shared with this parent before its exec):
 *   linked     the libraries loaded, nothing called
 *   curl init  + curl_global_init (OpenSSL's initialisation, libssh2's)
 *   request    + one HTTP request through a curl multi handle to a server
 *                on 127.0.0.1, one row inserted in a WAL database, one
 *                JSON text parsed
 *
 *   bench_floor [--dir DIR]
 *
 * README "Performance" (Peak RSS and cold start) compares the bot's peak
 * with these figures. It prints and asserts nothing about memory.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <ev.h>
#include <sqlite3.h>

enum { FLOOR_LINKED, FLOOR_CURL_INIT, FLOOR_REQUEST, FLOOR_STEPS };

static const char *const floor_names[FLOOR_STEPS] = { "linked", "curl init", "request" };

static size_t floor_discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/* The request step: 0 when the request and the insert worked. */
static int floor_request(const char *url, const char *db_path)
{
	struct ev_loop *loop = ev_default_loop(0);
	CURLM *multi = curl_multi_init();
	CURL *easy = curl_easy_init();
	sqlite3 *db = NULL;
	long code = 0;
	int running = 1, rc;

	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, floor_discard);
	curl_multi_add_handle(multi, easy);
	while (running) {
		if (curl_multi_perform(multi, &running) != CURLM_OK)
			break;
		if (running)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
		ev_run(loop, EVRUN_NOWAIT);
	}
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	rc = sqlite3_open(db_path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS t(a INTEGER PRIMARY KEY, b);"
	    "INSERT INTO t(b) VALUES ('x')", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	cJSON_Delete(cJSON_Parse("{\"ok\":true,\"result\":[{\"update_id\":1}]}"));
	sqlite3_close(db);
	curl_multi_remove_handle(multi, easy);
	curl_easy_cleanup(easy);
	curl_multi_cleanup(multi);
	return rc == 0 && code == 200 ? 0 : -1;
}

/* One step in this process (the child): prints its peak RSS in KiB. */
static int floor_step(int step, const char *url, const char *db_path)
{
	char line[256];
	long hwm = -1;
	FILE *fp;

	if (step >= FLOOR_CURL_INIT && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 1;
	if (step >= FLOOR_REQUEST && floor_request(url, db_path) != 0)
		return 1;
	if ((fp = fopen("/proc/self/status", "r")) == NULL)
		return 1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "VmHWM: %ld", &hwm) == 1)
			break;
	fclose(fp);
	printf("%ld\n", hwm);
	return hwm > 0 ? 0 : 1;
}

/* Run one step in a new process; its peak RSS in KiB, or -1. */
static long floor_run(const char *self, int step, const char *url, const char *db_path)
{
	char stepno[8], out[64] = "";
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	snprintf(stepno, sizeof(stepno), "%d", step);
	if (pipe(fd) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(self, self, "--step", stepno, url, db_path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	n = read(fd[0], out, sizeof(out) - 1);
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0)
		return -1;
	return atol(out);
}

/* A server for one request: answers 200 with a short body, then exits. */
static pid_t floor_serve(int *port)
{
	static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	pid_t pid;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		fprintf(stderr, "bench_floor: listen on 127.0.0.1: %s\n", strerror(errno));
		exit(1);
	}
	*port = ntohs(a.sin_port);
	if ((pid = fork()) == 0) {
		char buf[4096];
		int c = accept(fd, NULL, NULL);
		ssize_t n;
		size_t got = 0;

		/* Read up to the end of the request's headers (it has no body). */
		while (c >= 0 && got < sizeof(buf) - 1 && (n = read(c, buf + got, sizeof(buf) - 1 - got)) > 0) {
			got += (size_t)n;
			buf[got] = '\0';
			if (strstr(buf, "\r\n\r\n") != NULL)
				break;
		}
		if (c >= 0 && write(c, reply, sizeof(reply) - 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(fd);
	return pid;
}

int main(int argc, char **argv)
{
	char dir[256] = "/tmp", db_path[300], url[64], self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int port = 0;

	if (argc == 5 && strcmp(argv[1], "--step") == 0)
		return floor_step(atoi(argv[2]), argv[3], argv[4]);
	if (argc == 3 && strcmp(argv[1], "--dir") == 0)
		snprintf(dir, sizeof(dir), "%s", argv[2]);
	else if (argc != 1) {
		fprintf(stderr, "usage: bench_floor [--dir DIR]\n");
		return 2;
	}
	if (len <= 0)
		return 1;
	self[len] = '\0';
	snprintf(db_path, sizeof(db_path), "%s/bench-floor-%d.db", dir, (int)getpid());
	printf("  peak RSS of a program linking libcurl, SQLite, libev and cJSON only\n");
	for (int step = 0; step < FLOOR_STEPS; step++) {
		pid_t server = step == FLOOR_REQUEST ? floor_serve(&port) : 0;
		long kib;

		snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
		kib = floor_run(self, step, url, db_path);
		if (server > 0) {
			kill(server, SIGTERM);
			waitpid(server, NULL, 0);
		}
		if (kib < 0) {
			fprintf(stderr, "bench_floor: step \"%s\" failed\n", floor_names[step]);
			return 1;
		}
		printf("  %-12s %6.1f MiB\n", floor_names[step], (double)kib / 1024.0);
	}
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char p[320];

		snprintf(p, sizeof(p), "%s%s", db_path, suffix[i]);
		unlink(p);
	}
	return 0;
}
