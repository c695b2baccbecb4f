import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sameIterates } from "./clustering.js";
import { median, peerFigure, threadLabel } from "./context.js";
import { readDataSet, writeDataSet } from "./data-files.js";
import { coldFigure } from "./kmeans.js";
import { lscpuField } from "./machine.js";
import { pagesNote, sweepBytes } from "./mdp.js";
import { peerEnvironment } from "./python-peers.js";
import type { PeerResult } from "./python-peers.js";
import { formatDuration, formatPeerTable, formatRatio, formatTarget, mergePasses, ratio } from "./table.js";
import type { PeerRow } from "./table.js";

const result: PeerResult = {
  figures: { sweep: 4 },
  versions: { numpy: "1.24.2" },
  threads: 2,
  threadSettings: "library default",
};

describe("ratio", () => {
  it("divides iterlab's time by the peer's", () => {
    expect(ratio({ peerFigure: { ms: 4 }, iterlabFigure: { ms: 1 } })).toBe(0.25);
    expect(ratio({ peerFigure: { ms: 2.5 }, iterlabFigure: { ms: 5 } })).toBe(2);
  });

  it("is NaN when a figure is missing, zero or not finite", () => {
    expect(ratio({ peerFigure: { missing: "torch not installed" }, iterlabFigure: { ms: 1 } })).toBeNaN();
    expect(ratio({ peerFigure: { ms: 0 }, iterlabFigure: { ms: 1 } })).toBeNaN();
    expect(ratio({ peerFigure: { ms: 3 }, iterlabFigure: { ms: Number.NaN } })).toBeNaN();
  });
});

describe("formatDuration", () => {
  it("keeps three significant digits in the unit that suits the size", () => {
    const durations = [3.2219e-6, 7.72e-4, 4.6e-3, 11.54, 556.4, 1500].map(formatDuration);
    expect(durations).toEqual(["3.22 ns", "772 ns", "4.60 µs", "11.5 ms", "556 ms", "1.50 s"]);
    expect(formatDuration(Number.NaN)).toBe("-");
  });
});

describe("formatRatio and formatTarget", () => {
  it("prints two decimals, three below 0.1, and a dash for NaN", () => {
    expect([0.4849, 0.0456, 3.0312, Number.NaN].map(formatRatio)).toEqual(["0.48x", "0.046x", "3.03x", "-"]);
  });

  it("says whether the ratio meets the target", () => {
    const row = (ms: number, targetAtMost?: number): PeerRow => ({
      workload: "w",
      peer: "p",
      peerFigure: { ms: 2 },
      iterlabFigure: { ms },
      targetAtMost,
    });
    expect([row(2.4, 1.2), row(2.5, 1.2), row(1), row(Number.NaN, 0.5)].map(formatTarget)).toEqual([
      "<= 1.20x: met",
      "<= 1.20x: NOT met",
      "-",
      "<= 0.50x: not measured",
    ]);
  });
});

describe("formatPeerTable", () => {
  it("prints one Markdown table with both figures, the ratio and the target", () => {
    const rows: PeerRow[] = [
      {
        workload: "GS sweep | CSR",
        peer: "PETSc 3.18.5",
        peerFigure: { ms: 2.37 },
        iterlabFigure: { ms: 2.9, note: "1 thread" },
        targetAtMost: 1.2,
      },
      { workload: "MLP step", peer: "PyTorch", peerFigure: { missing: "not installed" }, iterlabFigure: { ms: 0.8 } },
    ];
    expect(formatPeerTable(rows)).toMatchInlineSnapshot(`
      "| workload | peer | peer figure | iterlab figure | ratio (iterlab / peer) | target |
      | --- | --- | --- | --- | --- | --- |
      | GS sweep \\| CSR | PETSc 3.18.5 | 2.37 ms | 2.90 ms (1 thread) | 1.22x | <= 1.20x: NOT met |
      | MLP step | PyTorch | - (not installed) | 800 µs | - | - |"
    `);
  });
});

