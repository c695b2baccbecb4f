import { prepareProblem, solveAsync } from "../../../src/index.js";
import { disposeTraining, neuralNetwork, twoMoons } from "../../../solvers/neural/index.js";
import type { NeuralNetworkOptions, TrainingProblem, TrainingState } from "../../../solvers/neural/index.js";
import type * as tf from "../../../solvers/neural/tfjs.js";
import { Random } from "../../../src/index.js";

/** y = 2 x1 - 3 x2 + 1 + noise, x uniform in [-1, 1]^2, noise normal with this standard deviation. */
export function linearData(n: number, noise: number, seed = 7): { x: number[][]; y: number[] } {
  const random = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = 2 * random.float() - 1;
    const x2 = 2 * random.float() - 1;
    x.push([x1, x2]);
    y.push(2 * x1 - 3 * x2 + 1 + random.normal(0, noise));
  }
  return { x, y };
}

/** The model's weights as plain arrays (a copy). */
export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((weight) => Array.from(weight.dataSync()));
}

/** The largest absolute difference between two weight lists of the same shapes. */
export function maxDifference(a: readonly number[][], b: readonly number[][]): number {
  let max = 0;
  a.forEach((row, i) => row.forEach((value, j) => (max = Math.max(max, Math.abs(value - (b[i]?.[j] ?? NaN))))));
  return max;
}

/** Two moons, 64 points: a small classification problem. */
export const classification: TrainingProblem = (() => {
  const { x, y } = twoMoons({ samples: 64, noise: 0.1, seed: 3 });
  return { x, y };
})();

/** A small network for {@link classification}. */
export const smallNet: NeuralNetworkOptions = { layers: [{ units: 6, activation: "tanh" }, { units: 2 }] };

/** Runs a solver and returns the result with the model's weights, releasing every tensor. */
export async function runNetwork(
  options: NeuralNetworkOptions,
  problem: TrainingProblem,
  runOptions: Parameters<typeof solveAsync<TrainingProblem, TrainingState, unknown>>[2] = {},
) {
  const result = await solveAsync(neuralNetwork(options), problem, runOptions);
  const weights = weightsOf(result.state.session.model);
  disposeTraining(result.state);
  return { result, weights };
}

/** XOR on its four corners. A function, so that no test can change another's data. */
export const xorProblem = (): TrainingProblem => ({
  x: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  y: [0, 1, 1, 0],
});

/** Prepares `data` (where it is checked) and builds iteration 0, as a run does. */
export function initialState(options: NeuralNetworkOptions, data: TrainingProblem): TrainingState {
  const solver = neuralNetwork(options);
  using prepared = prepareProblem(solver, data);
  return solver.init(prepared.prepared, { random: new Random(0) });
}
