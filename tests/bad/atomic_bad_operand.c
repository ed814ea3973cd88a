// expect: 4:38: error: operand type 'double *' is incompatible with argument 1 of '__sync_fetch_and_add'
double d;
int main(void) {
    return (int)__sync_fetch_and_add(&d, 1.0);
}
