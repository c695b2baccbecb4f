import { useCallback, useMemo, useState } from "preact/hooks";
import { defaultGridworld, gridActions } from "../../problems/gridworld.js";
import { mdpMethods, mdpRun } from "../../problems/mdp.js";
import type { MdpMethod, MdpSetup, MdpViewState } from "../../problems/mdp.js";
import { formatError } from "../../problems/lab-run.js";
import { Canvas, diverging } from "../parts/canvas.js";
import { Choice, MethodChoice, Slider } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

const defaults = {
  page: "mdp",
  world: "gridworld",
  map: defaultGridworld.join("/"),
  slip: "0.2",
  discount: "0.9",
  reward: "-0.04",
  method: "vi-sync",
};
const methodNames: Readonly<Record<MdpMethod, string>> = {
  "vi-sync": "value iteration (synchronous)",
  "vi-inplace": "value iteration (in place)",
  pi: "policy iteration",
};
const cellLabels: Readonly<Record<string, string>> = { "#": "wall", G: "goal +1", X: "pit -1", H: "hole", S: "start" };

/** Value and policy iteration on a gridworld the user edits, or on FrozenLake. */
export function MdpPage() {
  const [params, set] = useUrlState(defaults);
  const world = (
    ["gridworld", "lake4", "lake8"].includes(params.world) ? params.world : "gridworld"
  ) as MdpSetup["world"];
  const method = ((mdpMethods as readonly string[]).includes(params.method) ? params.method : "vi-sync") as MdpMethod;
  const rows = params.map.split("/").filter((row) => row.length > 0);
  const map =
    rows.length > 0 && rows.every((row) => row.length === rows[0]?.length && /^[.#GX]+$/.test(row))
      ? rows
      : [...defaultGridworld];
  const slip = Math.min(0.9, Math.max(0, numberParam(params.slip, 0.2)));
  const discount = Math.min(0.999, Math.max(0, numberParam(params.discount, 0.9)));
  const stepReward = Math.min(1, Math.max(-1, numberParam(params.reward, -0.04)));
  const setup: MdpSetup = { world, map, slip, discount, stepReward, method };
  const key = JSON.stringify(setup);
  const run = useMemo(() => mdpRun(setup), [key]);
  const handle = useStepper(
    key,
    () => run,
    (state: MdpViewState) => ({
      values: Float64Array.from(state.values),
      policy: Int32Array.from(state.policy),
      residual: state.bellmanResidual,
      change: state.change,
    }),
  );
  const [brush, setBrush] = useState("#");
  const grid = run.map;
  const columns = grid[0]?.length ?? 1;
  const cell = Math.min(90, Math.floor(440 / Math.max(columns, grid.length)));
  const frame = handle.frame;
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      const values = frame?.view.values;
      const scale = Math.max(1e-9, ...Array.from(run.optimal, Math.abs));
      context.font = `${Math.max(9, Math.floor(cell / 5))}px sans-serif`;
      // Cells first, then the grid lines and the arrows as one path each (a stroke per cell and per arrow
      // cost more than the sweep).
      const lines = new Path2D();
      const arrows = new Path2D();
      grid.forEach((line, r) => {
        [...line].forEach((letter, c) => {
          const s = r * columns + c;
          const x = c * cell;
          const y = r * cell;
          const value = values?.[s] ?? 0;
          context.fillStyle = letter === "#" ? "#555" : diverging(0.5 + value / (2 * scale));
          context.fillRect(x, y, cell, cell);
          lines.rect(x, y, cell, cell);
          context.fillStyle = "#111";
          const label = cellLabels[letter];
          if (label !== undefined && letter !== "#") context.fillText(label, x + 3, y + cell - 4);
          if (letter === "#" || values === undefined) return;
          context.fillText(value.toFixed(3), x + 3, y + 13);
          const action = frame?.view.policy[s] ?? -1;
          const move = gridActions[action];
          if (move === undefined) return;
          // The greedy action as an arrow from the cell's centre.
          const [dr, dc] = move;
          const cx = x + cell / 2;
          const cy = y + cell / 2 + 4;
          const length = cell / 4;
          arrows.moveTo(cx - dc * length, cy - dr * length);
          arrows.lineTo(cx + dc * length, cy + dr * length);
          arrows.lineTo(cx + dc * length * 0.4 - dr * length * 0.5, cy + dr * length * 0.4 - dc * length * 0.5);
          arrows.moveTo(cx + dc * length, cy + dr * length);
          arrows.lineTo(cx + dc * length * 0.4 + dr * length * 0.5, cy + dr * length * 0.4 + dc * length * 0.5);
        });
      });
      context.strokeStyle = "#999";
      context.lineWidth = 1;
      context.stroke(lines);
      context.strokeStyle = "#000";
      context.lineWidth = 2;
      context.stroke(arrows);
      context.lineWidth = 1;
    },
    [frame, grid, cell],
  );
  const onClick = (event: MouseEvent) => {
    if (world !== "gridworld") return;
    const box = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const c = Math.floor((event.clientX - box.left) / cell);
    const r = Math.floor((event.clientY - box.top) / cell);
    const edited = map.map((line, i) =>
      i === r ? line.slice(0, c) + (line[c] === brush ? "." : brush) + line.slice(c + 1) : line,
    );
    set({ map: edited.join("/") });
  };
  const bound = frame === undefined || discount === 0 ? undefined : (discount / (1 - discount)) * frame.view.change;
  const frames = handle.stepper?.frames.slice(0, (handle.stepper?.cursor ?? 0) + 1) ?? [];
  return (
    <main>
      <p class="intro">
        {methodNames[method]}. Colours and numbers: the values; arrows: the greedy policy. For value iteration the
        sup-norm bound ||v - v*|| &lt;= gamma/(1 - gamma) ||v_k - v_k-1|| is shown beside the true error.
      </p>
      <section class="panel">
        <div class="options">
          <Choice
            label="world"
            value={world}
            testId="world"
            options={[
              ["gridworld", "gridworld (editable)"],
              ["lake4", "FrozenLake 4x4"],
              ["lake8", "FrozenLake 8x8"],
            ]}
            onChange={(value) => set({ world: value })}
          />
          <MethodChoice value={method} options={mdpMethods.map((id) => [id, methodNames[id]] as const)} set={set} />
          <Slider
            label="gamma"
            value={discount}
            min={0.5}
            max={0.99}
            step={0.01}
            testId="discount"
            onChange={(value) => set({ discount: String(value) })}
          />
          <Slider
            label={world === "gridworld" ? "slip" : "slippery (> 0)"}
            value={slip}
            min={0}
            max={0.6}
            step={0.05}
            testId="slip"
            onChange={(value) => set({ slip: String(value) })}
          />
          {world === "gridworld" && (
            <>
              <Slider
                label="step reward"
                value={stepReward}
                min={-0.5}
                max={0.1}
                step={0.01}
                testId="reward"
                onChange={(value) => set({ reward: String(value) })}
              />
              <Choice
                label="click draws"
                value={brush}
                testId="brush"
                options={[
                  ["#", "wall"],
                  ["G", "goal"],
                  ["X", "pit"],
                  [".", "open"],
                ]}
                onChange={setBrush}
              />
            </>
          )}
        </div>
        <Canvas
          width={cell * columns}
          height={cell * grid.length}
          draw={draw}
          data-testid="grid"
          aria-label="values and policy"
          onClick={onClick}
        />
        <p class="note" data-testid="bellman">
          Bellman residual {frame === undefined ? "-" : formatError(frame.view.residual)}; sup-norm bound{" "}
          {bound === undefined ? "-" : formatError(bound)}; true max |v - v*|{" "}
          {frame === undefined ? "-" : formatError(frame.error)}
        </p>
      </section>
      <RunPanel
        handle={handle}
        run={run}
        frames={frames}
        title="max |v - v*| and the Bellman residual"
        more={[{ label: "Bellman residual", errors: frames.map((f) => f.view.residual) }]}
      />
    </main>
  );
}
