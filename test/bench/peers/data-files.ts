import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The arrays a data set may hold, written as raw little-endian values (`numpy.fromfile` reads them). */
export type DataArray = Float64Array | Float32Array | Int32Array;

/** A data set exchanged with the peer scripts: plain parameters and named arrays. */
export interface DataSet {
  readonly params: Readonly<Record<string, unknown>>;
  readonly arrays: Readonly<Record<string, DataArray>>;
}

/** One array's entry in a manifest: its file (beside the manifest), element type and length. */
export interface ManifestEntry {
  readonly file: string;
  readonly dtype: "float64" | "float32" | "int32";
  readonly length: number;
}

/** What `<name>.json` holds: the parameters and one entry per array (read by `peer_common.load`). */
export interface Manifest {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly arrays: Readonly<Record<string, ManifestEntry>>;
}

/** The element type name of a typed array, as the manifest and numpy spell it. */
export function dtypeOf(array: DataArray): ManifestEntry["dtype"] {
  if (array instanceof Float64Array) return "float64";
  if (array instanceof Float32Array) return "float32";
  return "int32";
}

/** Little-endian bytes of a typed array (the platform's order is checked, not assumed). */
function littleEndianBytes(array: DataArray): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const copy = new Uint8Array(bytes);
  const width = array.BYTES_PER_ELEMENT;
  for (let at = 0; at < copy.length; at += width) copy.subarray(at, at + width).reverse();
  return copy;
}

/**
 * Writes a data set into `directory` as `<name>.json` (the manifest) and one `<name>.<key>.bin` per array.
 *
 * @returns The manifest's path, the argument the peer scripts take.
 */
export async function writeDataSet(directory: string, name: string, data: DataSet): Promise<string> {
  await mkdir(directory, { recursive: true });
  const arrays: Record<string, ManifestEntry> = {};
  for (const [key, array] of Object.entries(data.arrays)) {
    const file = `${name}.${key}.bin`;
    await writeFile(join(directory, file), littleEndianBytes(array));
    arrays[key] = { file, dtype: dtypeOf(array), length: array.length };
  }
  const manifest: Manifest = { name, params: data.params, arrays };
  const path = join(directory, `${name}.json`);
  await writeFile(path, JSON.stringify(manifest, null, 1));
  return path;
}

/** Reads back a data set written by {@link writeDataSet}; a file of the wrong length is an error naming it. */
export async function readDataSet(manifestPath: string): Promise<DataSet> {
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
  const directory = manifestPath.slice(0, Math.max(0, manifestPath.lastIndexOf("/")));
  const arrays: Record<string, DataArray> = {};
  for (const [key, entry] of Object.entries(manifest.arrays)) {
    const bytes = await readFile(join(directory, entry.file));
    const width = entry.dtype === "float64" ? 8 : 4;
    if (bytes.length !== entry.length * width) {
      throw new Error(`${entry.file}: ${bytes.length} bytes, expected ${entry.length} ${entry.dtype} values`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const readers = {
      float64: [Float64Array, (i: number) => view.getFloat64(i * 8, true)],
      float32: [Float32Array, (i: number) => view.getFloat32(i * 4, true)],
      int32: [Int32Array, (i: number) => view.getInt32(i * 4, true)],
    } as const;
    const [Type, read] = readers[entry.dtype];
    const array = new Type(entry.length);
    for (let i = 0; i < entry.length; i++) array[i] = read(i);
    arrays[key] = array;
  }
  return { params: manifest.params, arrays };
}
