/**
 * Runs the WebGPU checks of one suite in a plain Node process and prints their results as one JSON line:
 * Dawn on Mesa's lavapipe aborts at random inside vitest's worker processes (a `std::system_error` from a
 * futex), never in a plain `node`. Usage: `node --import tsx test/solvers/neural/webgpu-child.ts kernels`.
 */
import { kernelChecks } from "./webgpu-kernel-checks.js";
import { testDevice } from "./webgpu-harness.js";
import { productChecks } from "./webgpu-product-checks.js";
import { trainerChecks } from "./webgpu-trainer-checks.js";

const suite = process.argv[2];
const print = (value: unknown) => process.stdout.write(`RESULT ${JSON.stringify(value)}\n`);
if (suite === "kernels") {
  const found = await testDevice();
  if ("device" in found) {
    const results = { ...(await kernelChecks(found.device)), ...(await productChecks(found.device)) };
    print({ adapter: found.adapter, results });
  } else print({ skip: found.reason });
} else if (suite === "trainer") {
  print(await trainerChecks());
} else {
  print({ skip: `unknown suite ${String(suite)}` });
}
// Dawn's threads may outlive the event loop; leave at once with the results printed.
process.exit(0);
