// The dense value-iteration sweep's floor, measured natively (docs/guides/mdp.md, "the dense sweep's floor"):
// on the 128 MB of transitions of the 2,000 x 4 random MDP laid out as iterlab's kernel reads them (A x S x S,
// row (a, s) at (a S + s) S, so a state's four rows are 32 MB apart), per sweep on 1 and 2 threads:
//   - a streaming read of the same bytes (the memory-bandwidth floor);
//   - the sweep max_a (R + gamma sum_t P V), four rows at once, each summed in two lanes as iterlab's kernel:
//     the states split in halves; with software prefetch (which WebAssembly lacks); with plain loads ahead
//     instead (what WebAssembly could do); in iterlab's chunks of 17 states claimed one at a time (its
//     runChunks); the same with the chunks' order reversed every other sweep; guided chunks (each 1/T of
//     what is left); the rows stored state-major (S x A x S) or with the four rows' pairs interleaved;
//   - numpy's order: one product P_a V per action (four rows of it at a time, as OpenBLAS's dgemv), a barrier
//     after each.
// The caller is thread 0; the second thread is started once and woken per sweep, as iterlab's worker (asleep
// in a futex between sweeps, or spinning with `spin`); it prints when the worker started after the publish.
// Rounds interleave the loops (the machine may be shared); the fastest sweep says what the loop can do.
// Not part of `npm run bench` (it needs a C compiler). Run:
//   gcc -O2 -march=native -pthread test/bench/native/dense-sweep.c -o /tmp/dense && /tmp/dense [states] [distance] [rounds] [spin]
//   gcc -O2 -msse2 -mno-avx -pthread ...   (128-bit vectors only, as WebAssembly's SIMD)
// `distance` (default 512 bytes): how far ahead the prefetching loops ask for their rows.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

typedef double pair __attribute__((vector_size(16)));
enum { actions = 4, sweeps = 20, maxThreads = 2 };
static int S, prefetchBytes = 512, chunkStates, rounds;
static double *P, *R, *V, *next;
static const double gamma_ = 0.95;

typedef enum {
  streamingRead, sweepHalves, sweepPrefetching, sweepLoadingAhead, sweepChunks, sweepAlternating, sweepGuided,
  stateMajorChunks, interleavedChunks, gemvOrder, loopCount
} Loop;
static const char *names[] = {
  "streaming read", "sweep, halves", "sweep, halves, prefetch", "sweep, halves, loads ahead",
  "sweep, iterlab's chunks", "sweep, chunks, alternating order", "sweep, guided chunks",
  "sweep, chunks, state-major rows", "sweep, chunks, rows interleaved", "numpy's order (dgemv per action)"
};

// Where entry (a, t) of state s's rows is: s stateStride + a actionStride + (t / 2) pairStride + t % 2.
typedef struct { size_t stateStride, actionStride, pairStride; } Layout;
static Layout layouts[3]; // iterlab's (A x S x S), state-major (S x A x S), pairs of the four rows interleaved
static int guidedBounds[4096], guidedChunks;

