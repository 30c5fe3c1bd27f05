/*
 * openapi.c — GET /api/v1/openapi.yaml: the API's description
 * (http/openapi.yaml, built into the binary by http/embed.cmake), open
 * to anyone who reaches the port, like /healthz.
 */
#include "http/web.h"

void web_openapi(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	(void)env;
	(void)rq;
	web_reply_file(rp, &web_openapi_files[0]);
}
