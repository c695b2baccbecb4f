import type { Solver } from "../../src/index.js";
import { defineStudy } from "../../src/apps/study/index.js";

// Studies for `npm run bench -- studies`: tiny runs (4 halvings of a number, microseconds) to measure what a
// study adds per run, and CPU-bound runs (busy for 20 ms) to measure how runs spread over workers.

interface Start {
  readonly x0: number;
}
interface State {
  readonly x: number;
}

function halving(busyMs: number): Solver<Start, State> {
  return {
    name: busyMs === 0 ? "halving" : `halving (busy ${busyMs} ms)`,
    init: (problem) => ({ x: problem.x0 }),
    step: (_problem, state) => {
      const end = busyMs === 0 ? 0 : performance.now() + busyMs / 4;
      while (performance.now() < end) {
        // CPU-bound work
      }
      return { x: state.x / 2 };
    },
    record: (state) => state,
    convergence: undefined,
    maxIterations: 4,
  };
}

function studyOf(name: string, seeds: number, busyMs: number) {
  return defineStudy<Start>({
    name,
    seeds,
    methods: [{ name: "halving", solver: () => halving(busyMs) }],
    problems: [{ name: "one", problem: (seed: number) => ({ x0: 1 + seed }), solution: 0 }],
  });
}

/** 500 tiny runs. */
export const tiny500 = studyOf("tiny 500", 500, 0);
/** 2,500 tiny runs. */
export const tiny2500 = studyOf("tiny 2500", 2500, 0);
/** 10,000 tiny runs. */
export const tiny10000 = studyOf("tiny 10000", 10_000, 0);
/** 100 tiny runs (through Redis). */
export const tiny100 = studyOf("tiny 100", 100, 0);
/** 400 tiny runs (through Redis). */
export const tiny400 = studyOf("tiny 400", 400, 0);
/** 1,000 tiny runs. */
export const tiny1000 = studyOf("tiny 1000", 1000, 0);
/** 4,000 tiny runs. */
export const tiny4000 = studyOf("tiny 4000", 4000, 0);
/** 8 CPU-bound runs of 40 ms. */
export const busy8 = studyOf("busy 8", 8, 40);
/** 40 CPU-bound runs of 40 ms. */
export const busy40 = studyOf("busy 40", 40, 40);
/** 120 CPU-bound runs of 40 ms (steady-state throughput). */
export const busy120 = studyOf("busy 120", 120, 40);
