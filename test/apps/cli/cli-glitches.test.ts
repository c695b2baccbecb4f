import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { captureCli } from "./capture-cli.js";

async function run(argv: string[]) {
  const captured = await captureCli(argv);
  return { ...captured, firstError: captured.stderr.split("\n")[0] };
}

const scratch = mkdtempSync(join(tmpdir(), "iterlab-glitches-"));

describe("names the user typed", () => {
  it.each([
    [["run", "gaus-seidel"], 'error: unknown solver "gaus-seidel"; did you mean "gauss-seidel"?'],
    [["step", "netwon"], 'error: unknown solver "netwon"; did you mean "newton"?'],
    [["run", "kmeans", "--problem", "iriss"], 'error: unknown problem "iriss"; did you mean "iris"?'],
    [["compare", "poison-2d"], 'error: unknown problem "poison-2d"; did you mean "poisson-2d"?'],
    [
      ["compare", "poisson-2d", "--methods", "jacobi,gaus-seidel"],
      'error: unknown solver "gaus-seidel"; did you mean "gauss-seidel"?',
    ],
    [
      ["compare", "poisson-2d", "--methods", "sor:omgea=1.5"],
      `error: --methods sor:omgea=1.5: sor takes tol=..., omega=..., check-every=..., not 'omgea=1.5'; did you mean "omega"?`,
    ],
    [["train", "mnsit"], 'error: unknown data set "mnsit"; did you mean "mnist"?'],
    [["train", "--optimizer", "adma"], 'error: unknown optimizer "adma"; did you mean "adam"?'],
    [["run", "sor", "--omgea", "1.5"], "error: unknown option '--omgea'"],
  ])("%j suggests the closest name", async (argv, message) => {
    const { code, firstError } = await run(argv);
    expect(code).toBe(2);
    expect(firstError).toBe(message);
  });

  it("suggests a flag for a mistyped one (commander's hint, under the error)", async () => {
    const { stderr } = await run(["run", "sor", "--omgea", "1.5"]);
    expect(stderr.split("\n")[1]).toBe("(Did you mean --omega?)");
  });

  it.each([
    [["run", "sor", "--omega", "2.5"], "error: --omega must be a number in (0, 2), got 2.5"],
    [["run", "fixed-point", "--omega", "0"], "error: --omega must be a number in (0, 2), got 0"],
    [["run", "jacobi", "--tol", "-1"], "error: --tol must be a finite number >= 0, got -1"],
    [
      ["run", "gradient-descent", "--problem", "quadratic", "--step-size", "-1"],
      "error: --step-size must be a finite number > 0, got -1",
    ],
    [["run", "kmeans", "--k", "0"], "error: --k must be an integer >= 1, got 0"],
    [["run", "mini-batch-kmeans", "--batch-size", "0"], "error: --batch-size must be an integer >= 1, got 0"],
    [["run", "policy-iteration", "--tol", "-1"], "error: --tol must be a finite number > 0, got -1"],
    [["train", "--lr", "-1"], "error: --lr must be a finite number > 0, got -1"],
    [["train", "--validation-split", "2"], "error: --validation-split must be a number in [0, 1), got 2"],
  ])("%j names the flag, not the option it sets", async (argv, message) => {
    const { code, firstError } = await run(argv);
    expect(code).toBe(2);
    expect(firstError).toBe(message);
  });
});

describe("--tol of policy iteration", () => {
  it("is refused with the exact evaluation (nothing would read it), and sets epsilon of an inexact one", async () => {
    const exact = await run(["run", "policy-iteration", "--tol", "0.1"]);
    expect(exact.code).toBe(2);
    expect(exact.firstError).toBe(
      "error: --tol is the accuracy epsilon of an inexact evaluation: give --evaluation iterative or modified " +
        "(with the exact evaluation, policy iteration stops when its policy is stable)",
    );
    // FrozenLake 8 x 8 at gamma = 0.99: a stable policy is accepted once ||TV - V|| <= eps (1 - gamma) / 2.
    const json = async (tol: string) => {
      const argv = ["run", "policy-iteration", "--evaluation", "modified", "--tol", tol, "--json"];
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      return JSON.parse(stdout) as { iterations: number; solution: { bellmanResidual: number } };
    };
    const [loose, tight] = [await json("0.5"), await json("1e-9")];
    expect(loose.solution.bellmanResidual).toBeLessThanOrEqual((0.5 * (1 - 0.99)) / 2);
    expect(loose.solution.bellmanResidual).toBeGreaterThan((1e-9 * (1 - 0.99)) / 2);
    expect(tight.solution.bellmanResidual).toBeLessThanOrEqual((1e-9 * (1 - 0.99)) / 2);
    expect(tight.iterations).toBeGreaterThan(loose.iterations);
  });
});

describe("--check-every", () => {
  it("checks the Gauss-Seidel family's residual every n iterations: the run stops at a multiple of n", async () => {
    const every = await run(["run", "gauss-seidel", "--problem", "poisson-2d"]);
    const sparse = await run(["run", "gauss-seidel", "--problem", "poisson-2d", "--check-every", "7"]);
    const iterationsOf = (text: string) => Number(/(\d+) iterations in/.exec(text)?.[1]);
    expect(every.code).toBe(0);
    expect(sparse.code).toBe(0);
    expect(iterationsOf(sparse.stdout)).toBe(Math.ceil(iterationsOf(every.stdout) / 7) * 7);
  });
});

