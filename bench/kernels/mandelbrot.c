/* mandelbrot: escape-time iteration over an n x n grid of the plane;
 * returns the total iteration count (a checksum every compiler must match).
 * Scalar double arithmetic in a tight inner loop with an early exit. */
double kernel_mandelbrot(int n);

double kernel_mandelbrot(int n) {
    const int max_iter = 200;
    long total = 0;
    for (int y = 0; y < n; y++) {
        double ci = 2.0 * y / n - 1.0;
        for (int x = 0; x < n; x++) {
            double cr = 2.5 * x / n - 2.0;
            double zr = 0.0, zi = 0.0;
            int i;
            for (i = 0; i < max_iter; i++) {
                double zr2 = zr * zr, zi2 = zi * zi;
                if (zr2 + zi2 > 4.0)
                    break;
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
            }
            total += i;
        }
    }
    return (double)total;
}
