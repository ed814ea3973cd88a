// expect: 2:11: error: missing terminating " character
char *s = "abc;
int x;
