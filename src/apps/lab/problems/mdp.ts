import { solve } from "../../../index.js";
import {
  frozenLake,
  frozenLakeMap4x4,
  frozenLakeMap8x8,
  inPlaceSweep,
  policyIteration,
  synchronousSweep,
  valueIteration,
} from "../../../../solvers/mdp/index.js";
import type { MdpProblem } from "../../../../solvers/mdp/index.js";
import { gridworldMdp } from "./gridworld.js";
import { labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";

/** The dynamic-programming methods of the MDP page. */
export const mdpMethods = ["vi-sync", "vi-inplace", "pi"] as const;
/** One of {@link mdpMethods}. */
export type MdpMethod = (typeof mdpMethods)[number];

/** A setup of the MDP page: a gridworld drawn by the user or a FrozenLake map. */
export interface MdpSetup {
  readonly world: "gridworld" | "lake4" | "lake8";
  readonly map: readonly string[];
  readonly slip: number;
  readonly discount: number;
  readonly stepReward: number;
  readonly method: MdpMethod;
}

/** What every MDP state shows: values, greedy policy, the Bellman residual and the last change. */
export interface MdpViewState {
  readonly values: Float64Array;
  readonly policy: Int32Array;
  readonly bellmanResidual: number;
  readonly change: number;
}

/** An MDP run with the map it was drawn from and the optimal values it converges to. */
export interface MdpRun extends LabRun<MdpViewState> {
  readonly map: readonly string[];
  readonly problem: MdpProblem;
  readonly optimal: Float64Array;
}

/** The MDP of a setup. */
export function mdpProblem(setup: MdpSetup): { problem: MdpProblem; map: readonly string[] } {
  if (setup.world === "gridworld") return { problem: gridworldMdp(setup.map, setup), map: setup.map };
  const map = setup.world === "lake4" ? frozenLakeMap4x4 : frozenLakeMap8x8;
  return { problem: frozenLake({ map, slippery: setup.slip > 0, discount: setup.discount }), map };
}

/** Value iteration (synchronous or in place) or policy iteration; the error is `max |v - v*|`. */
export function mdpRun(setup: MdpSetup): MdpRun {
  const { problem, map } = mdpProblem(setup);
  const optimal = solve(policyIteration(), problem).state.values;
  const error = (state: MdpViewState) => {
    let max = 0;
    for (let s = 0; s < optimal.length; s++)
      max = Math.max(max, Math.abs((state.values[s] as number) - (optimal[s] as number)));
    return max;
  };
  const common = { error, errorName: "max |v - v*|", warmUpIterations: 5 };
  const gamma = setup.discount;
  const run =
    setup.method === "pi"
      ? labRun(policyIteration(), problem, {
          ...common,
          theory: { note: "finite: at most as many steps as policies; quadratic near v*" },
        })
      : labRun(valueIteration({ sweep: setup.method === "vi-sync" ? synchronousSweep() : inPlaceSweep() }), problem, {
          ...common,
          theory:
            setup.method === "vi-sync"
              ? { rate: gamma, note: "a gamma-contraction in the sup norm" }
              : { note: "Gauss-Seidel value iteration: at most gamma per sweep" },
        });
  return { ...run, map, problem, optimal };
}
