import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import Database from "better-sqlite3";
import type { StudyRun } from "../../../src/apps/study/index.js";

/** A fresh temporary directory, removed by the returned function. */
export function temporaryDirectory(): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "iterlab-study-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A run's row without its time (the only field that differs between two executions of a run). */
export function withoutTime(run: StudyRun): Omit<StudyRun, "timeMs"> {
  const { timeMs: _timeMs, ...rest } = run;
  return rest;
}

/** How often each run of the minimiser fixture was started, from its ITERLAB_STUDY_LOG file. */
export function executions(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  let text = "";
  try {
    text = readFileSync(log, "utf8");
  } catch {
    return counts;
  }
  for (const line of text.split("\n").filter((line) => line.length > 0)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** The fixture's log line of a run: method, options as JSON, problem, seed. */
export function logLine(run: { method: string; options: object; problem: string; seed: number }): string {
  return `${run.method} ${JSON.stringify(run.options)} ${run.problem} ${run.seed}`;
}

/** The fixture study's module, for sources. */
export const minimiserModule = new URL("./fixtures/minimiser-study.ts", import.meta.url).href;

/** A PNG file decoded far enough to check it: its size, and its pixel rows inflated from the IDAT chunks. */
export function decodePng(bytes: Uint8Array): { width: number; height: number; bitDepth: number; rows: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new Error("not a PNG: wrong signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number } | undefined;
  const data: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        bitDepth: body[8] as number,
        colourType: body[9] as number,
      };
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (header === undefined) throw new Error("not a PNG: no IHDR chunk");
  const pixels = inflateSync(Buffer.concat(data));
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.colourType] ?? 0;
  const rowBytes = 1 + Math.ceil((header.width * channels * header.bitDepth) / 8);
  if (pixels.length !== rowBytes * header.height)
    throw new Error(`PNG data is ${pixels.length} bytes, expected ${rowBytes * header.height}`);
  return { width: header.width, height: header.height, bitDepth: header.bitDepth, rows: pixels.length / rowBytes };
}

/** Rows a study's database has recorded so far (0 while the database or its schema does not exist yet). */
export function recordedCount(database: string): number {
  if (!existsSync(database)) return 0;
  try {
    const db = new Database(database, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // the schema is not written yet
  }
}
