/*
 * file.c — files and folders private to the bot (see file.h).
 */
#include "lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/alloc.h"

int file_create_private(const char *path, int excl)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (excl ? O_EXCL : O_TRUNC), 0600);

	/* The umask can only take bits away: set the mode exactly. */
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int dir_create_private(const char *dir)
{
	if (mkdir(dir, 0700) != 0)
		return errno == EEXIST ? 0 : -1;
	return chmod(dir, 0700);
}

int dirs_create_private(const char *dir)
{
	char *copy = xstrdup(dir);
	int rc = 0, e;

	for (char *p = copy + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = dir_create_private(copy);
		*p = '/';
	}
	e = errno;
	free(copy);
	if (rc != 0) {
		errno = e;
		return -1;
	}
	return dir_create_private(dir);
}
