// Does the page size of the transitions' memory move the dense sweep's speed? numpy (1.20 and later) asks
// Linux for transparent huge pages (madvise MADV_HUGEPAGE) on every array of 4 MB or more, and with the
// system's THP setting "madvise" (this machine's) its 128 MB of transitions sit on 2 MB pages; a
// WebAssembly memory is mapped by V8 without that advice, on 4 KB pages (no API asks otherwise). This probe
// runs iterlab's dense sweep (the 2,000 x 4 random MDP's 128 MB, A x S x S, four rows at once in two lanes,
// 128-bit vectors as WebAssembly's SIMD, dense-sweep.c's loop) and a streaming read on two copies of the
// transitions, one on 4 KB pages and one advised onto huge pages, interleaved sweep by sweep in the same
// process (the machine is shared), on 1 and 2 threads (the states in halves). Not part of `npm run bench`.
//   gcc -O2 -msse2 -mno-avx -pthread test/bench/native/dense-pages.c -o /tmp/dense-pages && /tmp/dense-pages [rounds]
//   (-O2 -march=native for 256-bit vectors)
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef double pair __attribute__((vector_size(16)));
enum { S = 2000, A = 4, sweeps = 10 };
static const double gamma_ = 0.95;
static double *copies[2], *R, *V, *next, *P;
static int threadCount, loop; // loop 0: sweep, 1: streaming read
static double sums[2];
static _Atomic int generation, finished;

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double sweepState(int s) {
  const double *p = P + (size_t)s * S;
  const size_t block = (size_t)S * S;
  pair d0 = { 0, 0 }, d1 = { 0, 0 }, d2 = { 0, 0 }, d3 = { 0, 0 };
  for (int t = 0; t < S; t += 2, p += 2) {
    pair v, x0, x1, x2, x3;
    memcpy(&v, V + t, 16);
    memcpy(&x0, p, 16), memcpy(&x1, p + block, 16), memcpy(&x2, p + 2 * block, 16), memcpy(&x3, p + 3 * block, 16);
    d0 += x0 * v, d1 += x1 * v, d2 += x2 * v, d3 += x3 * v;
  }
  double q[4] = { d0[0] + d0[1], d1[0] + d1[1], d2[0] + d2[1], d3[0] + d3[1] }, best = -1e300;
  for (int a = 0; a < A; a++) {
    double value = R[s * A + a] + gamma_ * q[a];
    best = value > best ? value : best;
  }
  return best;
}

static void share(int thread) {
  if (loop == 0) {
    for (int s = S * thread / threadCount; s < S * (thread + 1) / threadCount; s++) next[s] = sweepState(s);
    return;
  }
  size_t total = (size_t)A * S * S, from = total * thread / threadCount, to = total * (thread + 1) / threadCount;
  pair s0 = { 0, 0 }, s1 = { 0, 0 }, s2 = { 0, 0 }, s3 = { 0, 0 };
  for (size_t k = from; k < to; k += 8) {
    pair x0, x1, x2, x3;
    memcpy(&x0, P + k, 16), memcpy(&x1, P + k + 2, 16), memcpy(&x2, P + k + 4, 16), memcpy(&x3, P + k + 6, 16);
    s0 += x0, s1 += x1, s2 += x2, s3 += x3;
  }
  pair s = s0 + s1 + s2 + s3;
  sums[thread] += s[0] + s[1];
}

// The second thread spins between sweeps (only the memory is compared here, not the hand-off).
static void *worker(void *unused) {
  (void)unused;
  for (int seen = 0;;) {
    while (atomic_load(&generation) == seen) {}
    seen = atomic_load(&generation);
    share(1);
    atomic_fetch_add(&finished, 1);
  }
  return NULL;
}

// CPU time of the calling thread (ms): on a shared machine a sweep's wall time includes the time the
// scheduler gave to other processes, its CPU time does not (memory stalls count in both).
static double threadCpuMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double lastCpuMs;

static double sweepMs(void) {
  double started = nowMs(), cpuStarted = threadCpuMs();
  atomic_store(&finished, 0);
  if (threadCount == 2) atomic_fetch_add(&generation, 1);
  share(0);
  while (atomic_load(&finished) < threadCount - 1) {}
  double *swap = V;
  if (loop == 0) V = next, next = swap;
  lastCpuMs = threadCpuMs() - cpuStarted;
  return nowMs() - started;
}

static int byValue(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  if (rounds < 1 || rounds > 200) rounds = 20;
  size_t bytes = (size_t)A * S * S * sizeof(double), huge = 2u << 20;
  for (int c = 0; c < 2; c++) {
    copies[c] = aligned_alloc(huge, (bytes + huge - 1) / huge * huge);
    madvise(copies[c], bytes, c == 0 ? MADV_NOHUGEPAGE : MADV_HUGEPAGE);
    srand(1);
    for (size_t k = 0; k < bytes / 8; k++) copies[c][k] = (rand() % 1000) / (500.0 * S);
  }
  R = malloc(S * A * sizeof *R), V = calloc(S, sizeof *V), next = calloc(S, sizeof *next);
  for (int k = 0; k < S * A; k++) R[k] = rand() % 100 / 100.0;
  FILE *rollup = fopen("/proc/self/smaps_rollup", "r");
  for (char line[256]; rollup && fgets(line, sizeof line, rollup);)
    if (strncmp(line, "AnonHugePages", 13) == 0) printf("%s", line);
  pthread_t handle;
  pthread_create(&handle, NULL, worker, NULL);
  // Per configuration (loop x threads x pages): every sweep of every round, then min and median.
  static double ms[2][2][2][200 * sweeps], cpu[2][2][2][200 * sweeps];
  for (int round = 0; round < rounds; round++)
    for (loop = 0; loop < 2; loop++)
      for (threadCount = 1; threadCount <= 2; threadCount++)
        for (int sweep = 0; sweep < sweeps; sweep++)
          for (int c = 0; c < 2; c++) {
            P = copies[c];
            ms[loop][threadCount - 1][c][round * sweeps + sweep] = sweepMs();
            cpu[loop][threadCount - 1][c][round * sweeps + sweep] = lastCpuMs;
          }
  const char *loops[] = { "sweep (128-bit: iterlab's loop)", "streaming read" };
  printf("%d rounds x %d sweeps, each sweep alternating the two copies; wall min / median ms, GB/s at the\n"
         "median; the caller's CPU time per sweep, median (with 2 threads it spins while the worker finishes)\n", rounds, sweeps);
  for (int l = 0; l < 2; l++)
    for (int t = 0; t < 2; t++)
      for (int c = 0; c < 2; c++) {
        double *x = ms[l][t][c], *y = cpu[l][t][c];
        int n = rounds * sweeps;
        qsort(x, n, sizeof *x, byValue);
        qsort(y, n, sizeof *y, byValue);
        printf("%-32s %d thread%s %-10s %6.2f / %6.2f ms  %5.1f GB/s  cpu %6.2f ms\n", loops[l], t + 1, t ? "s" : " ",
               c ? "huge pages" : "4 KB pages", x[0], x[n / 2], bytes / (x[n / 2] / 1e3) / 1e9, y[n / 2]);
      }
  printf("checksum %g %g\n", V[0] + sums[0], sums[1]);
  return 0;
}
