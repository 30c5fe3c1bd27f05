/*
 * json_match.h — one assertion for a JSON body: every key and value of
 * an expected subset, written as JSON text, is in the body and equal.
 * Instead of a run of cJSON_GetObjectItem + assert lines a test writes
 *
 *	hx_json_match(body, "{'total':2,'payments':[{'id':%lld},{}]}", id);
 *
 * Built into the bjj_test_support library (json_match.c); a mismatch
 * fails the running cmocka test naming its path ("$.payments[0].id").
 */
#ifndef BJJ_TESTS_JSON_MATCH_H
#define BJJ_TESTS_JSON_MATCH_H

#include <stdarg.h>

#include <cjson/cJSON.h>

/* The expected text is printf's format over the arguments, then JSON
 * with ' standing for " (write \\u0027 for an apostrophe):
 * - an object matches an object holding each of its keys with a
 *   matching value (other keys are not looked at; {} matches any object);
 * - an array matches an array of the same length, item by item;
 * - a string, a number, true, false and null match only themselves. */
void hx_json_match(const cJSON *json, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* hx_json_match for a wrapper that takes the format's arguments. */
void hx_json_vmatch(const cJSON *json, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
