// expect: 3:5: error: jump into scope of identifier with variably modified type
int f(int k) {
    goto inside;
    {
        int v[k];
inside:
        v[0] = 1;
        return v[0];
    }
}
