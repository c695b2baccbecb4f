// Where a one-off k-means solve's time goes, natively: the first touch of fresh memory, one Lloyd assignment
// pass (nearest of k = 8 centroids, labels, inertia and the next update's sums, inline after each point's
// search) over 200,000 x 16 points on 1 and 2 threads, and a whole Lloyd solve from the first 8 rows with
// scikit-learn's stopping rule. Not part of `npm run bench` (it needs a C compiler). Run both builds:
//   gcc -O2 -march=native -pthread test/bench/native/kmeans-pass.c -o /tmp/kmeans-pass -lm
//   gcc -O2 -msse2 -mno-avx -pthread test/bench/native/kmeans-pass.c -o /tmp/kmeans-pass-sse2 -lm
//   /tmp/kmeans-pass [points.f64]
// The second build is the analogue of WebAssembly's 128-bit SIMD (two f64 lanes, no FMA). `points.f64`: the
// bench's data (`blobs(200000, 16, 8, 2024)` of test/bench/peers/clustering.ts) as raw little-endian f64;
// without it, blobs drawn here the same way with this file's own generator. Figures and the analysis: the
// k-means guide, "Where a one-off solve's time goes".
#define _GNU_SOURCE
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { n = 200000, d = 16, k = 8, rounds = 7 };
#ifdef __AVX__
enum { lanes = 4 };
#else
enum { lanes = 2 };
#endif
typedef double Lane __attribute__((vector_size(lanes * 8)));
enum { vectors = k / lanes };

typedef enum { direct, dotProduct } Form;
typedef struct {
  const double *x, *norms; // points, and their squared norms (the dot-product form)
  const Lane *ct;          // centroids transposed: coordinate t, centroid j at t k + j
  const double *cc;        // squared norms of the centroids
  int from, to;
  Form form;
  int32_t *labels;
  double sums[k * d], totals[k], inertia;
} Job;

static double milliseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int byValue(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *values, int count) {
  qsort(values, count, sizeof *values, byValue);
  return values[count / 2];
}

// Points per block: their distances are summed side by side (independent chains of additions; one point's
// k/lanes chains alone wait on the additions' latency), each centroid vector loaded once for the block.
#ifdef __AVX__
enum { block = 4 };
#else
enum { block = 2 };
#endif

// One assignment pass over [from, to): per point, the k distances in k/lanes vectors (lane = centroid, summed
// over t in order as iterlab does), the lowest index at the smallest, then the fused bookkeeping.
static inline __attribute__((always_inline)) void assignRange(Job *job, Form form) {
  memset(job->sums, 0, sizeof job->sums);
  memset(job->totals, 0, sizeof job->totals);
  double inertia = 0;
  for (int i = job->from; i < job->to; i += block) {
    const double *xi = job->x + (size_t)i * d;
    Lane acc[block][vectors] = { 0 };
    // fully unrolled (as -O3 would): the accumulators stay in registers
    for (int t = 0; t < d; t++)
#pragma GCC unroll 8
      for (int v = 0; v < vectors; v++) {
        Lane c = job->ct[t * vectors + v];
#pragma GCC unroll 8
        for (int b = 0; b < block; b++) {
          Lane xv = (Lane){ 0 } + xi[b * d + t];
          if (form == direct) {
            Lane e = xv - c;
            acc[b][v] += e * e;
          } else acc[b][v] += xv * c;
        }
      }
#pragma GCC unroll 8
    for (int b = 0; b < block; b++) { // (n / threads is a multiple of the block)
      double best = INFINITY;
      int label = 0;
#pragma GCC unroll 8
      for (int v = 0; v < vectors; v++)
#pragma GCC unroll 8
        for (int lane = 0; lane < lanes; lane++) {
          int j = v * lanes + lane;
          double distance = form == direct ? acc[b][v][lane] : job->norms[i + b] - 2 * acc[b][v][lane] + job->cc[j];
          label = distance < best ? j : label;
          best = distance < best ? distance : best;
        }
      job->labels[i + b] = label;
      inertia += best;
      job->totals[label] += 1;
      for (int t = 0; t < d; t += lanes) {
        Lane row, sum;
        memcpy(&row, xi + b * d + t, sizeof row);
        memcpy(&sum, job->sums + label * d + t, sizeof sum);
        sum += row;
        memcpy(job->sums + label * d + t, &sum, sizeof sum);
      }
    }
  }
  job->inertia = inertia;
}

