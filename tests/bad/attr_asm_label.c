// expect: 2:15: error: an asm label (a symbol renamed with asm("name")) is not supported yet
int foo(void) __asm__("bar");
