// expect: 2:30: error: the 'aligned' attribute on a typedef is not supported yet
typedef int T __attribute__((aligned(16)));
