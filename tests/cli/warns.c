int main(void) { int *p = 5; return p != 0; }