static void *runJob(void *argument) {
  Job *job = argument;
  if (job->form == direct) assignRange(job, direct);
  else assignRange(job, dotProduct);
  return NULL;
}

// One pass on `threads` threads; the sums of the halves added in order into `sums`, `totals`. Returns ms.
static double pass(const double *x, const double *norms, const double *centroids, int32_t *labels, int threads,
                   Form form, double *sums, double *totals, double *inertia) {
  static Lane ct[d * vectors];
  static double cc[k];
  double *flat = (double *)ct;
  for (int j = 0; j < k; j++) {
    cc[j] = 0;
    for (int t = 0; t < d; t++) flat[t * k + j] = centroids[j * d + t], cc[j] += centroids[j * d + t] * centroids[j * d + t];
  }
  static Job jobs[2];
  pthread_t handles[2];
  double started = milliseconds();
  for (int h = 0; h < threads; h++) {
    jobs[h] = (Job){ .x = x, .norms = norms, .ct = ct, .cc = cc, .from = h * n / threads, .to = (h + 1) * n / threads, .form = form, .labels = labels };
    if (h > 0) pthread_create(&handles[h], NULL, runJob, &jobs[h]);
  }
  runJob(&jobs[0]);
  for (int h = 1; h < threads; h++) pthread_join(handles[h], NULL);
  double ms = milliseconds() - started;
  memset(sums, 0, k * d * sizeof *sums), memset(totals, 0, k * sizeof *totals), *inertia = 0;
  for (int h = 0; h < threads; h++) {
    for (int p = 0; p < k * d; p++) sums[p] += jobs[h].sums[p];
    for (int j = 0; j < k; j++) totals[j] += jobs[h].totals[j];
    *inertia += jobs[h].inertia;
  }
  return ms;
}

