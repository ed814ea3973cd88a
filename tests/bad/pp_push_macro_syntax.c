// expect: 4:20: error: invalid #pragma push_macro directive
/* The name must be a string literal: gcc takes no identifier here. */
#define X 1
#pragma push_macro(X)
int x = X;
