// expect: 2:11: error: stray '@' in program
int x = 1 @ 2;
