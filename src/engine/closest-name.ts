/**
 * The candidate closest to a mistyped name, for "did you mean" hints in errors and the CLI.
 *
 * @remarks Distance is the optimal-string-alignment edit distance (insertions, deletions, substitutions
 * and swaps of neighbours each cost 1), compared without regard to case, `-` or `_`, so `max_iterations`
 * and `maxIteration` both find `maxIterations`. A candidate is offered only when it is within a third of
 * the longer name's length (at least 2 edits), or, ranked after all those, when one name contains the
 * other; ties go to the first candidate given. Cost: `O(|name| x |candidate|)` for each candidate.
 * @param name - What the user typed.
 * @param candidates - The valid names.
 * @returns The closest valid name, or `undefined` when none is close enough to be a likely typo.
 * @example
 * ```ts
 * closestName("maxIteration", ["maxIterations", "timeLimitMs"]); // "maxIterations"
 * closestName("colour", ["maxIterations"]); // undefined
 * ```
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const typed = normaliseName(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const valid = normaliseName(candidate);
    const contained = typed.length >= 3 && (valid.includes(typed) || typed.includes(valid));
    const edits = editDistance(typed, valid);
    const limit = Math.max(2, Math.floor(Math.max(typed.length, valid.length) / 3));
    // A name within the edit limit wins over one that merely contains (or is contained in) what was typed:
    // "newtona-minimize" is one edit from newton-minimize, not a longer spelling of newton.
    const containedRank = limit + Math.abs(valid.length - typed.length) / 100;
    const distance = edits <= limit ? edits : contained ? containedRank : Infinity;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, "");
}

/** Optimal-string-alignment distance between two strings. */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  // Three rows of the dynamic-programming table: the swap of neighbours looks two rows back.
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}
