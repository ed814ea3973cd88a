// expect: ok
/* a block comment
   over lines */
// a line comment
