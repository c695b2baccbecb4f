// The lab in a real browser, as lab-in-browser.test.ts: the MDP, neural and compare pages.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { defaultGridworld } from "../../../src/apps/lab/problems/gridworld.js";
import { mdpRun } from "../../../src/apps/lab/problems/mdp.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { neuralRun } from "../../../src/apps/lab/problems/neural.js";
import { bundleSizes, frameTimes, runToStop, stepTo, waitForParam, waitForText } from "./lab-server.js";
import { artifacts, labTitle, missing, nodeAnswer, summary, text, useLabInChromium } from "./lab-suite.js";

describe(labTitle, () => {
  const suite = useLabInChromium("measurements-pages.json");

  it.skipIf(missing)(
    "MDPs: value iteration on 8 x 8 FrozenLake and on an edited gridworld, as in Node",
    async () => {
      const setup = {
        world: "lake8",
        map: defaultGridworld,
        slip: 0.2,
        discount: 0.9,
        stepReward: -0.04,
        method: "vi-sync",
      } as const;
      const page = await suite.lab.open("page=mdp&world=lake8&method=vi-sync&discount=0.9&slip=0.2");
      await stepTo(page, 6);
      suite.measured.frozenLake8SweepMs = summary(await frameTimes(page));
      expect(await text(page, "error")).toBe((await nodeAnswer(mdpRun(setup), 6)).error);
      const whole = await nodeAnswer(mdpRun(setup));
      expect(await runToStop(page)).toBe(whole.stop);
      await page.screenshot({ path: join(artifacts, "mdp-frozen-lake.png") });
      // Edit the gridworld: a click on the cell (2, 0) puts a wall there.
      await page.goto(`${suite.lab.server.url}?page=mdp&world=gridworld&method=pi`);
      await page.getByTestId("iteration").waitFor();
      const grid = await page.getByTestId("grid").boundingBox();
      await page.mouse.click((grid?.x ?? 0) + 20, (grid?.y ?? 0) + 2 * 90 + 20);
      await waitForParam(page, "map", /^\.\.\.G\/\.#\.X\/#/);
      const map = ["...G", ".#.X", "#...", "...."];
      const edited = await nodeAnswer(mdpRun({ ...setup, world: "gridworld", map, method: "pi" }));
      expect(await runToStop(page)).toBe(edited.stop);
      expect(await text(page, "iteration")).toBe(String(edited.iterations));
      await page.screenshot({ path: join(artifacts, "mdp-gridworld.png") });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "neural: the page's losses equal Node's on the cpu backend; the wasm backend runs and is shown",
    async () => {
      const setup = {
        dataset: "moons",
        samples: 200,
        hidden: [16, 16],
        optimizer: "adam",
        learningRate: 0.03,
        schedule: "constant",
        batchSize: 32,
        seed: 1,
      } as const;
      const page = await suite.lab.open("page=neural&backend=cpu");
      expect(await text(page, "backend")).toBe("cpu");
      await stepTo(page, 8);
      expect(await text(page, "epoch")).toBe("1");
      const node = await nodeAnswer(neuralRun(setup), 8);
      disposeTraining(node.state as TrainingState);
      expect(Number(await text(page, "error"))).toBeCloseTo(Number(node.error), 4);
      await page.close();
      const wasm = await suite.lab.open("page=neural");
      expect(await text(wasm, "backend")).toBe("wasm");
      await stepTo(wasm, 10);
      suite.measured.training2x16x16x2StepMs = summary(await frameTimes(wasm));
      suite.measured.trainingBoundaryPredictionMs = summary(
        await wasm.evaluate<number[]>("window.iterlabLab?.parts?.boundaryPrediction ?? []"),
      );
      suite.measured.trainingForwardMs = summary(
        await wasm.evaluate<number[]>("window.iterlabLab?.parts?.forward ?? []"),
      );
      suite.measured.trainingWeightsReadMs = summary(
        await wasm.evaluate<number[]>("window.iterlabLab?.parts?.weightsRead ?? []"),
      );
      await wasm.screenshot({ path: join(artifacts, "neural.png") });
      await wasm.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "compare: the keyboard steps three methods at once, each as in Node",
    async () => {
      const page = await suite.lab.open("page=compare&family=minimise&problem=rosenbrock&m1=gd&m2=newton&m3=bfgs");
      for (let k = 0; k < 5; k++) await page.keyboard.press("s");
      await waitForText(page, "iteration", "5", true);
      const errors = await page.getByTestId("error").allTextContents();
      const expected = await Promise.all(
        (["gd", "newton", "bfgs"] as const).map(
          async (method) => (await nodeAnswer(minimiseRun({ objective: "rosenbrock", kappa: 50, method }), 5)).error,
        ),
      );
      expect(errors).toEqual(expected);
      await page.screenshot({ path: join(artifacts, "compare.png") });
      await page.close();
      suite.measured.bundle = bundleSizes(suite.site);
    },
    60_000,
  );
});
