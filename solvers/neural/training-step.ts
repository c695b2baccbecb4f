/**
 * One training step of the neural solver on TensorFlow.js (gradients, clipping, the optimiser's update,
 * the loss summed on the device) and the reads that follow some steps (loss window, epoch sums, validation,
 * divergence and reduce-on-plateau).
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import type { IterationContext } from "../../src/index.js";
import { formatNumber } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { clipByGlobalNorm, clipByValue } from "./clipping.js";
import { denseGradients } from "./dense-gradients.js";
import { evaluateTensors } from "./evaluate-network.js";
import { correctCount, forward, meanLoss } from "./forward.js";
import { batchTensors, uploadCopies } from "./prepare-data.js";
import type { RunData } from "./prepare-data.js";
import type { ReduceOnPlateau } from "./reduce-on-plateau.js";
import type { Session } from "./training-session.js";
import type { GpuSums } from "./webgpu/gpu-trainer.js";
import type { TrainingLoss, TrainingState } from "./types.js";

/** What a step needs from the solver's options. */
export interface StepSettings {
  readonly loss: TrainingLoss;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
  readonly plateauRule: ReduceOnPlateau | undefined;
}

/**
 * One optimizer step over the step's micro-batches, all in one tidy; sums the loss on the device. */
export function updateStep(
  settings: StepSettings,
  session: Session,
  data: RunData,
  products: KernelBinding<unknown> | undefined,
  ranges: readonly [number, number][],
  samples: number,
  seeds: readonly number[][],
  rate: number,
): void {
  const { plan, variables, dense } = session;
  const buffers = uploadCopies() ? session.buffers : undefined;
  tf.tidy(() => {
    let gradients: tf.Tensor[] | undefined;
    let lossSum: tf.Tensor | undefined;
    let correct: tf.Tensor | undefined;
    const add = (sum: tf.Tensor | undefined, term: tf.Tensor) => (sum === undefined ? term : tf.add(sum, term));
    ranges.forEach(([start, end], micro) => {
      if (dense !== undefined) {
        // Dense stacks: hand-written backward pass (no tape), one-hot rows built on the host.
        const {
          x: xb,
          y: yb,
          oneHot,
        } = batchTensors(data, settings.loss, session.order, start, end, session.outputs, buffers);
        const step = denseGradients(dense, settings.loss, xb, oneHot ?? (yb as tf.Tensor2D), 1 / samples, products);
        gradients =
          gradients === undefined
            ? step.gradients
            : gradients.map((sum, i) => tf.add(sum, step.gradients[i] as tf.Tensor));
        lossSum = add(lossSum, step.lossSum);
        if (settings.loss === "crossEntropy") correct = add(correct, step.correct ?? correctCount(step.output, yb));
        return;
      }
      const { x: xb, y: yb } = batchTensors(data, settings.loss, session.order, start, end, undefined, buffers);
      let count: tf.Scalar | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const output = forward(plan, xb, true, seeds[micro]);
        if (settings.loss === "crossEntropy") count = tf.keep(correctCount(output, yb)); // kept past variableGrads' own tidy
        return meanLoss(plan, output, yb);
      }, variables as tf.Variable[]);
      const weight = (end - start) / samples;
      const scaled = variables.map((variable) => {
        const gradient = grads[variable.name];
        if (gradient === undefined) return tf.zerosLike(variable);
        return weight === 1 ? gradient : tf.mul(gradient, weight);
      });
      gradients = gradients === undefined ? scaled : gradients.map((sum, i) => tf.add(sum, scaled[i] as tf.Tensor));
      lossSum = add(lossSum, tf.mul(value, end - start));
      if (count !== undefined) {
        correct = add(correct, tf.clone(count)); // the clone belongs to this tidy; the kept count goes now
        count.dispose();
      }
    });
    let final = gradients ?? [];
    if (settings.clipValue !== undefined) final = clipByValue(final, settings.clipValue);
    if (settings.clipNorm !== undefined) final = clipByGlobalNorm(final, settings.clipNorm).clipped;
    session.optimizer.applyGradients(variables, final, rate);
    const stepLoss = lossSum ?? tf.scalar(0);
    session.windowSum.assign(tf.add(session.windowSum, stepLoss));
    session.epochSums.assign(tf.add(session.epochSums, tf.stack([stepLoss, correct ?? tf.scalar(0)])));
  });
}

/**
 * The reads of a step that needs them: loss window, epoch sums, validation; early stopping and plateau. */
export async function readBack(
  settings: StepSettings,
  session: Session,
  data: RunData,
  base: TrainingState,
  context: IterationContext,
  when: { next: number; readLoss: boolean; epochEnd: boolean; evaluate: boolean },
): Promise<TrainingState> {
  const control = context.control;
  let lossValue: number | undefined;
  let epochLoss: number | undefined;
  let epochAccuracy: number | undefined;
  const sums = await readSums(session, when.readLoss, when.epochEnd);
  if (when.readLoss) {
    lossValue = sums.window / session.windowSamples;
    session.windowSamples = 0;
  }
  if (when.epochEnd) {
    epochLoss = sums.epochLoss / session.epochSamples;
    epochAccuracy = settings.loss === "crossEntropy" ? sums.epochCorrect / session.epochSamples : undefined;
    session.epochSamples = 0;
  }
  const seen = lossValue ?? epochLoss;
  if (seen !== undefined && !Number.isFinite(seen)) {
    control.diverge(
      `training loss = ${seen} at iteration ${when.next} (learning rate ${formatNumber(base.learningRate ?? NaN)}): ` +
        "lower the learning rate or clip the gradients (clipNorm, clipValue)",
    );
    return { ...base, loss: lossValue, epochLoss, epochAccuracy };
  }
  let validationLoss: number | undefined;
  let validationAccuracy: number | undefined;
  let { plateau } = base;
  if (when.evaluate && data.validationX !== undefined && data.validationY !== undefined) {
    const { validationX, validationY, validationRows } = data;
    const evaluation =
      session.gpu !== undefined
        ? await session.gpu.evaluate()
        : await evaluateTensors(session.plan, validationX, validationY, validationRows, 1024);
    validationLoss = evaluation.loss;
    validationAccuracy = evaluation.accuracy;
    if (!Number.isFinite(validationLoss)) {
      control.diverge(
        `validation loss = ${validationLoss} at iteration ${when.next}: lower the learning rate or clip the gradients (clipNorm, clipValue)`,
      );
    }
  }
  if (settings.plateauRule !== undefined && plateau !== undefined) {
    const monitored = data.validationX !== undefined ? validationLoss : epochLoss;
    if (monitored !== undefined) plateau = settings.plateauRule.update(plateau, monitored);
  }
  return {
    ...base,
    loss: lossValue,
    epochLoss,
    epochAccuracy,
    validationLoss,
    validationAccuracy,
    plateau,
    restoredFrom: undefined,
  };
}

/** The loss sums on the device (the GPU trainer's or the tensors'), zeroing the window's and the epoch's as read. */
async function readSums(session: Session, window: boolean, epoch: boolean): Promise<GpuSums> {
  if (session.gpu !== undefined) return session.gpu.readSums(window, epoch);
  const [windowSum = NaN] = window ? await session.windowSum.data() : [];
  const [epochLoss = NaN, epochCorrect = 0] = epoch ? await session.epochSums.data() : [];
  tf.tidy(() => {
    if (window) session.windowSum.assign(tf.zerosLike(session.windowSum));
    if (epoch) session.epochSums.assign(tf.zerosLike(session.epochSums));
  });
  return { window: windowSum, epochLoss, epochCorrect };
}
