/* main(int argc, char **argv): the harness passes "a b c". */
#include <string.h>
#include "test.h"

int main(int argc, char **argv)
{
    ASSERT(4, argc);
    ASSERT(1, argv[0] != 0);
    ASSERT(1, strlen(argv[0]) > 0);
    ASSERT_S("a", argv[1]);
    ASSERT_S("b", argv[2]);
    ASSERT_S("c", argv[3]);
    ASSERT(1, argv[argc] == 0);

    int total = 0;
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = %s\n", i, argv[i]);
        total += argv[i][0];
    }
    ASSERT(294, total);

    /* argv is writable. */
    argv[1][0] = 'A';
    ASSERT_S("A", argv[1]);
    char **p = argv + 1;
    while (*p)
        printf("%s ", *p++);
    printf("\n");

    return test_done();
}
