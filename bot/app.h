/*
 * app.h — the pieces every subcommand shares (config → database → handler
 * environment) and the daemon itself (app_run).
 */
#ifndef BJJ_APP_H
#define BJJ_APP_H

#include <stddef.h>

#include "bot/config.h"
#include "handlers/handlers.h"

struct db;

/* Open cfg->database and apply pending migrations. NULL with the reason
 * in err. */
struct db *app_open_db(const struct config *cfg, char *err, size_t errlen);
/* Fill env from cfg (strings borrowed from cfg). */
void app_env_init(struct h_env *env, const struct config *cfg, struct db *db);
/*
 * Take the single-poller lock "<database>.lock" for the life of the
 * process. Returns the fd (keep it open), or -1 with the reason in err
 * (another bjjbot runs on this database).
 */
int app_lock(const char *database, char *err, size_t errlen);

/* Run the bot until SIGTERM/SIGINT (exit code 0) or a fatal error (1). */
int app_run(struct config *cfg);

#endif
