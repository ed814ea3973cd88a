// expect: 3:5: error: label 'nowhere' used but not defined
int main(void) {
    goto nowhere;
}
