/**
 * Register-blocked matrix products for the trainer's forward and backward kernels: a 16 x 16 workgroup
 * computes a (16 b) x (16 b) block of outputs, each invocation b x b of them in registers, reading both
 * operands through workgroup-memory tiles 16 deep. Each loaded value then serves b products instead of one,
 * and a workgroup barrier covers 256 b^2 x 16 multiply-adds instead of 256 x 16.
 *
 * @packageDocumentation
 */

/** Outputs per invocation along each side of a tile: 1 is the plain 16 x 16 kernel, 2 and 4 are blocked. */
export type ProductBlocking = 1 | 2 | 4;

/** Side of the square workgroup (invocations) and depth of the operand tiles. */
const side = 16;

/**
 * Workgroups a product should give a GPU before its outputs are blocked further: about one per
 * multiprocessor of a large GPU (an H100 has 132), so that blocking trades parallelism away only where
 * there is enough of it.
 */
export const fillWorkgroups = 128;

/**
 * The blocking of a product with `rows` x `columns` outputs: the largest (4, then 2) that still gives
 * {@link fillWorkgroups} workgroups, else 1. Small batches stay on the 16 x 16 kernel, whose many small
 * workgroups fill the GPU better than few large ones.
 */
export function chooseBlocking(rows: number, columns: number): ProductBlocking {
  for (const blocking of [4, 2] as const) {
    const tile = side * blocking;
    if (Math.ceil(rows / tile) * Math.ceil(columns / tile) >= fillWorkgroups) return blocking;
  }
  return 1;
}

/** Workgroups `[x, y]` covering `rows` x `columns` outputs at a blocking. */
export function productGroups(blocking: ProductBlocking, rows: number, columns: number): [number, number] {
  const tile = side * blocking;
  return [Math.max(1, Math.ceil(columns / tile)), Math.max(1, Math.ceil(rows / tile))];
}

/** One product `C[i, j] = sum_p L(i, p) R(p, j)` as the blocked kernel sees it. */
export interface BlockedProduct {
  /** Outputs per invocation along each side (2 or 4). */
  readonly blocking: 2 | 4;
  /** WGSL of the bindings, constants and helpers the expressions below use. */
  readonly declarations: string;
  /** WGSL expressions (u32) of the output rows, the output columns and the shared dimension. */
  readonly rows: string;
  readonly columns: string;
  readonly depth: string;
  /** Body of `fn left(i: u32, p: u32) -> f32`, called only with `i < rows`, `p < depth`. */
  readonly left: string;
  /** Which index of `left` walks consecutive addresses (the tile loads follow it, to coalesce). */
  readonly leftContiguous: "i" | "p";
  /** Body of `fn right(p: u32, j: u32) -> f32`, called only with `p < depth`, `j < columns`. */
  readonly right: string;
  readonly rightContiguous: "p" | "j";
  /** Body of `fn store(i: u32, j: u32, sum: f32)`, called once per output in range. */
  readonly store: string;
}

/** Loads of one operand tile: `blocking` values per invocation, bounds-checked (zeros outside). */
function tileLoads(
  blocking: number,
  target: string,
  outer: "i" | "j",
  contiguousOuter: boolean,
  limit: string,
  read: string,
): string {
  const width = side * blocking;
  const lines: string[] = [];
  for (let q = 0; q < blocking; q++) {
    const e = `(t + ${q * side * side}u)`;
    const [o, p] = contiguousOuter ? [`${e} % ${width}u`, `${e} / ${width}u`] : [`${e} / ${side}u`, `${e} % ${side}u`];
    lines.push(`  {
      let o = ${o}; let p = ${p};
      var v = 0.0;
      if (${outer}0 + o < ${limit} && p0 + p < depth) { v = ${read}; }
      ${target}[p * ${width}u + o] = v;
    }`);
  }
  return lines.join("\n");
}

/** The WGSL of a blocked product (dispatch {@link productGroups}). */
export function blockedProductShader(product: BlockedProduct): string {
  const b = product.blocking;
  const width = side * b;
  const pairs: [number, number][] = [];
  for (let m = 0; m < b; m++) for (let n = 0; n < b; n++) pairs.push([m, n]);
  const loadLeft = tileLoads(b, "tileL", "i", product.leftContiguous === "i", "outRows", "left(i0 + o, p0 + p)");
  const loadRight = tileLoads(b, "tileR", "j", product.rightContiguous === "j", "outColumns", "right(p0 + p, j0 + o)");
  const reads = [
    ...Array.from({ length: b }, (_, m) => `let a${m} = tileL[p * ${width}u + l.y + ${m * side}u];`),
    ...Array.from({ length: b }, (_, n) => `let b${n} = tileR[p * ${width}u + l.x + ${n * side}u];`),
  ].join(" ");
  return /* wgsl */ `${product.declarations}
var<workgroup> tileL: array<f32, ${width * side}>;
var<workgroup> tileR: array<f32, ${width * side}>;
fn left(i: u32, p: u32) -> f32 { ${product.left} }
fn right(p: u32, j: u32) -> f32 { ${product.right} }
fn store(i: u32, j: u32, sum: f32) { ${product.store} }
@compute @workgroup_size(${side}, ${side})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>,
        @builtin(local_invocation_index) t: u32) {
  let outRows = ${product.rows};
  let outColumns = ${product.columns};
  let depth = ${product.depth};
  let i0 = wg.y * ${width}u;
  let j0 = wg.x * ${width}u;
  ${pairs.map(([m, n]) => `var c${m}${n} = 0.0;`).join(" ")}
  for (var p0 = 0u; p0 < depth; p0 += ${side}u) {
${loadLeft}
${loadRight}
    workgroupBarrier();
    for (var p = 0u; p < ${side}u; p++) {
      ${reads}
      ${pairs.map(([m, n]) => `c${m}${n} += a${m} * b${n};`).join(" ")}
    }
    workgroupBarrier();
  }
${pairs
  .map(
    ([m, n]) => `  {
    let i = i0 + l.y + ${m * side}u; let j = j0 + l.x + ${n * side}u;
    if (i < outRows && j < outColumns) { store(i, j, c${m}${n}); }
  }`,
  )
  .join("\n")}
}
`;
}
