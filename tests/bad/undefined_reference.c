// expect: 3:12: error: undefined reference to 'nowhere_defined'
#include <stdio.h>
extern int nowhere_defined(int);
int main(void) { printf("%d\n", nowhere_defined(2)); return 0; }
