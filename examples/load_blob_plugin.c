/*
 * load_blob_plugin - an ordinary shared object, built by gcc ahead of time
 * (meson: shared_module), that examples/load_blob.c keeps in a database and
 * loads from memory. Nothing here knows about memjit.
 */
#include <math.h>
#include <stdio.h>

/* The exported API; prototypes here because there is no header to share. */
const char *plugin_name(void);
int plugin_version(void);
double plugin_hypot(double x, double y);
int plugin_describe(char *buf, int len, int n);

int plugin_calls;   /* exported variable: the host reads it through a pointer */

const char *plugin_name(void) {
    return "load_blob_plugin";
}

int plugin_version(void) {
    return 3;
}

double plugin_hypot(double x, double y) {
    plugin_calls++;
    return sqrt(x * x + y * y);
}

/* Writes a line about n into buf; returns what snprintf returns. */
int plugin_describe(char *buf, int len, int n) {
    plugin_calls++;
    return snprintf(buf, (size_t)len, "%d is %s, its square is %d",
                    n, n % 2 ? "odd" : "even", n * n);
}
