import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStopReason } from "../../../src/index.js";
import type { RunResult } from "../../../src/index.js";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { kmeansRun } from "../../../src/apps/lab/problems/clustering.js";
import { formatError } from "../../../src/apps/lab/problems/lab-run.js";
import type { LabRun } from "../../../src/apps/lab/problems/lab-run.js";
import { linearRun } from "../../../src/apps/lab/problems/linear.js";
import { defaultGridworld } from "../../../src/apps/lab/problems/gridworld.js";
import { mdpRun } from "../../../src/apps/lab/problems/mdp.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { neuralRun } from "../../../src/apps/lab/problems/neural.js";
import { decodePoints, generatePoints } from "../../../src/apps/lab/problems/point-sets.js";
import { rootFunctions, rootRun } from "../../../src/apps/lab/problems/roots.js";
import type { LabBrowser } from "./lab-server.js";
import {
  buildFreshLab,
  bundleSizes,
  executablePath,
  frameTimes,
  runToStop,
  startLabBrowser,
  stepTo,
  waitForParam,
  waitForText,
} from "./lab-server.js";

// The lab in a real browser: every page of a freshly built and exported site, driven by playwright-core in
// Debian's chromium with every host but the lab's own blocked. What the pages show is checked against the
// library solving the same problem in Node. CI installs chromium (.ci/run); without it this file is skipped.
const missing = !existsSync(executablePath);
const title = missing
  ? `the lab in Chromium (skipped: ${executablePath} not found; install it with apt-get install -y chromium)`
  : "the lab in Chromium";
const artifacts = join("test-artifacts", "lab");
const measured: Record<string, unknown> = {};

/** The error and stop line Node computes for `run`, after `iterations` steps or at its natural stop. */
async function nodeAnswer<S>(run: LabRun<S>, iterations?: number) {
  const result = (await run.solve(iterations)) as RunResult<S, unknown>;
  return {
    iterations: result.iterations,
    error: formatError(run.error(result.state, result.criteria.convergence)),
    stop: describeStopReason(result.stopReason),
    state: result.state,
  };
}

const text = async (page: import("playwright-core").Page, id: string) =>
  (await page.getByTestId(id).first().textContent()) ?? "";

