/*
 * http.c — libcurl multi-socket driven by libev.
 *
 * libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION, mapped
 * to one ev_io per socket) and when to call it back (CURLMOPT_TIMERFUNCTION,
 * mapped to one ev_timer). libev tells us when a socket is ready and we hand
 * it to curl_multi_socket_action, then drain CURLMSG_DONE messages. A
 * timeout of 0 from libcurl is not acted on inside its callback: the
 * ev_timer fires on the next loop iteration instead, because libcurl must
 * not be re-entered from its own callbacks.
 *
 * Finished easy handles are kept (up to HTTP_IDLE_EASY) and reset for the
 * next request, and the two header lists are the client's, so a request
 * costs few allocations: the sender makes one per reply.
 */
#include "bot/http.h"

#include <curl/curl.h>
#include <ev.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"

#define HTTP_IDLE_EASY 16

struct http_client {
	struct ev_loop *loop;
	CURLM *multi;
	ev_timer timer;
	struct http_req *reqs;     /* doubly linked list of requests in flight */
	struct http_sock *socks;   /* doubly linked list of watched sockets */
	int pending;
	CURL *idle[HTTP_IDLE_EASY]; /* finished easy handles, owned */
	int n_idle;
	/* "Expect: 100-continue" would cost a round trip on larger bodies. */
	struct curl_slist *hdr_form, *hdr_json; /* owned */
};

struct http_sock {
	ev_io io;                  /* first member: the watcher is the struct */
	curl_socket_t fd;
	struct http_client *c;
	struct http_sock *prev, *next;
};

struct http_req {
	struct http_client *c;
	CURL *easy;
	curl_mime *mime;
	char *post;                /* request body (JSON), owned */
	struct buf body;           /* response body */
	http_done_cb cb;
	void *arg;
	struct http_req *prev, *next;
};

static void http_check_done(struct http_client *c);

/* The client's two lists (sockets, requests) are doubly linked through
 * prev and next: x goes in at the head, or out from wherever it is. */
#define HTTP_LIST_PUSH(head, x) do { \
	(x)->next = (head); \
	if ((head) != NULL) \
		(head)->prev = (x); \
	(head) = (x); \
} while (0)
#define HTTP_LIST_UNLINK(head, x) do { \
	if ((x)->prev) \
		(x)->prev->next = (x)->next; \
	else \
		(head) = (x)->next; \
	if ((x)->next) \
		(x)->next->prev = (x)->prev; \
} while (0)

/* Free a request that was never started. */
static void http_req_discard(struct http_req *r)
{
	struct http_client *c = r->c;

	if (c->n_idle < HTTP_IDLE_EASY)
		c->idle[c->n_idle++] = r->easy;
	else
		curl_easy_cleanup(r->easy);
	curl_mime_free(r->mime);
	free(r->post);
	buf_release(&r->body);
	free(r);
}

/* Unlink and free a started request. */
static void http_req_free(struct http_req *r)
{
	struct http_client *c = r->c;

	curl_multi_remove_handle(c->multi, r->easy);
	HTTP_LIST_UNLINK(c->reqs, r);
	c->pending--;
	http_req_discard(r);
}

static void http_sock_free(struct http_client *c, struct http_sock *s)
{
	ev_io_stop(c->loop, &s->io);
	HTTP_LIST_UNLINK(c->socks, s);
	free(s);
}

static void http_io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct http_sock *s = (struct http_sock *)w;
	/* curl_multi_socket_action may close the socket and free s. */
	struct http_client *c = s->c;
	int action = (revents & EV_READ ? CURL_CSELECT_IN : 0) |
	    (revents & EV_WRITE ? CURL_CSELECT_OUT : 0);
	int running;

	(void)loop;
	curl_multi_socket_action(c->multi, s->fd, action, &running);
	http_check_done(c);
}

static void http_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct http_client *c = w->data;
	int running;

	(void)loop;
	(void)revents;
	curl_multi_socket_action(c->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	http_check_done(c);
}

/* CURLMOPT_TIMERFUNCTION: (re)arm the one timer; never call libcurl here. */
static int http_multi_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct http_client *c = userp;

	(void)multi;
	ev_timer_stop(c->loop, &c->timer);
	if (timeout_ms >= 0) {
		ev_timer_set(&c->timer, (double)timeout_ms / 1000.0, 0.);
		ev_timer_start(c->loop, &c->timer);
	}
	return 0;
}

/* CURLMOPT_SOCKETFUNCTION: watch, re-watch or forget one socket. */
static int http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *sockp)
{
	struct http_client *c = userp;
	struct http_sock *s = sockp;

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		if (s) {
			http_sock_free(c, s);
			curl_multi_assign(c->multi, fd, NULL);
		}
		return 0;
	}
	int events = (what & CURL_POLL_IN ? EV_READ : 0) | (what & CURL_POLL_OUT ? EV_WRITE : 0);
	if (s == NULL) {
		s = xcalloc(1, sizeof(*s));
		s->fd = fd;
		s->c = c;
		HTTP_LIST_PUSH(c->socks, s);
		curl_multi_assign(c->multi, fd, s);
	} else {
		ev_io_stop(c->loop, &s->io);
	}
	ev_io_init(&s->io, http_io_cb, fd, events);
	ev_io_start(c->loop, &s->io);
	return 0;
}

static size_t http_write_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct http_req *r = userdata;
	size_t n = size * nmemb;

	/* A Bot API answer is small; refuse a runaway body rather than grow forever. */
	if (r->body.len + n > 64u * 1024 * 1024)
		return 0;
	buf_add(&r->body, ptr, n);
	return n;
}

