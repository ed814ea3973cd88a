// expect: 2:10: error: unknown type name '__label__'
main() { __label__ l; return 0; }
