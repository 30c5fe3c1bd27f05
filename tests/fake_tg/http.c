/*
 * fake_tg/http.c — the HTTP/1.1 server: connections and request
 * parsing. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- HTTP connections ---- */

void ft_conn_close(struct ft_conn *c, const char *why)
{
	if (c->dead)
		return;
	if (c->held && c->call) {
		struct ft_call *call = c->call;
		if (!call->status)
			snprintf(call->outcome + strlen(call->outcome),
			    sizeof call->outcome - strlen(call->outcome),
			    "%sclient closed after %.1fs", call->outcome[0] ? ", " : "", ft_now() - call->t);
	}
	ft_verbose("%s: connection %d closed (%s)", c->bot->name, c->fd, why);
	ev_io_stop(g.loop, &c->rw);
	ev_io_stop(g.loop, &c->ww);
	ev_timer_stop(g.loop, &c->timer);
	if (close(c->fd) != 0)
		fprintf(stderr, "fake_tg: close: %s\n", strerror(errno));
	c->fd = -1;
	c->dead = 1;
	c->held = FT_HOLD_NONE;
	c->call = NULL;
	/* Unlink now, free later: callers up the stack may still hold c. */
	for (struct ft_conn **pp = &g.conns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->next = g.graveyard;
	g.graveyard = c;
}

void ft_conn_free_dead(void)
{
	while (g.graveyard) {
		struct ft_conn *c = g.graveyard;
		g.graveyard = c->next;
		buf_release(&c->in);
		buf_release(&c->out);
		free(c);
	}
}

static void ft_conn_flush(struct ft_conn *c)
{
	while (!c->dead && c->out.len) {
		ssize_t n = send(c->fd, c->out.s, c->out.len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				ev_io_start(g.loop, &c->ww);
				return;
			}
			ft_conn_close(c, strerror(errno));
			return;
		}
		ft_buf_consume(&c->out, (size_t)n);
	}
	if (c->dead)
		return;
	ev_io_stop(g.loop, &c->ww);
	if (c->close_after)
		ft_conn_close(c, "response sent, closing as asked");
}

static void ft_conn_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	ft_conn_flush(w->data);
}

static const char *ft_status_text(int status)
{
	switch (status) {
	case 100: return "Continue";
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Status";
	}
}

/*
 * Queue one HTTP response. declared_len > len cuts the body short on
 * purpose (the "truncate" fault): the connection is then closed.
 */
void ft_conn_send(struct ft_conn *c, struct ft_call *call, int status, const char *ctype,
    const char *body, size_t len, size_t declared_len)
{
	if (c->dead)
		return;
	buf_addf(&c->out, "HTTP/1.1 %d %s\r\nServer: fake_tg\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nConnection: %s\r\n\r\n",
	    status, ft_status_text(status), ctype, declared_len,
	    c->close_after ? "close" : "keep-alive");
	buf_add(&c->out, body, len);
	if (declared_len > len)
		c->close_after = 1;
	if (call) {
		call->status = status;
		call->t_resp = ft_now();
		ft_verbose("%s <- %s %d %.*s", c->bot->name, call->method, status,
		    (int)(len > 600 ? 600 : len), body);
	}
	ft_conn_flush(c);
}

static void ft_conn_json(struct ft_conn *c, struct ft_call *call, int status, cJSON *root)
{
	char *s = cJSON_PrintUnformatted(root);
	if (!s)
		abort();
	size_t n = strlen(s);
	ft_conn_send(c, call, status, "application/json", s, n, n);
	cJSON_free(s);
}

void ft_reply_ok(struct ft_conn *c, struct ft_call *call, cJSON *result)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddBoolToObject(root, "ok", 1);
	cJSON_AddItemToObject(root, "result", result ? result : cJSON_CreateTrue());
	if (call) {
		call->ok = 1;
		if (!call->outcome[0])
			snprintf(call->outcome, sizeof call->outcome, "ok");
	}
	ft_conn_json(c, call, 200, root);
	cJSON_Delete(root);
}

