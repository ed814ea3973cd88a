// expect: 2:12: error: weak declaration of 's' must be public
static int s __attribute__((weak)) = 1;
int main(void) { return s; }