describe("flag ranges", () => {
  it.each([
    [
      ["compare", "iris", "--seeds", "0", "--no-report"],
      "error: option '--seeds <n>' argument '0' is invalid. expected an integer >= 1.",
    ],
    [
      ["run", "gaussian-mixture", "--n-init", "0"],
      "error: option '--n-init <n>' argument '0' is invalid. expected an integer >= 1.",
    ],
    [
      ["run", "gauss-seidel", "--check-every", "0"],
      "error: option '--check-every <n>' argument '0' is invalid. expected an integer >= 1.",
    ],
  ])("%j is refused: a count of runs starts at 1", async (argv, message) => {
    const { code, firstError } = await run(argv);
    expect(code).toBe(2);
    expect(firstError).toBe(message);
  });

  it.each([
    [["compare", "blobs", "--methods", "gaussian-mixture", "--n-init", "3", "--no-report"]],
    [["compare", "blobs", "--methods", "gaussian-mixture:n-init=3", "--no-report"]],
  ])("%j is refused: compare follows single runs, one per seed", async (argv) => {
    const { code, firstError } = await run(argv);
    expect(code).toBe(2);
    expect(firstError).toBe(
      "error: --n-init applies to run and step; compare runs each method once per seed: use --seeds <n>",
    );
  });

  it("--gamma 0 stops at the first sweep that changes nothing, never '<= Infinity'", async () => {
    const { code, stdout } = await run(["run", "value-iteration", "--gamma", "0"]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("Infinity");
    expect(stdout.split("\n").slice(1, 3)).toEqual([
      "converged: ||dV|| (sup-norm rule, eps = 0.01) = 0 <= 0 (met)",
      expect.stringMatching(/^2 iterations in /),
    ]);
  });
});

describe("iterlab step output", () => {
  it("prints the stop reason once, not 'converged: converged:'", async () => {
    const { stdout } = await run(["step", "newton", "--steps", "10"]);
    expect(stdout).not.toContain("converged: converged:");
    expect(stdout).toContain("\nconverged: |dx| = 0 <= 1e-12 (met) after 5 iterations\n");
  });

  it("prints a dash, never NaN, for what iteration 0 does not have", async () => {
    for (const argv of [
      ["step", "gauss-seidel", "--steps", "1"],
      ["step", "value-iteration", "--steps", "1"],
      ["step", "newton", "--steps", "1"],
    ]) {
      const { stdout } = await run(argv);
      expect(stdout).not.toContain("NaN");
      const first = stdout.split("\n").find((line) => /^\s+0\s/.test(line)) ?? "";
      expect(first).toMatch(/\s-(\s|$)/);
    }
  });

  it("says '1 iteration' in the singular", async () => {
    const stopped = await run(["step", "newton", "--steps", "1"]);
    expect(stopped.stdout).toContain("stopped after 1 iteration, before the run's end");
    const bounded = await run(["step", "newton", "--max-iterations", "1", "--steps", "5"]);
    expect(bounded.stdout).toContain("stopped: reached maxIterations = 1 after 1 iteration\n");
    const once = await run(["run", "newton", "--max-iterations", "1"]);
    expect(once.stdout).toMatch(/\n1 iteration in \d/);
  });
});

/** Three clean 2-D blobs of 254, 91 and 30 points (spread 0.6) on which one k-means start of EM lands in a poor optimum. */
function unevenBlobs(): string {
  const random = new Random(7);
  const centres = Array.from({ length: 3 }, () => [random.float() * 12, random.float() * 12]);
  const sizes = [
    50 + Math.floor(random.float() * 450),
    50 + Math.floor(random.float() * 450),
    30 + Math.floor(random.float() * 100),
  ];
  const rows: string[] = [];
  sizes.forEach((count, j) => {
    for (let i = 0; i < count; i++) rows.push((centres[j] as number[]).map((c) => c + random.normal(0, 0.6)).join(","));
  });
  expect(sizes).toEqual([254, 91, 30]);
  return rows.join("\n");
}

describe("iterlab run gaussian-mixture --n-init", () => {
  const file = join(scratch, "blobs.csv");
  const logLikelihood = async (...extra: string[]) => {
    const { code, stdout } = await run(["run", "gaussian-mixture", "--csv", file, "--k", "3", "--json", ...extra]);
    expect(code).toBe(0);
    return JSON.parse(stdout) as { solution: { logLikelihood: number }; starts?: { count: number; best: number } };
  };

  it("keeps the best of 5 starts by default, where one start lands in a poor optimum", async () => {
    writeFileSync(file, unevenBlobs());
    const one = await logLikelihood("--n-init", "1");
    const byDefault = await logLikelihood();
    const ten = await logLikelihood("--n-init", "10");
    expect(one.solution.logLikelihood).toBeCloseTo(-2.748576, 5);
    expect(one.starts).toBeUndefined();
    expect(byDefault.solution.logLikelihood).toBeCloseTo(-2.575501, 5);
    expect(byDefault.starts?.count).toBe(5);
    expect(ten.solution.logLikelihood).toBeCloseTo(byDefault.solution.logLikelihood, 10);
  });

  it("says which start it kept", async () => {
    const { stdout } = await run(["run", "gaussian-mixture", "--problem", "blobs", "--k", "3", "--n-init", "2"]);
    expect(stdout.split("\n")[1]).toMatch(
      /^best of 2 starts \(--n-init\): start 1, seed \d+; log-likelihood of each: -2\.529, -2\.529$/,
    );
  });

  it("finds the best optimum on the default problem (Iris) too", async () => {
    const { code, stdout } = await run(["run", "gaussian-mixture", "--json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { solution: { logLikelihood: number } }).solution.logLikelihood).toBeCloseTo(
      -1.2015,
      4,
    );
  });
});