void ft_reply_err(struct ft_conn *c, struct ft_call *call, int code, const char *desc, int retry_after)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddBoolToObject(root, "ok", 0);
	cJSON_AddNumberToObject(root, "error_code", code);
	cJSON_AddStringToObject(root, "description", desc);
	if (retry_after > 0) {
		cJSON *par = cJSON_AddObjectToObject(root, "parameters");
		cJSON_AddNumberToObject(par, "retry_after", retry_after);
	}
	if (call) {
		size_t l = strlen(call->outcome);
		snprintf(call->outcome + l, sizeof call->outcome - l, "%s%d %s",
		    l ? ", " : "", code, desc);
	}
	ft_conn_json(c, call, code, root);
	cJSON_Delete(root);
}

static void ft_conn_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	struct ft_conn *c = w->data;
	char chunk[65536];
	for (;;) {
		ssize_t n = recv(c->fd, chunk, sizeof chunk, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			ft_conn_close(c, strerror(errno));
			return;
		}
		if (n == 0) {
			ft_conn_close(c, "peer closed");
			return;
		}
		if (c->in.len + (size_t)n > FT_MAX_HEADER + (size_t)FT_MAX_BODY) {
			ft_conn_close(c, "request too large");
			return;
		}
		buf_add(&c->in, chunk, (size_t)n);
	}
	ft_conn_process(c);
}

void ft_accept_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)revents;
	struct ft_bot *b = w->data;
	for (;;) {
		int fd = accept4(b->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED)
				fprintf(stderr, "fake_tg: accept: %s\n", strerror(errno));
			return;
		}
		struct ft_conn *c = xcalloc(1, sizeof *c);
		c->fd = fd;
		c->bot = b;
		ev_io_init(&c->rw, ft_conn_read_cb, fd, EV_READ);
		ev_io_init(&c->ww, ft_conn_write_cb, fd, EV_WRITE);
		ev_init(&c->timer, ft_conn_timer_cb);
		c->rw.data = c->ww.data = c->timer.data = c;
		c->next = g.conns;
		g.conns = c;
		ev_io_start(loop, &c->rw);
		ft_verbose("%s: connection %d accepted", b->name, fd);
	}
}

/* ---- Request parsing ---- */

static int ft_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

static char *ft_url_decode(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[o++] = ' ';
		} else if (s[i] == '%' && i + 2 < n && ft_hexval((unsigned char)s[i + 1]) >= 0 &&
		    ft_hexval((unsigned char)s[i + 2]) >= 0) {
			d[o++] = (char)(ft_hexval((unsigned char)s[i + 1]) * 16 + ft_hexval((unsigned char)s[i + 2]));
			i += 2;
		} else {
			d[o++] = s[i];
		}
	}
	d[o] = '\0';
	return d;
}

/* a=1&b=2 into string members of obj (JSON-valued strings stay strings). */
static void ft_parse_form(cJSON *obj, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		const char *eq = memchr(s + i, '=', j - i);
		if (eq) {
			char *k = ft_url_decode(s + i, (size_t)(eq - (s + i)));
			char *v = ft_url_decode(eq + 1, (size_t)(s + j - eq - 1));
			cJSON_DeleteItemFromObjectCaseSensitive(obj, k);
			cJSON_AddStringToObject(obj, k, v);
			free(k);
			free(v);
		}
		i = j + 1;
	}
}

