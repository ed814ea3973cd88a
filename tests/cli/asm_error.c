/* The assembler refuses an asm statement: a diagnostic at its line. */
int main(void) {
    __asm__("notaninstruction %eax");
    return 0;
}
