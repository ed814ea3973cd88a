// expect: 5:5: error: duplicate case value
int main(void) {
    switch (1) {
    case 1: break;
    case 1: break;
    }
    return 0;
}
