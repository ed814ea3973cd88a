// expect: 3:20: error: initialization of a flexible array member is not supported yet
struct vec { int n; double v[]; };
struct vec g = {2, {1.5, 2.5}};
