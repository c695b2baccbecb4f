import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidProblemError, solveAsync } from "../../../src/index.js";
import { evaluateNetwork, loadBackend, neuralNetwork, trainNetwork } from "../../../solvers/neural/index.js";
import type { NeuralNetworkOptions, TrainingProblem } from "../../../solvers/neural/index.js";
import { initialState } from "./fixtures.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

const layers = [{ units: 4, activation: "relu" as const }, { units: 3 }];
const problem: TrainingProblem = {
  x: [
    [0, 1],
    [1, 0],
    [1, 1],
    [0, 0],
  ],
  y: [0, 1, 2, 0],
};
const make = (options: NeuralNetworkOptions) => () => neuralNetwork(options);
const init = (options: NeuralNetworkOptions, data: TrainingProblem) => () => initialState(options, data);

describe("neuralNetwork options", () => {
  it("rejects each bad option with its name and range", () => {
    expect(make({ layers, batchSize: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: batchSize must be an integer >= 1, got 0]`,
    );
    expect(make({ layers, batchSize: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: batchSize must be an integer >= 1, got 2.5]`,
    );
    expect(make({ layers, learningRate: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: learningRate must be a finite number > 0, got 0]`,
    );
    expect(make({ layers, learningRate: Infinity })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: learningRate must be a finite number > 0, got Infinity]`,
    );
    expect(make({ layers, learningRate: NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: learningRate must be a finite number > 0, got NaN]`,
    );
    expect(make({ layers, validationSplit: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: validationSplit must be a number in [0, 1), got 1]`,
    );
    expect(make({ layers, validationSplit: -0.1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: validationSplit must be a number in [0, 1), got -0.1]`,
    );
    expect(make({ layers, gradientAccumulation: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: gradientAccumulation must be an integer >= 1, got 0]`,
    );
    expect(make({ layers, clipNorm: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: clipNorm must be a finite number > 0, got 0]`,
    );
    expect(make({ layers, clipValue: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: clipValue must be a finite number > 0, got -1]`,
    );
    expect(make({ layers, evaluateEvery: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: evaluateEvery must be an integer >= 1 or "epoch", got 0]`,
    );
    expect(make({ layers, lossReadEvery: "batch" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: lossReadEvery must be an integer >= 1 or "epoch", got "batch"]`,
    );
    expect(make({ layers, loss: "hinge" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: loss must be one of "crossEntropy", "mse", got "hinge"]`,
    );
    expect(make({})).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers must be a non-empty array of layer specs (or give model), got undefined]`,
    );
    expect(make({ layers, model: tf.sequential() })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: model must be left out when layers is given (give one of them), got an object (Object)]`,
    );
    expect(make({ layers: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers must be a non-empty array of layer specs, got an array of length 0]`,
    );
    expect(
      make({ layers: [{ units: 4, activation: "swish" as never }, { units: 2 }] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers[0].activation must be one of "linear", "relu", "sigmoid", "tanh", "softmax", "elu", got "swish"]`,
    );
    expect(make({ layers: [{ units: 0 }] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers[0].units must be an integer >= 1, got 0]`,
    );
    expect(make({ layers: [{ units: 4 }, { dropout: 1 }, { units: 2 }] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers[1].dropout must be a number in [0, 1), got 1]`,
    );
    expect(make({ layers: [{ units: 4 }, { dropout: 0.5 }] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers[1] must be a dense layer { units } (the output layer), got an object (Object)]`,
    );
    expect(make({ layers, earlyStopping: { patience: 0 } })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: earlyStopping.patience must be an integer >= 1, got 0]`,
    );
    expect(
      make({ layers, earlyStopping: { patience: 2, monitor: "loss" as never } }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: earlyStopping.monitor must be one of "validationLoss", "validationAccuracy", got "loss"]`,
    );
    expect(
      make({ layers, loss: "mse", earlyStopping: { patience: 2, monitor: "validationAccuracy" } }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: earlyStopping.monitor must be "validationLoss" with loss "mse" (accuracy needs class labels), got "validationAccuracy"]`,
    );
    expect(make({ layers, optimizer: "adam" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: optimizer must be an optimizer factory such as adam() or sgd(), got "adam"]`,
    );
    expect(make({ layers, batchSize: 0 })).toThrow(InvalidOptionError);
  });

  it("rejects a trainNetwork epoch bound out of range before loading a backend", async () => {
    await expect(
      trainNetwork(neuralNetwork({ layers }), problem, { maxEpochs: -1 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: maxEpochs must be an integer >= 0, got -1]`);
  });
});

describe("neuralNetwork problems", () => {
  const twoRows = [
    [0, 1],
    [1, 0],
  ];
  const withNaN = [
    [0, NaN],
    [1, 0],
  ];
  it("names the malformed part of the data", () => {
    expect(init({ layers }, { x: twoRows, y: [0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.y must be one label per row of x (2), got 1 labels]`,
    );
    expect(init({ layers }, { x: twoRows, y: [0, 3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.y[1] must be a class index, an integer in [0, 2] (the output layer has 3 units), got 3]`,
    );
    expect(init({ layers }, { x: twoRows, y: [0, 0.5] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.y[1] must be a class index, an integer in [0, 2] (the output layer has 3 units), got 0.5]`,
    );
    expect(init({ layers }, { x: withNaN, y: [0, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x[0][1] must be a finite number, got NaN]`,
    );
    expect(init({ layers }, { x: [[0, 1], [1]], y: [0, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x must be rows of 2 numbers (the first row's length), got row 1 is an array of length 1]`,
    );
    expect(init({ layers }, { x: [], y: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x must be a non-empty array of non-empty rows, got an array of length 0]`,
    );
    expect(
      init({ layers }, { x: { values: new Float32Array(5), shape: [2, 2] }, y: [0, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x must be values of length rows * columns = 4, got length 5]`,
    );
    expect(init({ layers, loss: "mse" }, { x: twoRows, y: twoRows })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.y must be targets of shape [2, 3], got 2 rows of 2]`,
    );
    expect(init({ layers }, { ...problem, validation: { x: [[1, 2, 3]], y: [0] } })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.validation.x must be rows of 2 features (as problem.x), got 3 features]`,
    );
    expect(init({ layers, validationSplit: 0.5 }, { x: [[0, 1]], y: [0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x must be enough rows for validationSplit = 0.5 to leave at least one training and one validation row, got 1 rows]`,
    );
    expect(init({ layers, earlyStopping: { patience: 2 } }, problem)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: earlyStopping must be used with validation data (validationSplit > 0 or problem.validation), got an object (Object)]`,
    );
    expect(init({ layers }, { x: withNaN, y: [0, 1] })).toThrow(InvalidProblemError);
  });

  it("checks a given model's input width against the data", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    await expect(
      solveAsync(neuralNetwork({ model }), { ...problem, y: [0, 1, 1, 0] }, { maxIterations: 1 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x must be rows of 3 features (the model's input width), got 2 features]`,
    );
    model.dispose();
  });

  it("refuses an epochLength override longer than the data allow", async () => {
    await expect(
      solveAsync(neuralNetwork({ layers, batchSize: 2 }), problem, { epochLength: 3, maxIterations: 3 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: epochLength must be at most 2 iterations per epoch (4 rows, batch 2), got 3]`,
    );
  });

  it("rejects bad data given to evaluateNetwork", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
    await expect(evaluateNetwork(model, { x: [[0, 1]], y: [5] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: data.y[0] must be a class index, an integer in [0, 2] (the output layer has 3 units), got 5]`,
    );
    model.dispose();
  });

  it("names the model's input width when evaluateNetwork gets rows of another width (not tfjs's matMul error)", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
    await expect(evaluateNetwork(model, { x: [[0, 1, 2]], y: [1] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: data.x must be rows of 2 features (the model's input width), got rows of 3 features]`,
    );
    await expect(
      evaluateNetwork({} as tf.LayersModel, { x: [[0, 1]], y: [1] }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: model must be a tf.LayersModel (e.g. the model trainNetwork returns), got an object (Object)]`,
    );
    model.dispose();
  });
});
