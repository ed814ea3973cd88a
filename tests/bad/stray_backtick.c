// expect: 3:12: error: stray '`' in program
int main(void) {
    return `0;
}
