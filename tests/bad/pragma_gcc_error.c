// expect: 2:19: error: stop here
#pragma GCC error "stop here"
