#include <stdio.h>
#include "inc/helper.h"
#include "shared.h"
int main(void) {
    printf("%d %d\n", helper_add(HELPER_VALUE, 1), SHARED_VALUE);
    return 0;
}
