// expect: 2:1: error: complex integer types are not supported yet
_Complex int gnu_complex_int;
