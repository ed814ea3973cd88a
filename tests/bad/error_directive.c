// expect: 2:2: error: #error stop here
#error stop here
int x;
