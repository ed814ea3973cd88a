// expect: 3:5: error: unknown type name 'foo_t'
int main(void) {
    foo_t x = 1;
    return x;
}
