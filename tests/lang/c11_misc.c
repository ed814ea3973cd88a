/* C11 odds and ends: _Generic, _Static_assert (also in a struct),
 * _Alignas, _Alignof, _Thread_local, offsetof, __func__, static locals. */
#include <stddef.h>
#include <stdio.h>
#include "test.h"

#define TYPE_NAME(x) _Generic((x), int: "int", unsigned: "unsigned", long: "long", \
    double: "double", float: "float", char *: "char *", const char *: "const char *", \
    default: "other")

struct S {
    char c;
    _Static_assert(sizeof(int) == 4, "int is 4 bytes");
    _Alignas(16) int aligned;
    short s;
};
_Static_assert(_Alignof(struct S) == 16, "struct S is 16-aligned");

_Thread_local int tls_counter = 5;
static _Thread_local long tls_static;
_Alignas(32) char buf32[3];

static int next_id(void)
{
    static int id = 100;
    return ++id;
}

static const char *who(void) { return __func__; }

int main(void)
{
    int i = 0;
    char arr[4];
    const char *cs = "x";
    ASSERT_S("int", TYPE_NAME(i));
    ASSERT_S("unsigned", TYPE_NAME(3u));
    ASSERT_S("long", TYPE_NAME(3L));
    ASSERT_S("double", TYPE_NAME(1.0));
    ASSERT_S("float", TYPE_NAME(1.0f));
    ASSERT_S("char *", TYPE_NAME(arr));
    ASSERT_S("const char *", TYPE_NAME(cs));
    ASSERT_S("other", TYPE_NAME((short)1));
    ASSERT(3, _Generic(i++, int: 3, default: 4));
    ASSERT(0, i);                  /* not evaluated */
    ASSERT(16, sizeof(struct S) - offsetof(struct S, aligned));
    ASSERT(32, sizeof(struct S));
    ASSERT(16, offsetof(struct S, aligned));
    ASSERT(20, offsetof(struct S, s));
    ASSERT(8, _Alignof(double));
    ASSERT(0, (long)buf32 % 32);
    _Alignas(64) int local64 = 1;
    ASSERT(0, (long)&local64 % 64);
    ASSERT(5, tls_counter);
    tls_counter += 2;
    tls_static = 9;
    ASSERT(16, tls_counter + tls_static);
    ASSERT(101, next_id());
    ASSERT(102, next_id());
    ASSERT_S("who", who());
    ASSERT_S("main", __func__);
    return test_done();
}
