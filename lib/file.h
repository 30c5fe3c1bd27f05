/*
 * file.h — files and folders private to the bot.
 */
#ifndef BJJ_FILE_H
#define BJJ_FILE_H

/*
 * Files that hold the academy's data (database, exports, backups) are
 * private to the bot whatever the umask: 0600 files in 0700 folders.
 * file_create_private opens path for writing, made (or truncated) with
 * mode exactly 0600; with excl an existing file is an error (EEXIST).
 * Returns the fd or -1 (errno). dir_create_private makes one folder with
 * mode exactly 0700; an existing one is left as it is (0). 0 or -1 (errno).
 */
int file_create_private(const char *path, int excl);
int dir_create_private(const char *dir);
/* mkdir -p dir: every folder it makes is 0700 (dir_create_private).
 * 0, or -1 (errno) when one could not be made. */
int dirs_create_private(const char *dir);

#endif
