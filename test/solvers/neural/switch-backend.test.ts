import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, describe, expect, it } from "vitest";
import { switchTo } from "../../../solvers/neural/backend-attempts.js";

/** A backend whose initialisation takes a few milliseconds (as wasm's does): a fresh cpu backend object. */
function registerSlowBackend(name: string): void {
  const CpuBackend = (tf.findBackend("cpu") as tf.KernelBackend).constructor as new () => tf.KernelBackend;
  tf.registerBackend(name, async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return new CpuBackend();
  });
}

afterAll(async () => {
  await tf.setBackend("cpu");
  for (const name of ["race-test", "plain-test"]) if (tf.findBackendFactory(name) !== null) tf.removeBackend(name);
});

describe("switchTo", () => {
  it("switches to a slowly initialising backend", async () => {
    await tf.setBackend("cpu");
    registerSlowBackend("plain-test");
    expect(await switchTo("plain-test")).toBe(true);
    expect(tf.getBackend()).toBe("plain-test");
  });

  it("succeeds when another initialisation starts meanwhile and tfjs's own setBackend reports false", async () => {
    await tf.setBackend("cpu");
    registerSlowBackend("race-test");
    // What tfjs does on its own: the second initialisation outdates the first, so setBackend says false...
    const lost = tf.setBackend("race-test");
    expect(tf.findBackend("race-test")).toBeNull(); // starts a second initialisation
    expect(await lost).toBe(false);
    expect(tf.getBackend()).toBe("race-test");
    // ...and switchTo, raced the same way, still reports the backend that runs.
    await tf.setBackend("cpu");
    tf.removeBackend("race-test");
    registerSlowBackend("race-test");
    const pending = switchTo("race-test");
    tf.findBackend("race-test");
    expect(await pending).toBe(true);
    expect(tf.getBackend()).toBe("race-test");
    expect(tf.backend()).toBe(tf.findBackend("race-test"));
  });

  it("reports false for a backend that is not registered or fails to initialise", async () => {
    expect(await switchTo("no-such-backend")).toBe(false);
    tf.registerBackend("failing-test", async () => {
      throw new Error("no device");
    });
    const warn = console.warn;
    console.warn = () => undefined; // tfjs warns about the failure
    try {
      expect(await switchTo("failing-test")).toBe(false);
    } finally {
      console.warn = warn;
      tf.removeBackend("failing-test");
      await tf.setBackend("cpu");
    }
  });
});
