// expect: 2:28: error: label 'nowhere' used but not defined
void h(void) { void *p = &&nowhere; (void)p; }
