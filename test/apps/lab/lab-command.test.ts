import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";
import { serveLab } from "../../../src/apps/lab/server.js";

describe("iterlab lab", () => {
  it("exports the lab as a static site with relative asset paths, and serves only files inside it", async () => {
    const target = join(mkdtempSync(join(tmpdir(), "iterlab-lab-export-")), "site");
    let out = "";
    const code = await runCli(["lab", "--export", target], {
      stdout: (text) => (out += text),
      stderr: (text) => (out += text),
    });
    expect(code).toBe(0);
    expect(out).toContain(`a static site in ${target}`);
    const html = readFileSync(join(target, "index.html"), "utf8");
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((match) => match[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.startsWith("./")).toBe(true);
      expect(existsSync(join(target, script))).toBe(true);
    }
    const server = await serveLab(target, 0);
    try {
      expect((await fetch(server.url)).headers.get("content-type")).toContain("text/html");
      const script = await fetch(new URL(scripts[0] as string, server.url));
      expect(script.headers.get("content-type")).toContain("text/javascript");
      expect((await fetch(new URL("/..%2fpackage.json", server.url))).status).toBe(403);
      expect((await fetch(new URL("/missing.js", server.url))).status).toBe(404);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("refuses a port outside 0 to 65535", async () => {
    let err = "";
    const code = await runCli(["lab", "--port", "70000", "--no-open"], {
      stdout: () => undefined,
      stderr: (text) => (err += text),
    });
    expect(code).toBe(2);
    expect(err).toContain("--port must be an integer from 0 to 65535, got 70000");
  });
});
