/*
 * showcase.c - one program using everything in memjit's tier one:
 * a tiny expression interpreter with variables, sorting numbers and
 * strings, word counting, numeric code with math.h, recursion, static
 * state, globals with initialisers, typedefs, long double, unsigned
 * arithmetic and printf with many formats.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 64
#define WORD_LEN 16
#define NVARS 26

typedef unsigned long long u64;
typedef const char *cstr;

static int failures;

static void check(int ok, cstr what)
{
    if (!ok) {
        failures++;
        printf("CHECK FAILED: %s\n", what);
    }
}

/* ---- A pseudo-random generator with static state (xorshift64*) ---- */

static u64 rng_state = 88172645463325252ULL;

static unsigned rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned)((rng_state * 2685821657736338717ULL) >> 32);
}

/* ---- An interpreter for "a = 3 * (b + 4); print a" programs ---- */

static long vars[NVARS];
static cstr cursor;
static int parse_error;

static void skip_space(void)
{
    while (*cursor == ' ' || *cursor == '\t' || *cursor == '\n')
        cursor++;
}

static int accept(char c)
{
    skip_space();
    if (*cursor == c) {
        cursor++;
        return 1;
    }
    return 0;
}

static long expr(void);

/* primary = number | variable | "(" expr ")" | "-" primary */
static long primary(void)
{
    skip_space();
    if (accept('(')) {
        long v = expr();
        if (!accept(')'))
            parse_error = 1;
        return v;
    }
    if (accept('-'))
        return -primary();
    if (*cursor >= '0' && *cursor <= '9') {
        long v = 0;
        while (*cursor >= '0' && *cursor <= '9')
            v = v * 10 + (*cursor++ - '0');
        return v;
    }
    if (*cursor >= 'a' && *cursor <= 'z')
        return vars[*cursor++ - 'a'];
    parse_error = 1;
    return 0;
}

/* term = primary ("*" primary | "/" primary | "%" primary)* */
static long term(void)
{
    long v = primary();
    for (;;) {
        if (accept('*'))
            v *= primary();
        else if (accept('/')) {
            long d = primary();
            v = d ? v / d : 0;
        } else if (accept('%')) {
            long d = primary();
            v = d ? v % d : 0;
        } else
            return v;
    }
}

/* expr = term ("+" term | "-" term)* */
static long expr(void)
{
    long v = term();
    for (;;) {
        if (accept('+'))
            v += term();
        else if (accept('-'))
            v -= term();
        else
            return v;
    }
}

/* statement = "print" expr | variable "=" expr ; statements end with ";" */
static void run_program(cstr src)
{
    cursor = src;
    parse_error = 0;
    for (;;) {
        skip_space();
        if (!*cursor || parse_error)
            break;
        if (strncmp(cursor, "print", 5) == 0) {
            cursor += 5;
            printf("  print -> %ld\n", expr());
        } else {
            int var = *cursor++ - 'a';
            if (var < 0 || var >= NVARS || !accept('=')) {
                parse_error = 1;
                break;
            }
            vars[var] = expr();
        }
        if (!accept(';'))
            parse_error = 1;
    }
    if (parse_error)
        printf("  parse error near \"%.10s\"\n", cursor);
}

static void demo_interpreter(void)
{
    printf("== interpreter ==\n");
    run_program("a = 6; b = 7; print a * b; c = (a + b) * (a - b); print c;");
    run_program("n = 10; f = 1; f = f*n; n = n-1; f = f*n; print f % 7;");
    run_program("x = -(3 + 4) * -2; print x; print x / 3; print 100 / 0;");
    run_program("print (1 + 2;");
    check(vars['a' - 'a'] == 6 && vars['c' - 'a'] == -13, "interpreter vars");
    check(vars['x' - 'a'] == 14, "interpreter negation");
}

/* ---- Sorting ---- */

static void quicksort(int *a, int lo, int hi)
{
    if (lo >= hi)
        return;
    int pivot = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
            int t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
    }
    quicksort(a, lo, j);
    quicksort(a, i, hi);
}

