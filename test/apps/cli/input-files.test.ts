import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "iterlab-input-"));

/**
 * Writes `text` to `name` in the scratch folder, runs the CLI, and returns the exit code, the output and the
 * first error line without the folder.
 */
async function runWith(name: string, text: string, argv: (file: string) => string[]) {
  const file = join(scratch, name);
  writeFileSync(file, text);
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv(file), { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, error: stderr.split("\n")[0]?.replace(`${scratch}/`, "") };
}

const system = (fields: Record<string, unknown>) =>
  JSON.stringify({
    matrix: [
      [4, 1, 0],
      [1, 4, 1],
      [0, 1, 4],
    ],
    rhs: [1, 2, 3],
    ...fields,
  });
const gaussSeidel = (file: string) => ["run", "gauss-seidel", "--input", file];

describe("--input JSON files", () => {
  it("refuses a CSR values array with null (JSON's NaN) instead of solving with 0 there", async () => {
    const values = [4, null, 1, 3];
    const matrix = { rows: 2, columns: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values };
    const { code, error } = await runWith("csr.json", JSON.stringify({ matrix, rhs: [1, 2] }), gaussSeidel);
    expect(code).toBe(2);
    expect(error).toMatchInlineSnapshot(`"error: csr.json: matrix.values[1] must be a finite number, got null"`);
  });

  it("names CSR offsets and column indices that are not integers", async () => {
    const matrix = { rows: 2, columns: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1.5, 0, 1], values: [4, 1, 1, 3] };
    const { error } = await runWith("csr-index.json", JSON.stringify({ matrix, rhs: [1, 2] }), gaussSeidel);
    expect(error).toMatchInlineSnapshot(`"error: csr-index.json: matrix.columnIndices[1] must be an integer, got 1.5"`);
  });

  it("names the right-hand side, x0 and dense rows with the file's keys", async () => {
    expect((await runWith("system.json", system({ rhs: [1, 2, null] }), gaussSeidel)).error).toMatchInlineSnapshot(
      `"error: system.json: rhs[2] must be a finite number, got null"`,
    );
    const b = system({ rhs: undefined, b: [1, "2", 3] });
    expect((await runWith("b.json", b, gaussSeidel)).error).toMatchInlineSnapshot(
      `"error: b.json: b[1] must be a finite number, got "2""`,
    );
    expect((await runWith("x0.json", system({ x0: [0, true, 0] }), gaussSeidel)).error).toMatchInlineSnapshot(
      `"error: x0.json: x0[1] must be a finite number, got true"`,
    );
    expect((await runWith("x0-length.json", system({ x0: [0] }), gaussSeidel)).error).toMatchInlineSnapshot(
      `"error: x0-length.json: x0 must be an array of 3 finite numbers, got an array of length 1"`,
    );
    const dense = system({
      matrix: [
        [4, 1, 0],
        [null, 4, 1],
        [0, 1, 4],
      ],
    });
    expect((await runWith("dense.json", dense, gaussSeidel)).error).toMatchInlineSnapshot(
      `"error: dense.json: matrix[1][0] must be a finite number, got null"`,
    );
  });

  it("names triplet entries with the file's key, not the solver's", async () => {
    const values = [4, 1, null, 3];
    const matrix = { rows: 2, columns: 2, rowIndices: [0, 0, 1, 1], columnIndices: [0, 1, 0, 1], values };
    const { error } = await runWith("triplets.json", JSON.stringify({ matrix, rhs: [1, 2] }), gaussSeidel);
    expect(error).toMatchInlineSnapshot(`"error: triplets.json: matrix.values[2] must be a finite number, got null"`);
  });

  it("names MDP transitions and rewards as the file writes them", async () => {
    const mdp = (fields: Record<string, unknown>) =>
      JSON.stringify({ states: 1, actions: 1, transitions: [[[1]]], rewards: [[1]], discount: 0.9, ...fields });
    const policyIteration = (file: string) => ["run", "policy-iteration", "--input", file];
    expect((await runWith("mdp.json", mdp({ transitions: [[[null]]] }), policyIteration)).error).toMatchInlineSnapshot(
      `"error: mdp.json: transitions[0][0][0] must be a finite number, got null"`,
    );
    expect((await runWith("mdp-r.json", mdp({ rewards: [["1"]] }), policyIteration)).error).toMatchInlineSnapshot(
      `"error: mdp-r.json: rewards[0][0] must be a finite number, got "1""`,
    );
  });

  it("names bad MDP numbers, terminal states and allowed actions by the file's keys, --gamma by the flag", async () => {
    const transitions = [
      [
        [1, 0],
        [0, 1],
      ],
      [
        [0.5, 0.5],
        [0, 1],
      ],
    ];
    const mdp = (fields: Record<string, unknown>) =>
      JSON.stringify({
        states: 2,
        actions: 2,
        transitions,
        rewards: [
          [1, 0],
          [0, 0],
        ],
        discount: 0.9,
        ...fields,
      });
    const valueIteration = (file: string) => ["run", "value-iteration", "--input", file];
    const errorOf = async (fields: Record<string, unknown>, extra: string[] = []) =>
      (await runWith("mdp-v.json", mdp(fields), (file) => [...valueIteration(file), ...extra])).error;
    expect(
      await errorOf({
        transitions: [
          [
            [2, 0],
            [0, 1],
          ],
          [
            [0.5, 0.5],
            [0, 1],
          ],
        ],
      }),
    ).toMatchInlineSnapshot(`"error: mdp-v.json: transitions[0][0][0] must be a probability in [0, 1], got 2"`);
    expect(
      await errorOf({
        transitions: [
          [
            [0.5, 0.4],
            [0, 1],
          ],
          [
            [0.5, 0.5],
            [0, 1],
          ],
        ],
      }),
    ).toMatchInlineSnapshot(
      `"error: mdp-v.json: transitions (action 0, state 0) must be a row summing to 1 within 1e-9, got a row summing to 0.9"`,
    );
    expect(await errorOf({ terminal: [5] })).toMatchInlineSnapshot(
      `"error: mdp-v.json: terminal[0] must be a state index in [0, 2), got 5"`,
    );
    expect(await errorOf({ terminal: [null] })).toMatchInlineSnapshot(
      `"error: mdp-v.json: terminal[0] must be a state index in [0, 2), got null"`,
    );
    expect(await errorOf({ allowedActions: [[0, "1"], [0]] })).toMatchInlineSnapshot(
      `"error: mdp-v.json: allowedActions[0] must be a list of action indices in [0, 2), got "1""`,
    );
    expect(await errorOf({ discount: 1.5 })).toMatchInlineSnapshot(
      `"error: mdp-v.json: discount must be a number in [0, 1) (1 only with episodic: true), got 1.5"`,
    );
    expect(await errorOf({ discount: 0.9 }, ["--gamma", "1.5"])).toMatchInlineSnapshot(
      `"error: --gamma must be a number in [0, 1) (1 only with episodic: true), got 1.5"`,
    );
  });

  it("names a built-in MDP's discount by --gamma", async () => {
    const { error } = await runWith("unused.json", "{}", () => ["run", "value-iteration", "--gamma", "1.5"]);
    expect(error).toMatchInlineSnapshot(
      `"error: --gamma must be a number in [0, 1) (1 only with episodic: true), got 1.5"`,
    );
  });
});

