// expect: 3:1: error: unterminated comment
int x;
/* this comment
   never ends
