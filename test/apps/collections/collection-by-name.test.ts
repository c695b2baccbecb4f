import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../../src/index.js";
import { collectionByName, collectionNames, mghCollection } from "../../../src/apps/collections/index.js";

describe("collectionByName", () => {
  it("builds every built-in collection under its own name, with unique entry names", () => {
    expect(collectionNames).toEqual([
      "more-garbow-hillstrom",
      "alefeld-potra-shi",
      "nonlinear-systems",
      "linear-systems",
      "mdp-families",
      "clustering",
    ]);
    for (const name of collectionNames) {
      const collection = collectionByName(name);
      expect(collection.name).toBe(name);
      const names = collection.entries.map((entry) => entry.name);
      expect(new Set(names).size, name).toBe(names.length);
      for (const entry of collection.entries)
        expect(Number.isInteger(entry.dimension) && entry.dimension >= 1).toBe(true);
    }
  }, 60_000);

  it("rebuilds the same entries in the same order (what a worker process relies on)", () => {
    const a = collectionByName("more-garbow-hillstrom");
    const b = mghCollection();
    expect(a.entries.map((entry) => entry.name)).toEqual(b.entries.map((entry) => entry.name));
    expect(a.entries[5]?.problem).not.toBe(b.entries[5]?.problem);
  });

  it("refuses an unknown name, naming the closest", () => {
    expect(() => collectionByName("more-garbow-hilstrom")).toThrow(InvalidOptionError);
    expect(() => collectionByName("more-garbow-hilstrom")).toThrow(/did you mean more-garbow-hillstrom\?/);
    expect(() => collectionByName("toString")).toThrow(InvalidOptionError);
  });
});
