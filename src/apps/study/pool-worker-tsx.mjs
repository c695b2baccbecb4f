// The pool's worker under tsx (the TypeScript sources: tests, `npx tsx`): worker threads do not inherit tsx's
// module hooks on Node 20, so this thread registers them before loading the TypeScript worker. The built
// package loads pool-worker.js directly.
import { register } from "tsx/esm/api";

register();
const worker = await import(new URL("./pool-worker.ts", import.meta.url).href);

/** The pool threads' entry point (piscina calls it by name). */
export const runStudyChunk = worker.runStudyChunk;