static double nowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// The four rows of state s against V, each in two lanes (lane 0 even t, lane 1 odd t), as iterlab's kernel
// (S even here), then the best action's value. `prefetch`: 1 asks for the rows `prefetchBytes` ahead with
// prefetch instructions, 2 with plain loads (what WebAssembly, which has no prefetch, could do).
static double sink;
static inline double sweepState(int s, int prefetch, Layout layout) {
  const double *p = P + s * layout.stateStride;
  const size_t block = layout.actionStride, step = layout.pairStride;
  pair d0 = { 0, 0 }, d1 = { 0, 0 }, d2 = { 0, 0 }, d3 = { 0, 0 };
  double touched = 0;
  for (int t = 0; t < S; t += 2, p += step) {
    if (prefetch == 1 && (t & 7) == 0) {
      const char *ahead = (const char *)p + prefetchBytes;
      __builtin_prefetch(ahead), __builtin_prefetch(ahead + block * 8);
      __builtin_prefetch(ahead + block * 16), __builtin_prefetch(ahead + block * 24);
    } else if (prefetch == 2 && (t & 7) == 0) {
      const double *ahead = p + prefetchBytes / 8;
      touched += ahead[0] + ahead[block] + ahead[2 * block] + ahead[3 * block];
    }
    pair v;
    memcpy(&v, V + t, sizeof v);
    pair x0, x1, x2, x3;
    memcpy(&x0, p, sizeof v), memcpy(&x1, p + block, sizeof v), memcpy(&x2, p + 2 * block, sizeof v), memcpy(&x3, p + 3 * block, sizeof v);
    d0 += x0 * v, d1 += x1 * v, d2 += x2 * v, d3 += x3 * v;
  }
  double q[4] = { d0[0] + d0[1], d1[0] + d1[1], d2[0] + d2[1], d3[0] + d3[1] };
  double best = -1e300;
  if (prefetch == 2) sink += touched;
  for (int a = 0; a < actions; a++) {
    double value = R[s * actions + a] + gamma_ * q[a];
    best = value > best ? value : best;
  }
  return best;
}

// Shared state of a sweep: the loop, a claim counter for chunks, and the number of threads finished.
static _Atomic int generation, finished, claimed;
static _Atomic Loop currentLoop;
static int threadCount, spinning, sweepParity;
static double wakeUpMs[maxThreads], published;
static double sums[maxThreads];

static void guide(void) {
  int minimum = chunkStates / 2 > 0 ? chunkStates / 2 : 1;
  guidedChunks = 0;
  for (int at = 0; at < S; guidedChunks++) {
    int size = (S - at + threadCount - 1) / threadCount;
    at += size < minimum ? (S - at < minimum ? S - at : minimum) : size;
    guidedBounds[guidedChunks + 1] = at;
  }
}

