/*
 * cases.h — cmocka's assertions for table-driven tests: a static array of
 * cases walked by one test function, each case with a name. The macros
 * below make the same assertion as cmocka's and, when it fails, first
 * print the failing case's name (cmocka's own message then names the
 * values and the line). Header only; include after <cmocka.h>.
 */
#ifndef BJJ_TESTS_CASES_H
#define BJJ_TESTS_CASES_H

#include <string.h>

#define case_int_equal(name, a, b) do { \
	LargestIntegralType case_a_ = (LargestIntegralType)(a); \
	LargestIntegralType case_b_ = (LargestIntegralType)(b); \
	if (case_a_ != case_b_) \
		print_error("case \"%s\":\n", (name)); \
	assert_int_equal(case_a_, case_b_); \
} while (0)

#define case_string_equal(name, a, b) do { \
	const char *case_a_ = (a), *case_b_ = (b); \
	if (!case_a_ || !case_b_ || strcmp(case_a_, case_b_) != 0) \
		print_error("case \"%s\":\n", (name)); \
	assert_string_equal(case_a_, case_b_); \
} while (0)

#define case_true(name, c) do { \
	int case_c_ = !!(c); \
	if (!case_c_) \
		print_error("case \"%s\": %s\n", (name), #c); \
	assert_true(case_c_); \
} while (0)

/* haystack holds needle (hf_assert_contains with the case's name). */
#define case_contains(name, haystack, needle) do { \
	const char *case_h_ = (haystack), *case_n_ = (needle); \
	if (case_h_ == NULL || strstr(case_h_, case_n_) == NULL) \
		fail_msg("case \"%s\": expected \"%s\" in \"%s\"", (name), case_n_, \
		    case_h_ ? case_h_ : "(null)"); \
} while (0)

#endif
