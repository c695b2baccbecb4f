import { describe, expect, it } from "vitest";
import { coincidingComponentsNote } from "../../../src/apps/cli/coinciding-components.js";
import { runCli } from "../../../src/apps/cli/run-cli.js";

const blobsRandom = ["run", "gaussian-mixture", "--problem", "blobs", "--k", "3", "--init", "random", "--seed", "0"];

async function run(argv: string[]) {
  let stdout = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: () => undefined });
  return { code, stdout };
}

describe("iterlab run gaussian-mixture from random responsibilities", () => {
  it("stops after 1 iteration with |dLL/n| <= 0.001, as scikit-learn does; says it is a slow start", async () => {
    const { code, stdout } = await run(blobsRandom);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nconverged: \|dLL\/n\| = \S+ <= 0\.001 \(met\)\n1 iteration in /);
    const note = stdout.slice(stdout.indexOf("note:")).replace(/\n {2}/g, " ");
    expect(note).toMatch(/^note: stopped after 1 iteration with all 3 means within 0\.\d+ of each other /);
    expect(note).toContain("(the data's RMS radius is 6.706)");
    expect(note).toContain("This is a slow start, not a fit: use --init kmeans (the default) or a smaller --tol.");
    expect(
      stdout
        .slice(stdout.indexOf("note:"))
        .split("\n")
        .every((line) => line.length <= 100),
    ).toBe(true);
  });

  it("prints the starts' log-likelihoods with the digits that tell them apart, within 100 columns", async () => {
    const { stdout } = await run(blobsRandom);
    const lines = stdout.split("\n");
    expect(lines[1]?.length).toBeLessThanOrEqual(100);
    const scores = `${lines[1] ?? ""} ${lines[2] ?? ""}`
      .replace(/^.*of each: /, "")
      .split(/,\s+/)
      .map(Number);
    expect(scores).toHaveLength(5);
    expect(new Set(scores).size).toBe(5); // 4 digits printed them all as -5.812
    expect(lines[1]).toMatch(/^best of 5 starts \(--n-init\): start 3, seed \d+; log-likelihood of each: /);
    expect(Math.max(...scores)).toBe(scores[2]);
  });

  it("escapes the symmetric start with a smaller --tol, to the k-means start's optimum, without a note", async () => {
    const slow = await run([...blobsRandom, "--tol", "1e-8", "--json"]);
    const fromKMeans = await run([...blobsRandom.filter((arg) => arg !== "--init" && arg !== "random"), "--json"]);
    const read = (text: string) => JSON.parse(text) as { iterations: number; solution: { logLikelihood: number } };
    expect(read(slow.stdout).iterations).toBeGreaterThan(1);
    expect(read(slow.stdout).solution.logLikelihood).toBeCloseTo(read(fromKMeans.stdout).solution.logLikelihood, 6);
    const text = await run(["run", "gaussian-mixture", "--problem", "blobs", "--k", "3", "--seed", "0"]);
    expect(text.stdout).not.toContain("note:");
  });
});

describe("coincidingComponentsNote", () => {
  const data = [[0], [2], [10], [12]]; // mean 6, RMS radius sqrt(26) = 5.099
  it("says nothing when the means are apart", () => {
    expect(coincidingComponentsNote(data, { means: [1, 11], k: 2 }, 3)).toBeUndefined();
  });

  it("notes means within a tenth of the data's RMS radius of each other", () => {
    expect(coincidingComponentsNote(data, { means: [5.8, 6.2], k: 2 }, 2)?.slice(0, 107)).toBe(
      "note: stopped after 2 iterations with all 2 means within 0.4 of each other (the data's RMS radius is 5.099)",
    );
    expect(coincidingComponentsNote(data, { means: [5.5, 6.5], k: 2 }, 2)).toBeUndefined();
  });
});
