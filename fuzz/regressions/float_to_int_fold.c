/* Found by fuzz_front (UBSan, float-cast-overflow). Folding a floating
 * constant converted to an integer type runs an out-of-range conversion
 * inside the compiler: src/parse.c flo_to_int casts the long double to
 * uint64_t (line ~537) or int64_t (line ~540) before checking the range.
 * C leaves the program's conversion undefined, but the compiler itself must
 * not execute undefined behaviour. Each line triggers it on its own. */
unsigned long l = 2e99;
long m = -1e99;
int n = 1e30;
int a[(int)1e30 > 0 ? 1 : 2];
