// The lab in a real browser: every page of a freshly built and exported site, driven by playwright-core in
// Debian's chromium with every host but the lab's own blocked. What the pages show is checked against the
// library solving the same problem in Node. CI installs chromium (.ci/run); without it this file is skipped.
// This file: roots, minimisation, linear systems and clustering; lab-in-browser-pages.test.ts: the rest.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kmeansRun } from "../../../src/apps/lab/problems/clustering.js";
import { formatError } from "../../../src/apps/lab/problems/lab-run.js";
import { linearRun } from "../../../src/apps/lab/problems/linear.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { decodePoints, generatePoints } from "../../../src/apps/lab/problems/point-sets.js";
import { rootFunctions, rootRun } from "../../../src/apps/lab/problems/roots.js";
import { frameTimes, runToStop, stepTo, waitForParam, waitForText } from "./lab-server.js";
import { artifacts, labTitle, missing, nodeAnswer, summary, text, useLabInChromium } from "./lab-suite.js";

describe(labTitle, () => {
  const suite = useLabInChromium("measurements.json");

  it.skipIf(missing)(
    "roots: the iterates, error and stop reason are the library's; a URL parameter survives a reload",
    async () => {
      const page = await suite.lab.open("page=roots&fn=cubic&method=newton&x0=3");
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
      await page.goto(`${suite.lab.server.url}?page=roots&fn=cubic&method=secant&x0=2`);
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
      const page = await suite.lab.open("page=minimise&objective=rosenbrock&method=bfgs");
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
      const page = await suite.lab.open("page=linear&n=32&method=gauss-seidel");
      await stepTo(page, 12);
      suite.measured.poisson32SweepMs = summary(await frameTimes(page));
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
      const page = await suite.lab.open("page=clustering&method=kmeans&data=blobs&count=500&seed=1&k=3&seeding=random");
      const points = generatePoints("blobs", 500, 1);
      // Five first steps (reset between them): random seeding converges in a handful of iterations.
      for (let round = 0; round < 5; round++) {
        await page.getByTestId("reset").click();
        await waitForText(page, "iteration", "0");
        await stepTo(page, 1);
      }
      suite.measured.kmeans500StepMs = summary(await frameTimes(page));
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
      const page = await suite.lab.open("page=clustering&method=gmm&data=anisotropic&count=300&seed=2&k=3&cov=tied");
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
});
