// expect: 4:11: error: invalid #pragma pop_macro directive
/* In a _Pragma gcc gives the column in the destringized text, on the
 * line of the _Pragma. */
_Pragma("pop_macro(X)")
int x;
