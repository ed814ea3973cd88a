// expect: 2:9: error: missing terminating ' character
int c = 'a;
