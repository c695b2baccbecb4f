// The child process of before-after.ts: times one section's workloads against the iterlab checkout at
// `--root` (its own sources, imported by path, so any two checkouts run the same workloads) and prints one
// JSON line: the median milliseconds per workload, null where that checkout lacks what the workload calls.
//
//   tsx test/bench/before-after-probe.ts --root /path/to/checkout --section clustering --repeats 5
//   tsx test/bench/before-after-probe.ts --root /path/to/checkout --section clustering --cold 0
// With `--cold N` it times only the section's workload N, once, as the process's first run: what a program
// that solves one problem and exits pays (first compilation, fresh memory), rather than a warm repeat.
import { resolve } from "node:path";
import { parseArgs } from "node:util";

type Workload = { readonly name: string; readonly run: () => unknown | Promise<unknown> } | undefined;
// Another checkout's modules: their types are not this checkout's to know.
type Module = any;

const { values: args } = parseArgs({
  options: {
    root: { type: "string" },
    section: { type: "string" },
    repeats: { type: "string", default: "5" },
    cold: { type: "string" },
  },
});
const root = resolve(args.root as string);
const load = (path: string): Promise<Module> => import(`${root}/${path}`);

/** Points around `k` centres drawn from the checkout's seeded generator (the same bits in every checkout). */
function blobs(Random: Module, n: number, d: number, k: number, seed: number): Float64Array {
  const random = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal(0, 10)));
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < d; t++) values[i * d + t] = (centres[i % k]?.[t] as number) + random.normal();
  return values;
}

/**
 * Made on first use: a section's handle or pool is made by the first run of the workload that uses it (the
 * warm-up run, or the timed one of a cold run), so a cold run of another workload starts in a process that
 * has mapped no kernel memory and started no worker (before the binder, one process-wide memory served all).
 */
function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

const firstRows = (values: Float64Array, k: number, d: number): number[][] =>
  Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));

