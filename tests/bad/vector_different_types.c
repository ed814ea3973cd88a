// expect: 4:35: error: invalid operands to binary + (have '__vector(4) int' and '__vector(4) unsigned int')
typedef int v4si __attribute__((vector_size(16)));
typedef unsigned v4su __attribute__((vector_size(16)));
v4si f(v4si a, v4su b) { return a + b; }
