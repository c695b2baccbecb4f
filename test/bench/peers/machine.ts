import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";

/** The machine a run was measured on: `lscpu`'s model name, its core count, and what Node.js sees. */
export interface MachineInfo {
  readonly model: string;
  readonly cores: number;
  readonly availableParallelism: number;
  readonly node: string;
}

/** The value of `Name:` in `lscpu`'s output, or undefined. */
export function lscpuField(output: string, name: string): string | undefined {
  const line = output.split("\n").find((entry) => entry.startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

/** Reads `lscpu` (model name, cores = sockets x cores per socket); falls back to /proc/cpuinfo's model. */
export function machineInfo(): MachineInfo {
  let output = "";
  try {
    output = execFileSync("lscpu", { encoding: "utf8" });
  } catch {
    output = "";
  }
  const fallbackModel = () => {
    try {
      return lscpuField(readFileSync("/proc/cpuinfo", "utf8").replaceAll("\t", ""), "model name") ?? "unknown";
    } catch {
      return "unknown";
    }
  };
  const sockets = Number(lscpuField(output, "Socket(s)") ?? NaN);
  const perSocket = Number(lscpuField(output, "Core(s) per socket") ?? NaN);
  const cores = Number.isFinite(sockets * perSocket) ? sockets * perSocket : availableParallelism();
  return {
    model: lscpuField(output, "Model name") ?? fallbackModel(),
    cores,
    availableParallelism: availableParallelism(),
    node: process.version,
  };
}
