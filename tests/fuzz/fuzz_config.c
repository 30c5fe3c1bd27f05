/*
 * fuzz_config.c — bot.conf through cfg_load, with and without a token
 * required. Whatever the file holds, cfg_load answers 0 or -1 with a
 * reason; a token that was read never appears in that reason, nor in the
 * api_url as messages show it (cfg_url_redacted); what it accepts is
 * within the ranges of the settings table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bot/config.h"
#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The environment overrides cfg_load applies after the file. */
static const char *const fz_env_vars[] = {
	"BJJBOT_TOKEN", "BJJBOT_API_URL", "DATABASE_URL", "LOG_LEVEL",
};

static void fz_check_secret(const struct config *cfg, const char *text, const char *what)
{
	/* A token too short to be one may well occur in any text. */
	if (cfg->token != NULL && cfg_token_valid(cfg->token) && strstr(text, cfg->token) != NULL)
		fz_fail("the token shows in the %s: %s", what, text);
}

static void fz_check_loaded(const struct config *cfg)
{
	char *shown = cfg_url_redacted(cfg->api_url, cfg->token);

	fz_check_secret(cfg, shown, "redacted api_url");
	free(shown);
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];
		int v;

		if (o->type != CFG_INT)
			continue;
		memcpy(&v, (const char *)cfg + o->offset, sizeof(v));
		if (v < o->min || v > o->max)
			fz_fail("[%s] %s = %d accepted", o->section, o->key, v);
	}
	if (cfg->n_owners < 0 || cfg->n_owners > CFG_MAX_OWNERS)
		fz_fail("%d owners accepted", cfg->n_owners);
	if (cfg->database == NULL || cfg->export_dir == NULL || cfg->backup_dir == NULL ||
	    cfg->timezone == NULL || cfg->currency == NULL || cfg->language == NULL)
		fz_fail("a setting left without a value");
	if ((cfg->quiet_start < 0) != (cfg->quiet_end < 0))
		fz_fail("quiet hours half set: %d-%d", cfg->quiet_start, cfg->quiet_end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_file(data, size);
	char err[512];

	for (size_t i = 0; i < sizeof fz_env_vars / sizeof fz_env_vars[0]; i++)
		unsetenv(fz_env_vars[i]);
	for (int need_token = 0; need_token <= 1; need_token++) {
		struct config cfg;

		err[0] = '\0';
		if (cfg_load(&cfg, path, need_token, err, sizeof err) == 0)
			fz_check_loaded(&cfg);
		else if (err[0] == '\0')
			fz_fail("cfg_load refused without a reason");
		else
			fz_check_secret(&cfg, err, "error");
		cfg_release(&cfg);
	}
	return 0;
}
