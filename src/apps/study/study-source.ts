import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidOptionError } from "../../index.js";
import { defineStudy } from "./define-study.js";
import { loadStudyFile } from "./load-study-file.js";
import type { StudyDefinition } from "./types.js";

/**
 * Where worker threads, processes and machines load a study from: a study file (its text travels with
 * the jobs, so remote workers need not share a file system), or a module that exports the definition.
 */
export type StudySource =
  | { readonly file: string; readonly text?: string | undefined }
  | { readonly module: string; readonly export: string };

/** A source with the file's text read, so that it can be sent to workers elsewhere. */
export function portableSource(source: StudySource): StudySource {
  if ("file" in source) return { file: source.file, text: source.text ?? readFileSync(source.file, "utf8") };
  const module = /^[a-z]+:/i.test(source.module) ? source.module : pathToFileURL(resolve(source.module)).href;
  return { module, export: source.export };
}

/**
 * Loads a study from its source.
 *
 * @throws {@link InvalidOptionError} when the module has no such export or the file is malformed.
 */
export async function loadStudySource(source: StudySource): Promise<StudyDefinition> {
  if ("file" in source) return loadStudyFile(source.file, source.text);
  const exports = (await import(source.module)) as Record<string, unknown>;
  const definition = exports[source.export];
  if (definition === undefined)
    throw new InvalidOptionError("export", `the name of an export of ${source.module}`, source.export);
  return defineStudy(definition as StudyDefinition);
}
