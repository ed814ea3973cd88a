/* _Complex float, double and long double: imaginary constants (2.0i,
 * 1.5if, 3.0iL), complex.h, __real__/__imag__ as lvalues, ~ as conj,
 * __builtin_complex, conversions both ways, file-scope initialisers, the
 * ABI (registers, the stack, va_arg, a complex long double in memory),
 * and gcc's rule for a real operand meeting a complex one: part by part,
 * so that the signs of zero parts come out as gcc's do. */
#include <complex.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static void show(const char *what, _Complex double z) {
    printf("%-8s (%g%s, %g%s)\n", what, creal(z), signbit(creal(z)) ? "-" : "",
           cimag(z), signbit(cimag(z)) ? "-" : "");
}

static _Complex double mk(double re, double im) { return __builtin_complex(re, im); }

/* file-scope constants, folded part by part */
static _Complex double g1 = 1.0 + 2.0i, g2 = 3.0 * (1.0 - 0.5i), g3 = -(2.0i), g4 = 5;
static _Complex float gf = 1.5 + 0.25i;
static _Complex long double gl = 1.0L / 3 + (2.0L / 3) * 1.0iL;
static double complex gI = 2.0 * I - 1;
struct holder { int n; _Complex double z; } gs = {1, 2.0 - 1.0i};
struct __attribute__((packed)) packed { char c; _Complex float f; _Complex double d; };
static volatile _Complex float vf = 1.1f + 2.2if;

static double sum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
        _Complex double z = va_arg(ap, _Complex double);
        _Complex float f = va_arg(ap, _Complex float);
        _Complex long double l = va_arg(ap, _Complex long double);
        s += creal(z) * 10 + cimag(z) + crealf(f) + cimagf(f) + (double)(creall(l) - cimagl(l));
    }
    va_end(ap);
    return s;
}

/* the last arguments go on the stack */
static _Complex double many(_Complex double a, _Complex double b, _Complex double c,
                            _Complex double d, _Complex double e, _Complex float f,
                            _Complex long double g, int k) {
    return a + b + c + d + e + f + (_Complex double)g + k;
}

int main(void) {
    volatile double two = 2.0, mz = -0.0;
    _Complex double c = mk(1.0, -0.0);
    show("r*c", two * c);
    show("c*r", c * two);
    show("r+c", mz + mk(-0.0, -0.0));
    show("c-r", mk(1.0, -0.0) - two);
    show("r-c", two - mk(1.0, 0.0));
    show("c/r", mk(1.0, -0.0) / two);
    show("r/c", two / mk(1.0, -0.0));
    show("c*c", mk(2.0, 0.0) * mk(1.0, -0.0));
    show("c/c", mk(1.0, 2.0) / mk(3.0, -4.0));
    show("neg", -mk(0.0, 0.0));
    show("inf*i", mk(INFINITY, 0) * mk(0, 1));
    show("conj", ~mk(1, 2));
    show("conj()", conj(mk(1, -0.0)));

    _Complex float f = 1.5f + 2.5if;
    show("float", f);
    _Complex long double ld = 3.0L - 4.0iL;
    printf("ldouble %Lg %Lg\n", creall(ld), cimagl(ld));
    __real__ c = 7;
    __imag__ c += 3;
    show("parts", c);
    double *re = &__real__ c;
    *re = 8;
    show("&real", c);
    printf("compare %d %d %d %d\n", c == mk(8, 3), c != 8.0, !mk(0, 0), mk(0, 1) ? 1 : 0);
    double r = c;
    int i = c;
    _Bool b = 0.0i, b2 = 1.0i;
    printf("to real %g %d %d %d\n", r, i, b, b2);
    c *= 2;
    show("c*=2", c);
    c /= I;
    show("c/=I", c);
    c++;
    show("c++", c);
    printf("sizes %zu %zu %zu %zu\n", sizeof(_Complex float), sizeof c,
           sizeof(_Complex long double), _Alignof(_Complex long double));

    show("g1", g1);
    show("g2", g2);
    show("g3", g3);
    show("g4", g4);
    show("gf", gf);
    show("gI", gI);
    show("gs.z", gs.z);
    printf("gl %.20Lg %.20Lg\n", creall(gl), cimagl(gl));
    show("vf", vf);

    printf("va_arg %g\n", sum(2, 1.0 + 2.0i, 0.5f + 0.25if, 4.0L + 1.0iL, 3.0 + 4.0i, 1.0f + 1.0if,
                              2.0L + 0.0iL));
    show("stack", many(1, 2.0i, 3, 4.0i, 5, 6.0if, 7.0iL, 8));

    struct packed pk;   /* members of an aligned(1) type: libgccjit cast them */
    pk.f = 1.5f + 2.0if;
    pk.d = pk.f * 2;
    pk.c = 1;
    __real__ pk.d = 7;
    show("packed", pk.d);
    show("packedf", pk.f);

    double complex z = 3.0 + 4.0 * I;
    printf("libm %g %.6f %.3f\n", cabs(z), carg(z), cimag(csqrt(-4.0 + 0.0 * I)));
    printf("classify %d %d\n", __builtin_classify_type(z), __builtin_classify_type(cabs(z)));
    return 0;
}
