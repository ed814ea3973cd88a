/*
 * test.h - the assertions of memjit's language tests.
 *
 * Every test program includes this file and is compiled twice: by gcc, as
 * the reference, and by memjit. run_lang.sh compares the two runs' output
 * and exit status, so each check prints its expression and value: a wrong
 * value shows up both as a failure counted here and as a diff.
 *
 * This header is itself compiled by memjit's front end, so it sticks to
 * tier-one C: no structs, no variadic functions of our own, only printf.
 */
#include <stdio.h>
#include <string.h>

#define ASSERT(expected, expr) \
    test_check_int((long long)(expected), (long long)(expr), #expr, __LINE__)
#define ASSERT_U(expected, expr) \
    test_check_uint((unsigned long long)(expected), \
                    (unsigned long long)(expr), #expr, __LINE__)
#define ASSERT_F(expected, expr) \
    test_check_double((double)(expected), (double)(expr), #expr, __LINE__)
#define ASSERT_S(expected, expr) \
    test_check_str((expected), (expr), #expr, __LINE__)

int test_failures;
int test_checks;

void test_check_int(long long expected, long long actual, const char *code,
                    int line);
void test_check_uint(unsigned long long expected, unsigned long long actual,
                     const char *code, int line);
void test_check_double(double expected, double actual, const char *code,
                       int line);
void test_check_str(const char *expected, const char *actual,
                    const char *code, int line);
int test_done(void);

void test_check_int(long long expected, long long actual, const char *code,
                    int line)
{
    test_checks++;
    if (expected == actual) {
        printf("%s => %lld\n", code, actual);
        return;
    }
    test_failures++;
    printf("FAIL line %d: %s => %lld expected, but got %lld\n", line, code,
           expected, actual);
}

void test_check_uint(unsigned long long expected, unsigned long long actual,
                     const char *code, int line)
{
    test_checks++;
    if (expected == actual) {
        printf("%s => %llu\n", code, actual);
        return;
    }
    test_failures++;
    printf("FAIL line %d: %s => %llu expected, but got %llu\n", line, code,
           expected, actual);
}

/* Exact comparison on purpose: both compilers must round the same way.
 * Tests that compute inexact results compare with a tolerance themselves. */
void test_check_double(double expected, double actual, const char *code,
                       int line)
{
    test_checks++;
    if (expected == actual) {
        printf("%s => %.17g\n", code, actual);
        return;
    }
    test_failures++;
    printf("FAIL line %d: %s => %.17g expected, but got %.17g\n", line, code,
           expected, actual);
}

void test_check_str(const char *expected, const char *actual,
                    const char *code, int line)
{
    test_checks++;
    if (strcmp(expected, actual) == 0) {
        printf("%s => \"%s\"\n", code, actual);
        return;
    }
    test_failures++;
    printf("FAIL line %d: %s => \"%s\" expected, but got \"%s\"\n", line,
           code, expected, actual);
}

/* Prints the summary; main returns its result. */
int test_done(void)
{
    if (test_failures) {
        printf("%d of %d checks FAILED\n", test_failures, test_checks);
        return 1;
    }
    printf("OK: %d checks\n", test_checks);
    return 0;
}
