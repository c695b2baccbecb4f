/**
 * One attempt per backend: load its package, switch TensorFlow.js to it, check it really runs where it
 * says, and name the device; or say in one line why not.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import type { BackendChoice } from "./backend.js";
import { useFastMatMulGradient } from "./wasm-matmul-gradient.js";

/** What each optional backend needs, for messages. */
const installHints: Readonly<Record<BackendChoice, string>> = {
  "tensorflow-gpu": "npm i @tensorflow/tfjs-node-gpu@4.22; needs Linux x64, an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1",
  webgpu: "npm i @tensorflow/tfjs-backend-webgpu@4.22 webgpu; needs a GPU with a Vulkan (Linux), Metal or D3D12 driver",
  tensorflow: "npm i @tensorflow/tfjs-node@4.22",
  wasm: "npm i @tensorflow/tfjs-backend-wasm@4.22",
  cpu: "npm i @tensorflow/tfjs-backend-cpu@4.22",
};

/** One attempt's outcome. */
export type Attempt = { readonly ok: true; readonly device: string } | { readonly ok: false; readonly reason: string };

/**
 * Loads a module by a name held in a variable, so that TypeScript and bundlers do not try to resolve
 * optional packages that are not installed.
 */
async function importOptional(name: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
}

/**
 * A one-line reason from a failed import or setup. `packageName` is the package being imported: a missing
 * module is "not installed" only when it is that package, not one of its files (a native binary, say).
 */
