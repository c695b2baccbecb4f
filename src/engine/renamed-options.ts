/** One option name that was renamed: its new name, the functions it applies to and what stayed the same. */
interface RenamedOption {
  /** The new name. */
  readonly to: string;
  /** The functions (owners in messages) whose option was renamed; every function that takes `to` when absent. */
  readonly owners?: readonly string[];
  /** What the new name means, in the hint: `the same epsilon-optimality`. */
  readonly note: string;
}

const kmeansOwners = ["kmeans", "hamerlyKMeans", "miniBatchKMeans"];
const mixtureOwners = ["gaussianMixture"];
const valueChangeOwners = ["toleranceRule", "iterativeEvaluation"];
const plateauOwners = ["reduceOnPlateau"];

/**
 * The option names of earlier versions, by old name: the one tolerance scheme (`absTolerance` /
 * `relTolerance` for each family's headline test, `stepAbsTolerance`, `stepRelTolerance`,
 * `functionRelTolerance`, `divergenceTolerance` for the others) replaced them.
 */
const renamedOptions: Readonly<Record<string, readonly RenamedOption[]>> = {
  epsilon: [
    { to: "absTolerance", owners: ["supNormRule", "spanRule", "policyIteration"], note: "the same epsilon-optimality" },
  ],
  tolerance: [
    { to: "relTolerance", owners: kmeansOwners, note: "the same centroid shift, relative to the data's variance" },
    { to: "absTolerance", owners: mixtureOwners, note: "the same log-likelihood gain per sample" },
    { to: "absTolerance", owners: valueChangeOwners, note: "the same ||dV|| test" },
  ],
  gradientTolerance: [{ to: "absTolerance", note: "the same gradient-norm test" }],
  residualTolerance: [{ to: "absTolerance", note: "the same residual test" }],
  stepTolerance: [{ to: "stepAbsTolerance", note: "the same step test" }],
  relativeStepTolerance: [{ to: "stepRelTolerance", note: "the same relative step test" }],
  relativeFunctionTolerance: [{ to: "functionRelTolerance", note: "the same relative change of f" }],
  divergenceFactor: [{ to: "divergenceTolerance", note: "the same growth factor, PETSc's dtol" }],
  // reduceOnPlateau speaks the words of the engine's patience test.
  mode: [{ to: "direction", owners: plateauOwners, note: `patience's word: "min" is "minimize", "max" "maximize"` }],
  threshold: [
    {
      to: "minRelativeDelta",
      owners: plateauOwners,
      note: `the same relative threshold; with thresholdMode "absolute", give minDelta`,
    },
  ],
  thresholdMode: [
    {
      to: "minDelta",
      owners: plateauOwners,
      note: `an absolute threshold is minDelta, as patience's; a relative one is minRelativeDelta`,
    },
  ],
};

/**
 * The hint for an option name that was renamed, when `owner` takes the new name: `epsilon was renamed
 * absTolerance (the same epsilon-optimality)`.
 *
 * @param key - The name the caller used.
 * @param names - The names `owner` takes.
 * @param owner - The function, as named in messages.
 * @returns The new name and the hint, or `undefined` when `key` is not a renamed option of `owner`.
 */
export function renamedOption(
  key: string,
  names: readonly string[],
  owner: string,
): { readonly to: string; readonly hint: string } | undefined {
  const entries = Object.hasOwn(renamedOptions, key) ? renamedOptions[key] : undefined;
  const entry = entries?.find(
    ({ to, owners }) => names.includes(to) && (owners === undefined || owners.includes(owner)),
  );
  return entry === undefined ? undefined : { to: entry.to, hint: `${key} was renamed ${entry.to} (${entry.note})` };
}