/* multipart/form-data: plain fields become strings, files {filename,size}. */
static void ft_parse_multipart(cJSON *obj, const char *ctype, const char *body, size_t n)
{
	const char *bp = strcasestr(ctype, "boundary=");
	if (!bp)
		return;
	bp += 9;
	char boundary[256];
	size_t bl = 0;
	if (*bp == '"')
		bp++;
	boundary[bl++] = '-';
	boundary[bl++] = '-';
	while (*bp && *bp != '"' && *bp != ';' && bl + 1 < sizeof boundary)
		boundary[bl++] = *bp++;
	boundary[bl] = '\0';
	const char *p = memmem(body, n, boundary, bl);
	while (p) {
		p += bl;
		if ((size_t)(body + n - p) >= 2 && p[0] == '-' && p[1] == '-')
			break;
		const char *hend = memmem(p, (size_t)(body + n - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		const char *data = hend + 4;
		const char *next = memmem(data, (size_t)(body + n - data), boundary, bl);
		if (!next)
			break;
		size_t dlen = (size_t)(next - data);
		if (dlen >= 2 && data[dlen - 2] == '\r' && data[dlen - 1] == '\n')
			dlen -= 2;
		char *hdr = xstrndup(p, (size_t)(hend - p));
		char *name = NULL, *filename = NULL;
		char *np = strcasestr(hdr, " name=\"");
		if (!np)
			np = strcasestr(hdr, ";name=\"");
		if (np) {
			np += 7;
			char *e = strchr(np, '"');
			if (e)
				name = xstrndup(np, (size_t)(e - np));
		}
		char *fp = strcasestr(hdr, "filename=\"");
		if (fp) {
			fp += 10;
			char *e = strchr(fp, '"');
			if (e)
				filename = xstrndup(fp, (size_t)(e - fp));
		}
		if (name) {
			cJSON_DeleteItemFromObjectCaseSensitive(obj, name);
			if (filename) {
				cJSON *f = cJSON_AddObjectToObject(obj, name);
				cJSON_AddStringToObject(f, "filename", filename);
				cJSON_AddNumberToObject(f, "size", (double)dlen);
			} else {
				char *v = xstrndup(data, dlen);
				cJSON_AddStringToObject(obj, name, v);
				free(v);
			}
		}
		free(hdr);
		free(name);
		free(filename);
		p = next;
	}
}

/* Case-insensitive header lookup in the header block [h, end). */
static int ft_header(const char *h, const char *end, const char *name, char *out, size_t outlen)
{
	size_t nl = strlen(name);
	const char *p = h;
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			size_t vl = (size_t)(eol - v);
			if (vl >= outlen)
				vl = outlen - 1;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return 1;
		}
		p = eol + 2;
	}
	return 0;
}

/* Answer a protocol-level problem and drop the connection. */
static void ft_conn_refuse(struct ft_conn *c, int status, const char *why)
{
	char body[256];
	int n = snprintf(body, sizeof body, "{\"ok\":false,\"error_code\":%d,\"description\":\"%s\"}", status, why);
	c->close_after = 1;
	ft_verbose("%s: refusing request: %d %s", c->bot->name, status, why);
	ft_conn_send(c, NULL, status, "application/json", body, (size_t)n, (size_t)n);
}

