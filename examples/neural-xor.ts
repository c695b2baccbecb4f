/**
 * The smallest problem a linear model cannot solve: XOR, and its noisy big sister, two moons. A network with
 * one hidden layer learns both in seconds on any backend.
 *
 * Run: npx tsx examples/neural-xor.ts
 *
 * XOR has 4 rows: with batch size 4 one iteration is one full-batch Adam step, and an epoch is one
 * iteration. Two moons has 400 points, 300 of them for training in batches of 32: ceil(300 / 32) = 10
 * iterations per epoch, the last batch holding 12 points.
 */
import { evaluateNetwork, neuralNetwork, trainNetwork, twoMoons } from "../solvers/neural/index.js";
import type { BackendChoice } from "../solvers/neural/index.js";
import { runIfMain } from "./run-if-main.js";

export async function main(print: (line: string) => void = console.log, backend: BackendChoice | "auto" = "auto") {
  const xor = {
    x: [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    y: [0, 1, 1, 0],
  };
  const xorNetwork = neuralNetwork({
    layers: [
      { units: 8, activation: "tanh" },
      { units: 2, activation: "softmax" },
    ],
    batchSize: 4,
    learningRate: 0.05,
    lossReadEvery: 50,
  });
  const xorRun = await trainNetwork(xorNetwork, xor, { maxEpochs: 300, seed: 1, backend });
  const xorEval = await evaluateNetwork(xorRun.model, xor);
  print(`backend: ${xorRun.backend.choice} (${xorRun.backend.device})`);
  print(
    `XOR, 2-8-2 (tanh), Adam 0.05, batch 4: ${xorRun.iterationsPerEpoch} iteration per epoch, ${xorRun.iterations} iterations`,
  );
  print(`  loss every 50 iterations: ${xorRun.history.losses.map((r) => r.loss.toFixed(4)).join(", ")}`);
  print(`  accuracy ${(xorEval.accuracy ?? 0) * 100}%, loss ${xorEval.loss.toFixed(4)}`);
  xorRun.model.dispose();

  const moons = twoMoons({ samples: 400, noise: 0.15, seed: 7 });
  const moonsNetwork = neuralNetwork({
    layers: [
      { units: 16, activation: "relu" },
      { units: 16, activation: "relu" },
      { units: 2, activation: "softmax" },
    ],
    learningRate: 0.01,
    validationSplit: 0.25,
  });
  const moonsRun = await trainNetwork(moonsNetwork, moons, { maxEpochs: 40, seed: 1, backend });
  const last = moonsRun.history.epochs.at(-1);
  print(`two moons (400 points, noise 0.15), 2-16-16-2 (relu), Adam 0.01, batch 32, last 25% for validation:`);
  print(
    `  ${moonsRun.iterationsPerEpoch} iterations per epoch, ${moonsRun.epochs} epochs = ${moonsRun.iterations} iterations`,
  );
  for (const e of moonsRun.history.epochs.filter((entry) => entry.epoch % 10 === 0 || entry.epoch === 1)) {
    print(
      `  epoch ${String(e.epoch).padStart(2)}: train loss ${e.trainLoss.toFixed(4)}, validation loss ${(e.validationLoss ?? NaN).toFixed(4)}, validation accuracy ${((e.validationAccuracy ?? 0) * 100).toFixed(1)}%`,
    );
  }
  moonsRun.model.dispose();
  return {
    xorAccuracy: xorEval.accuracy ?? 0,
    xorLoss: xorEval.loss,
    moonsAccuracy: last?.validationAccuracy ?? 0,
    moonsIterationsPerEpoch: moonsRun.iterationsPerEpoch,
  };
}

runIfMain(import.meta.url, main);
