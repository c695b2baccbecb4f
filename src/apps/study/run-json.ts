import type { StudyRun } from "./types.js";

/** A run's row as JSON text that keeps `Infinity` and `NaN` (jobs travel through Redis as JSON). */
export function runToJson(run: StudyRun): string {
  return JSON.stringify(run, (_key, value: unknown) =>
    typeof value === "number" && !Number.isFinite(value) ? { nonFinite: String(value) } : value,
  );
}

/** Reads {@link runToJson}'s text back. */
export function runFromJson(text: string): StudyRun {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === "object" && "nonFinite" in value && Object.keys(value).length === 1
      ? Number((value as { nonFinite: string }).nonFinite)
      : value,
  ) as StudyRun;
}
