// expect: 2:33: error: the 'vector_size' attribute is not supported yet
typedef int v4si __attribute__((vector_size(16)));
v4si v;