describe(title, () => {
  let lab: LabBrowser;
  let site: string;
  beforeAll(async () => {
    if (missing) return;
    mkdirSync(artifacts, { recursive: true });
    site = await buildFreshLab();
    lab = await startLabBrowser(site);
  }, 120_000);
  afterAll(async () => {
    if (missing) return;
    await lab?.close();
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.failedRequests).toEqual([]);
    expect(lab.blockedRequests).toEqual([]);
    measured.pageLoadMs = lab.loadTimes;
    writeFileSync(join(artifacts, "measurements.json"), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`lab measurements (under load when the machine is busy): ${JSON.stringify(measured)}`);
  });

  it.skipIf(missing)(
    "roots: the iterates, error and stop reason are the library's; a URL parameter survives a reload",
    async () => {
      const page = await lab.open("page=roots&fn=cubic&method=newton&x0=3");
      const run = rootRun({ fn: "cubic", method: "newton", x0: 3 });
      await stepTo(page, 3);
      const three = await nodeAnswer(run, 3);
      expect(await text(page, "error")).toBe(three.error);
      const whole = await nodeAnswer(run);
      expect(await runToStop(page)).toBe(whole.stop);
      expect(await text(page, "iteration")).toBe(String(whole.iterations));
      expect(await text(page, "criteria")).toContain("(met)");
      await page.screenshot({ path: join(artifacts, "roots.png") });
      // Change the URL: the secant method from x0 = 2, reloaded.
      await page.goto(`${lab.server.url}?page=roots&fn=cubic&method=secant&x0=2`);
      await page.getByTestId("iteration").waitFor();
      expect(await page.getByTestId("method").inputValue()).toBe("secant");
      expect(await text(page, "error")).toBe(formatError(Math.abs(2 - rootFunctions.cubic.root)));
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "minimisation: BFGS on Rosenbrock steps as in Node, and the controls work from the keyboard",
    async () => {
      const page = await lab.open("page=minimise&objective=rosenbrock&method=bfgs");
      const run = minimiseRun({ objective: "rosenbrock", kappa: 10, method: "bfgs" });
      await page.getByTestId("step").focus();
      for (let k = 1; k <= 4; k++) {
        await page.keyboard.press("Enter");
        await waitForText(page, "iteration", String(k));
      }
      expect(await text(page, "error")).toBe((await nodeAnswer(run, 4)).error);
      await page.getByTestId("back").click();
      expect(await text(page, "iteration")).toBe("3");
      expect(await text(page, "error")).toBe((await nodeAnswer(run, 3)).error);
      await page.keyboard.press("ArrowRight");
      await waitForText(page, "iteration", "4");
      const whole = await nodeAnswer(run);
      expect(await runToStop(page)).toBe(whole.stop);
      expect(await text(page, "iteration")).toBe(String(whole.iterations));
      await page.screenshot({ path: join(artifacts, "minimise.png") });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "linear systems: Gauss-Seidel sweeps on 32 x 32 Poisson match Node; SOR at Young's optimum",
    async () => {
      const page = await lab.open("page=linear&n=32&method=gauss-seidel");
      await stepTo(page, 12);
      measured.poisson32SweepMs = summary(await frameTimes(page));
      expect(await text(page, "error")).toBe(
        (await nodeAnswer(linearRun({ n: 32, method: "gauss-seidel", omega: 1 }), 12)).error,
      );
      await page.screenshot({ path: join(artifacts, "linear.png") });
      await page.getByTestId("method").selectOption("sor");
      await page.getByRole("button", { name: /Young's optimum/ }).click();
      await waitForParam(page, "method", /^sor$/);
      const omega = Number(new URL(page.url()).searchParams.get("omega"));
      const whole = await nodeAnswer(linearRun({ n: 32, method: "sor", omega }));
      expect(await runToStop(page)).toBe(whole.stop);
      expect(await text(page, "iteration")).toBe(String(whole.iterations));
      await page.screenshot({ path: join(artifacts, "linear-sor.png") });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "clustering: k-means on 500 points as in Node; a dragged centroid restarts the run from there",
    async () => {
      const page = await lab.open("page=clustering&method=kmeans&data=blobs&count=500&seed=1&k=3&seeding=random");
      const points = generatePoints("blobs", 500, 1);
      // Five first steps (reset between them): random seeding converges in a handful of iterations.
      for (let round = 0; round < 5; round++) {
        await page.getByTestId("reset").click();
        await waitForText(page, "iteration", "0");
        await stepTo(page, 1);
      }
      measured.kmeans500StepMs = summary(await frameTimes(page));
      const whole = await nodeAnswer(kmeansRun({ points, k: 3, seed: 1, seeding: "random" }));
      expect(await runToStop(page)).toBe(whole.stop);
      expect(await text(page, "inertia")).toContain((whole.state as { inertia: number }).inertia.toPrecision(8));
      await page.getByTestId("assign").click();
      await page.screenshot({ path: join(artifacts, "clustering.png") });
      // Drag the first centroid to the top-left corner; the run restarts from the moved centroids.
      const canvas = page.getByTestId("points");
      const box = await canvas.boundingBox();
      const centroid = (whole.state as { centroids: Float64Array }).centroids;
      const toScreen = (x: number, y: number) =>
        [(box?.x ?? 0) + ((x + 0.1) / 1.2) * 440, (box?.y ?? 0) + 440 - ((y + 0.1) / 1.2) * 440] as const;
      const [fromX, fromY] = toScreen(centroid[0] as number, centroid[1] as number);
      const [toX, toY] = toScreen(0.05, 0.95);
      await page.mouse.move(fromX, fromY);
      await page.mouse.down();
      await page.mouse.move(toX, toY, { steps: 5 });
      await page.mouse.up();
      await waitForParam(page, "c", /./);
      const given = decodePoints(new URL(page.url()).searchParams.get("c") ?? "");
      expect(given[0]?.[0]).toBeCloseTo(0.05, 1);
      await waitForText(page, "iteration", "0");
      await stepTo(page, 1);
      const moved = await nodeAnswer(kmeansRun({ points, k: 3, seed: 1, centroids: given }), 1);
      expect(await text(page, "inertia")).toContain((moved.state as { inertia: number }).inertia.toPrecision(8));
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "clustering: EM with each covariance type ends where Node's run ends",
    async () => {
      const page = await lab.open("page=clustering&method=gmm&data=anisotropic&count=300&seed=2&k=3&cov=tied");
      const whole = await nodeAnswer(
        (await import("../../../src/apps/lab/problems/clustering.js")).mixtureRun({
          points: generatePoints("anisotropic", 300, 2),
          k: 3,
          seed: 2,
          covariance: "tied",
        }),
      );
      expect(await runToStop(page)).toBe(whole.stop);
      expect(await text(page, "iteration")).toBe(String(whole.iterations));
      await page.screenshot({ path: join(artifacts, "mixture.png") });
      await page.close();
    },
    60_000,
  );

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
      const page = await lab.open("page=mdp&world=lake8&method=vi-sync&discount=0.9&slip=0.2");
      await stepTo(page, 6);
      measured.frozenLake8SweepMs = summary(await frameTimes(page));
      expect(await text(page, "error")).toBe((await nodeAnswer(mdpRun(setup), 6)).error);
      const whole = await nodeAnswer(mdpRun(setup));
      expect(await runToStop(page)).toBe(whole.stop);
      await page.screenshot({ path: join(artifacts, "mdp-frozen-lake.png") });
      // Edit the gridworld: a click on the cell (2, 0) puts a wall there.
      await page.goto(`${lab.server.url}?page=mdp&world=gridworld&method=pi`);
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
      const page = await lab.open("page=neural&backend=cpu");
      expect(await text(page, "backend")).toBe("cpu");
      await stepTo(page, 8);
      expect(await text(page, "epoch")).toBe("1");
      const node = await nodeAnswer(neuralRun(setup), 8);
      disposeTraining(node.state as TrainingState);
      expect(Number(await text(page, "error"))).toBeCloseTo(Number(node.error), 4);
      await page.close();
      const wasm = await lab.open("page=neural");
      expect(await text(wasm, "backend")).toBe("wasm");
      await stepTo(wasm, 10);
      measured.training2x16x16x2StepMs = summary(await frameTimes(wasm));
      measured.trainingBoundaryPredictionMs = summary(
        await wasm.evaluate<number[]>("window.iterlabLab?.parts?.boundaryPrediction ?? []"),
      );
      measured.trainingForwardMs = summary(await wasm.evaluate<number[]>("window.iterlabLab?.parts?.forward ?? []"));
      measured.trainingWeightsReadMs = summary(
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
      const page = await lab.open("page=compare&family=minimise&problem=rosenbrock&m1=gd&m2=newton&m3=bfgs");
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
      measured.bundle = bundleSizes(site);
    },
    60_000,
  );
});

/** Median and maximum of a list of times, rounded to 0.1 ms. */
function summary(times: readonly number[]): { median: number; max: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    median: round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
    count: sorted.length,
  };
}
