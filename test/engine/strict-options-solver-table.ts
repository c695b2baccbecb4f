import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gaussSeidel, jacobi, redBlackGaussSeidel, sor, ssor } from "../../solvers/gauss-seidel/index.js";
import { fitGaussianMixture, gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { fitKMeans, hamerlyKMeans, kmeans, miniBatchKMeans } from "../../solvers/kmeans/index.js";
import {
  exactEvaluation,
  forestManagement,
  frozenLake,
  gridworld4x4,
  gridworld5x5,
  iterativeEvaluation,
  modifiedEvaluation,
  policyEvaluation,
  policyIteration,
  randomMdp,
  renderGrid,
  spanRule,
  supNormRule,
  toleranceRule,
  valueIteration,
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
import { bicgstab, conjugateGradient, gmres, minres, ssorPreconditioner } from "../../solvers/krylov/index.js";
import {
  bfgs,
  bisection,
  brent,
  halley,
  itp,
  lbfgs,
  newton,
  trustRegionNewton,
  nelderMead,
  newtonMinimize,
  newtonSystem,
  secant,
} from "../../solvers/newton/index.js";
import type { Extra, StrictEntry } from "./strict-options-engine-table.js";

const scalarRootNames = [
  "absTolerance",
  "stepAbsTolerance",
  "stepRelTolerance",
  "maxIterations",
  "divergenceTolerance",
];
const minimizeNames = [
  "lineSearch",
  "absTolerance",
  "stepAbsTolerance",
  "functionRelTolerance",
  "maxIterations",
  "divergenceTolerance",
];
const stationaryNames = [
  "relTolerance",
  "absTolerance",
  "divergenceTolerance",
  "maxIterations",
  "spectralRadiusWindow",
  "stencilKernel",
  "checkInterval",
];
const krylovNames = ["relTolerance", "absTolerance", "divergenceTolerance", "maxIterations"];
const bracketingNames = ["stepAbsTolerance", "stepRelTolerance", "absTolerance", "maxIterations"];
const kmeansNames = ["k", "init", "relTolerance", "maxIterations"];
const mixtureNames = ["k", "covariance", "regCovar", "absTolerance", "maxIterations", "init"];
const networkNames = [
  "layers",
  "model",
  "loss",
  "optimizer",
  "learningRate",
  "reduceOnPlateau",
  "batchSize",
  "dropLast",
  "gradientAccumulation",
  "clipNorm",
  "clipValue",
  "validationSplit",
  "evaluateEvery",
  "earlyStopping",
  "lossReadEvery",
  "maxIterations",
];
const trainNames = [
  ...networkNames,
  "seed",
  "maxEpochs",
  "backend",
  "hooks",
  "timeLimitMs",
  "signal",
  "log",
  "threads",
];
const points = [[0], [1], [2], [3]];
const layers = [{ units: 2 }];
const network = (extra: Extra): never => ({ layers, ...extra }) as never;
const cosine = { initial: 0.1, decaySteps: 10 };

/** The solvers' options objects: every factory, strategy, environment and helper that takes one. */
export const solverTable: readonly StrictEntry[] = [
  {
    export: "fixedPoint",
    names: ["absTolerance", "relaxation", "maxIterations", "divergenceTolerance"],
    call: (extra) => fixedPoint(extra),
  },
  {
    export: "gradientDescent",
    names: ["lineSearch", "absTolerance", "maxIterations", "divergenceTolerance"],
    call: (extra) => gradientDescent(extra),
  },
  { export: "newton", names: scalarRootNames, call: (extra) => newton(extra) },
  { export: "secant", names: scalarRootNames, call: (extra) => secant(extra) },
  { export: "halley", names: scalarRootNames, call: (extra) => halley(extra) },
  {
    export: "newtonSystem",
    names: [
      "lineSearch",
      "absTolerance",
      "stepAbsTolerance",
      "stepRelTolerance",
      "maxIterations",
      "divergenceTolerance",
    ],
    call: (extra) => newtonSystem(extra),
  },
  {
    export: "newtonMinimize",
    names: [...minimizeNames, "minimumShift", "hessianModification"],
    call: (extra) => newtonMinimize(extra),
  },
  { export: "bfgs", names: minimizeNames, call: (extra) => bfgs(extra) },
  {
    export: "nelderMead",
    names: ["stepAbsTolerance", "functionAbsTolerance", "adaptive", "maxIterations"],
    call: (extra) => nelderMead(extra),
  },
  {
    export: "trustRegionNewton",
    names: ["absTolerance", "relTolerance", "initialRadius", "maxRadius", "acceptanceRatio", "maxIterations"],
    call: (extra) => trustRegionNewton(extra),
  },
  {
    export: "lbfgs",
    names: [
      "memory",
      "lineSearch",
      "absTolerance",
      "relTolerance",
      "stepAbsTolerance",
      "functionRelTolerance",
      "maxIterations",
      "divergenceTolerance",
    ],
    call: (extra) => lbfgs(extra),
  },
  { export: "jacobi", names: [...stationaryNames, "relaxation"], call: (extra) => jacobi(extra) },
  { export: "gaussSeidel", names: stationaryNames, call: (extra) => gaussSeidel(extra) },
  { export: "sor", names: [...stationaryNames, "relaxation"], call: (extra) => sor({ relaxation: 1.5, ...extra }) },
  { export: "ssor", names: [...stationaryNames, "relaxation"], call: (extra) => ssor(extra) },
  {
    export: "redBlackGaussSeidel",
    names: [...stationaryNames, "relaxation"],
    call: (extra) => redBlackGaussSeidel(extra),
  },
  { export: "conjugateGradient", names: [...krylovNames, "preconditioner"], call: (extra) => conjugateGradient(extra) },
  { export: "minres", names: [...krylovNames, "preconditioner"], call: (extra) => minres(extra) },
  { export: "gmres", names: [...krylovNames, "restart", "preconditioner"], call: (extra) => gmres(extra) },
  { export: "bicgstab", names: [...krylovNames, "preconditioner"], call: (extra) => bicgstab(extra) },
  { export: "ssorPreconditioner", names: ["relaxation"], call: (extra) => ssorPreconditioner(extra) },
  { export: "bisection", names: bracketingNames, call: (extra) => bisection(extra) },
  { export: "brent", names: bracketingNames, call: (extra) => brent(extra) },
  { export: "itp", names: [...bracketingNames, "k1", "k2", "n0"], call: (extra) => itp(extra) },
  { export: "kmeans", names: kmeansNames, call: (extra) => kmeans({ k: 2, ...extra }) },
  { export: "hamerlyKMeans", names: kmeansNames, call: (extra) => hamerlyKMeans({ k: 2, ...extra }) },
  {
    export: "miniBatchKMeans",
    names: [...kmeansNames, "batchSize", "maxNoImprovement", "maxEpochs"],
    call: (extra) => miniBatchKMeans({ k: 2, ...extra }),
  },
  {
    export: "fitKMeans",
    names: ["nInit", "seed", "sampleWeights", "maxIterations", "maxEpochs", "threads"],
    call: (extra) => fitKMeans(kmeans({ k: 2 }), points, extra),
  },
  { export: "gaussianMixture", names: mixtureNames, call: (extra) => gaussianMixture({ k: 2, ...extra }) },
  {
    export: "fitGaussianMixture",
    names: [...mixtureNames, "nInit", "seed", "threads"],
    call: (extra) => fitGaussianMixture(points, { k: 2, ...extra }),
  },
  {
    export: "valueIteration",
    names: ["sweep", "stoppingRule", "maxIterations"],
    call: (extra) => valueIteration(extra),
  },
  {
    export: "policyIteration",
    names: ["evaluation", "absTolerance", "maxIterations"],
    call: (extra) => policyIteration(extra),
  },
  {
    export: "policyEvaluation",
    names: ["inPlace", "stoppingRule", "maxIterations"],
    call: (extra) => policyEvaluation(extra),
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
  { export: "neuralNetwork", names: networkNames, call: (extra) => neuralNetwork(network(extra)) },
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
    call: (extra) => trainNetwork({ x: points, y: [0, 1, 0, 1] }, network(extra)),
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
    names: ["factor", "patience", "threshold", "thresholdMode", "mode", "cooldown", "minScale"],
    call: (extra) => reduceOnPlateau(extra),
  },
];
