/* An -isystem wrapper of the system's stdio.h: it comes first, and
 * #include_next finds the real one after it. */
#include_next <stdio.h>
#define WRAPPED_STDIO 1
static int warned_in_system_header = {1, 2};   /* gcc is silent here */
