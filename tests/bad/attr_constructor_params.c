// expect: 2:16: error: a constructor takes no parameters in memjit
__attribute__((constructor)) static void f(int x) { (void)x; }
