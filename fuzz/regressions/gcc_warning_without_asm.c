/* gcc warns (-Wreturn-local-addr) and libgccjit 12 makes that an error:
 * memjit reported the assembler's messages of a program without asm
 * from a null buffer (clang's UBSan in fuzz_compile: "applying zero
 * offset to null pointer" in jit.c). */
int *f(void) {
    int x = 1;
    return &x;
}
int main(void) { return *f() - 1; }
