import { Random } from "../../../index.js";
import { twoMoons } from "../../../../solvers/neural/two-moons.js";

/** The generated 2-D point sets of the clustering page (points lie in about `[0, 1]^2`). */
export const pointSetNames = ["blobs", "moons", "anisotropic"] as const;
/** One of {@link pointSetNames}. */
export type PointSetName = (typeof pointSetNames)[number];

/** `count` seeded points of a named set. */
export function generatePoints(name: PointSetName, count: number, seed: number): number[][] {
  const random = new Random(seed);
  if (name === "moons") {
    const moons = twoMoons({ samples: count, noise: 0.08, seed });
    return moons.x.map(([x, y]) => [((x as number) + 1.2) / 3.4, ((y as number) + 0.8) / 2.1]);
  }
  const centres = [
    [0.25, 0.3],
    [0.7, 0.25],
    [0.5, 0.75],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [cx, cy] = centres[i % 3] as readonly [number, number];
    const u = random.normal(0, 0.07);
    const v = random.normal(0, 0.07);
    // Anisotropic groups: each blob stretched along a shared slanted axis.
    return name === "blobs" ? [cx + u, cy + v] : [cx + 2 * u + 0.6 * v, cy + 0.6 * u + 0.25 * v];
  });
}

/** Points as the URL holds them: `x,y;x,y` with three decimals. */
export function encodePoints(points: readonly (readonly number[])[]): string {
  return points.map(([x, y]) => `${(x as number).toFixed(3)},${(y as number).toFixed(3)}`).join(";");
}

/** The inverse of {@link encodePoints}; malformed pairs are dropped. */
export function decodePoints(text: string): number[][] {
  return text
    .split(";")
    .map((pair) => pair.split(",").map(Number))
    .filter((pair) => pair.length === 2 && pair.every(Number.isFinite));
}
