// expect: 3:9: error: _Pragma takes a parenthesized string literal
/* C11 6.10.9: _Pragma ( string-literal ) */
_Pragma(push_macro)
int x;
