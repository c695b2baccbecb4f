import { describe, expect, it } from "vitest";
import { iterateAsync } from "../../src/index.js";
import { manualClock } from "./support.js";

describe("iterateAsync", () => {
  it("gives the event loop one turn per yieldEveryMs of run time, for the whole run", async () => {
    for (const hooks of [[], [{ onIteration: () => undefined }]]) {
      const time = manualClock();
      let turns = 0;
      let running = true;
      const watch = () => {
        turns++;
        if (running) setImmediate(watch);
      };
      setImmediate(watch);
      const result = await iterateAsync(0, {
        update: (x) => {
          time.advance(1);
          return x + 1;
        },
        maxIterations: 100,
        clock: time.clock,
        yieldEveryMs: 10,
        trace: false,
        hooks,
      });
      running = false;
      expect(result.iterations).toBe(100);
      // One turn after each slice of 10 updates of 1 ms, the last slice ending with the run (no turn): not a
      // turn at every update once the first slice has passed.
      expect(turns).toBe(9);
    }
  });
});
