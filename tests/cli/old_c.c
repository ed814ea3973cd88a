main() {
    puts("old C runs");
    return 0;
}
