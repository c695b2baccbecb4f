import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { adam, adamW, momentum, rmsprop, sgd } from "../../../solvers/neural/index.js";
import type { OptimizerFactory } from "../../../solvers/neural/index.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

/** Reads a variable's values as a plain array. */
function values(tensor: tf.Tensor): number[] {
  return Array.from(tensor.dataSync());
}

/** Asserts two arrays agree element-wise within `tolerance`. */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, index) =>
    expect(Math.abs(value - (expected[index] as number))).toBeLessThanOrEqual(tolerance),
  );
}

/** Seeded random numbers in [-1, 1). */
function randomArray(random: Random, length: number): number[] {
  return Array.from({ length }, () => 2 * random.float() - 1);
}

describe("sgd", () => {
  it("moves each parameter by -lr * g", () => {
    const p = tf.variable(tf.tensor1d([1, -2, 3]));
    const g = tf.tensor1d([0.5, 1, -4]);
    const optimizer = sgd().create([p]);
    optimizer.applyGradients([p], [g], 0.1);
    expectClose(values(p), [0.95, -2.1, 3.4], 1e-7);
    expect(optimizer.steps).toBe(1);
    expect(values(g)).toEqual([0.5, 1, -4]); // the caller's gradient is untouched
    optimizer.dispose();
    tf.dispose([p, g]);
  });

  it("states Keras's default learning rate", () => {
    expect(sgd().defaultLearningRate).toBe(0.01);
  });
});

describe("momentum", () => {
  it("matches the hand-computed heavy-ball update over two steps", () => {
    // v1 = g1 = 1; p1 = 1 - 0.1 * 1 = 0.9. v2 = 0.9 * 1 + 2 = 2.9; p2 = 0.9 - 0.1 * 2.9 = 0.61.
    const p = tf.variable(tf.tensor1d([1]));
    const optimizer = momentum({ momentum: 0.9 }).create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([1])], 0.1));
    expectClose(values(p), [0.9], 1e-7);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([2])], 0.1));
    expectClose(values(p), [0.61], 1e-6);
    optimizer.dispose();
    p.dispose();
  });

  it("matches the hand-computed Nesterov update over two steps", () => {
    // v1 = 1; p1 = 1 - 0.1 * (1 + 0.9 * 1) = 0.81. v2 = 0.9 + 2 = 2.9; p2 = 0.81 - 0.1 * (2 + 0.9 * 2.9) = 0.349.
    const p = tf.variable(tf.tensor1d([1]));
    const optimizer = momentum({ momentum: 0.9, nesterov: true }).create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([1])], 0.1));
    expectClose(values(p), [0.81], 1e-7);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([2])], 0.1));
    expectClose(values(p), [0.349], 1e-6);
    expect(momentum({ nesterov: true }).name).toBe("Nesterov(momentum=0.9)");
    optimizer.dispose();
    p.dispose();
  });

  it("rejects momentum = 1", () => {
    expect(() => momentum({ momentum: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: momentum must be a number in [0, 1), got 1]`,
    );
  });
});

describe("adam", () => {
  it("moves every parameter by about lr on the first step, whatever the gradient's scale", () => {
    // m_hat = g, v_hat = g^2, so the step is lr * g / (|g| + eps) = lr * sign(g) up to eps / |g|.
    const p = tf.variable(tf.tensor1d([0, 0, 0, 0]));
    const g = tf.tensor1d([1e-3, -5, 200, -0.02]);
    const optimizer = adam().create([p]);
    optimizer.applyGradients([p], [g], 0.01);
    expectClose(values(p), [-0.01, 0.01, -0.01, 0.01], 1e-6);
    optimizer.dispose();
    tf.dispose([p, g]);
  });

  it("names itself with Keras's defaults", () => {
    expect(adam().name).toBe("Adam(beta1=0.9, beta2=0.999, epsilon=1e-7)");
    expect(adam().defaultLearningRate).toBe(0.001);
  });

  it("rejects beta1 = 1", () => {
    expect(() => adam({ beta1: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: beta1 must be a number in [0, 1), got 1]`,
    );
  });

  it("rejects epsilon = 0", () => {
    expect(() => adam({ epsilon: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: epsilon must be a finite number > 0, got 0]`,
    );
  });
});

describe("adamW", () => {
  it("shrinks the weights by (1 - lr * weightDecay) when the gradient is zero", () => {
    const p = tf.variable(tf.tensor1d([2, -4]));
    const optimizer = adamW({ weightDecay: 0.1 }).create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.zeros([2])], 0.5));
    expectClose(values(p), [2 * 0.95, -4 * 0.95], 1e-6);
    tf.tidy(() => optimizer.applyGradients([p], [tf.zeros([2])], 0.5));
    expectClose(values(p), [2 * 0.95 ** 2, -4 * 0.95 ** 2], 1e-6);
    optimizer.dispose();
    p.dispose();
  });

  it("equals Adam followed by the decoupled decay on a non-zero gradient", () => {
    // p1 = p0 (1 - lr wd) - lr * sign(g) on the first step.
    const p = tf.variable(tf.tensor1d([1]));
    const optimizer = adamW().create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([3])], 0.1));
    expectClose(values(p), [1 * (1 - 0.1 * 0.01) - 0.1], 1e-6);
    optimizer.dispose();
    p.dispose();
  });

  it("rejects a negative weight decay", () => {
    expect(() => adamW({ weightDecay: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: weightDecay must be a finite number >= 0, got -1]`,
    );
  });
});

