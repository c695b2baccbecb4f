import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabBrowser } from "./lab-server.js";
import { startCpuTrace, stepCpuTimes } from "./thread-cpu.js";
import {
  buildFreshLab,
  executablePath,
  frameSummary,
  frameTimes,
  startLabBrowser,
  stepTo,
  waitForText,
} from "./lab-server.js";

// Frame times of the four small problems of issue 16 in headless Chromium, per Step click: "work" until the
// redraw's last drawing (the step, the page's render, its canvases and charts), "frame" until the display
// frame showing it is painted and committed, "busy" the frame less the idle wait for that display frame
// (what the step costs the main thread, waits for the CPU included), and from a light Chromium trace the
// main thread's CPU time per step (the same span, time given to other processes left out: on a loaded
// machine the figure that says whether a step fits a frame); with the parts the pages record (also as
// `lab:` performance measures on Chromium's timeline) and the machine's load average. These are measurements, reported in
// test-artifacts/lab/frame-times.json, not assertions: the machine's load decides them. What is asserted
// is that every step was measured.
const missing = !existsSync(executablePath);
const title = missing ? `lab frame times (skipped: ${executablePath} not found)` : "lab frame times in Chromium";
const artifacts = join("test-artifacts", "lab");
const measured: Record<string, unknown> = {};

const tenth = (time: number) => Math.round(time * 10) / 10;

async function parts(page: Page): Promise<Record<string, ReturnType<typeof frameSummary>>> {
  const recorded = await page.evaluate<Record<string, number[]>>("window.iterlabLab?.parts ?? {}");
  return Object.fromEntries(Object.entries(recorded).map(([name, times]) => [name, frameSummary(times)]));
}

describe(title, () => {
  let lab: LabBrowser;
  beforeAll(async () => {
    if (missing) return;
    mkdirSync(artifacts, { recursive: true });
    lab = await startLabBrowser(await buildFreshLab());
  }, 120_000);
  afterAll(async () => {
    if (missing) return;
    await lab?.close();
    expect(lab.consoleErrors).toEqual([]);
    const load = loadavg().map((value) => value.toFixed(2));
    measured.loadAverage = { oneFiveFifteenMinutes: load, cores: cpus().length };
    writeFileSync(join(artifacts, "frame-times.json"), `${JSON.stringify(measured, null, 2)}\n`);
    const table = Object.entries(measured)
      .filter(([name]) => name !== "loadAverage")
      .map(([name, entry]) => {
        const { frame, busy, work, mainThreadCpu } = entry as Record<string, ReturnType<typeof frameSummary>>;
        const cells = [work, busy, frame, mainThreadCpu].map((s) => `${s?.median}/${s?.p95}/${s?.max}`);
        return `${name}: work ${cells[0]}, busy ${cells[1]}, frame ${cells[2]}, main-thread CPU ${cells[3]}`;
      });
    console.log(`lab frame times, ms median/p95/max (load average ${load.join(" ")} on ${cpus().length} cores):
${table.join("\n")}`);
  });

  const steps = 30;
  const cases = [
    // k-means converges in a few iterations: each sample is a reset and a first step.
    {
      name: "kmeans500",
      query: "page=clustering&method=kmeans&data=blobs&count=500&seed=1&k=3&seeding=random",
      reset: true,
    },
    { name: "poisson32", query: "page=linear&n=32&method=gauss-seidel", reset: false },
    { name: "frozenLake8", query: "page=mdp&world=lake8&method=vi-sync&discount=0.95&slip=0.2", reset: false },
    { name: "training2x16x16x2", query: "page=neural", reset: false },
  ] as const;
  for (const { name, query, reset } of cases) {
    it.skipIf(missing)(
      `${name}: ${steps} steps, each step and its redraw timed`,
      async () => {
        const page = await lab.open(query);
        const browser = lab.context.browser();
        if (browser === null) throw new Error("the lab's context has no browser");
        await startCpuTrace(browser, page);
        for (let k = 0; k < steps; k++) {
          if (reset) {
            await page.getByTestId("reset").click();
            await waitForText(page, "iteration", "0");
            await stepTo(page, 1);
          } else await stepTo(page, k + 1);
        }
        // The last step's time is recorded by a task after its redraw, which may come after the page shows it.
        await page.waitForFunction(`(window.iterlabLab?.frameTimes?.length ?? 0) >= ${steps}`);
        const cpu = await stepCpuTimes(browser);
        expect(cpu.main).toHaveLength(steps);
        expect(Math.min(...cpu.main)).toBeGreaterThan(0);
        const times = await frameTimes(page);
        expect(times).toHaveLength(steps);
        const work = await page.evaluate<number[]>("window.iterlabLab?.workTimes ?? []");
        const busy = await page.evaluate<number[]>("window.iterlabLab?.busyTimes ?? []");
        expect(busy).toHaveLength(steps);
        // Busy time is the frame time less an idle wait: never more, and never less than the work.
        busy.forEach((time, k) => {
          expect(time).toBeLessThanOrEqual((times[k] as number) + 1e-9);
          expect(time).toBeGreaterThanOrEqual((work[k] as number) - 1e-9);
        });
        measured[name] = {
          frame: frameSummary(times),
          busy: frameSummary(busy),
          work: frameSummary(work),
          mainThreadCpu: frameSummary(cpu.main),
          compositorCpu: frameSummary(cpu.compositor),
          parts: await parts(page),
          // Step by step, to see which steps are slow (the first ones, while the JavaScript engine compiles?).
          bySteps: {
            frame: times.map(tenth).join(" "),
            busy: busy.map(tenth).join(" "),
            work: work.map(tenth).join(" "),
            mainThreadCpu: cpu.main.map(tenth).join(" "),
          },
        };
        await page.close();
      },
      120_000,
    );
  }
});
