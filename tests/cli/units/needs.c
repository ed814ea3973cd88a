int lib_calls;
int not_anywhere(int);
int lib_add(int a, int b) { return not_anywhere(a + b); }