describe("rmsprop", () => {
  it("matches the hand-computed first step", () => {
    // s = 0.1 * 4 = 0.4; p = 1 - 0.01 * 2 / (sqrt(0.4) + 1e-7).
    const p = tf.variable(tf.tensor1d([1]));
    const optimizer = rmsprop().create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([2])], 0.01));
    expectClose(values(p), [1 - (0.01 * 2) / (Math.sqrt(0.4) + 1e-7)], 1e-7);
    optimizer.dispose();
    p.dispose();
  });

  it("matches the hand-computed first step when centred", () => {
    // s = 0.4, a = 0.1 * 2 = 0.2; p = 1 - 0.01 * 2 / (sqrt(0.4 - 0.04) + 1e-7) = 1 - 0.02 / 0.6.
    const p = tf.variable(tf.tensor1d([1]));
    const optimizer = rmsprop({ centered: true }).create([p]);
    tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([2])], 0.01));
    expectClose(values(p), [1 - 0.02 / (0.6 + 1e-7)], 1e-6);
    optimizer.dispose();
    p.dispose();
  });

  it("rejects rho = 1", () => {
    expect(() => rmsprop({ rho: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rho must be a number in [0, 1), got 1]`,
    );
  });
});

describe("agreement with tf.train over 5 steps on the same random gradients", () => {
  // Where the conventions match: tf.train.sgd, tf.train.momentum (PyTorch's convention, Nesterov too) and
  // tf.train.adam are the same rules. tf.train.rmsprop puts epsilon inside the square root and folds lr
  // into its momentum buffer; with a constant lr and epsilon = 1e-10 the difference is far below 1e-6.
  // tf.train.adam computes 1 - beta2^t in float32 (1 - 0.999 loses about 4 digits), ours in float64, so
  // the two differ by about 3e-5 relative per step: at lr = 0.01 that stays under 1e-6 over 5 steps.
  const cases: readonly [string, OptimizerFactory, () => tf.Optimizer][] = [
    ["sgd", sgd(), () => tf.train.sgd(0.01)],
    ["momentum", momentum({ momentum: 0.8 }), () => tf.train.momentum(0.01, 0.8)],
    ["nesterov", momentum({ momentum: 0.8, nesterov: true }), () => tf.train.momentum(0.01, 0.8, true)],
    ["adam", adam(), () => tf.train.adam(0.01, 0.9, 0.999, 1e-7)],
    ["rmsprop", rmsprop({ epsilon: 1e-10 }), () => tf.train.rmsprop(0.01, 0.9, 0, 1e-10)],
    [
      "rmsprop with momentum",
      rmsprop({ epsilon: 1e-10, momentum: 0.5 }),
      () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-10),
    ],
  ];

  it.each(cases)("%s agrees within 1e-6", (_name, factory, reference) => {
    const random = new Random(7);
    const start = [randomArray(random, 6), randomArray(random, 3)];
    const ours = [
      tf.variable(tf.tensor2d(start[0] as number[], [2, 3])),
      tf.variable(tf.tensor1d(start[1] as number[])),
    ];
    const theirs = [
      tf.variable(tf.tensor2d(start[0] as number[], [2, 3])),
      tf.variable(tf.tensor1d(start[1] as number[])),
    ];
    const optimizer = factory.create(ours);
    const tfOptimizer = reference();
    for (let step = 0; step < 5; step += 1) {
      const grads = [tf.tensor2d(randomArray(random, 6), [2, 3]), tf.tensor1d(randomArray(random, 3))];
      optimizer.applyGradients(ours, grads, 0.01);
      tfOptimizer.applyGradients(
        theirs.map((variable, index) => ({ name: variable.name, tensor: grads[index] as tf.Tensor })),
      );
      tf.dispose(grads);
    }
    ours.forEach((variable, index) => expectClose(values(variable), values(theirs[index] as tf.Variable), 1e-6));
    optimizer.dispose();
    tfOptimizer.dispose();
    tf.dispose([...ours, ...theirs]);
  });
});

describe("Optimizer state", () => {
  const factories: readonly [string, OptimizerFactory][] = [
    ["sgd", sgd()],
    ["momentum", momentum()],
    ["adam", adam()],
    ["adamW", adamW()],
    ["rmsprop centred with momentum", rmsprop({ centered: true, momentum: 0.9 })],
  ];

  it.each(factories)("%s leaks no tensors over 100 steps and frees everything on dispose", (_name, factory) => {
    const variables = [tf.variable(tf.ones([4, 3])), tf.variable(tf.zeros([3]))];
    const grads = [tf.fill([4, 3], 0.5), tf.fill([3], -0.25)];
    const baseline = tf.memory().numTensors;
    const optimizer = factory.create(variables);
    optimizer.applyGradients(variables, grads, 0.01); // warm-up
    const warm = tf.memory().numTensors;
    for (let step = 0; step < 100; step += 1) optimizer.applyGradients(variables, grads, 0.01);
    expect(tf.memory().numTensors).toBe(warm);
    expect(optimizer.steps).toBe(101);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([...variables, ...grads]);
  });

  it("restores slots and step count with setSlots, giving the same next update", () => {
    const run = (restore: boolean): number[] => {
      const p = tf.variable(tf.tensor1d([1, 2]));
      const optimizer = adam().create([p]);
      tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([0.3, -1])], 0.1));
      tf.tidy(() => optimizer.applyGradients([p], [tf.tensor1d([0.1, 2])], 0.1));
      let target = optimizer;
      if (restore) {
        const slots = optimizer.getSlots();
        expect(slots.map((slot) => slot.shape)).toEqual([[2], [2]]);
        target = adam().create([p]);
        target.setSlots(slots, optimizer.steps);
        tf.dispose(slots);
        optimizer.dispose();
      }
      tf.tidy(() => target.applyGradients([p], [tf.tensor1d([-0.5, 0.5])], 0.1));
      const result = values(p);
      expect(target.steps).toBe(3);
      target.dispose();
      p.dispose();
      return result;
    };
    expect(run(true)).toEqual(run(false));
  });

  it("rejects slots of the wrong count or shape", () => {
    const p = tf.variable(tf.zeros([2]));
    const optimizer = adam().create([p]);
    expect(() => optimizer.setSlots([], 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: slots must be an array of 2 tensors (2 per variable), got an array of length 0]`,
    );
    const wrong = [tf.zeros([3]), tf.zeros([2])];
    expect(() => optimizer.setSlots(wrong, 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: slots[0] must be a tensor of shape [2], got "shape [3]"]`,
    );
    tf.dispose(wrong);
    optimizer.dispose();
    p.dispose();
  });

  it("rejects gradients of the wrong count or shape, and a NaN learning rate", () => {
    const p = tf.variable(tf.zeros([2]));
    const optimizer = sgd().create([p]);
    expect(() => optimizer.applyGradients([p], [], 0.1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: gradients must be an array of 1 tensors, one per variable, got an array of length 0]`,
    );
    const [wrong, right] = [tf.zeros([3]), tf.zeros([2])];
    expect(() => optimizer.applyGradients([p], [wrong], 0.1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: gradients[0] must be a tensor of the variable's shape [2], got "shape [3]"]`,
    );
    expect(() => optimizer.applyGradients([p], [right], Number.NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: learningRate must be a finite number >= 0, got NaN]`,
    );
    expect(optimizer.steps).toBe(0);
    tf.dispose([wrong, right]);
    optimizer.dispose();
    p.dispose();
  });
});
