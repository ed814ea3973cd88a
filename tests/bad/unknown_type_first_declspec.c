// expect: 2:18: error: unknown type name 'word_t'
int main(void) { word_t l; return 0; }
