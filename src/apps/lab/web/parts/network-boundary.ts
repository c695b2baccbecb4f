import type { LayersModel } from "@tensorflow/tfjs-layers";

/**
 * The decision boundary of a small dense network, evaluated on the host: the weights are read once per step
 * (a few small arrays) and the forward pass over the grid runs in plain typed arrays, which for a 2-16-16-2
 * network on a 40 x 40 grid costs far less than a `predict` through TensorFlow.js (its tensors, dispatch and
 * read back).
 *
 * @packageDocumentation
 */

/** The activations evaluated here, by tfjs-layers' serialised names (those the neural solver builds). */
const hostActivations = ["linear", "relu", "sigmoid", "tanh", "softmax", "elu"] as const;
type HostActivation = (typeof hostActivations)[number];

/** One dense layer's shape, where its weights lie in the flat copy, and its activation. */
export interface DenseLayout {
  readonly inputs: number;
  readonly units: number;
  readonly activation: HostActivation;
  /** Offset of the kernel (`inputs x units`, row-major) in the flat weights; the bias (if any) follows it. */
  readonly offset: number;
  readonly hasBias: boolean;
}

/** A model's dense layers in order (dropout is the identity at inference), and the size of its weights. */
export interface NetworkLayout {
  readonly layers: readonly DenseLayout[];
  readonly size: number;
  /** The widest layer (scratch size per grid point). */
  readonly width: number;
}

/**
 * The layout of a sequential stack of dense (and dropout) layers with known activations, worked out once
 * per model; undefined for any other model (the caller then predicts through TensorFlow.js).
 */
export function networkLayout(model: LayersModel): NetworkLayout | undefined {
  const layers: DenseLayout[] = [];
  let offset = 0;
  let width = 0;
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === "Dropout") continue;
    if (kind !== "Dense") return undefined;
    const activation = (layer.getConfig() as { activation?: unknown }).activation;
    if (!(hostActivations as readonly unknown[]).includes(activation)) return undefined;
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined || kernel.rank !== 2) return undefined;
    const [inputs, units] = kernel.shape as [number, number];
    if (layers.length > 0 && layers[layers.length - 1]?.units !== inputs) return undefined;
    layers.push({ inputs, units, activation: activation as HostActivation, offset, hasBias: bias !== undefined });
    offset += inputs * units + (bias === undefined ? 0 : units);
    width = Math.max(width, inputs, units);
  }
  if (layers.length === 0 || layers[0]?.inputs !== 2 || (layers.at(-1)?.units ?? 0) < 2) return undefined;
  return { layers, size: offset, width };
}

/**
 * A copy of the model's weights in one flat array, as laid out by {@link networkLayout}: one `dataSync` per
 * kernel and bias (no tensor is created), copied because the page keeps each step's weights for step back.
 */
export function readWeights(model: LayersModel, layout: NetworkLayout): Float32Array {
  const flat = new Float32Array(layout.size);
  let index = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== "Dense") continue;
    const { offset, inputs, units, hasBias } = layout.layers[index++] as DenseLayout;
    const [kernel, bias] = layer.getWeights();
    flat.set(kernel?.dataSync() as Float32Array, offset);
    if (hasBias) flat.set(bias?.dataSync() as Float32Array, offset + inputs * units);
  }
  return flat;
}

/** The centres of a `size x size` grid over `box = [xmin, xmax, ymin, ymax]`, rows from the top, as (x, y) pairs. */
export function gridPoints(box: readonly [number, number, number, number], size: number): Float32Array {
  const [x0, x1, y0, y1] = box;
  const points = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      points[2 * (r * size + c)] = x0 + ((c + 0.5) / size) * (x1 - x0);
      points[2 * (r * size + c) + 1] = y1 - ((r + 0.5) / size) * (y1 - y0);
    }
  }
  return points;
}

/** Applies an activation to `values[0, n)` in place. */
function activate(activation: HostActivation, values: Float64Array, n: number): void {
  if (activation === "linear") return;
  if (activation === "softmax") {
    let top = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) top = Math.max(top, values[j] as number);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp((values[j] as number) - top);
      values[j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) values[j] = (values[j] as number) / sum;
    return;
  }
  for (let j = 0; j < n; j++) {
    const z = values[j] as number;
    values[j] =
      activation === "tanh"
        ? Math.tanh(z)
        : activation === "relu"
          ? Math.max(0, z)
          : activation === "sigmoid"
            ? 1 / (1 + Math.exp(-z))
            : z > 0
              ? z
              : Math.exp(z) - 1;
  }
}

/**
 * Class-1 outputs of the network at each grid point (`points` from {@link gridPoints}): the forward pass of
 * the dense stack in float64 over float32 weights, equal to TensorFlow.js's `predict` to float32 rounding.
 */
export function boundaryFromWeights(layout: NetworkLayout, weights: Float32Array, points: Float32Array): Float32Array {
  const count = points.length / 2;
  const out = new Float32Array(count);
  let current = new Float64Array(layout.width);
  let next = new Float64Array(layout.width);
  for (let p = 0; p < count; p++) {
    current[0] = points[2 * p] as number;
    current[1] = points[2 * p + 1] as number;
    for (const { inputs, units, activation, offset, hasBias } of layout.layers) {
      const biasAt = offset + inputs * units;
      for (let j = 0; j < units; j++) next[j] = hasBias ? (weights[biasAt + j] as number) : 0;
      for (let i = 0; i < inputs; i++) {
        const input = current[i] as number;
        const row = offset + i * units;
        for (let j = 0; j < units; j++) next[j] = (next[j] as number) + input * (weights[row + j] as number);
      }
      activate(activation, next, units);
      [current, next] = [next, current];
    }
    out[p] = current[1] as number;
  }
  return out;
}
