// expect: 2:38: error: the 'mode' attribute is not supported yet for this mode and type
typedef float float80 __attribute__((mode(XF)));
