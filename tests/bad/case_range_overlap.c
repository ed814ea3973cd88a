// expect: 5:5: error: duplicate (or overlapping) case value
int f(int x) {
    switch (x) {
    case 1 ... 5: return 1;
    case 4: return 2;
    }
    return 0;
}
