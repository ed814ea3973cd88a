// expect: 2:1: error: '__auto_type' at file scope is not supported yet
__auto_type g = 1;
