// expect: 2:35: error: the 'mode' attribute is not supported yet for this mode and type
typedef int int128 __attribute__((mode(TI)));
