#!/usr/bin/env bash
# Issue 17's device check: iterlab's WGSL trainer against PyTorch's CUDA loop (MLP 784-128-10, Adam, batch 128
# and 1024), with the ratios against the targets (1.0x PyTorch's samples/s at batch 128, 0.5x at 1024), in
# under five minutes on a GPU machine that can fetch nothing.
#
#   1. Here, once (needs node_modules and apt):  test/bench/gpu-check.sh prepare
#      Bundles the node side into .gpu-check/ (git-ignored, about 40 MB): one .mjs file, the `webgpu`
#      package's linux-x64 Dawn, node itself (xz) and the Vulkan loader's .deb (libvulkan1).
#   2. On the GPU machine, carrying .gpu-check:  bash test/bench/gpu-check.sh
#      Unpacks the Vulkan loader if there is none, points Vulkan at NVIDIA's ICD if it is not found, runs the
#      WGSL trainer (test/bench/gpu-check.ts) and torch_mlp.py --cuda, and prints the ratios. With $OUT set,
#      the raw JSON lines are copied there.
# GPU_CHECK_ROWS (default 16384) sets the rows per epoch (use ~1024 for a dry run on lavapipe).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=.gpu-check
rows=${GPU_CHECK_ROWS:-16384}

if [ "${1:-}" = prepare ]; then
  rm -rf "$dir"
  mkdir -p "$dir/node_modules/webgpu/dist" "$dir/debs"
  # module before main: the packages' ESM builds share one tfjs-core (their node builds carry copies).
  npx esbuild test/bench/gpu-check.ts --bundle --platform=node --format=esm --target=node20 --main-fields=module,main \
    --external:webgpu --external:@tensorflow/tfjs-node --external:@tensorflow/tfjs-node-gpu \
    --banner:js="import { createRequire as iterlabRequire } from 'node:module'; const require = iterlabRequire(import.meta.url);" \
    --outfile="$dir/gpu-check.mjs" --log-level=warning
  cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$dir/node_modules/webgpu/"
  cp -r node_modules/webgpu/dist/linux-x64 "$dir/node_modules/webgpu/dist/"
  xz -T2 -3 -c "$(command -v node)" >"$dir/node.xz"
  (cd "$dir/debs" && apt-get download libvulkan1 >/dev/null)
  du -sh "$dir"
  exit 0
fi

start=$(date +%s)
# grep reads everything (no -q): an early exit would fail the pipeline under pipefail.
if ! ldconfig -p | grep 'libvulkan.so.1' >/dev/null; then
  echo "== no Vulkan loader: unpacking $dir/debs"
  for f in "$dir"/debs/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}" ] && [ -e "$nvidia_icd" ] && ! ls /usr/share/vulkan/icd.d/nvidia* >/dev/null 2>&1; then
  export VK_DRIVER_FILES=$nvidia_icd
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/xdg-runtime}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
node=$(command -v node || true)
if [ -z "$node" ] || ! "$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  xz -dc "$dir/node.xz" >/tmp/iterlab-node && chmod +x /tmp/iterlab-node
  node=/tmp/iterlab-node
fi
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"

echo "== WGSL trainer ($rows rows per epoch)"
GPU_CHECK_ROWS=$rows timeout 240 "$node" "$dir/gpu-check.mjs" 2>&1 | grep -v '^Warning: ' | tee /tmp/gpu-check-wgsl.txt || true
echo "== PyTorch CUDA"
timeout 150 "${PYTHON:-python3}" test/bench/peers/torch_mlp.py --cuda "$rows" 3 | tee /tmp/gpu-check-torch.txt || true
if [ -n "${OUT:-}" ]; then cp /tmp/gpu-check-wgsl.txt /tmp/gpu-check-torch.txt "$OUT/"; fi

python3 - <<'PY'
import json

def last_json(path, prefix=""):
    for line in reversed(open(path).read().splitlines()):
        if line.startswith(prefix + "{"):
            return json.loads(line[len(prefix):])
    return {}

wgsl = last_json("/tmp/gpu-check-wgsl.txt", "GPU-CHECK ")
torch = last_json("/tmp/gpu-check-torch.txt")
print(f"WGSL trainer on: {wgsl.get('device', '(did not run)')}")
print(f"PyTorch on:      {torch.get('device', torch.get('skip', '(did not run)'))}")
print(f"{'batch':>6} {'WGSL samples/s':>15} {'PyTorch samples/s':>18} {'ratio':>7} {'target':>7}  encode us/step")
for batch, target in (("128", 1.0), ("1024", 0.5)):
    ours = wgsl.get("samplesPerSecond", {}).get(batch)
    theirs = torch.get("samplesPerSecond", {}).get(batch)
    ratio = ours / theirs if ours and theirs else float("nan")
    verdict = "met" if ratio >= target else "NOT met" if ratio == ratio else "-"
    encode = wgsl.get("encodeMicroseconds", {}).get(batch, float("nan"))
    print(f"{batch:>6} {ours or float('nan'):>15,.0f} {theirs or float('nan'):>18,.0f} {ratio:>6.2f}x {target:>6.1f}x  {encode:.1f}  {verdict}")
for times in wgsl.get("forwardProducts", []):
    us = times["microseconds"]
    print(f"forward {times['shape']}: 16x16 {us['1']:.1f} us, 2x2 {us['2']:.1f} us, 4x4 {us['4']:.1f} us (chosen {times['chosen']})")
PY
echo "== took $(($(date +%s) - start)) s"
