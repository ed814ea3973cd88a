// expect: ok
unsigned long n = sizeof(void);