/** The workloads of each section; each returns its workloads (undefined: not in this checkout). */
const sections: Record<string, () => Promise<Workload[]>> = {
  async engine() {
    const { iterate } = await load("src/index.ts");
    const update = (x: number) => x * 0.999999 + 1e-6;
    return [
      { name: "iterate 100,000 steps, trace off", run: () => iterate(1, { update, maxIterations: 1e5, trace: false }) },
      { name: "iterate 10,000 steps, default trace", run: () => iterate(1, { update, maxIterations: 1e4 }) },
    ];
  },
  async clustering() {
    const engine = await load("src/index.ts");
    const { kmeans, hamerlyKMeans, givenCentroids } = await load("solvers/kmeans/index.ts");
    const [n, d, k] = [200_000, 16, 8];
    const values = blobs(engine.Random, n, d, k, 2024);
    const init = givenCentroids(firstRows(values, k, d));
    // A new problem object each run (the arrays are the caller's, as in a service fitting new requests).
    const problem = () => ({ data: { values, rows: n } });
    const handleSolver = kmeans({ init });
    const handle = onFirstUse(() => engine.prepareProblem(handleSolver, problem()));
    const pool = engine.kernelPool === undefined ? undefined : onFirstUse(() => engine.kernelPool());
    return [
      {
        name: "k-means (Lloyd) one-off solve, 200,000 x 16, k = 8",
        run: () => engine.solve(kmeans({ init }), problem()),
      },
      { name: "Hamerly one-off solve, same data", run: () => engine.solve(hamerlyKMeans({ init }), problem()) },
      { name: "k-means repeated solve on one prepared handle", run: () => engine.solve(handleSolver, handle()) },
      pool === undefined
        ? undefined
        : {
            name: "k-means one-off solve with a kernelPool",
            run: () => engine.solve(kmeans({ init }), problem(), { kernelPool: pool() }),
          },
    ];
  },
  async em() {
    const engine = await load("src/index.ts");
    const { gaussianMixture, fullCovariance, givenParameters } = await load("solvers/gaussian-mixture/index.ts");
    const [n, d, k] = [50_000, 16, 8];
    const values = blobs(engine.Random, n, d, k, 7);
    const identity = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? 1 : 0)));
    const init = givenParameters({
      weights: Array.from({ length: k }, () => 1 / k),
      means: firstRows(values, k, d),
      covariances: Array.from({ length: k }, () => identity),
    });
    const em = () => gaussianMixture({ k, covariance: fullCovariance(), init });
    return [
      {
        name: "EM full covariances, one-off solve, init + 2 iterations, 50,000 x 16, k = 8",
        run: () => engine.solve(em(), { data: { values, rows: n } }, { maxIterations: 2 }),
      },
    ];
  },
  async mdp() {
    const engine = await load("src/index.ts");
    const { randomMdp, valueIteration } = await load("solvers/mdp/index.ts");
    const dense = randomMdp({ states: 2000, actions: 4, seed: 1 });
    const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10, seed: 2 });
    const solver = valueIteration({ maxIterations: 10 });
    const handle = onFirstUse(() => engine.prepareProblem(solver, dense));
    const pool = engine.kernelPool === undefined ? undefined : onFirstUse(() => engine.kernelPool());
    return [
      {
        name: "value iteration 10 sweeps, dense 2,000 x 4, one-off solve (prepare included)",
        run: () => engine.solve(valueIteration({ maxIterations: 10 }), dense),
      },
      {
        name: "value iteration 10 sweeps, sparse 100,000 x 4 x 10, one-off solve",
        run: () => engine.solve(valueIteration({ maxIterations: 10 }), sparse),
      },
      { name: "value iteration 10 sweeps, dense, on one prepared handle", run: () => engine.solve(solver, handle()) },
      pool === undefined
        ? undefined
        : {
            name: "value iteration 10 sweeps, dense, one-off solve with a kernelPool",
            run: () => engine.solve(valueIteration({ maxIterations: 10 }), dense, { kernelPool: pool() }),
          },
    ];
  },
  async "gauss-seidel"() {
    const engine = await load("src/index.ts");
    const { gaussSeidel, poisson2d } = await load("solvers/gauss-seidel/index.ts");
    const m = 512;
    const problem = { matrix: poisson2d(m), b: new Float64Array(m * m).fill(1) };
    return [
      {
        name: "Gauss-Seidel 10 iterations, Poisson 512 x 512, stencil kernel, one-off solve",
        run: () => engine.solve(gaussSeidel(), problem, { maxIterations: 10 }),
      },
      {
        name: "Gauss-Seidel 10 iterations, same matrix as general CSR, one-off solve",
        run: () => engine.solve(gaussSeidel({ stencilKernel: false }), problem, { maxIterations: 10 }),
      },
    ];
  },
  async small() {
    const engine = await load("src/index.ts");
    const { newton, newtonMinimize } = await load("solvers/newton/index.ts");
    const { problem: rosenbrock } = await load("test/bench/newton.ts");
    const cubic = { f: (x: number) => x * x * x - 2 * x - 5, derivative: (x: number) => 3 * x * x - 2, x0: 2 };
    const times = (count: number, run: () => unknown) => () => {
      for (let i = 0; i < count; i++) run();
    };
    // The peers bench's gradient-descent and fixed-point rows (test/bench/peers/small.ts), trace off.
    const { gradientDescent } = await load("solvers/gradient-descent/index.ts");
    const { fixedPoint } = await load("solvers/fixed-point/index.ts");
    const quadratic = {
      f: (x: Float64Array) => 0.5 * ((x[0] as number) ** 2 + 100 * (x[1] as number) ** 2),
      gradient: (x: Float64Array) => [x[0] as number, 100 * (x[1] as number)],
      x0: [1, 1],
    };
    const descent = gradientDescent({ lineSearch: engine.fixedStep(2 / 101), absTolerance: 0, maxIterations: 2e5 });
    const cosine = fixedPoint({ absTolerance: 0 });
    const quiet = { trace: false };
    return [
      {
        name: "gradient descent, fixed step, 2-D quadratic, 200,000 iterations, trace off",
        run: () => engine.solve(descent, quadratic, quiet),
      },
      {
        name: "fixed point x = cos(x) from 1, 2,000 one-off solves, trace off",
        run: times(2000, () => engine.solve(cosine, { map: Math.cos, x0: 1 }, quiet)),
      },
      {
        name: "Newton minimisation, Rosenbrock from (-1.2, 1), 200 one-off solves, trace off",
        run: times(200, () => engine.solve(newtonMinimize(), rosenbrock, quiet)),
      },
      {
        name: "Newton minimisation, Rosenbrock from (-1.2, 1), 200 one-off solves",
        run: times(200, () => engine.solve(newtonMinimize(), rosenbrock)),
      },
      {
        name: "scalar Newton, x^3 - 2x - 5 from 2, 1,000 one-off solves",
        run: times(1000, () => engine.solve(newton(), cubic)),
      },
    ];
  },
  async neural() {
    const engine = await load("src/index.ts");
    const { adam, neuralNetwork, trainNetwork } = await load("solvers/neural/index.ts");
    const random = new engine.Random(3);
    const rows = 4096;
    const x = Array.from({ length: rows }, () => Array.from({ length: 64 }, () => random.normal()));
    const y = Int32Array.from({ length: rows }, (_, i) => i % 10);
    const network = { layers: [{ units: 64, activation: "relu" }, { units: 10 }], optimizer: adam(), batchSize: 128 };
    const run = { maxEpochs: 2, seed: 1 };
    // trainNetwork(solver, data, run) since issue 15; checkouts before it take (data, { ...network, ...run }).
    const solverFirst = typeof neuralNetwork(network).trainsCallerModel === "boolean";
    const train = async () => {
      const result = solverFirst
        ? await trainNetwork(neuralNetwork(network), { x, y }, run)
        : await trainNetwork({ x, y }, { ...network, ...run });
      result.model.dispose();
    };
    return [{ name: "MLP 64-64-10, Adam, 2 epochs of 4,096 rows, batch 128 (default backend)", run: train }];
  },
};

const section = sections[args.section ?? ""];
if (section === undefined) throw new Error(`unknown section ${args.section}`);
const repeats = Number(args.repeats);
const cold = args.cold === undefined ? undefined : Number(args.cold);
const figures: Record<string, number | null> = {};
const workloads = await section();
for (const [index, workload] of workloads.entries()) {
  if (workload === undefined || (cold !== undefined && index !== cold)) continue;
  const times: number[] = [];
  for (let run = 0; run < (cold === undefined ? repeats + 1 : 1); run++) {
    const start = performance.now();
    await workload.run();
    // Warm: the first run warms up the code and the JIT and is left out. Cold: the first run is the figure.
    if (run > 0 || cold !== undefined) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  figures[workload.name] = times[Math.floor(times.length / 2)] as number;
}
// Cold runs also say how many workloads the section has, so the caller can run each in its own process.
if (cold !== undefined) figures["#workloads"] = workloads.length;
console.log(JSON.stringify(figures));
process.exit(0); // a prepared handle or pool left open must not keep the process alive
