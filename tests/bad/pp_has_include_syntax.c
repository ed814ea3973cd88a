// expect: 3:5: error: missing '(' or ')' after "__has_include"
#define X 1
#if __has_include(stdio.h)
#endif
int x;
