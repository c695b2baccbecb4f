// CG's iteration on the 2-D Poisson matrix (512 x 512 grid, 1.3M entries) as a general CSR matrix, natively:
// is iterlab's WebAssembly CG (solvers/krylov/wasm/cg.wat) slower than PETSc's KSPCG because of WebAssembly or
// because of its loops? The same loops as the kernel, compiled by gcc, on 1 and 2 threads:
//   - the product A p with p^T A p (productChunk), in ns per stored entry; the same product without the sum
//     (PETSc's MatMult_SeqAIJ); and a streaming read of the matrix's bytes (the bandwidth floor);
//   - the whole unpreconditioned iteration as the kernel runs it: the product pass, r -= alpha A p with
//     r^T r, then x += alpha p and p = r + beta p, each in chunks of 4,096 rows (partial sums added in chunk
//     order), with and without copying x, r and p out afterwards (what iterlab's state contract costs).
// With 2 threads each pass is split into halves of the chunks, the second thread woken by a spinning flag
// per pass (an upper bound on what iterlab's worker hand-off can do). Rounds interleave the loops (the
// machine may be shared); medians and the fastest round are printed.
// Not part of `npm run bench` (it needs a C compiler). Run:
//   gcc -O2 -march=native -pthread test/bench/native/csr-cg.c -o /tmp/csr-cg && /tmp/csr-cg [rounds]
//   gcc -O2 -msse2 -mno-avx -pthread ...   (128-bit vectors only, as WebAssembly's SIMD)
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { grid = 512, n = grid * grid, chunkRows = 4096, chunks = n / chunkRows, iterations = 20 };
static int32_t *rowPointers, *columns;
static double *values, *x, *r, *p, *ap, *outX, *outR, *outP;
static double partials[chunks];

static double milliseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// The 5-point Laplacian, rows in grid order, columns ascending (poisson2d's layout).
static int build(void) {
  rowPointers = malloc((n + 1) * sizeof *rowPointers);
  columns = malloc(5 * n * sizeof *columns);
  values = malloc(5 * n * sizeof *values);
  int k = 0;
  for (int i = 0; i < n; i++) {
    rowPointers[i] = k;
    int row = i / grid, col = i % grid;
    int neighbours[5] = {row > 0 ? i - grid : -1, col > 0 ? i - 1 : -1, i, col < grid - 1 ? i + 1 : -1,
                         row < grid - 1 ? i + grid : -1};
    for (int j = 0; j < 5; j++) {
      if (neighbours[j] < 0) continue;
      columns[k] = neighbours[j];
      values[k++] = neighbours[j] == i ? 4 : -1;
    }
  }
  rowPointers[n] = k;
  return k;
}

static void productChunk(int chunk, int withSum) {
  int first = chunk * chunkRows, last = first + chunkRows;
  double curvature = 0;
  for (int i = first; i < last; i++) {
    double s = 0;
    for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) s += values[k] * p[columns[k]];
    ap[i] = s;
    if (withSum) curvature += p[i] * s;
  }
  partials[chunk] = curvature;
}

static void residualChunk(int chunk, double alpha) {
  double sum = 0;
  for (int i = chunk * chunkRows; i < (chunk + 1) * chunkRows; i++) {
    double ri = r[i] - alpha * ap[i];
    r[i] = ri;
    sum += ri * ri;
  }
  partials[chunk] = sum;
}

static void advanceChunk(int chunk, double alpha, double beta) {
  for (int i = chunk * chunkRows; i < (chunk + 1) * chunkRows; i++) {
    double pi = p[i];
    x[i] += alpha * pi;
    p[i] = r[i] + beta * pi;
  }
}

// Four independent sums, so that the loop waits on memory, not on its additions.
static double readChunk(int chunk) {
  double s[4] = {0, 0, 0, 0};
  int k = rowPointers[chunk * chunkRows], end = rowPointers[(chunk + 1) * chunkRows];
  for (; k + 4 <= end; k += 4) {
    for (int lane = 0; lane < 4; lane++) s[lane] += values[k + lane] + columns[k + lane];
  }
  for (; k < end; k++) s[0] += values[k] + columns[k];
  return s[0] + s[1] + s[2] + s[3];
}

