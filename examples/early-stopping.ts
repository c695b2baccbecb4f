/**
 * Iterations, epochs and early stopping, on mini-batch SGD for a linear regression.
 *
 * Run: npx tsx examples/early-stopping.ts
 *
 * One iteration is one parameter update on one mini-batch; one epoch is one pass over the training data,
 * ceil(n / batch) iterations. The engine counts both, shuffles from the seeded generator, and stops through
 * `patience` on a validation loss measured once per epoch (the monitor returns undefined in between).
 */
import { iterate, iterationsPerEpoch, patience, Random } from "../src/index.js";
import type { IterationContext } from "../src/index.js";
import { runIfMain } from "./run-if-main.js";

interface SgdState {
  readonly weights: Float64Array; // [slope, intercept]
  readonly order: Int32Array; // this epoch's shuffled sample order
  readonly validationLoss: number | undefined; // measured at epoch ends only
}

export function main(print: (line: string) => void = console.log) {
  // Synthetic data y = 3x - 1 + noise; 80% training, 20% validation.
  const random = new Random(42);
  const n = 500;
  const xs = Float64Array.from({ length: n }, () => random.float() * 2 - 1);
  const ys = xs.map((x) => 3 * x - 1 + 0.3 * random.normal());
  const trainingSize = 400;
  const batchSize = 32;
  const epochLength = iterationsPerEpoch(trainingSize, batchSize); // ceil(400 / 32) = 13
  const learningRate = 0.1;

  const validationLoss = (weights: Float64Array) => {
    let sum = 0;
    for (let i = trainingSize; i < n; i++)
      sum += ((weights[0] as number) * (xs[i] as number) + (weights[1] as number) - (ys[i] as number)) ** 2;
    return sum / (n - trainingSize);
  };

  const update = (state: SgdState, context: IterationContext): SgdState => {
    // A new epoch begins with a new shuffle from the run's seeded generator.
    const order = context.iterationInEpoch === 0 ? context.random.permutation(trainingSize) : state.order;
    const start = context.iterationInEpoch * batchSize;
    const batch = order.subarray(start, Math.min(start + batchSize, trainingSize));
    let gradientSlope = 0;
    let gradientIntercept = 0;
    for (const i of batch) {
      const residual =
        (state.weights[0] as number) * (xs[i] as number) + (state.weights[1] as number) - (ys[i] as number);
      gradientSlope += (2 * residual * (xs[i] as number)) / batch.length;
      gradientIntercept += (2 * residual) / batch.length;
    }
    const weights = Float64Array.of(
      (state.weights[0] as number) - learningRate * gradientSlope,
      (state.weights[1] as number) - learningRate * gradientIntercept,
    );
    const epochEnds = context.iterationInEpoch === epochLength - 1;
    return { weights, order, validationLoss: epochEnds ? validationLoss(weights) : undefined };
  };

  const result = iterate<SgdState, { loss: number | undefined }>(
    { weights: new Float64Array(2), order: new Int32Array(0), validationLoss: undefined },
    {
      update,
      epochLength,
      maxEpochs: 200,
      maxIterations: 1_000_000,
      seed: 7,
      converged: patience((state: SgdState) => state.validationLoss, { patience: 5, minDelta: 1e-5, name: "val loss" }),
      trace: { record: (state) => ({ loss: state.validationLoss }), every: epochLength },
      hooks: {
        onEpochEnd: (event) =>
          event.epoch % 5 === 0
            ? print(`epoch ${event.epoch}: val loss ${event.state.validationLoss?.toFixed(5)}`)
            : undefined,
      },
    },
  );

  const report = result.criteria.convergence[0];
  print(
    `stopped after ${result.epochs} epochs = ${result.iterations} iterations (${epochLength} per epoch): ${result.stopReason.kind}`,
  );
  print(
    `best val loss ${report?.best?.value.toFixed(5)} at iteration ${report?.best?.iteration}; weights ${Array.from(result.state.weights, (w) => w.toFixed(3)).join(", ")} (true: 3, -1)`,
  );
  return {
    epochs: result.epochs,
    iterations: result.iterations,
    weights: Array.from(result.state.weights),
    stopReason: result.stopReason.kind,
  };
}

runIfMain(import.meta.url, main);
