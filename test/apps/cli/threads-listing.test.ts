// `--threads` has one meaning in the CLI: the most threads a solver's kernels may use. `iterlab solvers`
// lists the flag exactly for the solvers whose kernels use threads (the JSON says where), and `run` says
// how many the kernels were bound to.
import { describe, expect, it } from "vitest";
import { captureCli } from "./capture-cli.js";

interface Listed {
  readonly name: string;
  readonly flags: readonly string[];
  readonly threads: string;
}

describe("--threads in the CLI", () => {
  it("is listed for the solvers with threaded kernels, Jacobi's sweep among them, and not for sequential ones", async () => {
    const { code, stdout } = await captureCli(["solvers", "--json"]);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Listed[];
    const threaded = listed.filter((entry) => entry.threads !== "1").map((entry) => entry.name);
    expect(threaded).toEqual(["jacobi", "kmeans", "hamerly-kmeans", "gaussian-mixture", "value-iteration"]);
    for (const entry of listed) expect(entry.flags.includes("--threads")).toBe(entry.threads !== "1");
    const text = (await captureCli(["solvers"])).stdout;
    expect(text).toContain("--threads: the most threads the kernels of large problems may use");
  });

  it("run says how many threads the kernels were bound to: 1 for Jacobi on a small system, whatever was allowed", async () => {
    const { code, stdout } = await captureCli(["run", "jacobi", "--problem", "poisson-1d", "--threads", "3"]);
    expect(code).toBe(0);
    expect(stdout).toContain("kernel threads: 1 of 3 allowed");
    const json = JSON.parse((await captureCli(["run", "gauss-seidel", "--json"])).stdout) as { kernelThreads: number };
    expect(json.kernelThreads).toBe(1);
  });
});
