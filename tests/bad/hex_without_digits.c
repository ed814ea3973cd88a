// expect: 2:9: error: invalid suffix "x" on integer constant
int x = 0x;
