import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { solve } from "../../../src/index.js";
import { kmeans, kmeansPlusPlus } from "../../../solvers/kmeans/index.js";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { clusteringCompareRun } from "../../../src/apps/lab/problems/clustering.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { compareSetup, neuralRun } from "../../../src/apps/lab/problems/neural.js";
import { generatePoints } from "../../../src/apps/lab/problems/point-sets.js";
import { executablePath, runToStop, stepTo, waitForParam, waitForText } from "./lab-server.js";
import { artifacts, missing, nodeAnswer, text, useLabInChromium, typedObjective } from "./lab-suite.js";

// The lab's second set of features in Chromium (typed objective, k-means++ draws, compare mode for
// clustering and training, the WebGPU offer): what the pages show is checked against the library in Node.
const title = missing ? `lab features in Chromium (skipped: ${executablePath} not found)` : "lab features in Chromium";

describe(title, () => {
  const suite = useLabInChromium("features.json");

  it.skipIf(missing)(
    "minimisation: a typed f(x, y) runs GD, momentum, Newton and BFGS as in Node; a bad expression shows its error",
    async () => {
      const { typed, query } = typedObjective("newton");
      const page = await suite.lab.open(query.toString());
      for (const method of ["newton", "bfgs", "gd", "momentum"] as const) {
        if (method !== "newton") {
          await page.getByTestId("method").selectOption(method);
          await waitForParam(page, "method", new RegExp(`^${method}$`));
          await waitForText(page, "iteration", "0");
        }
        const run = minimiseRun({ objective: "typed", kappa: 10, method, typed });
        await stepTo(page, 3);
        expect(await text(page, "error")).toBe((await nodeAnswer(run, 3)).error);
        if (method === "newton") {
          const whole = await nodeAnswer(run);
          expect(await runToStop(page)).toBe(whole.stop);
          expect(await text(page, "iteration")).toBe(String(whole.iterations));
          await page.screenshot({ path: join(artifacts, "minimise-typed.png") });
        }
      }
      // A bad expression: the error, in words, instead of the plot; the URL keeps what was typed.
      await page.getByTestId("expression").fill("x^2 + (y");
      await page.getByTestId("expression").press("Enter");
      await page.getByTestId("expression-error").waitFor();
      expect(await text(page, "expression-error")).toMatch(/^problem\.f must be an expression mathjs can parse/);
      expect(new URL(page.url()).searchParams.get("expr")).toBe("x^2 + (y");
      await page.getByTestId("expression").fill("exp(x) + z");
      await page.getByTestId("expression").press("Enter");
      await waitForParam(page, "expr", /z$/);
      expect(await text(page, "expression-error")).toContain("unknown variable z");
      await page.screenshot({ path: join(artifacts, "minimise-typed-error.png") });
      // A good one again, then a reload: the page rebuilds the same run from the URL.
      await page.getByTestId("expression").fill("x^2 + 4 y^2");
      await page.getByTestId("expression").press("Enter");
      await waitForText(page, "iteration", "0");
      await page.reload();
      await waitForText(page, "iteration", "0");
      expect(await page.getByTestId("expression").inputValue()).toBe("x^2 + 4 y^2");
      await page.close();
    },
    90_000,
  );

  it.skipIf(missing)(
    "clustering: k-means++ is shown draw by draw, with Node's weights, candidates and centroids",
    async () => {
      const [k, seed] = [4, 3];
      const page = await suite.lab.open(
        `page=clustering&data=blobs&count=500&seed=${seed}&k=${k}&seeding=kmeans%2B%2B`,
      );
      const points = generatePoints("blobs", 500, seed);
      const library = solve(kmeans({ k, init: kmeansPlusPlus() }), { data: points }, { seed, maxIterations: 0 });
      const centroids = library.state.centroids;
      const chosen: [number, number][] = [];
      for (let c = 0; c < k; c++) {
        await waitForText(page, "seeding-draw", String(c + 1));
        const [index, coordinates] = (await text(page, "seeding-chosen")).split(" ");
        const point = points[Number(index)] as [number, number];
        // The point kept is the library's centroid c.
        expect(point).toEqual([centroids[2 * c], centroids[2 * c + 1]]);
        expect(coordinates).toBe(`(${point[0].toFixed(4)},`);
        // Each candidate's weight is D(x)^2 to the centroids kept before (1 for the first draw).
        const indices = await page.getByTestId("seeding-index").allTextContents();
        const weights = await page.getByTestId("seeding-weight").allTextContents();
        expect(indices).toHaveLength(c === 0 ? 1 : 2 + Math.floor(Math.log(k)));
        indices.forEach((candidate, t) => {
          const [x, y] = points[Number(candidate)] as [number, number];
          const expected = c === 0 ? 1 : Math.min(...chosen.map(([a, b]) => (x - a) ** 2 + (y - b) ** 2));
          expect(weights[t]).toBe(expected.toPrecision(6));
        });
        expect(indices).toContain(index);
        if (c === 1)
          await page.screenshot({ path: join(artifacts, "clustering-kmeans-plus-plus.png"), fullPage: true });
        chosen.push(point);
        if (c < k - 1) await page.getByTestId("seeding-next").click();
      }
      expect(await text(page, "inertia")).toContain(library.state.inertia.toPrecision(8));
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "compare: Lloyd, Hamerly and mini-batch k-means on one chart, each as in Node",
    async () => {
      // On the moons Lloyd's algorithm takes 7 iterations (2 on the blobs): 5 steps are all still moving.
      const page = await suite.lab.open(
        "page=compare&family=clustering&problem=moons&m1=lloyd&m2=hamerly&m3=mini-batch",
      );
      for (let step = 0; step < 5; step++) await page.keyboard.press("s");
      await waitForText(page, "iteration", "5", true);
      const points = generatePoints("moons", 500, 1);
      const expected = await Promise.all(
        (["lloyd", "hamerly", "mini-batch"] as const).map(
          async (variant) => (await nodeAnswer(clusteringCompareRun(variant, points, 3, 1), 5)).error,
        ),
      );
      expect(await page.getByTestId("error").allTextContents()).toEqual(expected);
      // Lloyd and Hamerly compute the same iterates.
      expect(expected[0]).toBe(expected[1]);
      expect(await page.locator(".chart .u-legend .u-series").count()).toBe(3); // one curve per method
      await page.screenshot({ path: join(artifacts, "compare-clustering.png") });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "compare: two optimisers train one network, their losses as in Node (cpu backend)",
    async () => {
      const page = await suite.lab.open("page=compare&family=neural&problem=moons&m1=adam&m2=sgd&m3=none&backend=cpu");
      expect(await text(page, "backend")).toBe("cpu");
      for (let step = 0; step < 5; step++) await page.keyboard.press("s");
      await waitForText(page, "iteration", "5", true);
      const shown = await page.getByTestId("error").allTextContents();
      expect(shown).toHaveLength(2);
      for (const [i, optimizer] of (["adam", "sgd"] as const).entries()) {
        const node = await nodeAnswer(neuralRun(compareSetup("moons", optimizer)), 5);
        disposeTraining(node.state as TrainingState);
        expect(Number(shown[i])).toBeCloseTo(Number(node.error), 4);
      }
      expect(shown[0]).not.toBe(shown[1]);
      await page.screenshot({ path: join(artifacts, "compare-neural.png") });
      await page.close();
    },
    60_000,
  );

  it.skipIf(missing)(
    "neural: webgpu is offered where navigator.gpu exists and falls back cleanly where it cannot run",
    async () => {
      const page = await suite.lab.open("page=neural&backend=webgpu");
      const probe = await page.evaluate<{ gpu: boolean; adapter: boolean }>(`(async () => {
        const gpu = navigator.gpu !== undefined;
        const adapter = gpu ? (await navigator.gpu.requestAdapter()) !== null : false;
        return { gpu, adapter };
      })()`);
      suite.measured.webgpu = probe;
      const backend = await text(page, "backend");
      const offered = await page.locator('[data-testid="backend-choice"] option').allTextContents();
      expect(offered.includes("webgpu")).toBe(true); // asked for in the URL, so shown either way
      expect(backend).toBe(probe.adapter ? "webgpu" : "wasm");
      if (!probe.adapter) expect(await page.locator(".intro").textContent()).toContain("skipped: webgpu:");
      await stepTo(page, 3);
      expect(Number(await text(page, "error"))).toBeGreaterThan(0);
      await page.close();
      const plain = await suite.lab.open("page=neural");
      const plainOffered = await plain.locator('[data-testid="backend-choice"] option').allTextContents();
      expect(plainOffered.includes("webgpu")).toBe(probe.gpu);
      await plain.close();
    },
    60_000,
  );
});
