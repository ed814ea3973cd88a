#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void *thread_main(void *arg) {
    return (char *)arg + 1;
}

int main(void) {
    pthread_t t;
    void *out;
    char text[] = "xy";
    pthread_create(&t, NULL, thread_main, text);
    pthread_join(t, &out);
    struct stat st;
#ifdef WRAPPED_STDIO
    printf("wrapped %d\n", warned_in_system_header);
#endif
    printf("%s %d\n", (char *)out, stat(".", &st) == 0 && S_ISDIR(st.st_mode));
    return 0;
}