static void runShare(int thread, Loop loop) {
  double sum = 0;
  if (loop == streamingRead) {
    size_t total = (size_t)actions * S * S, from = total * thread / threadCount, to = total * (thread + 1) / threadCount;
    pair s0 = { 0, 0 }, s1 = { 0, 0 }, s2 = { 0, 0 }, s3 = { 0, 0 };
    for (size_t k = from; k < to; k += 8) {
      pair x0, x1, x2, x3;
      memcpy(&x0, P + k, 16), memcpy(&x1, P + k + 2, 16), memcpy(&x2, P + k + 4, 16), memcpy(&x3, P + k + 6, 16);
      s0 += x0, s1 += x1, s2 += x2, s3 += x3;
    }
    pair s = s0 + s1 + s2 + s3;
    sum = s[0] + s[1];
  } else if (loop == sweepHalves || loop == sweepPrefetching || loop == sweepLoadingAhead) {
    int from = S * thread / threadCount, to = S * (thread + 1) / threadCount;
    for (int s = from; s < to; s++) {
      next[s] = loop == sweepPrefetching ? sweepState(s, 1, layouts[0]) : loop == sweepLoadingAhead ? sweepState(s, 2, layouts[0]) : sweepState(s, 0, layouts[0]);
    }
  } else if (loop == sweepChunks || loop == stateMajorChunks || loop == interleavedChunks) {
    // Chunks of states claimed one at a time by whichever thread is free, as iterlab's runChunks.
    Layout layout = layouts[loop == sweepChunks ? 0 : loop - stateMajorChunks + 1];
    int chunks = (S + chunkStates - 1) / chunkStates;
    for (int c; (c = atomic_fetch_add(&claimed, 1)) < chunks;) {
      int to = (c + 1) * chunkStates < S ? (c + 1) * chunkStates : S;
      for (int s = c * chunkStates; s < to; s++) next[s] = sweepState(s, 0, layout);
    }
  } else if (loop == sweepAlternating) {
    // iterlab's chunks, claimed from the last every other sweep: the first chunks a sweep reads are those the
    // previous sweep read last, still in the L3 cache (32 MB here, a quarter of the transitions).
    int chunks = (S + chunkStates - 1) / chunkStates;
    for (int c; (c = atomic_fetch_add(&claimed, 1)) < chunks;) {
      int block = sweepParity ? chunks - 1 - c : c;
      int to = (block + 1) * chunkStates < S ? (block + 1) * chunkStates : S;
      for (int s = block * chunkStates; s < to; s++) next[s] = sweepState(s, 0, layouts[0]);
    }
  } else if (loop == sweepGuided) {
    // Guided self-scheduling: each chunk claimed is 1/T of the states left (at least chunkStates / 2), so a
    // thread streams long contiguous runs and the last chunks are small.
    int chunks = guidedChunks;
    for (int c; (c = atomic_fetch_add(&claimed, 1)) < chunks;) {
      for (int s = guidedBounds[c]; s < guidedBounds[c + 1]; s++) next[s] = sweepState(s, 0, layouts[0]);
    }
  } else {
    // numpy: q[a] = R_a + gamma P_a V one action at a time (one stream: OpenBLAS's dgemv takes four rows at a
    // time, as here), each product's rows split between the threads, a barrier after each.
    int from = S * thread / threadCount, to = S * (thread + 1) / threadCount;
    for (int a = 0; a < actions; a++) {
      for (int s = from; s < to; s += 4) {
        const double *p = P + ((size_t)a * S + s) * S;
        pair d0 = { 0, 0 }, d1 = { 0, 0 }, d2 = { 0, 0 }, d3 = { 0, 0 };
        for (int t = 0; t < S; t += 2) {
          pair v, x0, x1, x2, x3;
          memcpy(&v, V + t, 16);
          memcpy(&x0, p + t, 16), memcpy(&x1, p + S + t, 16), memcpy(&x2, p + 2 * S + t, 16), memcpy(&x3, p + 3 * S + t, 16);
          d0 += x0 * v, d1 += x1 * v, d2 += x2 * v, d3 += x3 * v;
        }
        double q[4] = { d0[0] + d0[1], d1[0] + d1[1], d2[0] + d2[1], d3[0] + d3[1] };
        for (int row = 0; row < 4 && s + row < to; row++) {
          double value = R[(s + row) * actions + a] + gamma_ * q[row];
          next[s + row] = a == 0 || value > next[s + row] ? value : next[s + row];
        }
      }
      if (threadCount > 1) {
        static _Atomic int arrived;
        int target = (atomic_fetch_add(&arrived, 1) / threadCount + 1) * threadCount;
        while (atomic_load(&arrived) < target) {}
      }
    }
  }
  sums[thread] = sum;
}

static long futex(_Atomic int *word, int op, int value) { return syscall(SYS_futex, word, op, value, NULL, NULL, 0); }

static void *worker(void *argument) {
  int thread = (int)(intptr_t)argument;
  for (int seen = 0;;) {
    while (atomic_load(&generation) == seen) {
      if (!spinning) futex(&generation, FUTEX_WAIT_PRIVATE, seen);
    }
    seen = atomic_load(&generation);
    if (thread >= threadCount) continue;
    wakeUpMs[thread] += nowMs() - published;
    runShare(thread, atomic_load(&currentLoop));
    atomic_fetch_add(&finished, 1);
  }
  return NULL;
}

