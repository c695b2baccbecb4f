// The sparse sweep's bare gather loop, sum_k P_k V[col_k], compiled natively: does a C compiler, or software
// prefetch of the gathered values (which WebAssembly lacks), beat the WebAssembly loop of test/bench/mdp.ts?
// Not part of `npm run bench` (it needs a C compiler). Run:
//   gcc -O2 -march=native -pthread test/bench/native/gather.c -o /tmp/gather && /tmp/gather [states] [distance]
// 4,000,000 entries (12 bytes each: an 8-byte probability, a 4-byte column) with columns drawn uniformly from
// `states` (default 100,000), against a streaming read of the same bytes, on 1 and 2 threads; `distance`
// (default 32) is how many entries ahead the prefetching loop asks for V.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { entries = 4000000, rounds = 10, padding = 256 };
static double *probabilities, *values;
static int32_t *columns;
static int prefetchDistance = 32;

typedef enum { gather, gatherPrefetching, streamingRead } Loop;
typedef struct { int from, to; Loop loop; double sum; } Job;

static double milliseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// sum_k P_k V[col_k] over [from, to) in four chains of additions, as in the WebAssembly loops; `prefetch` is a
// constant at each call, so the compiler makes one loop with prefetches and one without.
static inline double gatherSum(int from, int to, int prefetch) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int k = from; k < to; k += 4) {
    if (prefetch) {
      for (int lane = 0; lane < 4; lane++) __builtin_prefetch(&values[columns[k + prefetchDistance + lane]]);
    }
    s0 += probabilities[k] * values[columns[k]];
    s1 += probabilities[k + 1] * values[columns[k + 1]];
    s2 += probabilities[k + 2] * values[columns[k + 2]];
    s3 += probabilities[k + 3] * values[columns[k + 3]];
  }
  return s0 + s1 + s2 + s3;
}

// The same bytes read in order, without the gathers.
static double streamingSum(int from, int to) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int64_t columnSum = 0;
  for (int k = from; k < to; k += 4) {
    s0 += probabilities[k], s1 += probabilities[k + 1], s2 += probabilities[k + 2], s3 += probabilities[k + 3];
    columnSum += columns[k] + columns[k + 1] + columns[k + 2] + columns[k + 3];
  }
  return s0 + s1 + s2 + s3 + (double)columnSum;
}

static void *runJob(void *argument) {
  Job *job = argument;
  job->sum = job->loop == streamingRead ? streamingSum(job->from, job->to) : job->loop == gatherPrefetching ? gatherSum(job->from, job->to, 1) : gatherSum(job->from, job->to, 0);
  return NULL;
}

// Milliseconds per pass over all entries on `threads` threads (the mean of `rounds` passes).
static double timePasses(int threads, Loop loop) {
  pthread_t handles[2];
  Job jobs[2];
  double started = milliseconds();
  for (int round = 0; round < rounds; round++) {
    for (int t = 0; t < threads; t++) {
      jobs[t] = (Job){ t * (entries / threads), (t + 1) * (entries / threads), loop, 0 };
      pthread_create(&handles[t], NULL, runJob, &jobs[t]);
    }
    for (int t = 0; t < threads; t++) pthread_join(handles[t], NULL);
  }
  return (milliseconds() - started) / rounds;
}

int main(int argc, char **argv) {
  int states = argc > 1 ? atoi(argv[1]) : 100000;
  if (argc > 2) prefetchDistance = atoi(argv[2]);
  if (states < 1 || prefetchDistance < 0 || prefetchDistance > padding - 4) {
    fprintf(stderr, "usage: gather [states >= 1] [distance in 0..%d]\n", padding - 4);
    return 2;
  }
  probabilities = malloc((entries + padding) * sizeof *probabilities);
  columns = malloc((entries + padding) * sizeof *columns);
  values = malloc(states * sizeof *values);
  srand(1);
  for (int k = 0; k < entries + padding; k++) probabilities[k] = 0.1, columns[k] = rand() % states;
  for (int s = 0; s < states; s++) values[s] = s;
  const char *names[] = { "gather", "gather, prefetching", "streaming read" };
  printf("%d entries, columns uniform over %d states (values: %d kB)\n", entries, states, (int)(states * sizeof *values / 1024));
  for (int threads = 1; threads <= 2; threads++) {
    timePasses(threads, gather); // warm-up
    for (int loop = gather; loop <= streamingRead; loop++) {
      double ms = timePasses(threads, loop);
      printf("%d thread(s)  %-20s %6.2f ms  %5.1f GB/s of the 12-byte entries\n", threads, names[loop], ms, entries * 12.0 / (ms / 1e3) / 1e9);
    }
  }
  return 0;
}
