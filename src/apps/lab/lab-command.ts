import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Command } from "commander";
import { ensureLabBundle, packageRoot } from "./lab-bundle.js";
import { exportLab, serveLab } from "./server.js";

/** The flags of `iterlab lab`. */
interface LabFlags {
  readonly port: string;
  readonly export?: string;
  readonly open: boolean;
  readonly dev?: boolean;
}

/** Where the lab command writes. */
interface LabIo {
  readonly stdout: (text: string) => void;
}

/**
 * Configures `iterlab lab`: serves the lab (every family's page, stepping the library's solvers in the
 * browser) on 127.0.0.1 and prints its address, or writes it as a static site with `--export <dir>`.
 *
 * @param command - The `lab` command to configure.
 * @param io - Where to write.
 */
export function configureLabCommand(command: Command, io: LabIo): void {
  command
    .description("the lab: every method stepped and compared live in the browser (serves it, or --export a site)")
    .option("--port <n>", "the port to serve on (0: any free port)", "5178")
    .option("--export <dir>", "write the lab as a static site into <dir> instead of serving it")
    .option("--no-open", "print the address without opening a browser")
    .option("--dev", "serve the sources through Vite's dev server (reloads on edits)")
    .action(async (flags: LabFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new Error(`--port must be an integer from 0 to 65535, got ${flags.port}`);
      }
      if (flags.dev === true) {
        const vite = await import("vite");
        const server = await vite.createServer({
          configFile: join(packageRoot(), "src", "apps", "lab", "vite.config.ts"),
          server: { port, host: "127.0.0.1" },
        });
        await server.listen();
        io.stdout(`iterlab lab (dev): ${server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`}\n`);
        return waitForInterrupt(() => server.close());
      }
      const folder = await ensureLabBundle(io.stdout);
      if (flags.export !== undefined) {
        exportLab(folder, flags.export);
        io.stdout(`iterlab lab: a static site in ${flags.export} (open index.html through any web server)\n`);
        return;
      }
      const server = await serveLab(folder, port);
      io.stdout(`iterlab lab: ${server.url} (Ctrl-C stops it)\n`);
      if (flags.open) openBrowser(server.url);
      return waitForInterrupt(() => server.close());
    });
}

/** Opens the address in the desktop's browser, if there is one; failing quietly (the address is printed). */
function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(opener, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed address is enough.
  }
}

/** Resolves after Ctrl-C (SIGINT) or SIGTERM, once `close` has run. */
function waitForInterrupt(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