static void http_check_done(struct http_client *c)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(c->multi, &left)) != NULL) {
		struct http_req *r = NULL;
		struct http_resp resp = { 0 };

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		resp.transport_ok = msg->data.result == CURLE_OK;
		/* curl_easy_strerror names the failure, never the URL (token). */
		resp.error = resp.transport_ok ? NULL : curl_easy_strerror(msg->data.result);
		curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &resp.status);
		if (!resp.transport_ok)
			resp.status = 0;
		resp.body = buf_str(&r->body);
		resp.len = r->body.len;
		http_done_cb cb = r->cb;
		void *arg = r->arg;
		/* Take the request out of the multi handle before the callback so
		 * the callback may start new requests (it must not free the
		 * client: the request is freed after it returns). */
		curl_multi_remove_handle(c->multi, r->easy);
		cb(&resp, arg);
		http_req_free(r);
	}
}

struct http_client *http_client_new(struct ev_loop *loop)
{
	struct http_client *c = xcalloc(1, sizeof(*c));

	c->loop = loop;
	c->multi = curl_multi_init();
	if (c->multi == NULL) {
		log_error("http", "curl_multi_init failed");
		free(c);
		return NULL;
	}
	ev_timer_init(&c->timer, http_timer_cb, 0., 0.);
	c->timer.data = c;
	c->hdr_form = curl_slist_append(NULL, "Expect:");
	c->hdr_json = curl_slist_append(curl_slist_append(NULL, "Expect:"),
	    "Content-Type: application/json");
	curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, http_socket_cb);
	curl_multi_setopt(c->multi, CURLMOPT_SOCKETDATA, c);
	curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, http_multi_timer_cb);
	curl_multi_setopt(c->multi, CURLMOPT_TIMERDATA, c);
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, 16L);
	return c;
}

void http_client_free(struct http_client *c)
{
	if (c == NULL)
		return;
	while (c->reqs)
		http_req_free(c->reqs);
	ev_timer_stop(c->loop, &c->timer);
	while (c->n_idle > 0)
		curl_easy_cleanup(c->idle[--c->n_idle]);
	curl_slist_free_all(c->hdr_form);
	curl_slist_free_all(c->hdr_json);
	curl_multi_cleanup(c->multi);
	/* Watchers of connections libcurl closed without telling us. */
	while (c->socks)
		http_sock_free(c, c->socks);
	free(c);
}

static struct http_req *http_req_new(struct http_client *c, const char *url, long timeout_s,
    http_done_cb cb, void *arg)
{
	struct http_req *r = xcalloc(1, sizeof(*r));

	r->c = c;
	r->cb = cb;
	r->arg = arg;
	if (c->n_idle > 0) {
		r->easy = c->idle[--c->n_idle];
		curl_easy_reset(r->easy);
	} else if ((r->easy = curl_easy_init()) == NULL) {
		free(r);
		return NULL;
	}
	curl_easy_setopt(r->easy, CURLOPT_URL, url);
	curl_easy_setopt(r->easy, CURLOPT_PRIVATE, r);
	curl_easy_setopt(r->easy, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(r->easy, CURLOPT_WRITEDATA, r);
	/* In the bot's time: shorter under a test time scale (clock_span). */
	curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, (long)(clock_span((double)timeout_s) * 1000.0));
	curl_easy_setopt(r->easy, CURLOPT_CONNECTTIMEOUT_MS, (long)(clock_span(10.0) * 1000.0));
	curl_easy_setopt(r->easy, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(r->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->easy, CURLOPT_USERAGENT, "bjjbot/" BJJBOT_VERSION);
	return r;
}

static struct http_req *http_req_start(struct http_client *c, struct http_req *r,
    struct curl_slist *headers)
{
	curl_easy_setopt(r->easy, CURLOPT_HTTPHEADER, headers);
	HTTP_LIST_PUSH(c->reqs, r);
	c->pending++;
	if (curl_multi_add_handle(c->multi, r->easy) != CURLM_OK) {
		log_error("http", "cannot start a request");
		http_req_free(r);
		return NULL;
	}
	return r;
}

struct http_req *http_post_json(struct http_client *c, const char *url, const char *json,
    long timeout_s, http_done_cb cb, void *arg)
{
	struct http_req *r = http_req_new(c, url, timeout_s, cb, arg);

	if (r == NULL)
		return NULL;
	r->post = xstrdup(json);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDS, r->post);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDSIZE, (long)strlen(r->post));
	return http_req_start(c, r, c->hdr_json);
}

struct http_req *http_post_form(struct http_client *c, const char *url,
    const struct http_field *fields, size_t n, long timeout_s, http_done_cb cb, void *arg)
{
	struct http_req *r = http_req_new(c, url, timeout_s, cb, arg);

	if (r == NULL)
		return NULL;
	r->mime = curl_mime_init(r->easy);
	for (size_t i = 0; i < n; i++) {
		curl_mimepart *part = curl_mime_addpart(r->mime);
		curl_mime_name(part, fields[i].name);
		if (fields[i].file) {
			if (curl_mime_filedata(part, fields[i].file) != CURLE_OK) {
				log_error("http", "cannot read upload file \"%s\"", fields[i].file);
				http_req_discard(r);
				return NULL;
			}
			if (fields[i].filename)
				curl_mime_filename(part, fields[i].filename);
		} else {
			curl_mime_data(part, fields[i].value ? fields[i].value : "", CURL_ZERO_TERMINATED);
		}
	}
	curl_easy_setopt(r->easy, CURLOPT_MIMEPOST, r->mime);
	return http_req_start(c, r, c->hdr_form);
}

void http_cancel(struct http_req *r)
{
	if (r)
		http_req_free(r);
}
