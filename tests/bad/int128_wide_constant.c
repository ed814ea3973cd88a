// expect: 3:53: error: a 128-bit constant that is not a 64-bit one converted is not supported yet
/* Wider than 64 bits: memjit cannot fold it (gcc does). */
static unsigned __int128 big = (unsigned __int128)1 << 64;
