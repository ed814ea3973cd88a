#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, i == 0 ? (strstr(argv[0], "exit_status.c") ? "exit_status.c" : argv[0]) : argv[i]);
    return argc + 40;
}