/* Parse as many complete requests as are buffered (one at a time). */
void ft_conn_process(struct ft_conn *c)
{
	while (!c->dead && !c->held && !c->close_after && c->in.len) {
		char *hend = memmem(c->in.s, c->in.len, "\r\n\r\n", 4);
		if (!hend) {
			if (c->in.len > FT_MAX_HEADER)
				ft_conn_refuse(c, 431, "Request Header Fields Too Large");
			return;
		}
		size_t hlen = (size_t)(hend - c->in.s) + 4;
		const char *eol = memmem(c->in.s, hlen, "\r\n", 2);
		char line[2048];
		size_t ll = (size_t)(eol - c->in.s);
		if (ll >= sizeof line) {
			ft_conn_refuse(c, 400, "Bad Request: request line too long");
			return;
		}
		memcpy(line, c->in.s, ll);
		line[ll] = '\0';
		char verb[16], target[1900], version[16];
		if (sscanf(line, "%15s %1899s %15s", verb, target, version) != 3 || strncmp(version, "HTTP/1.", 7) != 0) {
			ft_conn_refuse(c, 400, "Bad Request: malformed request line");
			return;
		}
		const char *hstart = eol + 2;
		char val[512];
		if (ft_header(hstart, hend + 2, "Transfer-Encoding", val, sizeof val)) {
			/* Real servers accept chunked; curl never sends it to us, so
			 * seeing it means something changed: say so loudly. */
			ft_conn_refuse(c, 411, "Length Required: chunked request bodies are not supported by fake_tg");
			return;
		}
		long long clen = 0;
		if (ft_header(hstart, hend + 2, "Content-Length", val, sizeof val)) {
			char *e;
			errno = 0;
			clen = strtoll(val, &e, 10);
			if (errno || e == val || clen < 0) {
				ft_conn_refuse(c, 400, "Bad Request: bad Content-Length");
				return;
			}
		}
		if (clen > FT_MAX_BODY) {
			ft_conn_refuse(c, 413, "Payload Too Large");
			return;
		}
		if (c->in.len < hlen + (size_t)clen) {
			if (!c->sent_continue && ft_header(hstart, hend + 2, "Expect", val, sizeof val) &&
			    strcasecmp(val, "100-continue") == 0) {
				c->sent_continue = 1;
				buf_adds(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
				ft_conn_flush(c);
			}
			return;
		}
		char ctype[512] = "";
		ft_header(hstart, hend + 2, "Content-Type", ctype, sizeof ctype);
		if (ft_header(hstart, hend + 2, "Connection", val, sizeof val) && strcasecmp(val, "close") == 0)
			c->close_after = 1;

		struct ft_call *call = xcalloc(1, sizeof *call);
		ft_grow(&g.calls, &g.cap_calls, g.n_calls + 1, sizeof *g.calls);
		g.calls[g.n_calls++] = call;
		call->seq = (int)g.n_calls;
		call->t = ft_now();
		call->bot = c->bot;
		call->run = c->bot->starts;
		call->body = ft_memdup(c->in.s + hlen, (size_t)clen);
		ft_buf_consume(&c->in, hlen + (size_t)clen);
		c->sent_continue = 0;

		/* /bot<token>/<method>[?query] */
		char *query = strchr(target, '?');
		if (query)
			*query++ = '\0';
		call->params = cJSON_CreateObject();
		if (query)
			ft_parse_form(call->params, query, strlen(query));
		if (strncmp(target, "/bot", 4) != 0) {
			snprintf(call->method, sizeof call->method, "(bad path)");
			ft_reply_err(c, call, 404, "Not Found", 0);
			continue;
		}
		char *slash = strchr(target + 4, '/');
		if (!slash) {
			snprintf(call->method, sizeof call->method, "(no method)");
			ft_reply_err(c, call, 404, "Not Found", 0);
			continue;
		}
		*slash = '\0';
		snprintf(call->method, sizeof call->method, "%s", slash + 1);
		if (strcmp(target + 4, FT_TOKEN) != 0) {
			ft_reply_err(c, call, 401, "Unauthorized", 0);
			continue;
		}
		if (clen > 0) {
			if (strncasecmp(ctype, "application/json", 16) == 0) {
				/* As Telegram: one object and nothing after it. */
				const char *end = NULL;
				cJSON *j = cJSON_ParseWithLengthOpts(call->body, (size_t)clen, &end, 0);
				while (j != NULL && end < call->body + clen && isspace((unsigned char)*end))
					end++;
				if (!cJSON_IsObject(j) || end != call->body + clen) {
					cJSON_Delete(j);
					ft_reply_err(c, call, 400, "Bad Request: can't parse JSON object", 0);
					continue;
				}
				cJSON *it = j->child;
				while (it) {
					cJSON *nx = it->next;
					cJSON_DetachItemViaPointer(j, it);
					cJSON_DeleteItemFromObjectCaseSensitive(call->params, it->string);
					cJSON_AddItemToObject(call->params, it->string, it);
					it = nx;
				}
				cJSON_Delete(j);
			} else if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
				ft_parse_form(call->params, call->body, (size_t)clen);
			} else if (strncasecmp(ctype, "multipart/form-data", 19) == 0) {
				ft_parse_multipart(call->params, ctype, call->body, (size_t)clen);
			}
		}
		cJSON *chat = cJSON_GetObjectItemCaseSensitive(call->params, "chat_id");
		if (chat && ft_json_i64(chat, &call->chat) == 0)
			call->has_chat = 1;
		cJSON *text = cJSON_GetObjectItemCaseSensitive(call->params, "text");
		if (!cJSON_IsString(text))
			text = cJSON_GetObjectItemCaseSensitive(call->params, "caption");
		if (cJSON_IsString(text) && text->valuestring)
			call->text = xstrdup(text->valuestring);
		ft_verbose("%s -> %s %.2000s", c->bot->name, call->method, call->body[0] ? call->body : "(no body)");
		if (strcmp(call->method, "getUpdates") == 0)
			c->bot->polls++;
		ft_api(c, call, 1);
	}
}
