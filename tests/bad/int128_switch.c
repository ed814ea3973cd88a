// expect: 4:13: error: a switch on a 128-bit integer is not supported yet
/* case values are folded in 64 bits: 0xFFFFFFFFFFFFFFFFull would be -1 */
int f(__int128 x) {
    switch (x) { case 0xFFFFFFFFFFFFFFFFull: return 1; }
    return 0;
}
