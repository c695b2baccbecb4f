import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root: the nearest folder above this file whose package.json is iterlab's. */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "iterlab") {
      return directory;
    }
    directory = dirname(directory);
  }
  throw new Error("iterlab lab: cannot find iterlab's package.json above the lab's files");
}

/** Where `npm run build:lab` writes the lab's bundle. */
export function labBundleFolder(): string {
  return join(packageRoot(), "dist", "lab");
}

/**
 * The lab's bundle folder, built with Vite first when it is missing (a source checkout: Vite is a dev
 * dependency); `log` hears about the build.
 */
export async function ensureLabBundle(log: (line: string) => void): Promise<string> {
  const folder = labBundleFolder();
  if (existsSync(join(folder, "index.html"))) return folder;
  const configFile = join(packageRoot(), "src", "apps", "lab", "vite.config.ts");
  if (!existsSync(configFile)) {
    throw new Error(`iterlab lab: no bundle at ${folder} and no sources to build it from (run npm run build:lab)`);
  }
  log(`building the lab's bundle into ${folder} (once; npm run build:lab rebuilds it)\n`);
  const vite = await import("vite");
  await vite.build({ configFile, logLevel: "warn" });
  return folder;
}
