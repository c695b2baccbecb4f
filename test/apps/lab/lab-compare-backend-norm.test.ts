import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { describeStopReason, formatCriterion } from "../../../src/index.js";
import type { CriterionReport, RunResult } from "../../../src/index.js";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { GaussianMixtureState } from "../../../solvers/gaussian-mixture/index.js";
import { clusteringCompareRun, formatCentres } from "../../../src/apps/lab/problems/clustering.js";
import { criterionValue, formatError } from "../../../src/apps/lab/problems/lab-run.js";
import type { LabRun } from "../../../src/apps/lab/problems/lab-run.js";
import { gradientErrorName, minimiseMethods, minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { compareSetup, neuralRun } from "../../../src/apps/lab/problems/neural.js";
import { generatePoints } from "../../../src/apps/lab/problems/point-sets.js";
import { executablePath, stepTo, waitForParam, waitForText } from "./lab-server.js";
import { artifacts, missing, useLabInChromium, typedObjective } from "./lab-suite.js";

// The lab's third set of features in Chromium: k-means beside a Gaussian mixture in compare mode, the
// neural comparison's backend menu, and the typed objective's error on its stopping test's scale. Each
// page is checked against the library run in Node on the same problem and seed.
const title = missing
  ? `lab compare, backend menu and gradient norm (skipped: ${executablePath} not found)`
  : "lab compare, backend menu and gradient norm in Chromium";

async function solved<S>(run: LabRun<S>, iterations?: number): Promise<RunResult<S, unknown>> {
  return (await run.solve(iterations)) as RunResult<S, unknown>;
}

const texts = (page: Page, id: string) => page.getByTestId(id).allTextContents();

describe(title, () => {
  const suite = useLabInChromium("compare-backend-norm.json");

  it.skipIf(missing)(
    "compare: k-means beside a Gaussian mixture, inertia, centres and log-likelihood as in Node",
    async () => {
      const page = await suite.lab.open("page=compare&family=clustering&problem=moons&m1=lloyd&m2=gmm&m3=none");
      const offered = await page.locator('[data-testid="m2"] option').allTextContents();
      expect(offered).toContain("gmm");
      const points = generatePoints("moons", 500, 1);
      const lloyd = clusteringCompareRun("lloyd", points, 3, 1);
      const mixture = clusteringCompareRun("gmm", points, 3, 1);
      // Lloyd's algorithm stops at iteration 7 on the moons; EM goes on (40 iterations in Node).
      const lloydWhole = await solved(lloyd);
      expect(lloydWhole.iterations).toBe(7);
      for (const target of [3, 7]) {
        for (let step = target === 3 ? 0 : 3; step < target; step++) await page.keyboard.press("s");
        await waitForText(page, "iteration", String(target), true);
        const [lloydNode, mixtureNode] = [await solved(lloyd, target), await solved(mixture, target)];
        const errors = [lloydNode, mixtureNode].map((result, i) =>
          formatError((i === 0 ? lloyd : mixture).error(result.state, result.criteria.convergence)),
        );
        expect(await texts(page, "error")).toEqual(errors);
        const mixtureState = mixtureNode.state as GaussianMixtureState;
        expect(await texts(page, "centres")).toEqual([
          formatCentres((lloydNode.state as { centroids: Float64Array }).centroids),
          formatCentres(mixtureState.means),
        ]);
        expect(await texts(page, "loglikelihood")).toEqual([mixtureState.logLikelihood.toPrecision(8)]);
        // The two pictures: one canvas per method, side by side.
        expect(await page.getByTestId("slot-picture").count()).toBe(2);
      }
      const stops = await texts(page, "stop-reason");
      expect(stops).toEqual([describeStopReason(lloydWhole.stopReason), "not stopped"]);
      expect(await page.locator(".chart .u-legend .u-series").count()).toBe(2);
      await page.screenshot({ path: join(artifacts, "compare-kmeans-gmm.png"), fullPage: true });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "compare: the neural comparison's backend menu switches the backend, keeps it in the URL, trains as Node",
    async () => {
      const page = await suite.lab.open("page=compare&family=neural&problem=moons&m1=adam&m2=sgd&m3=none&backend=cpu");
      expect(await texts(page, "backend")).toEqual(["cpu"]);
      const menu = page.getByTestId("backend-choice");
      const offered = await menu.locator("option").allTextContents();
      const gpu = await page.evaluate<boolean>("navigator.gpu !== undefined");
      expect(offered).toEqual([...(gpu ? ["webgpu"] : []), "wasm", "webgl", "cpu"]);
      await menu.selectOption("wasm");
      await waitForParam(page, "backend", /^wasm$/);
      await waitForText(page, "backend", "wasm");
      await waitForText(page, "iteration", "0", true);
      for (let step = 0; step < 4; step++) await page.keyboard.press("s");
      await waitForText(page, "iteration", "4", true);
      const shown = await texts(page, "error");
      expect(shown).toHaveLength(2);
      for (const [i, optimizer] of (["adam", "sgd"] as const).entries()) {
        const node = await solved(neuralRun(compareSetup("moons", optimizer)), 4);
        // Node trains on tfjs-backend-cpu, the page on wasm: float32 either way, sums in another order.
        expect(Number(shown[i])).toBeCloseTo(node.state.loss ?? Number.NaN, 4);
        disposeTraining(node.state);
      }
      // A reload keeps the backend picked (it is in the URL).
      await page.reload();
      await waitForText(page, "backend", "wasm");
      expect(await page.getByTestId("backend-choice").inputValue()).toBe("wasm");
      await page.screenshot({ path: join(artifacts, "compare-neural-backend.png") });
      await page.close();
    },
    90_000,
  );

  it.skipIf(missing)(
    "minimisation: a typed f shows ||grad f||_inf, the very value each method's |grad| test compares",
    async () => {
      const { typed, query } = typedObjective("gd");
      const page = await suite.lab.open(query.toString());
      expect(await page.getByTestId("error-norm").textContent()).toContain("infinity norm ||grad f||_inf");
      expect(await page.locator(".readout dt").nth(1).textContent()).toBe(gradientErrorName);
      for (const method of minimiseMethods) {
        if (method !== "gd") {
          await page.getByTestId("method").selectOption(method);
          await waitForParam(page, "method", new RegExp(`^${method}$`));
          await waitForText(page, "iteration", "0");
        }
        await stepTo(page, 3);
        const node = await solved(minimiseRun({ objective: "typed", kappa: 10, method, typed }), 3);
        const tested = node.criteria.convergence as readonly CriterionReport[];
        const value = criterionValue(tested, "|grad|");
        expect(Number.isFinite(value)).toBe(true);
        expect(await texts(page, "error")).toEqual([formatError(value)]);
        // The stopping test's own line on the page shows the same value on the same scale.
        const line = tested.find((report) => report.label === "|grad|");
        expect(await page.getByTestId("criteria").locator("li").allTextContents()).toContain(
          formatCriterion(line as CriterionReport),
        );
      }
      await page.screenshot({ path: join(artifacts, "minimise-typed-norm.png") });
      await page.close();
    },
    90_000,
  );
});
