/*
 * openapi.c — GET /api/v1/openapi.yaml: the API's description
 * (http/openapi.yaml, built into the binary by http/embed.cmake), open
 * to anyone who reaches the port, like /healthz.
 */
#include "http/web.h"

extern const char web_openapi_yaml[];
extern const size_t web_openapi_yaml_len;

void web_openapi(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	(void)env;
	(void)rq;
	buf_truncate(&rp->body, 0);
	buf_add(&rp->body, web_openapi_yaml, web_openapi_yaml_len);
	rp->status = 200;
	rp->content_type = "application/yaml";
}
