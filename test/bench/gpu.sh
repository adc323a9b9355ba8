#!/usr/bin/env bash
# The bench on a lent GPU machine (the `device` tool): the core's WebGPU path (Dawn through the `webgpu` package, on
# NVIDIA's Vulkan driver) against PyTorch on CUDA, same models, data, batch and epochs. Run from the repository root
# there, after `npm ci` and `node esbuild.mjs --tests` (carry node_modules, dist and out, or build there), with the
# Vulkan loader unpacked as the device README says (.gl/*.deb carried). Prints the bench's lines; the last is the ratio.
#   bash test/bench/gpu.sh            # the CNN and the MLP, 1 epoch on 20,000 / 3,200 images (BENCH_* override)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d .gl ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || echo "no nvidia-smi"
# Which backend the core takes there, and why the others were not (a hardware adapter must be found for webgpu).
node dist/cli.js doctor || true
# Fashion-MNIST: Debian's full set when installed there, else the sample shipped in examples/.
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  export BIGMODEL_FASHION_MNIST_DIR="$PWD/examples/data/fashion-mnist-sample"
  export BENCH_MLP_LIMIT=${BENCH_MLP_LIMIT:-2000} BENCH_CNN_LIMIT=${BENCH_CNN_LIMIT:-2000}
fi
export BENCH_BACKEND=${BENCH_BACKEND:-webgpu} BENCH_TORCH_DEVICE=${BENCH_TORCH_DEVICE:-cuda}
node out/test/bench/bench.js
