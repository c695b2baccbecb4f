import { fitGaussianMixture, gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { fitKMeans, kmeans } from "../../solvers/kmeans/index.js";
import {
  exactEvaluation,
  forestManagement,
  frozenLake,
  gridworld4x4,
  gridworld5x5,
  iterativeEvaluation,
  modifiedEvaluation,
  randomMdp,
  renderGrid,
  spanRule,
  supNormRule,
  toleranceRule,
} from "../../solvers/mdp/index.js";
import {
  adam,
  adamW,
  cosineDecay,
  disposeTraining,
  evaluateNetwork,
  exponentialDecay,
  loadBackend,
  mnistDigits,
  momentum,
  neuralNetwork,
  reduceOnPlateau,
  rmsprop,
  stepDecay,
  trainNetwork,
  twoMoons,
  warmup,
} from "../../solvers/neural/index.js";
import { ssorPreconditioner } from "../../solvers/krylov/index.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

const trainNames = ["seed", "maxEpochs", "backend", "hooks", "timeLimitMs", "signal", "log", "threads"];
const points = [[0], [1], [2], [3]];
const layers = [{ units: 2 }];
const cosine = { initial: 0.1, decaySteps: 10 };

/**
 * The solver modules' options objects other than the solver factories' own (those rows are made from the
 * conformance cases, see strict-options-factories.ts): strategies, fit and train functions, problem
 * generators, schedules, and the nested objects of `neuralNetwork`.
 */
export const solverTable: readonly StrictEntry[] = [
  { export: "ssorPreconditioner", names: ["relaxation"], call: (extra) => ssorPreconditioner(extra) },
  {
    export: "fitKMeans",
    names: ["nInit", "seed", "sampleWeights", "maxIterations", "maxEpochs", "threads"],
    call: (extra) => fitKMeans(kmeans({ k: 2 }), points, extra),
  },
  {
    export: "fitGaussianMixture",
    names: ["nInit", "seed", "threads"],
    call: (extra) => fitGaussianMixture(gaussianMixture({ k: 2 }), points, extra),
  },
  { export: "supNormRule", names: ["absTolerance"], call: (extra) => supNormRule(extra) },
  { export: "spanRule", names: ["absTolerance"], call: (extra) => spanRule(extra) },
  { export: "toleranceRule", names: ["absTolerance"], call: (extra) => toleranceRule(extra) },
  { export: "exactEvaluation", names: ["denseLimit"], call: (extra) => exactEvaluation(extra) },
  { export: "iterativeEvaluation", names: ["absTolerance", "maxSweeps"], call: (extra) => iterativeEvaluation(extra) },
  { export: "modifiedEvaluation", names: ["sweeps"], call: (extra) => modifiedEvaluation(extra) },
  { export: "gridworld4x4", names: ["discount"], call: (extra) => gridworld4x4(extra) },
  { export: "gridworld5x5", names: ["discount"], call: (extra) => gridworld5x5(extra) },
  { export: "frozenLake", names: ["map", "slippery", "discount"], call: (extra) => frozenLake(extra) },
  {
    export: "forestManagement",
    names: ["states", "r1", "r2", "p", "discount"],
    call: (extra) => forestManagement(extra),
  },
  {
    export: "randomMdp",
    names: ["states", "actions", "successors", "successorWindow", "discount", "seed"],
    call: (extra) => randomMdp({ states: 2, actions: 2, ...extra }),
  },
  {
    export: "renderGrid",
    names: ["rows", "columns", "values", "policy", "labels", "digits"],
    call: (extra) => renderGrid({ rows: 1, columns: 1, ...extra }),
  },
  {
    export: "neuralNetwork",
    part: "earlyStopping",
    names: ["patience", "minDelta", "monitor", "restoreBestWeights"],
    prefix: "earlyStopping.",
    call: (extra) => neuralNetwork({ layers, earlyStopping: { patience: 2, ...extra } }),
  },
  {
    export: "neuralNetwork",
    part: "a dense layer",
    names: ["units", "activation"],
    prefix: "layers[0].",
    call: (extra) => neuralNetwork({ layers: [{ units: 2, ...extra }] }),
  },
  {
    export: "neuralNetwork",
    part: "a dropout layer",
    names: ["dropout"],
    prefix: "layers[0].",
    call: (extra) => neuralNetwork({ layers: [{ dropout: 0.5, ...extra }, { units: 2 }] }),
  },
  {
    export: "trainNetwork",
    names: trainNames,
    call: (extra) => trainNetwork(neuralNetwork({ layers }), { x: points, y: [0, 1, 0, 1] }, extra),
  },
  {
    export: "evaluateNetwork",
    names: ["loss", "batchSize"],
    call: (extra) => evaluateNetwork(undefined as never, { x: points, y: [0, 1, 0, 1] }, extra),
  },
  { export: "disposeTraining", names: ["keepModel"], call: (extra) => disposeTraining(undefined as never, extra) },
  { export: "twoMoons", names: ["samples", "noise", "seed"], call: (extra) => twoMoons(extra) },
  { export: "mnistDigits", names: ["trainFraction", "seed"], call: (extra) => mnistDigits(extra) },
  { export: "loadBackend", names: ["prefer"], call: (extra) => loadBackend(extra) },
  { export: "adam", names: ["beta1", "beta2", "epsilon"], call: (extra) => adam(extra) },
  { export: "adamW", names: ["beta1", "beta2", "epsilon", "weightDecay"], call: (extra) => adamW(extra) },
  { export: "momentum", names: ["momentum", "nesterov"], call: (extra) => momentum(extra) },
  { export: "rmsprop", names: ["rho", "epsilon", "momentum", "centered"], call: (extra) => rmsprop(extra) },
  {
    export: "stepDecay",
    names: ["initial", "factor", "every"],
    call: (extra) => stepDecay({ initial: 0.1, factor: 0.5, every: 10, ...extra }),
  },
  {
    export: "exponentialDecay",
    names: ["initial", "decayRate", "decaySteps", "staircase"],
    call: (extra) => exponentialDecay({ initial: 0.1, decayRate: 0.5, decaySteps: 10, ...extra }),
  },
  {
    export: "cosineDecay",
    names: ["initial", "decaySteps", "minimum", "restarts"],
    call: (extra) => cosineDecay({ ...cosine, ...extra }),
  },
  {
    export: "cosineDecay",
    part: "restarts",
    names: ["periodMultiplier", "rateMultiplier"],
    prefix: "restarts.",
    call: (extra) => cosineDecay({ ...cosine, restarts: extra }),
  },
  {
    export: "warmup",
    names: ["steps", "then", "startFactor"],
    call: (extra) => warmup({ steps: 5, then: 0.1, ...extra }),
  },
  {
    export: "reduceOnPlateau",
    names: ["factor", "patience", "minDelta", "minRelativeDelta", "direction", "cooldown", "minScale"],
    call: (extra) => reduceOnPlateau(extra),
  },
];
