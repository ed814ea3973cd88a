#include <limits.h>
#define SQ(x) ((x) * (x))
#define NEG -
#define CAT(a, b) a##b
int a = SQ(3) + NEG-1;
#ifdef FROM_COMMAND_LINE
int b = FROM_COMMAND_LINE, c = CAT(1, 2);
#endif



#include "inc/helper.h"
int d = INT_MAX;
