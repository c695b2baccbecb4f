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
export type StudySource = StudyFileSource | StudyModuleSource;

/** A study file (JSON or YAML) as a study's source. */
export interface StudyFileSource {
  /** The file's path. */
  readonly file: string;
  /**
   * The file's text, when it is already read.
   * @defaultValue read from `file`
   */
  readonly text?: string | undefined;
}

/** A module that exports a {@link defineStudy} definition, as a study's source. */
export interface StudyModuleSource {
  /** The module's path or URL (`import.meta.url` for the calling module). */
  readonly module: string;
  /** The name of the export holding the definition. */
  readonly export: string;
}

/** A source with the file's text read, so that it can be sent to workers elsewhere. */
export function portableSource(source: StudySource): StudySource {
  if ("file" in source) return { file: source.file, text: source.text ?? readFileSync(source.file, "utf8") };
  const module = /^[a-z]+:/i.test(source.module) ? source.module : pathToFileURL(resolve(source.module)).href;
  return { module, export: source.export };
}

/**
 * Loads a study from its source.
 *
 * @throws `InvalidOptionError` when the module has no such export or the file is malformed.
 */
export async function loadStudySource(source: StudySource): Promise<StudyDefinition> {
  if ("file" in source) return loadStudyFile(source.file, source.text);
  const exports = (await import(source.module)) as Record<string, unknown>;
  const definition = exports[source.export];
  if (definition === undefined)
    throw new InvalidOptionError("export", `the name of an export of ${source.module}`, source.export);
  return defineStudy(definition as StudyDefinition);
}
