/*
 * store.h — the storage aggregates that have no header of their own
 * elsewhere, all at once: bot state, the outbox, Telegram users, people,
 * the audit log and picks, the notification log and reminder answers,
 * invite codes. One header per aggregate beside its .c file; this
 * umbrella keeps older files working, new code includes the header it
 * uses.
 */
#ifndef BJJ_STORE_H
#define BJJ_STORE_H

#include "storage/audit.h"
#include "storage/invites.h"
#include "storage/notify.h"
#include "storage/outbox.h"
#include "storage/people.h"
#include "storage/state.h"
#include "storage/tg_users.h"

#endif
