// expect: 2:28: error: constructor priorities must be integers from 0 to 65535 inclusive
__attribute__((constructor(70000))) static void f(void) {}
