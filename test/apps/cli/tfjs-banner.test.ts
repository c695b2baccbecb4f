import * as tf from "../../../solvers/neural/tfjs.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadBackend } from "../../../solvers/neural/index.js";

// tfjs's cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js..." on its first
// tensor; it printed 9 times in `npm test`. Starting the backend through loadBackend silences that banner
// alone: tfjs's own warnings (PROD and IS_TEST off) still reach the console.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the cpu backend started by loadBackend", () => {
  it("prints no tfjs-node banner on its first tensor, and leaves tfjs's other warnings on", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const info = await loadBackend({ prefer: "cpu" });
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    expect([info.choice, sum]).toEqual(["cpu", 6]);
    expect(warn.mock.calls.flat().join(" ")).not.toContain("looks like you are running TensorFlow.js in Node.js");
    expect([tf.env().getBool("PROD"), tf.env().getBool("IS_TEST")]).toEqual([false, false]);
  });
});
