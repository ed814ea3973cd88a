/* Found by fuzz_compile (UBSan, null member access). `__signed` is a
 * type keyword to is_typename but an identifier to the lexer, so
 * declspec took it for a typedef name and read find_var's NULL result
 * (src/parse.c, declspec). A crash on `__signed x;` too. */
int main(void) {
    __signed x = -1;
    __signed, 1;
    return x;
}
