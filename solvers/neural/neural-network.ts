import * as tf from "./tfjs.js";
import { InvalidOptionError, InvalidProblemError, iterationsPerEpoch, patience } from "../../src/index.js";
import { buildNetwork, validateLayers } from "./build-network.js";
import { denseStack } from "./dense-gradients.js";
import { forwardPlan } from "./forward.js";
import { adam } from "./adam.js";
import { trainingRows } from "./prepare-data.js";
import { prepareTraining } from "./prepare-training.js";
import { keepBestWeights, putBackBestWeights } from "./best-weights.js";
import { readBack, updateStep } from "./training-step.js";
import { releaseGpuData } from "./webgpu/gpu-data.js";
import { startGpuTrainer } from "./webgpu/gpu-session.js";
import { earlyStoppingRules, neuralNetworkRules } from "./network-options.js";
import type { Session } from "./training-session.js";
import type { NeuralNetworkOptions, NeuralNetworkSolver, TrainingProblem, TrainingState } from "./types.js";
import { numberAbove, validateOption, validateStrictOptions } from "../../src/engine/internals.js";

/**
 * Mini-batch training of a neural network (TensorFlow.js) as an engine solver: one iteration is one
 * optimizer step, one epoch one pass over the training rows.
 *
 * @remarks
 * Counting: with `n` training rows, batch size `B` and accumulation `K`, an epoch has
 * `ceil(ceil(n / B) / K)` iterations (`floor(n / B)` batches with `dropLast`): `iterationsPerEpoch(n, B,
 * { dropLast, accumulationSteps: K })`. Iteration `i` of an epoch consumes batches `[iK, min((i+1)K,
 * batches))` of that epoch's order, which the run's generator shuffles at the epoch's first iteration.
 * Schedules see the iteration (optimizer step) count. Bound a run with `solveAsync(..., { maxEpochs })`.
 *
 * Update: `theta <- optimizer(theta, g, rate)` with `g` the gradient of the mean loss over the step's
 * samples: with accumulation, the micro-batch gradients weighted by `size / total`, so that K batches of `B`
 * give exactly the gradient of one batch of `K B`; then clipped by value, then by global norm; `rate =
 * schedule(iteration) * plateau.scale`. Cost per iteration: forward and backward passes over `K B` rows;
 * nothing is read back from the device except every `lossReadEvery` iterations (the summed loss), at epoch
 * ends (epoch loss and accuracy) and at evaluations.
 *
 * Stopping: early stopping is the engine's `patience` test on the validation metric (the solver's default
 * convergence test); when it holds, the step that saw the last check has already put back the best weights
 * (`restoredFrom`). A loss read as NaN or infinite ends the run with reason `diverged` and a message
 * suggesting a lower rate or clipping.
 *
 * Gradients: a `tf.Sequential` of trainable dense layers (activations linear, relu, sigmoid, tanh, elu; a
 * softmax output read as logits) gets a hand-written backward pass (plain matMuls,
 * no tape, one-hot rows built on the host); other models (dropout, frozen or other layers, functional
 * models) use tfjs's automatic differentiation. Both give the same gradients up to float32 rounding.
 *
 * Prepared once per problem (its `prepare`, shared by every run on a `prepareProblem` handle): the data
 * checked and copied to the host, the validation rows uploaded as tensors, and the backend that holds them
 * noted; the run's `dispose` (or the handle's) frees those tensors. Per run: the model's weights and the
 * optimiser's slots are the iterate, so each run builds its own (from its seed) in `init` and keeps them in
 * the state's live `session` (updated in place, so runs cannot be checkpointed); release them with
 * {@link disposeTraining}, or use {@link trainNetwork}, which does. Every step runs in `tf.tidy`.
 *
 * @param options - The network, loss, optimiser, rate, batching, clipping, validation and early stopping.
 * @returns The solver (saying whether it trains the caller's model); run it with `solveAsync` or
 *   {@link trainNetwork}.
 * @throws `InvalidOptionError` for options out of range; `prepare` throws `InvalidProblemError`
 *   for malformed data (shapes, NaN, labels out of range); `init` throws `InvalidProblemError` for a handle
 *   prepared on another backend than the current one.
 * @example
 * ```ts
 * const solver = neuralNetwork({ layers: [{ units: 16, activation: "relu" }, { units: 2 }], batchSize: 4 });
 * const result = await solveAsync(solver, { x, y }, { maxEpochs: 100, seed: 1 });
 * disposeTraining(result.state);
 * ```
 * @see I. Goodfellow, Y. Bengio, A. Courville, Deep Learning (2016), ch. 8.
 */