function reasonOf(error: unknown, choice: BackendChoice, packageName = ""): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
  if (missing && (message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`))) {
    return `not installed (${installHints[choice]})`;
  }
  return `failed to load: ${message.split("\n")[0] ?? message} (${installHints[choice]})`;
}

/**
 * Switches tfjs to a registered backend and checks that it initialised; true when it runs.
 *
 * @remarks tfjs drops an asynchronous initialisation as outdated when another one starts before it ends
 * (`tf.findBackend` of a backend not yet initialised, `tf.ready()` or tfjs's lazy choice of a backend, from
 * anywhere in the process): `tf.setBackend` then returns false although the backend comes up, and
 * `tf.getBackend()` already names it; and an initialisation that tfjs aborted (a wasm start begun before
 * its paths were set) can fail the next one too. So after waiting for tfjs to settle this sets the backend
 * once more, which succeeds at once when the backend is there, and reports false after two failures.
 *
 * @param name - The tfjs backend name, e.g. `"wasm"`.
 * @returns Whether tfjs now runs on that backend.
 */
export async function switchTo(name: string): Promise<boolean> {
  if (tf.findBackendFactory(name) === null) return false;
  for (let attempt = 0; attempt < 2; attempt++) {
    const ok = await tf.setBackend(name);
    await tf.ready().catch(() => undefined);
    if (ok && tf.getBackend() === name) return true;
  }
  return false;
}

/** The libtensorflow version tfjs-node reports, when its binding exposes it. */
function libtensorflowVersion(): string {
  const binding = (tf.backend() as unknown as { binding?: { TF_Version?: unknown } }).binding;
  return typeof binding?.TF_Version === "string" ? `libtensorflow ${binding.TF_Version}` : "libtensorflow";
}

/** tfjs-node-gpu: CUDA through libtensorflow; it falls back to the CPU silently, so we check. */
async function tryTensorflowGpu(): Promise<Attempt> {
  try {
    await importOptional("@tensorflow/tfjs-node-gpu");
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "tensorflow-gpu", "@tensorflow/tfjs-node-gpu") };
  }
  if (!(await switchTo("tensorflow"))) return { ok: false, reason: "loaded, but its backend failed to initialise" };
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: unknown };
  if (backend.isUsingGpuDevice !== true) {
    return {
      ok: false,
      reason:
        `loaded, but runs on the CPU (${libtensorflowVersion()} found no usable CUDA GPU: ` +
        "it needs CUDA 11.2 and cuDNN 8.1 libraries on the library path)",
    };
  }
  return { ok: true, device: `GPU (CUDA, ${libtensorflowVersion()})` };
}

/** WebGPU through Dawn (the `webgpu` npm package): navigator.gpu must exist before the backend loads. */
async function tryWebgpu(forced: boolean): Promise<Attempt> {
  let dawn: Record<string, unknown>;
  try {
    dawn = await importOptional("webgpu");
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "webgpu", "webgpu") };
  }
  const create = (dawn["create"] ?? (dawn["default"] as Record<string, unknown> | undefined)?.["create"]) as
    | ((flags: string[]) => unknown)
    | undefined;
  const globals = (dawn["globals"] ?? (dawn["default"] as Record<string, unknown> | undefined)?.["globals"]) as
    | object
    | undefined;
  if (typeof create !== "function" || globals === undefined) {
    return { ok: false, reason: "the webgpu package does not export create() and globals" };
  }
  const holder = globalThis as { navigator?: { gpu?: unknown } };
  interface Adapter {
    info?: Record<string, unknown>;
    requestAdapterInfo?: () => Promise<Record<string, unknown>>;
  }
  let adapterName: string;
  try {
    // A process-wide change, as a browser has: WebGPU's classes and navigator.gpu become globals.
    Object.assign(globalThis, globals);
    if (holder.navigator?.gpu === undefined) {
      const gpu = create([]);
      if (holder.navigator === undefined) {
        Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true, writable: true });
      } else {
        Object.defineProperty(holder.navigator, "gpu", { value: gpu, configurable: true, writable: true });
      }
    }
    const gpu = holder.navigator?.gpu as { requestAdapter(): Promise<Adapter | null> };
    const adapter = await gpu.requestAdapter();
    if (adapter === null) return { ok: false, reason: "no GPU adapter found (is a Vulkan driver installed?)" };
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    const text = (key: string): string => (typeof info[key] === "string" ? (info[key] as string) : "");
    // Dawn on Linux gives e.g. device "nvidia-h100-80gb-hbm3", vendor "nvidia", description "NVIDIA: <driver>".
    const model = text("device") || [text("vendor"), text("architecture")].filter((word) => word !== "").join(" ");
    const description = text("description");
    adapterName = (model || description || "unnamed adapter") + (model && description ? `; ${description}` : "");
    // A software adapter (Mesa's lavapipe, SwiftShader) runs on the CPU, slower than wasm there: used only
    // when asked for by name.
    if (!forced && /swiftshader|llvmpipe|lavapipe|software/i.test(`${model} ${description}`)) {
      return { ok: false, reason: `only a software adapter is available (${adapterName})` };
    }
    await importOptional("@tensorflow/tfjs-backend-webgpu");
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "webgpu", "@tensorflow/tfjs-backend-webgpu") };
  }
  if (!(await switchTo("webgpu"))) return { ok: false, reason: "the webgpu backend failed to initialise" };
  return { ok: true, device: `GPU: ${adapterName} (WebGPU via Dawn)` };
}

/** tfjs-node: libtensorflow on the CPU (also registered by tfjs-node-gpu when that one loaded). */
async function tryTensorflow(): Promise<Attempt> {
  if (tf.findBackendFactory("tensorflow") === null) {
    try {
      await importOptional("@tensorflow/tfjs-node");
    } catch (error) {
      return { ok: false, reason: reasonOf(error, "tensorflow", "@tensorflow/tfjs-node") };
    }
  }
  if (!(await switchTo("tensorflow"))) return { ok: false, reason: "the tensorflow backend failed to initialise" };
  return { ok: true, device: `CPU (${libtensorflowVersion()})` };
}

/** tfjs-backend-wasm (XNNPACK), pointed at its .wasm files on disk; single-threaded in Node. */
async function tryWasm(): Promise<Attempt> {
  try {
    const wasm = await importOptional("@tensorflow/tfjs-backend-wasm");
    const setWasmPaths = (wasm["setWasmPaths"] ??
      (wasm["default"] as Record<string, unknown> | undefined)?.["setWasmPaths"]) as
      | ((prefix: string) => void)
      | undefined;
    // Not tf.findBackend("wasm"): for a backend not yet initialised it starts the initialisation, before
    // the paths are set, and races the one switchTo starts.
    if (!("wasm" in tf.engine().registry) && typeof setWasmPaths === "function") {
      // Node cannot fetch relative URLs: give the directory of the package's dist folder as a file path.
      const main = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
      setWasmPaths(dirname(main) + sep);
    }
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "wasm", "@tensorflow/tfjs-backend-wasm") };
  }
  const switched = await withoutNewProcessHandlers(() => switchTo("wasm"));
  if (!switched) return { ok: false, reason: "the wasm backend failed to initialise" };
  useFastMatMulGradient();
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
  const threads = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) === true;
  return { ok: true, device: `CPU (WebAssembly, ${simd ? "SIMD" : "no SIMD"}, ${threads ? "threads" : "1 thread"})` };
}

/**
 * Runs `start` and removes the `uncaughtException` and `unhandledRejection` listeners it added. The wasm
 * backend's Emscripten module installs listeners that rethrow, so that any later uncaught error in the
 * user's program is reported at a line of its minified source, printing tens of kilobytes of it; without
 * them Node reports errors as usual.
 */
async function withoutNewProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  // Typed loosely: Node's typings give each event its own overload, which a loop over both cannot pick.
  const emitter = process as unknown as {
    listeners(event: string): ((...args: unknown[]) => void)[];
    removeListener(event: string, listener: (...args: unknown[]) => void): void;
  };
  const events = ["uncaughtException", "unhandledRejection"];
  const before = events.map((event) => new Set(emitter.listeners(event)));
  try {
    return await start();
  } finally {
    events.forEach((event, index) => {
      for (const listener of emitter.listeners(event)) {
        if (!before[index]?.has(listener)) emitter.removeListener(event, listener);
      }
    });
  }
}

/** The pure JavaScript backend, always available. */
async function tryCpu(): Promise<Attempt> {
  if (!(await switchTo("cpu"))) return { ok: false, reason: "the cpu backend failed to initialise" };
  // The backend's first tensor would print a banner advising tfjs-node; `BackendInfo.skipped` already says
  // why that backend was not used.
  const backend = tf.backend() as { firstUse?: boolean };
  if (backend.firstUse === true) backend.firstUse = false;
  return { ok: true, device: "CPU (pure JavaScript)" };
}

export const attempts: Readonly<Record<BackendChoice, (forced: boolean) => Promise<Attempt>>> = {
  "tensorflow-gpu": tryTensorflowGpu,
  webgpu: tryWebgpu,
  tensorflow: tryTensorflow,
  wasm: tryWasm,
  cpu: tryCpu,
};