describe("writeDataSet and readDataSet", () => {
  let directory = "";
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "iterlab-peers-test-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("round-trips parameters and float64, float32 and int32 arrays through little-endian files", async () => {
    const arrays = {
      x: Float64Array.from([1.5, -0, 1e-300, -2.25e10, Math.PI]),
      pixels: Float32Array.from([0.25, -1, 3.5]),
      labels: Int32Array.from([0, -7, 2 ** 31 - 1]),
    };
    const manifest = await writeDataSet(directory, "sample", { params: { rows: 5, kinds: ["full", "diag"] }, arrays });
    expect(manifest).toBe(join(directory, "sample.json"));
    const back = await readDataSet(manifest);
    expect(back.params).toEqual({ rows: 5, kinds: ["full", "diag"] });
    expect(back.arrays).toEqual(arrays);
    expect(Object.is(back.arrays.x?.[1], -0)).toBe(true);
    const bytes = await readFile(join(directory, "sample.labels.bin"));
    expect([...bytes.subarray(4, 8)]).toEqual([0xf9, 0xff, 0xff, 0xff]); // -7, least significant byte first
    const written = JSON.parse(await readFile(manifest, "utf8"));
    expect(written.arrays.pixels).toEqual({ file: "sample.pixels.bin", dtype: "float32", length: 3 });
  });

  it("rejects a file whose length does not match its manifest", async () => {
    const arrays = { v: Float64Array.from([1, 2, 3]) };
    const manifest = await writeDataSet(directory, "short", { params: {}, arrays });
    await writeFile(join(directory, "short.v.bin"), new Uint8Array(16));
    await expect(readDataSet(manifest)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: short.v.bin: 16 bytes, expected 3 float64 values]`,
    );
  });
});

describe("peer helpers", () => {
  it("reads a peer figure with its note, or says why it is missing", () => {
    expect(peerFigure(result, "sweep", (peer) => `${peer.threads} threads`)).toEqual({ ms: 4, note: "2 threads" });
    expect(peerFigure(result, "step-128")).toEqual({ missing: "no figure step-128" });
    expect(peerFigure("scipy not installed", "sweep")).toEqual({ missing: "scipy not installed" });
    const labels = [threadLabel(1, result), threadLabel(2, result), threadLabel("default", result)];
    labels.push(threadLabel("default", "failed"));
    expect(labels).toEqual(["1 thread", "2 threads", "default threads (2)", "default threads"]);
  });

  it("sets the thread variables to 1 for one thread and clears them for the default", () => {
    const base = { OMP_NUM_THREADS: "4", PATH: "/bin" };
    const one = peerEnvironment(1, base);
    const variables = [one.OMP_NUM_THREADS, one.OPENBLAS_NUM_THREADS, one.MKL_NUM_THREADS, one.PATH];
    expect(variables).toEqual(["1", "1", "1", "/bin"]);
    expect(peerEnvironment("default", base).OMP_NUM_THREADS).toBeUndefined();
  });

  it("takes the upper median and reads lscpu fields", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 3, Number.NaN]);
    const lscpu = "Architecture:  x86_64\nModel name:    AMD EPYC\nSocket(s):  1\n";
    expect(lscpuField(lscpu, "Model name")).toBe("AMD EPYC");
    expect(lscpuField("Architecture: x86_64\n", "Model name")).toBeUndefined();
  });

  it("counts the bytes a sweep moves: dense transitions, rewards and two value vectors", () => {
    expect(sweepBytes(2000, 4, 4 * 2000 * 2000, true)).toBe(128_000_000 + 64_000 + 32_000);
    expect(sweepBytes(100_000, 4, 4_000_000, false)).toBe(4_000_000 * 20 + 400_000 * 12 + 1_600_000);
  });
});

describe("coldFigure", () => {
  it("is the median of the cold runs, with their iterations, count and range, or why there is none", () => {
    const runs = [41.25, 39.5, 55].map((ms) => ({ ms, iterations: 5 }));
    expect(coldFigure(runs, undefined)).toEqual({ ms: 41.25, note: "5 iterations; 3 processes, 39.5-55.0 ms" });
    expect(coldFigure([], "sklearn_kmeans_cold.py failed")).toEqual({ missing: "sklearn_kmeans_cold.py failed" });
    expect(coldFigure([], undefined)).toEqual({ missing: "not run" });
  });
});

describe("pagesNote", () => {
  it("says how much of each numpy copy of the dense transitions sat on huge pages", () => {
    const pages = { ...result, hugePagesKb: { default: 122_880, smallPages: 0 } } as PeerResult;
    expect(pagesNote(pages)).toBe("huge pages: numpy's default copy 120 MB, this copy 0 MB");
    expect(pagesNote({ ...result, hugePagesKb: { default: null, smallPages: 0 } } as PeerResult)).toBe(
      "huge pages: numpy's default copy ?, this copy 0 MB",
    );
    expect(pagesNote(result)).toBe("huge pages of each copy unknown");
    expect(pagesNote("numpy not installed")).toBe("huge pages of each copy unknown");
  });
});

describe("sameIterates", () => {
  it("says whether both EM runs ended at the same mean log-likelihood", () => {
    const peer = (value: number): PeerResult => ({ ...result, logLikelihoods: { full: value } });
    expect(sameIterates(-25.56717531790978, peer(-25.567175317909815), "full")).toBe("same log-likelihood");
    expect(sameIterates(-25.5, peer(-26.1), "full")).toBe("log-likelihood -25.500000 vs -26.100000");
    expect(sameIterates(-25.5, "sklearn not installed", "full")).toBe("log-likelihood not compared");
  });
});

describe("mergePasses", () => {
  const row = (peerMs: number, iterlabMs: number, note?: string): PeerRow => ({
    workload: "EM full",
    peer: "scikit-learn",
    peerFigure: { ms: peerMs },
    iterlabFigure: note === undefined ? { ms: iterlabMs } : { ms: iterlabMs, note },
    targetAtMost: 0.5,
  });

  it("takes the median figure of the passes and keeps the range of their own ratios", () => {
    const [merged] = mergePasses([[row(1000, 400, "a")], [row(1200, 700, "b")], [row(800, 500, "c")]]);
    expect(merged?.peerFigure).toEqual({ ms: 1000 });
    expect(merged?.iterlabFigure).toEqual({ ms: 500, note: "c" });
    expect(merged?.ratioRange).toEqual([0.4, 0.625]);
    expect(formatPeerTable(merged === undefined ? [] : [merged]).split("\n")[2]).toBe(
      "| EM full | scikit-learn | 1.00 s | 500 ms (c) | 0.50x (passes 0.40x to 0.63x) | <= 0.50x: met |",
    );
  });

  it("leaves a single pass as it is, and keeps a missing figure missing", () => {
    const missing: PeerRow = { ...row(1, 1), peerFigure: { missing: "torch not installed" } };
    expect(mergePasses([[row(2, 1)]])).toEqual([{ ...row(2, 1), ratioRange: undefined }]);
    expect(mergePasses([[missing], [missing]])[0]?.peerFigure).toEqual({ missing: "torch not installed" });
  });

  it("refuses passes whose rows differ", () => {
    const other = { ...row(1, 1), peer: "PETSc" };
    expect(() => mergePasses([[row(1, 1)], [other]])).toThrowErrorMatchingInlineSnapshot(
      `[Error: pass rows differ at row 1 (EM full)]`,
    );
  });
});
