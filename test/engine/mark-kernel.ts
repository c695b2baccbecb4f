// A test kernel for the kernel binder's tests (kernel-binding.test.ts, kernel-pool.test.ts).
import { createRequire } from "node:module";
import { compileWasm } from "../../src/engine/internals.js";

interface WabtModule {
  validate(features: object): void;
  toBinary(options: object): { buffer: Uint8Array };
}

/**
 * A kernel with three chunked functions on shared memory: `mark` writes `chunk + 1` to slot `chunk` (i32
 * at `at`) after `spin` rounds of busy work and counts its calls in a slot of its own; `trap` traps on chunk
 * 3 (an unreachable instruction).
 */
const kernelSource = `(module
  (import "env" "memory" (memory 1 65536 shared))
  (func (export "mark") (param $chunk i32) (param $at i32) (param $spin i32) (param $calls i32)
    (local $i i32) (local $x f64)
    (block $done (loop $work
      (br_if $done (i32.ge_u (local.get $i) (local.get $spin)))
      (local.set $x (f64.add (local.get $x) (f64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $work)))
    (i32.store (i32.add (local.get $at) (i32.shl (local.get $chunk) (i32.const 2)))
      (i32.add (local.get $chunk) (i32.trunc_f64_u (f64.div (local.get $x) (f64.add (local.get $x) (f64.const 1e300))))))
    (i32.atomic.rmw.add (i32.add (local.get $calls) (i32.shl (local.get $chunk) (i32.const 2))) (i32.const 1))
    drop)
  (func (export "trap") (param $chunk i32)
    (if (i32.eq (local.get $chunk) (i32.const 3)) (then unreachable))))`;

export async function compiledKernel(): Promise<object> {
  const wabt = await (
    createRequire(import.meta.url)("wabt") as () => Promise<{
      parseWat(name: string, text: string, features: object): WabtModule;
    }>
  )();
  const parsed = wabt.parseWat("test.wat", kernelSource, { threads: true });
  parsed.validate({ threads: true });
  const module = compileWasm(Buffer.from(parsed.toBinary({}).buffer).toString("base64"));
  if (module === null) throw new Error("WebAssembly is unavailable");
  return module;
}
