import { describeStopReason, solve } from "../../index.js";
import type { IterationEvent } from "../../index.js";
import { distanceToSolution } from "./distance-to-solution.js";
import { defaultStudyTolerances, defaultTraceLength } from "./plan-study.js";
import type { StudyDefinition, StudyErrorMeasure, StudyProblem, StudyRun, StudyRunSpec } from "./types.js";

/**
 * Runs one planned run of a study with the engine's ordinary `solve` and returns its row. A run that throws
 * (a malformed problem, a failing step) is a `failed` row with the error's message, never an exception.
 *
 * @param definition - The study.
 * @param spec - The run.
 * @param attempts - How many times the run has been started, this one included.
 * @returns The run's row.
 */
export function executeRun<P>(definition: StudyDefinition<P>, spec: StudyRunSpec, attempts = 1): StudyRun {
  const tolerances = definition.tolerances ?? defaultStudyTolerances;
  const recorder = new RunRecorder(definition.traceLength ?? defaultTraceLength, tolerances);
  try {
    const method = definition.methods.find((candidate) => candidate.name === spec.method);
    const entry = definition.problems.find((candidate) => candidate.name === spec.problem);
    if (method === undefined || entry === undefined)
      throw new Error(`the study has no method ${spec.method} or no problem ${spec.problem}`);
    const problem =
      typeof entry.problem === "function" ? (entry.problem as (seed: number) => P)(spec.seed) : (entry.problem as P);
    const solver = method.solver(spec.options);
    const error = (definition.error ?? distanceToSolution()) as StudyErrorMeasure<P>;
    const measured: StudyProblem<P> = entry;
    const result = solve(solver, problem, {
      seed: spec.seed,
      trace: false,
      ...(definition.maxIterations === undefined ? {} : { maxIterations: definition.maxIterations }),
      ...(definition.timeLimitMs === undefined ? {} : { timeLimitMs: definition.timeLimitMs }),
      hooks: {
        onIteration: (event: IterationEvent<unknown>) =>
          recorder.observe(event.iteration, error.measure(event.state, measured), event.state),
      },
    });
    return {
      ...spec,
      status: "done",
      iterations: result.iterations,
      evaluations: evaluationsOf(result.state),
      timeMs: result.elapsedMs,
      initialError: recorder.initialError,
      finalError: recorder.lastError,
      stopKind: result.stopReason.kind,
      stopMessage: describeStopReason(result.stopReason),
      reached: recorder.reached,
      reachedEvaluations: recorder.reachedEvaluations,
      trace: recorder.trace(),
      attempts,
    };
  } catch (error) {
    return failedRun(spec, error instanceof Error ? `${error.name}: ${error.message}` : String(error), attempts);
  }
}

/** The row of a run that failed (it threw, or its worker crashed on every try). */
export function failedRun(spec: StudyRunSpec, message: string, attempts: number): StudyRun {
  return {
    ...spec,
    status: "failed",
    iterations: 0,
    evaluations: {},
    timeMs: 0,
    initialError: undefined,
    finalError: undefined,
    stopKind: "failed",
    stopMessage: message,
    reached: [],
    reachedEvaluations: [],
    trace: { iteration: [], error: [] },
    attempts,
  };
}

/**
 * Evaluations by kind, read from a state's counters: `fEvaluations` is `f`, `gradientEvaluations` is
 * `gradient`, a bare `evaluations` (fixed point) is `map`.
 */
export function evaluationsOf(state: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  if (state === null || typeof state !== "object") return counts;
  for (const [name, value] of Object.entries(state)) {
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    if (name === "evaluations") counts.map = value;
    else if (name.endsWith("Evaluations") && name.length > "Evaluations".length)
      counts[name.slice(0, -"Evaluations".length)] = value;
  }
  return counts;
}

/** Keeps a run's thinned error trace and the first iteration at each tolerance, as the run goes. */
class RunRecorder {
  initialError: number | undefined;
  lastError: number | undefined;
  readonly reached: (number | undefined)[];
  readonly reachedEvaluations: (number | undefined)[];
  private readonly iterations: number[] = [];
  private readonly errors: (number | null)[] = [];
  private stride = 1;
  private last: { readonly iteration: number; readonly error: number | null } | undefined;

  constructor(
    private readonly length: number,
    private readonly tolerances: readonly number[],
  ) {
    this.reached = tolerances.map(() => undefined);
    this.reachedEvaluations = tolerances.map(() => undefined);
  }

  observe(iteration: number, error: number | undefined, state: unknown): void {
    const value = error === undefined || Number.isNaN(error) ? null : error;
    if (iteration === 0) this.initialError = value ?? undefined;
    this.lastError = value ?? undefined;
    this.last = { iteration, error: value };
    if (iteration % this.stride === 0) {
      if (this.iterations.length >= this.length - 1) this.thin();
      if (iteration % this.stride === 0) {
        this.iterations.push(iteration);
        this.errors.push(value);
      }
    }
    const start = this.initialError;
    if (value === null || start === undefined) return;
    this.tolerances.forEach((tolerance, index) => {
      if (this.reached[index] === undefined && value <= tolerance * start) {
        this.reached[index] = iteration;
        this.reachedEvaluations[index] = totalEvaluations(state);
      }
    });
  }

  trace(): StudyRun["trace"] {
    const iteration = [...this.iterations];
    const error = [...this.errors];
    if (this.last !== undefined && iteration.at(-1) !== this.last.iteration) {
      iteration.push(this.last.iteration);
      error.push(this.last.error);
    }
    return { iteration, error };
  }

  /** Keeps every other point and doubles the stride, so that the trace stays within its length. */
  private thin(): void {
    let kept = 0;
    for (let index = 0; index < this.iterations.length; index += 2) {
      this.iterations[kept] = this.iterations[index] as number;
      this.errors[kept] = this.errors[index] as number | null;
      kept++;
    }
    this.iterations.length = kept;
    this.errors.length = kept;
    this.stride *= 2;
  }
}

function totalEvaluations(state: unknown): number | undefined {
  const counts = Object.values(evaluationsOf(state));
  return counts.length === 0 ? undefined : counts.reduce((sum, count) => sum + count, 0);
}
