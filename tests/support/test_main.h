/*
 * test_main.h — the main() every unit test file ends with: its cmocka
 * entries (cmocka_unit_test, HF_TEST, ...) run in the order given, as one
 * group without group set-up. Header only; include after <cmocka.h>.
 *
 *	BJJ_TEST_MAIN(
 *		cmocka_unit_test(test_parse),
 *		HF_TEST(test_command),
 *	)
 */
#ifndef BJJ_TESTS_TEST_MAIN_H
#define BJJ_TESTS_TEST_MAIN_H

#define BJJ_TEST_MAIN(...) \
int main(void) \
{ \
	const struct CMUnitTest tests[] = { __VA_ARGS__ }; \
	return cmocka_run_group_tests(tests, NULL, NULL); \
}

#endif
