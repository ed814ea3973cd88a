int f(void) {
	return missing;
}
int g(void) { return 1 }
