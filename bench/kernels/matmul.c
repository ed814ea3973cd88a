/* matmul: n repetitions of a 200x200 double matrix product C = A * B in
 * i-k-j order (unit stride inner loop, vectorisable); returns the sum of C.
 * File-scope arrays, 2-D indexing. */
double kernel_matmul(int n);

#define N 200

static double a[N][N], b[N][N], c[N][N];

static void fill(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(i * N + j) / (N * N);
            b[i][j] = (double)((i + 2 * j) % N) / N;
        }
}

static void multiply(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            c[i][j] = 0.0;
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
    }
}

double kernel_matmul(int n) {
    fill();
    double sum = 0.0;
    for (int r = 0; r < n; r++) {
        multiply();
        sum += c[r % N][(r * 7) % N];
    }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            sum += c[i][j];
    return sum;
}
