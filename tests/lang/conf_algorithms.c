/* Probes classic algorithms: eight queens, sieve, matrix product over array parameters, Hanoi, word count. */
#include <stdio.h>
#include <string.h>
#define N 8
static int board[N], solutions;
static int safe(int row, int col) { for (int r = 0; r < row; r++) { int c = board[r]; if (c == col || c - col == r - row || c - col == row - r) return 0; } return 1; }
static void solve(int row) { if (row == N) { solutions++; return; } for (int c = 0; c < N; c++) if (safe(row, c)) { board[row] = c; solve(row + 1); } }
static void sieve(int n) { char comp[200] = {0}; int cnt = 0; for (int i = 2; i < n; i++) { if (comp[i]) continue; cnt++; for (int j = i * i; j < n; j += i) comp[j] = 1; } printf("primes<%d: %d\n", n, cnt); }
static void matmul(int n, double a[][3], double b[][3], double c[][3]) { for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { c[i][j] = 0; for (int k = 0; k < n; k++) c[i][j] += a[i][k] * b[k][j]; } }
static int hanoi(int n, char from, char to, char via) { if (!n) return 0; return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from); }
static void wordcount(const char *s) { int w = 0, inw = 0, lines = 0; for (; *s; s++) { if (*s == '\n') lines++; if (*s == ' ' || *s == '\n' || *s == '\t') inw = 0; else if (!inw) { inw = 1; w++; } } printf("%d words %d lines\n", w, lines); }
int main(void) {
    solve(0); printf("%d\n", solutions);
    sieve(200);
    double a[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, id[3][3] = {{1}, {0, 1}, {0, 0, 1}}, c[3][3];
    matmul(3, a, id, c); printf("%.0f %.0f %.0f\n", c[0][0], c[1][1], c[2][1]);
    matmul(3, a, a, c); printf("%.0f %.0f\n", c[0][0], c[2][2]);
    printf("%d\n", hanoi(10, 'a', 'b', 'c'));
    wordcount("the quick brown\nfox  jumps\tover\nthe lazy dog\n");
    char grid[3][4] = {"abc", "def", "ghi"};
    for (int i = 0; i < 3; i++) printf("%s%c", grid[i], i == 2 ? '\n' : ' ');
    char *ptrs[3]; for (int i = 0; i < 3; i++) ptrs[i] = grid[2 - i]; printf("%s %c\n", ptrs[0], ptrs[1][1]);
    int cube[2][3][4]; int v = 0; for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) cube[i][j][k] = v++;
    printf("%d %d %zu\n", cube[1][2][3], *(*(*(cube + 1) + 1) + 1), sizeof cube[1]);
    char line[32]; memset(line, '-', sizeof line - 1); line[31] = 0; printf("%s\n", line);
    char s1[20] = "abc"; strcat(s1, "def"); printf("%s %d\n", s1, (int)(strchr(s1, 'd') - s1));
    return 0;
}
