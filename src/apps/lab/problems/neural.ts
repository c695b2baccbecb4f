import { Random } from "../../../index.js";
import {
  adam,
  constantRate,
  cosineDecay,
  disposeTraining,
  momentum,
  neuralNetwork,
  rmsprop,
  sgd,
  stepDecay,
  twoMoons,
} from "../../../../solvers/neural/index.js";
import type { ClassifiedPoints, OptimizerFactory, TrainingState } from "../../../../solvers/neural/index.js";
import { labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";

/** The 2-D classification sets of the neural page. */
export const datasetNames = ["moons", "circles", "spirals", "xor"] as const;
/** One of {@link datasetNames}. */
export type DatasetName = (typeof datasetNames)[number];

/** `samples` seeded labelled points of a named set, in about `[-1.5, 1.5]^2`. */
export function classificationSet(name: DatasetName, samples: number, seed: number): ClassifiedPoints {
  if (name === "moons") {
    const moons = twoMoons({ samples, noise: 0.12, seed });
    return { x: moons.x.map(([a, b]) => [(a as number) - 0.5, ((b as number) - 0.25) * 1.5]), y: moons.y };
  }
  const random = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    if (name === "circles") {
      const angle = 2 * Math.PI * random.float();
      const radius = (label === 0 ? 0.5 : 1.2) + random.normal(0, 0.1);
      x.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
    } else if (name === "spirals") {
      const t = 0.25 + 2.75 * random.float();
      const angle = 1.75 * t + label * Math.PI;
      const radius = t / 2.2;
      x.push([radius * Math.cos(angle) + random.normal(0, 0.04), radius * Math.sin(angle) + random.normal(0, 0.04)]);
    } else {
      const a = 2 * random.float() - 1;
      const b = 2 * random.float() - 1;
      x.push([1.4 * a, 1.4 * b]);
      y.push(a * b > 0 ? 0 : 1);
      continue;
    }
    y.push(label);
  }
  return { x, y };
}

/** The optimisers the page offers. */
export const optimizerNames = ["adam", "sgd", "momentum", "rmsprop"] as const;
/** The learning-rate schedules the page offers. */
export const scheduleNames = ["constant", "step", "cosine"] as const;

/** A setup of the neural page. */
export interface NeuralSetup {
  readonly dataset: DatasetName;
  readonly samples: number;
  /** Hidden layer sizes, e.g. `[16, 16]` for a 2-16-16-2 network. */
  readonly hidden: readonly number[];
  readonly optimizer: (typeof optimizerNames)[number];
  readonly learningRate: number;
  readonly schedule: (typeof scheduleNames)[number];
  readonly batchSize: number;
  readonly seed: number;
}

const optimizers: Readonly<Record<NeuralSetup["optimizer"], () => OptimizerFactory>> = {
  adam: () => adam(),
  sgd: () => sgd(),
  momentum: () => momentum(),
  rmsprop: () => rmsprop(),
};

/** Training a tanh network with a softmax output; the chart shows the mini-batch loss of every iteration. */
export function neuralRun(setup: NeuralSetup): LabRun<TrainingState> & { readonly data: ClassifiedPoints } {
  const data = classificationSet(setup.dataset, setup.samples, setup.seed);
  const rate = setup.learningRate;
  const learningRate =
    setup.schedule === "step"
      ? stepDecay({ initial: rate, factor: 0.5, every: 200 })
      : setup.schedule === "cosine"
        ? cosineDecay({ initial: rate, decaySteps: 2000 })
        : constantRate(rate);
  const solver = neuralNetwork({
    layers: [
      ...setup.hidden.map((units) => ({ units, activation: "tanh" as const })),
      { units: 2, activation: "softmax" as const },
    ],
    optimizer: optimizers[setup.optimizer](),
    learningRate,
    batchSize: setup.batchSize,
    lossReadEvery: 1,
    maxIterations: 5000,
  });
  const run = labRun(solver, data, {
    seed: setup.seed,
    async: true,
    error: (state) => state.loss ?? Number.NaN,
    errorName: "mini-batch loss",
    theory: { note: "stochastic: no asymptotic rate; the loss falls, then fluctuates" },
    // Two throwaway training steps: TensorFlow.js's first calls (gradient tape, optimiser slots, kernels).
    warmUpIterations: 2,
    release: disposeTraining,
  });
  return { ...run, data };
}

/** The network every optimiser trains on the compare page: the neural page's default 2-16-16-2 setup. */
export function compareSetup(dataset: DatasetName, optimizer: NeuralSetup["optimizer"]): NeuralSetup {
  return {
    dataset,
    samples: 200,
    hidden: [16, 16],
    optimizer,
    learningRate: 0.03,
    schedule: "constant",
    batchSize: 32,
    seed: 1,
  };
}
