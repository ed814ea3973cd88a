// expect: 2:33: error: attribute 'visibility' argument must be one of 'default', 'hidden', 'protected', or 'internal'
int x __attribute__((visibility("secret")));