export function neuralNetwork(options: NeuralNetworkOptions = {}): NeuralNetworkSolver {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateStrictOptions(options, neuralNetworkRules, "neuralNetwork");
  if (options.layers === undefined && options.model === undefined) {
    throw new InvalidOptionError("layers", "a non-empty array of layer specs (or give model)", options.layers);
  }
  if (options.layers !== undefined && options.model !== undefined) {
    throw new InvalidOptionError("model", "left out when layers is given (give one of them)", options.model);
  }
  if (options.layers !== undefined) validateLayers(options.layers);
  if (options.model !== undefined && !(options.model instanceof tf.LayersModel))
    throw new InvalidOptionError("model", "a tf.LayersModel", options.model);
  const factory = options.optimizer ?? adam();
  if (factory === null || typeof factory !== "object" || typeof factory.create !== "function") {
    throw new InvalidOptionError("optimizer", "an optimizer factory such as adam() or sgd()", factory);
  }
  const learningRate = options.learningRate ?? factory.defaultLearningRate;
  if (typeof learningRate === "number") validateOption("learningRate", learningRate, numberAbove(0));
  else if (learningRate === null || typeof learningRate !== "object" || typeof learningRate.rateAt !== "function") {
    throw new InvalidOptionError(
      "learningRate",
      "a finite number > 0 or a schedule such as cosineDecay(...)",
      learningRate,
    );
  }
  const rateAt = typeof learningRate === "number" ? () => learningRate : (step: number) => learningRate.rateAt(step);
  const plateauRule = options.reduceOnPlateau;
  if (plateauRule !== undefined && (plateauRule === null || typeof plateauRule.update !== "function")) {
    throw new InvalidOptionError("reduceOnPlateau", "a rule built by reduceOnPlateau(...)", plateauRule);
  }
  const early = options.earlyStopping;
  if (early !== undefined) {
    if (early === null || typeof early !== "object")
      throw new InvalidOptionError("earlyStopping", "{ patience, minDelta?, monitor?, restoreBestWeights? }", early);
    validateStrictOptions(early, earlyStoppingRules, "neuralNetwork", "earlyStopping.");
  }
  const loss = options.loss ?? "crossEntropy";
  if (loss === "mse" && early?.monitor === "validationAccuracy") {
    throw new InvalidOptionError(
      "earlyStopping.monitor",
      `"validationLoss" with loss "mse" (accuracy needs class labels)`,
      early.monitor,
    );
  }
  const batchSize = options.batchSize ?? 32;
  const dropLast = options.dropLast ?? false;
  const accumulation = options.gradientAccumulation ?? 1;
  const split = options.validationSplit ?? 0;
  const evaluateEvery = options.evaluateEvery ?? "epoch";
  const lossReadEvery = options.lossReadEvery ?? 50;
  const monitor = early?.monitor ?? "validationLoss";
  const minDelta = early?.minDelta ?? 0;
  const restoreBest = early !== undefined && early.restoreBestWeights !== false;
  const clipping = { clipValue: options.clipValue, clipNorm: options.clipNorm };
  const settings = { loss, ...clipping, plateauRule };
  const epochLength = (problem: TrainingProblem) =>
    iterationsPerEpoch(trainingRows(problem, split), batchSize, { dropLast, accumulationSteps: accumulation });

  return {
    name: `neural network (${factory.name}, batch ${batchSize}${accumulation > 1 ? ` x ${accumulation}` : ""})`,
    trainsCallerModel: options.model !== undefined,
    maxIterations: options.maxIterations ?? 1_000_000,
    convergence:
      early === undefined
        ? undefined
        : patience((s: TrainingState) => s[monitor], {
            patience: early.patience,
            minDelta,
            direction: monitor === "validationLoss" ? "minimize" : "maximize",
            name: monitor === "validationLoss" ? "validation loss" : "validation accuracy",
            ...(restoreBest ? { onImprovement: keepBestWeights, onHold: putBackBestWeights } : {}),
          }),
    epochLength,
    prepare: (problem, { threads, kernelPool }) =>
      prepareTraining(
        problem,
        { model: options.model, layers: options.layers, factory, loss, split, early, batchSize },
        threads,
        kernelPool,
      ),
    dispose(prepared) {
      prepared.data.validationX?.dispose();
      prepared.data.validationY?.dispose();
      prepared.products?.dispose();
      if (prepared.gpu !== undefined) releaseGpuData(prepared.gpu.data);
    },
    kernelThreads: (prepared) => prepared.products?.threads ?? 1,
    init(prepared, context) {
      const { data, outputs } = prepared;
      if (prepared.backend !== tf.getBackend()) {
        const expected = `prepared on the current backend (${tf.getBackend()}): prepare it again after switching`;
        throw new InvalidProblemError("problem", expected, `one prepared on the ${prepared.backend} backend`, false);
      }
      const network = options.model ?? buildNetwork(options.layers ?? [], data.columns, context.random);
      const weights = network.weights.map((weight) => weight.read() as tf.Variable);
      const variables = network.trainableWeights.map((weight) => weight.read() as tf.Variable);
      const plan = forwardPlan(network, loss);
      const gpu = prepared.gpu && startGpuTrainer(prepared.gpu, network, { batchSize, ...clipping });
      const session: Session = {
        model: network,
        optimizer: factory.create(variables),
        loss,
        trainSamples: data.rows,
        validationSamples: data.validationRows,
        outputs,
        plan,
        dense: denseStack(plan, variables),
        buffers: {
          x: new Float32Array(batchSize * data.columns),
          oneHot: new Float32Array(loss === "crossEntropy" ? batchSize * outputs : 0),
        },
        variables,
        weights,
        windowSum: tf.tidy(() => tf.variable(tf.scalar(0), false)),
        epochSums: tf.tidy(() => tf.variable(tf.zeros([2]), false)),
        windowSamples: 0,
        epochSamples: 0,
        order: new Int32Array(0),
        best: undefined,
        disposed: false,
        gpu,
        trainer: gpu === undefined ? `tfjs-${prepared.backend}` : "wgsl-fused",
      };
      return {
        session,
        learningRate: undefined,
        loss: undefined,
        epochLoss: undefined,
        epochAccuracy: undefined,
        validationLoss: undefined,
        validationAccuracy: undefined,
        samplesSeen: 0,
        plateau: plateauRule?.initial(),
        restoredFrom: undefined,
      };
    },
    step({ data, products }, state, context) {
      const session = state.session as Session;
      if (session.disposed)
        throw new InvalidProblemError("state.session", "a live session (not disposed)", "a disposed session", false);
      const n = data.rows;
      const epochIterations = context.epochLength ?? 1;
      if (context.iterationInEpoch === 0 || session.order.length !== n) {
        session.order = context.random.permutation(n);
        session.gpu?.setOrder(session.order);
      }
      const batches = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
      const firstBatch = context.iterationInEpoch * accumulation;
      const lastBatch = Math.min(firstBatch + accumulation, batches);
      const ranges: [number, number][] = [];
      for (let b = firstBatch; b < lastBatch; b++) ranges.push([b * batchSize, Math.min(n, (b + 1) * batchSize)]);
      if (ranges.length === 0) {
        const expected = Math.ceil(batches / accumulation);
        throw new InvalidProblemError(
          "epochLength",
          `at most ${expected} iterations per epoch (${n} rows, batch ${batchSize})`,
          context.iterationInEpoch + 1,
        );
      }
      const samples = ranges.reduce((sum, [start, end]) => sum + end - start, 0);
      const seeds = ranges.map(() =>
        Array.from({ length: session.plan.dropoutLayers }, () => 1 + context.random.int(2_147_483_646)),
      );
      const rate = rateAt(context.iteration) * (state.plateau?.scale ?? 1);
      if (session.gpu !== undefined) session.gpu.step(ranges, samples, seeds, rate);
      else updateStep(settings, session, data, products, ranges, samples, seeds, rate);
      session.windowSamples += samples;
      session.epochSamples += samples;
      const next = context.iteration + 1;
      const epochEnd = context.iterationInEpoch === epochIterations - 1;
      const readLoss = lossReadEvery === "epoch" ? epochEnd : next % lossReadEvery === 0;
      const evaluate =
        data.validationX !== undefined && (evaluateEvery === "epoch" ? epochEnd : next % evaluateEvery === 0);
      const base: TrainingState = {
        ...state,
        learningRate: rate,
        loss: undefined,
        epochLoss: undefined,
        epochAccuracy: undefined,
        validationLoss: undefined,
        validationAccuracy: undefined,
        samplesSeen: state.samplesSeen + samples,
        restoredFrom: undefined,
      };
      if (!readLoss && !epochEnd && !evaluate) return base;
      return readBack(settings, session, data, base, context, { next, readLoss, epochEnd, evaluate });
    },
    record: (s) => ({
      learningRate: s.learningRate,
      loss: s.loss,
      epochLoss: s.epochLoss,
      epochAccuracy: s.epochAccuracy,
      validationLoss: s.validationLoss,
      validationAccuracy: s.validationAccuracy,
    }),
  };
}
