/* fib: naive doubly recursive Fibonacci, fib(n) (32 in the benchmark):
 * call overhead and integer arithmetic, nothing else. */
double kernel_fib(int n);

static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

double kernel_fib(int n) {
    return (double)fib(n);
}
