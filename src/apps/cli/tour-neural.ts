import { compareAsync, describeCompareOptions } from "../../index.js";
import type { CompareOptions, Hooks } from "../../index.js";
import type { OptimizerFactory, TrainingProblem, TrainingState } from "../../../solvers/neural/index.js";
import { reachSentence } from "./comparison-narrative.js";
import type { PlannedComparison } from "./comparison-plan.js";
import { loadNeural } from "./load-neural.js";
import type { TourComparison } from "./tour-comparisons.js";
import type { AsyncTourEntry } from "./tour-entries.js";

/** The tour's classification problem: 400 noisy points on two interleaved half-moons. */
const moonsOptions = { samples: 400, noise: 0.15, seed: 7 } as const;

/** A 2-16-16-2 ReLU network; the last layer gives logits for the cross-entropy. */
const layers = [{ units: 16, activation: "relu" }, { units: 16, activation: "relu" }, { units: 2 }] as const;

/**
 * The tour's neural-training run: Adam on two moons with the last quarter held out, stopped early when the
 * validation loss has not improved for 10 epochs (the best weights put back). Converged means early stopping
 * ended the run; the error is the validation error rate.
 */
export const neuralTourEntries: readonly AsyncTourEntry[] = [
  {
    family: "neural training",
    problem: "two moons (400 points)",
    errorMeasure: "validation error rate",
    async run(settings) {
      const { evaluateNetwork, neuralNetwork, trainNetwork, twoMoons } = await loadNeural();
      const moons = twoMoons(moonsOptions);
      const solver = neuralNetwork({
        layers,
        learningRate: 0.01,
        validationSplit: 0.25,
        earlyStopping: { patience: 10 },
      });
      const result = await trainNetwork(solver, moons, {
        maxEpochs: 300,
        seed: 1,
        backend: settings?.backend ?? "auto",
      });
      const validation = { x: moons.x.slice(300), y: moons.y.slice(300) };
      const evaluation = await evaluateNetwork(result.model, validation);
      result.model.dispose();
      return {
        result: {
          solver: `neural network, Adam (${result.backend.choice})`,
          iterations: result.iterations,
          converged: result.stopReason.kind === "converged",
          stopReason: result.stopReason,
          elapsedMs: result.elapsedMs,
        },
        error: 1 - (evaluation.accuracy ?? 0),
      };
    },
  },
];

/**
 * The neural family's comparison: SGD, momentum and Adam on two moons, from the same initial weights and
 * batch order (same seed), each at a usual rate for it, for 40 epochs; the error is the training loss
 * averaged over each epoch (read back once per epoch), held until the next epoch's mean.
 */
export const neuralTourComparison: TourComparison = {
  family: "SGD / momentum / Adam",
  async run(settings): Promise<PlannedComparison> {
    const { adam, disposeTraining, loadBackend, momentum, neuralNetwork, sgd, trainingLoss, twoMoons } =
      await loadNeural();
    const backend = await loadBackend({ prefer: settings?.backend ?? "auto" });
    const problem: TrainingProblem = twoMoons(moonsOptions);
    const epochs = 40;
    const release: Hooks<TrainingState> = { onStop: ({ state }) => disposeTraining(state) };
    const method = (label: string, optimizer: OptimizerFactory, rate: number) => ({
      label,
      solver: neuralNetwork({ layers, optimizer, learningRate: rate, batchSize: 32, lossReadEvery: "epoch" }),
      options: { maxEpochs: epochs, hooks: release },
      settings: {
        optimizer: optimizer.name,
        learningRate: rate,
        batchSize: 32,
        layers: "2-16-16-2 relu",
        maxEpochs: epochs,
      },
    });
    const options: CompareOptions<TrainingProblem, TrainingState> = {
      problem,
      methods: [
        method("SGD, rate 0.05", sgd(), 0.05),
        method("momentum 0.9, rate 0.05", momentum(), 0.05),
        method("Adam, rate 0.01", adam(), 0.01),
      ],
      error: trainingLoss(), // read once per epoch: each epoch's mean, held until the next

      tolerances: [0.3, 0.1, 0.05],
      seeds: [1],
    };
    const comparison = await compareAsync(options);
    const heading = "Training a 2-16-16-2 network on two moons: SGD, momentum, Adam";
    const description =
      `Same initial weights and batch order, batch 32, ` +
      `${epochs} epochs of ${Math.ceil(moonsOptions.samples / 32)} iterations, ` +
      `on ${backend.choice} (${backend.device}). ` +
      `${comparison.tolerances.map((_, index) => reachSentence(comparison, index)).join(" ")} ` +
      "Mini-batch training is noisy, so read the iterations to each tolerance rather than a fitted rate.";
    return {
      heading,
      fileStem: "two-moons",
      description,
      comparison,
      section: {
        heading,
        description,
        problem: { name: "two moons", ...moonsOptions },
        options: describeCompareOptions(options),
        comparison,
      },
    };
  },
};