static int byValue(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

// Milliseconds of each of `sweeps` sweeps with the caller as thread 0 and threadCount - 1 workers, sorted;
// `wakeUp` gets the worker's mean delay from the publish to its start.
static void timeSweeps(Loop loop, double *ms, double *wakeUp) {
  atomic_store(&currentLoop, loop);
  wakeUpMs[1] = 0;
  for (int sweep = 0; sweep < sweeps; sweep++) {
    atomic_store(&finished, 0);
    atomic_store(&claimed, 0);
    sweepParity = sweep & 1;
    double started = nowMs();
    published = started;
    if (threadCount > 1) {
      atomic_fetch_add(&generation, 1);
      if (!spinning || sweep == 0) futex(&generation, FUTEX_WAKE_PRIVATE, maxThreads);
    }
    runShare(0, loop);
    while (atomic_load(&finished) < threadCount - 1) {}
    ms[sweep] = nowMs() - started;
    double *swap = V;
    if (loop != streamingRead) V = next, next = swap;
  }
  qsort(ms, sweeps, sizeof *ms, byValue);
  *wakeUp = wakeUpMs[1] / sweeps;
}

int main(int argc, char **argv) {
  S = argc > 1 ? atoi(argv[1]) : 2000;
  if (argc > 2) prefetchBytes = atoi(argv[2]);
  rounds = argc > 3 ? atoi(argv[3]) : 5;
  spinning = argc > 4 && strcmp(argv[4], "spin") == 0;
  if (S < 8 || S % 8 != 0 || prefetchBytes < 0 || rounds < 1 || rounds > 64) {
    fprintf(stderr, "usage: dense-sweep [states, a multiple of 8] [prefetch distance in bytes] [rounds, 1 to 64] [spin]\n");
    return 2;
  }
  layouts[0] = (Layout){ S, (size_t)S * S, 2 };
  layouts[1] = (Layout){ (size_t)actions * S, S, 2 };
  layouts[2] = (Layout){ (size_t)actions * S, 2, 2 * actions };
  chunkStates = (1 << 17) / (S * actions) + ((1 << 17) % (S * actions) != 0); // as sweep-reservation.ts
  size_t entries = (size_t)actions * S * S;
  P = aligned_alloc(64, (entries + 4096) * sizeof *P);
  R = malloc(S * actions * sizeof *R), V = malloc(S * sizeof *V), next = malloc(S * sizeof *next);
  srand(1);
  for (size_t k = 0; k < entries + 4096; k++) P[k] = (rand() % 1000) / (500.0 * S);
  for (int k = 0; k < S * actions; k++) R[k] = rand() % 100 / 100.0;
  for (int s = 0; s < S; s++) V[s] = 0;
  double bytes = entries * 8.0, sweepBytes = bytes + S * actions * 8.0 + S * 16.0;
  printf("%d x %d dense MDP: %.0f MB of transitions, %d states per chunk\n", S, actions, bytes / 1e6, chunkStates);
  pthread_t handle;
  pthread_create(&handle, NULL, worker, (void *)(intptr_t)1);
  // Rounds interleave the configurations (the machine may be shared); per configuration the fastest sweep
  // of all rounds and the median of the rounds' medians.
  enum { configurations = 2 * loopCount };
  static double best[configurations], medians[configurations][64], wakeUps[configurations];
  for (int round = 0; round < rounds; round++) {
    for (int c = 0; c < configurations; c++) {
      threadCount = c < loopCount ? 1 : 2;
      guide();
      double ms[sweeps], wakeUp;
      timeSweeps(sweepHalves, ms, &wakeUp); // warm-up
      timeSweeps(c % loopCount, ms, &wakeUp);
      if (round == 0 || ms[0] < best[c]) best[c] = ms[0];
      medians[c][round] = ms[sweeps / 2];
      wakeUps[c] += wakeUp / rounds;
    }
  }
  printf("per sweep: fastest of %d x %d / median of the rounds' medians; GB/s of the fastest\n", rounds, sweeps);
  for (int c = 0; c < configurations; c++) {
    Loop loop = c % loopCount;
    qsort(medians[c], rounds, sizeof(double), byValue);
    double gbs = (loop == streamingRead ? bytes : sweepBytes) / (best[c] / 1e3) / 1e9;
    printf("%s  %-34s %6.2f / %6.2f ms  %5.1f GB/s", c < loopCount ? "1 thread        " : spinning ? "2 threads, spin " : "2 threads, futex",
           names[loop], best[c], medians[c][rounds / 2], gbs);
    if (c >= loopCount) printf("  (worker starts %.3f ms after the publish)", wakeUps[c]);
    printf("\n");
  }
  printf("checksum %g %g %g\n", V[0] + V[S - 1], sums[0], sink);
  return 0;
}
