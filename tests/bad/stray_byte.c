// expect: 3:9: error: stray
int x = 1;
int y = €;
