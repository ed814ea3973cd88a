// expect: 2:37: error: the 'visibility' attribute is not supported yet
int hidden_one(void) __attribute__((visibility("hidden")));