// A pass: which function, its scalars; the helper runs chunks [chunks / 2, chunks) when two threads run.
typedef enum { passProduct, passProductNoSum, passResidual, passAdvance, passRead, passQuit } Pass;
static _Atomic int published, finished;
static Pass currentPass;
static double passAlpha, passBeta, readSink[2];
static int threads = 1;

static void runChunks(Pass pass, int from, int to, int thread) {
  for (int chunk = from; chunk < to; chunk++) {
    switch (pass) {
      case passProduct: productChunk(chunk, 1); break;
      case passProductNoSum: productChunk(chunk, 0); break;
      case passResidual: residualChunk(chunk, passAlpha); break;
      case passAdvance: advanceChunk(chunk, passAlpha, passBeta); break;
      case passRead: readSink[thread] += readChunk(chunk); break;
      default: break;
    }
  }
}

static void *helper(void *unused) {
  (void)unused;
  int seen = 0;
  for (;;) {
    while (atomic_load(&published) == seen) {
    }
    seen = atomic_load(&published);
    if (currentPass == passQuit) return NULL;
    runChunks(currentPass, chunks / 2, chunks, 1);
    atomic_fetch_add(&finished, 1);
  }
}

static double pass(Pass which) {
  currentPass = which;
  if (threads == 1) runChunks(which, 0, chunks, 0);
  else {
    int done = atomic_load(&finished);
    atomic_fetch_add(&published, 1);
    runChunks(which, 0, chunks / 2, 0);
    while (atomic_load(&finished) == done) {
    }
  }
  double sum = 0;
  for (int chunk = 0; chunk < chunks; chunk++) sum += partials[chunk];
  return sum;
}

static double iterate(double rz, int copyOut) {
  double alpha = rz / pass(passProduct);
  passAlpha = alpha;
  double rr = pass(passResidual);
  passBeta = rr / rz;
  pass(passAdvance);
  if (copyOut) {
    memcpy(outX, x, n * sizeof *x);
    memcpy(outR, r, n * sizeof *r);
    memcpy(outP, p, n * sizeof *p);
  }
  return rr;
}

static int compare(const void *a, const void *b) {
  double d = *(const double *)a - *(const double *)b;
  return (d > 0) - (d < 0);
}

enum { loops = 5, maxRounds = 64 };
static const char *names[loops] = {"product + p^T A p", "product alone", "read of the matrix", "CG iteration",
                                    "CG iteration + copy out"};

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 15;
  if (rounds > maxRounds) rounds = maxRounds;
  int nonzeros = build();
  double **vectors[] = {&x, &r, &p, &ap, &outX, &outR, &outP};
  for (int v = 0; v < 7; v++) *vectors[v] = aligned_alloc(64, n * sizeof(double));
  pthread_t worker;
  pthread_create(&worker, NULL, helper, NULL);
  static double samples[2][loops][maxRounds];
  for (int round = 0; round < rounds + 2; round++) {
    for (threads = 1; threads <= 2; threads++) {
      for (int loop = 0; loop < loops; loop++) {
        for (int i = 0; i < n; i++) x[i] = 0, r[i] = 1, p[i] = 1;
        double rz = n;
        double started = milliseconds();
        for (int it = 0; it < iterations; it++) {
          if (loop == 0) pass(passProduct);
          else if (loop == 1) pass(passProductNoSum);
          else if (loop == 2) pass(passRead);
          else rz = iterate(rz, loop == 4);
        }
        if (round >= 2) samples[threads - 1][loop][round - 2] = (milliseconds() - started) / iterations;
      }
    }
  }
  currentPass = passQuit;
  atomic_fetch_add(&published, 1);
  pthread_join(worker, NULL);
  printf("n = %d, %d stored entries, %d rounds of %d passes (ms per pass; median [fastest])\n", n, nonzeros, rounds,
         iterations);
  for (int t = 0; t < 2; t++) {
    for (int loop = 0; loop < loops; loop++) {
      qsort(samples[t][loop], rounds, sizeof(double), compare);
      double median = samples[t][loop][rounds / 2];
      printf("  %d thread%s  %-24s %6.3f ms [%6.3f]  %5.2f ns/nnz\n", t + 1, t ? "s" : " ", names[loop], median,
             samples[t][loop][0], median * 1e6 / nonzeros);
    }
  }
  if (readSink[0] + readSink[1] == 0.5) puts("");
  return 0;
}
