/*
 * util.h — the leaf helpers every layer may use, one header each:
 * alloc.h (allocation that aborts on out-of-memory, arrays that grow),
 * buf.h (a growable string), text.h (HTML, UTF-8, splitting, phones,
 * codes, numbers), clock.h (the one clock), file.h (private files).
 *
 * Like all of lib/, they depend on nothing else of ours (only libc), so
 * every layer may include them. This umbrella keeps older files working;
 * new code includes the header it uses.
 */
#ifndef BJJ_UTIL_H
#define BJJ_UTIL_H

#include "lib/alloc.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/file.h"
#include "lib/text.h"

#endif
