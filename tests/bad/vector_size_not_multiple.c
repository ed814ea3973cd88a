// expect: 2:31: error: vector size not an integral multiple of component size
typedef int v3 __attribute__((vector_size(2)));