static void sort_strings(cstr *v, int n)
{
    for (int i = 1; i < n; i++) {
        cstr key = v[i];
        int j = i - 1;
        while (j >= 0 && strcmp(v[j], key) > 0) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

static void demo_sorting(void)
{
    int a[40];
    printf("== sorting ==\n");
    for (int i = 0; i < 40; i++)
        a[i] = (int)(rng_next() % 1000) - 500;
    quicksort(a, 0, 39);
    int sorted = 1;
    for (int i = 0; i < 40; i++) {
        printf("%5d%s", a[i], i % 10 == 9 ? "\n" : "");
        if (i && a[i - 1] > a[i])
            sorted = 0;
    }
    check(sorted, "quicksort");

    cstr fruits[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apricot"};
    int n = sizeof fruits / sizeof fruits[0];
    sort_strings(fruits, n);
    for (int i = 0; i < n; i++)
        printf("%s%c", fruits[i], i + 1 < n ? ',' : '\n');
    check(strcmp(fruits[0], "apple") == 0 && strcmp(fruits[6], "pear") == 0,
          "string sort");
}

/* ---- String processing: word frequencies ---- */

static char words[MAX_WORDS][WORD_LEN];
static int counts[MAX_WORDS];
static int nwords;

static void count_word(const char *w, int len)
{
    char lower[WORD_LEN];
    if (len >= WORD_LEN)
        len = WORD_LEN - 1;
    for (int i = 0; i < len; i++)
        lower[i] = w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i];
    lower[len] = '\0';
    for (int i = 0; i < nwords; i++)
        if (strcmp(words[i], lower) == 0) {
            counts[i]++;
            return;
        }
    if (nwords < MAX_WORDS) {
        strcpy(words[nwords], lower);
        counts[nwords++] = 1;
    }
}

static void demo_words(void)
{
    cstr text = "The quick brown fox jumps over the lazy dog. The dog sleeps; "
                "the fox runs, and THE quick fox wins.";
    printf("== words ==\n");
    const char *p = text;
    while (*p) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            p++;
        const char *start = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        if (p > start)
            count_word(start, (int)(p - start));
    }
    int best = 0;
    for (int i = 0; i < nwords; i++) {
        printf("%-8s %d\n", words[i], counts[i]);
        if (counts[i] > counts[best])
            best = i;
    }
    printf("most frequent: \"%s\" (%d times), %d distinct words\n",
           words[best], counts[best], nwords);
    check(strcmp(words[best], "the") == 0 && counts[best] == 5, "word count");
}

/* ---- Numeric code ---- */

static double integrate(double a, double b, int n, int which)
{
    double h = (b - a) / n, s = 0;
    for (int i = 0; i < n; i++) {
        double x = a + (i + 0.5) * h;
        s += which == 0 ? exp(-x * x) : which == 1 ? sin(x) * sin(x) : 1 / (1 + x * x);
    }
    return s * h;
}

static void demo_numeric(void)
{
    printf("== numeric ==\n");
    double g = integrate(-6, 6, 20000, 0);
    printf("gauss integral %.8f (sqrt(pi) = %.8f)\n", g, sqrt(acos(-1.0)));
    check(fabs(g - sqrt(acos(-1.0))) < 1e-6, "gauss");
    double pi4 = integrate(0, 1, 1000, 2);
    printf("pi ~ %.10f\n", 4 * pi4);

    /* Sieve of Eratosthenes. */
    static char composite[1001];
    int nprimes = 0;
    long psum = 0;
    for (int i = 2; i <= 1000; i++) {
        if (composite[i])
            continue;
        nprimes++;
        psum += i;
        for (int j = i * i; j <= 1000; j += i)
            composite[j] = 1;
    }
    printf("%d primes below 1000, sum %ld\n", nprimes, psum);
    check(nprimes == 168 && psum == 76127, "sieve");

    /* Mandelbrot in ASCII. */
    for (int row = 0; row < 12; row++) {
        for (int col = 0; col < 48; col++) {
            double cr = -2.2 + col * 0.0625, ci = -1.2 + row * 0.2;
            double zr = 0, zi = 0;
            int it = 0;
            while (it < 50 && zr * zr + zi * zi < 4) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            putchar(" .:-=+*#%@"[it % 10]);
        }
        putchar('\n');
    }

    /* Extended precision: e from its series. */
    long double e = 0, term_ = 1;
    for (int k = 1; k < 25; k++) {
        e += term_;
        term_ /= k;
    }
    printf("e = %.18Lf\n", e);
    check(fabs((double)e - exp(1.0)) < 1e-15, "series for e");
}

/* ---- Recursion ---- */

static int hanoi_moves;

static void hanoi(int n, char from, char to, char via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    if (n == 3 || hanoi_moves < 3)
        printf("move disk %d %c -> %c\n", n, from, to);
    hanoi_moves++;
    hanoi(n - 1, via, to, from);
}

static int permutations(char *s, int k, int n, int print)
{
    if (k == n) {
        if (print)
            printf("%s ", s);
        return 1;
    }
    int total = 0;
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        total += permutations(s, k + 1, n, print);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
    return total;
}

static long ackermann(long m, long n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static void demo_recursion(void)
{
    char letters[] = "abcd";
    printf("== recursion ==\n");
    hanoi(10, 'A', 'C', 'B');
    printf("hanoi(10): %d moves\n", hanoi_moves);
    check(hanoi_moves == 1023, "hanoi");
    int np = permutations(letters, 0, 3, 1);
    printf("\n%d permutations of 3, %d of 4\n", np, permutations(letters, 0, 4, 0));
    printf("ackermann(2, 3) = %ld\n", ackermann(2, 3));
    check(ackermann(2, 3) == 9, "ackermann");
}

int main(int argc, char **argv)
{
    printf("showcase with %d arguments, first \"%s\"\n", argc - 1,
           argc > 1 ? argv[1] : "");
    demo_interpreter();
    demo_sorting();
    demo_words();
    demo_numeric();
    demo_recursion();
    unsigned r1 = rng_next(), r2 = rng_next() % 100, r3 = rng_next();
    printf("random tail: %u %u %08x\n", r1, r2, r3);
    printf("%s: %d failures\n", failures ? "FAILED" : "OK", failures);
    return failures != 0;
}
