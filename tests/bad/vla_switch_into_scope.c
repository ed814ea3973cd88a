// expect: 5:5: error: switch jumps into scope of identifier with variably modified type
int g(int k) {
    switch (k) {
        int (*p)[k];
    case 1:
        return 1;
    }
    return 0;
}