describe("--csv files", () => {
  const kmeans = (file: string) => ["run", "kmeans", "--csv", file, "--k", "2", "--json"];

  it("skips a first line whose cells are all words, and reads signs, decimals and exponents", async () => {
    const { code, stdout } = await runWith("header.csv", "x,y\n0,-0.5\n.5,1e-1\n10,10\n10,1.1E1\n", kmeans);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { problem: string }).problem).toContain("(4 points in 2-D)");
  });

  it("refuses a first line with a number and a word instead of dropping it as a header", async () => {
    const { code, error } = await runWith("first.csv", "1,abc\n0,0\n10,10\n", kmeans);
    expect(code).toBe(2);
    expect(error).toMatchInlineSnapshot(`"error: first.csv: line 1, column 2 must be a finite number, got "abc""`);
  });

  it("names the line and column of any other non-number: a word, an empty cell, NaN, a second header", async () => {
    expect((await runWith("word.csv", "x,y\n0,0\n3,oops\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: word.csv: line 3, column 2 must be a finite number, got "oops""`,
    );
    expect((await runWith("empty.csv", "0,0\n,1\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: empty.csv: line 2, column 1 must be a finite number, got an empty cell"`,
    );
    expect((await runWith("nan.csv", "0,0\n1,NaN\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: nan.csv: line 2, column 2 must be a finite number, got "NaN""`,
    );
    expect((await runWith("nan-first.csv", "NaN,Infinity\n0,0\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: nan-first.csv: line 1, column 1 must be a finite number, got "NaN""`,
    );
    expect((await runWith("headers.csv", "x,y\n0,0\nx,y\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: headers.csv: line 3, column 1 must be a finite number, got "x""`,
    );
    expect((await runWith("hex.csv", "0,0\n0x10,1\n", kmeans)).error).toMatchInlineSnapshot(
      `"error: hex.csv: line 2, column 1 must be a finite number, got "0x10""`,
    );
  });
});
