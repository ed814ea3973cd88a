// expect: 3:30: error: a bit-field 'wide' of a 128-bit type is not supported yet
/* Its value would be computed in 64 bits: refused, never cut. */
struct s { unsigned __int128 wide : 70; };
