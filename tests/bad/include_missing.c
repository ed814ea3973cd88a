// expect: 2:10: error: no_such_header.h
#include "no_such_header.h"
int x;
