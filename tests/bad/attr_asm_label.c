// expect: 3:20: error: an asm label (a symbol renamed with asm("name")) is not supported yet
void f(void) {
    register int x __asm__("rbx");
    x = 1;
}