// First touch of `bytes` of fresh memory, ms (median of `rounds`): malloc + memset, mmap + MADV_HUGEPAGE +
// memset, and a copy of `source` into fresh and into already-touched memory.
static void touchCosts(const double *source, size_t bytes) {
  double malloced[rounds], huge[rounds], copyFresh[rounds], copyTouched[rounds];
  char *touched = malloc(bytes);
  memset(touched, 1, bytes);
  for (int r = 0; r < rounds; r++) {
    double t0 = milliseconds();
    char *fresh = malloc(bytes);
    memset(fresh, 1, bytes);
    malloced[r] = milliseconds() - t0;
    free(fresh);
    size_t aligned = (bytes + (2u << 20) - 1) & ~(size_t)((2u << 20) - 1);
    t0 = milliseconds();
    char *mapped = mmap(NULL, aligned + (2u << 20), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *start = (char *)(((uintptr_t)mapped + (2u << 20) - 1) & ~(uintptr_t)((2u << 20) - 1));
    madvise(start, aligned, MADV_HUGEPAGE);
    memset(start, 1, bytes);
    huge[r] = milliseconds() - t0;
    munmap(mapped, aligned + (2u << 20));
    t0 = milliseconds();
    fresh = malloc(bytes);
    memcpy(fresh, source, bytes);
    copyFresh[r] = milliseconds() - t0;
    free(fresh);
    t0 = milliseconds();
    memcpy(touched, source, bytes);
    copyTouched[r] = milliseconds() - t0;
  }
  free(touched);
  printf("fresh memory, %.1f MB (medians of %d, least in brackets):\n", bytes / 1e6, rounds);
  double m = median(malloced, rounds);
  printf("  malloc + memset                 %6.2f ms (%5.2f)  %.2f us per 4 kB page\n", m, malloced[0], m * 1e3 / (bytes / 4096.0));
  m = median(huge, rounds);
  printf("  mmap + MADV_HUGEPAGE + memset   %6.2f ms (%5.2f)\n", m, huge[0]);
  m = median(copyFresh, rounds);
  printf("  malloc + memcpy (fresh)         %6.2f ms (%5.2f)\n", m, copyFresh[0]);
  m = median(copyTouched, rounds);
  printf("  memcpy into touched memory      %6.2f ms (%5.2f)\n", m, copyTouched[0]);
}

// Blobs as the bench draws them (make_blobs' defaults), with this file's own generator.
static void drawBlobs(double *x) {
  uint64_t state = 2024;
  double centres[k * d];
#define NEXT() (state ^= state << 13, state ^= state >> 7, state ^= state << 17, (state >> 11) * 0x1.0p-53)
  for (int p = 0; p < k * d; p++) centres[p] = -10 + 20 * NEXT();
  for (int i = 0; i < n; i++)
    for (int t = 0; t < d; t++) {
      double u = NEXT(), v = NEXT();
      x[i * d + t] = centres[(i % k) * d + t] + sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
    }
#undef NEXT
}

// A one-off Lloyd solve from the first k rows: points copied into fresh memory, passes until scikit-learn's
// rule (squared centroid shift <= 1e-4 times the mean variance, or no label changed). Returns ms; `passes` out.
static double solveOnce(const double *source, int threads, int *passes) {
  double t0 = milliseconds();
  double *x = malloc((size_t)n * d * 8);
  int32_t *labels = malloc(n * 4);
  memcpy(x, source, (size_t)n * d * 8);
  // scikit-learn's tolerance scale, the mean per-feature variance (one pass, shifted by the first point)
  double sum[d] = { 0 }, squares[d] = { 0 }, variance = 0;
  for (int i = 0; i < n; i++)
    for (int t = 0; t < d; t++) {
      double e = x[i * d + t] - x[t];
      sum[t] += e, squares[t] += e * e;
    }
  for (int t = 0; t < d; t++) variance += (squares[t] - sum[t] * sum[t] / n) / n / d;
  double centroids[k * d], sums[k * d], totals[k], inertia;
  memcpy(centroids, x, sizeof centroids);
  *passes = 0;
  for (;;) {
    pass(x, NULL, centroids, labels, threads, direct, sums, totals, &inertia);
    ++*passes;
    double shift = 0;
    for (int p = 0; p < k * d; p++) {
      double next = sums[p] / totals[p / d];
      shift += (next - centroids[p]) * (next - centroids[p]);
      centroids[p] = next;
    }
    if (shift <= 1e-4 * variance || *passes >= 300) break;
  }
  pass(x, NULL, centroids, labels, threads, direct, sums, totals, &inertia); // the final labels
  ++*passes;
  double ms = milliseconds() - t0;
  free(x), free(labels);
  return ms;
}

int main(int argc, char **argv) {
  mallopt(M_MMAP_THRESHOLD, 1 << 20); // every large malloc maps fresh pages (no reuse of a freed block)
  mallopt(M_TRIM_THRESHOLD, 0);
  double *x = malloc((size_t)n * d * 8), *norms = malloc(n * 8), sums[k * d], totals[k], inertia;
  int32_t *labels = malloc(n * 4);
  if (argc > 1) {
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL || fread(x, 8, (size_t)n * d, file) != (size_t)n * d) return fprintf(stderr, "cannot read %s\n", argv[1]), 2;
    fclose(file);
  } else drawBlobs(x);
  for (int i = 0; i < n; i++) {
    norms[i] = 0;
    for (int t = 0; t < d; t++) norms[i] += x[i * d + t] * x[i * d + t];
  }
  printf("%s build, %d f64 lanes; %d x %d points, k = %d\n", lanes == 2 ? "SSE2" : "AVX", lanes, n, d, k);
  touchCosts(x, (size_t)n * d * 8);
  const char *names[] = { "direct ||x - c||^2", "||x||^2 - 2 x.c + ||c||^2" };
  for (int threads = 1; threads <= 2; threads++)
    for (int form = direct; form <= dotProduct; form++) {
      double times[rounds];
      pass(x, norms, x, labels, threads, form, sums, totals, &inertia); // warm-up
      for (int r = 0; r < rounds; r++) times[r] = pass(x, norms, x, labels, threads, form, sums, totals, &inertia);
      double ms = median(times, rounds);
      printf("assignment pass, %d thread(s), %-26s %5.2f ms, least %5.2f  (%.2f ns per point and centroid)\n", threads, names[form], ms, times[0], ms * 1e6 / n / k);
    }
  for (int threads = 1; threads <= 2; threads++) {
    double times[rounds];
    int passes = 0;
    for (int r = 0; r < rounds; r++) times[r] = solveOnce(x, threads, &passes);
    double ms = median(times, rounds);
    printf("one-off Lloyd solve, %d thread(s): %d passes, %.2f ms, least %.2f\n", threads, passes, ms, times[0]);
  }
  return 0;
}
