/* GCC's __sync_* and __atomic_* builtins on integer and pointer objects
 * of 1, 2, 4 and 8 bytes: fetch-and-op and op-and-fetch (nand included),
 * compare-and-swap in both forms, compare_exchange (strong, weak, failing
 * with the current value written back), exchange, load, store,
 * test-and-set and release, fences, and the __ATOMIC_* orders. */
#include <stdio.h>

static long counter;
static int flag;
static unsigned char small = 250;
static short half = -3;
static unsigned long long wide = 1;

int main(int argc, char **argv) {
    (void)argv;
    for (int i = 0; i < 1000; i++) {
        __sync_fetch_and_add(&counter, argc);
        __atomic_fetch_add(&counter, 2, __ATOMIC_SEQ_CST);
    }
    int old = __sync_val_compare_and_swap(&flag, 0, 7);
    int ok = __sync_bool_compare_and_swap(&flag, 7, 9);
    int no = __sync_bool_compare_and_swap(&flag, 7, 10);
    int expected = 9;
    int ok2 = __atomic_compare_exchange_n(&flag, &expected, 11, 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    int expected2 = 5;
    int ok3 = __atomic_compare_exchange_n(&flag, &expected2, 13, 1, __ATOMIC_ACQ_REL,
                                          __ATOMIC_ACQUIRE);
    unsigned char r = __sync_add_and_fetch(&small, 10);   /* wraps at 8 bits */
    short h = __atomic_sub_fetch(&half, 5, __ATOMIC_RELAXED);
    unsigned long long w = __atomic_fetch_or(&wide, 1ull << 40, __ATOMIC_CONSUME);
    __atomic_store_n(&flag, 42, __ATOMIC_RELEASE);
    int x = 3, *p = 0;
    int *prev = __atomic_exchange_n(&p, &x, __ATOMIC_SEQ_CST);
    __sync_synchronize();
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    int lk = __sync_lock_test_and_set(&x, 1);
    __sync_lock_release(&x);
    printf("%ld %d %d %d %d %d %d\n", counter, old, ok, no, ok2, ok3, expected2);
    printf("%u %d %llx %llx\n", r, h, w, wide);
    printf("%d %d %d %d %d\n", __atomic_load_n(&flag, __ATOMIC_ACQUIRE), prev == 0, *p, lk, x);
    x = 12;
    int before = __sync_fetch_and_nand(&x, 6);
    printf("%d %d ", before, x);
    int nand = __atomic_nand_fetch(&x, 3, __ATOMIC_SEQ_CST);
    printf("%d %d\n", nand, __atomic_xor_fetch(&x, 1, 5));
    printf("%d %d %d %d %d %d\n", __ATOMIC_RELAXED, __ATOMIC_CONSUME, __ATOMIC_ACQUIRE,
           __ATOMIC_RELEASE, __ATOMIC_ACQ_REL, __ATOMIC_SEQ_CST);
    return 0;
}
