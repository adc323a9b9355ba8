// 3×3 stride-1 convolutions by Winograd's F(2×2, 3×3) on the wasm backend: the forward pass (Conv2D, FusedConv2D with
// bias and ReLU) and the input gradient (Conv2DBackpropInput, itself a 3×3 stride-1 convolution of dy with the filter
// turned by 180° and its channels swapped). The filter is transformed once per call, the input in 4×4 tiles
// (wasmWinograd.c), then 16 matrix products [tiles, k] · [k, co] on our products (wasmGemm.c) take 16 multiplications
// per 2×2 outputs where the direct convolution takes 36: 2.25× fewer, less the tiles' overhang past an odd edge.
// Every other convolution, and any runtime without our products, keeps the path it had.
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';
import { heapOf, windows, type ConvAttrs } from './wasmHeapKernels';
import { addressOf, wasmGemmOf, wasmWinogradOf } from './wasmKernelModule';
import type { Tf } from '../tf';

/** Channels summed over (the products' k) below which the transforms cost more than the products they save. */
const MIN_CHANNELS = 8;
/**
 * The least ratio of the replaced path's multiplications to Winograd's 16·⌈p/2⌉·⌈q/2⌉ where Winograd runs (9·p·q for
 * a forward pass). An odd edge wastes part of its tiles: 11×11 outputs (the seed CNN's conv2) keep 1.89 of the 2.25,
 * 3×3 (conv3) only 1.27, too little to pay for the transforms.
 */
const MIN_SAVING = 1.5;
/** The most floats the transformed input and products may take together (64 MB); beyond that the other path runs. */
const MAX_SCRATCH_FLOATS = 16 * 1024 * 1024;

/**
 * Whether the Winograd path may run: on unless BIGMODEL_WINOGRAD is 0 (to time the path it replaces, and as a way
 * back should a model learn differently with it).
 */
export function winogradEnabled(): boolean {
  return process.env.BIGMODEL_WINOGRAD !== '0';
}

type KernelArgs = { inputs: unknown; attrs?: unknown; backend: unknown };
type ConvolutionAttrs = ConvAttrs & { dilations?: number | [number, number] };

/** Conv2D or FusedConv2D (bias and ReLU applied after the products) by Winograd, or undefined to leave it to the path before. */
export function winogradConvolution(tf: Tf, args: KernelArgs, bias: TensorInfo | undefined, relu: boolean): TensorInfo | undefined {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as ConvolutionAttrs;
  if (!suits(filter, attrs) || x.dtype !== 'float32') return undefined;
  const g = windows(tf, 'Conv2D', x.shape, filter.shape as [number, number, number, number], attrs);
  return convolve(args.backend, { x, n: g.n, h: g.h, w: g.w, k: g.ci, p: g.p, q: g.q, co: g.co, top: g.top, left: g.left, direct: 9 * g.p * g.q }, filter, false, bias, relu);
}

/**
 * Conv2DBackpropInput by Winograd: dx[n, a, b, ci] = Σ dy[n, a + top - i, b + left - j, co] · W[i, j, ci, co], the
 * convolution of dy (padded by 2 - top above, 2 - left on the left) with the filter turned by 180° and channels
 * swapped. Undefined where another path should run.
 */
export function winogradInputGradient(tf: Tf, args: KernelArgs): TensorInfo | undefined {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as ConvolutionAttrs & { inputShape: [number, number, number, number] };
  if (!suits(filter, attrs) || dy.dtype !== 'float32') return undefined;
  const g = windows(tf, 'Conv2DBackpropInput', attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  // The path it would replace (wasmHeapKernels.ts) does the full correlation, 9·h·w products a channel pair, or where
  // h·w ≥ 2·p·q (a small dy: the seed CNN's conv3) dy·Wᵀ and col2im, 9·p·q.
  const direct = g.h * g.w < 2 * g.p * g.q ? 9 * g.h * g.w : 9 * g.p * g.q;
  return convolve(args.backend, { x: dy, n: g.n, h: g.p, w: g.q, k: g.co, p: g.h, q: g.w, co: g.ci, top: 2 - g.top, left: 2 - g.left, direct }, filter, true, undefined, false);
}

/** A 3×3 float32 NHWC filter at stride 1, dilation 1, with the path enabled. */
function suits(filter: TensorInfo, attrs: ConvolutionAttrs): boolean {
  const pair = (v: number | [number, number] | undefined) => (v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v);
  return winogradEnabled() && filter.dtype === 'float32' && filter.shape[0] === 3 && filter.shape[1] === 3
    && pair(attrs.strides).every((s) => s === 1) && pair(attrs.dilations).every((d) => d === 1)
    && (!attrs.dataFormat || attrs.dataFormat === 'NHWC') && typeof attrs.pad !== 'object';
}

/**
 * The convolution to compute: input x[n, h, w, k], output [n, p, q, co], padding `top` rows and `left` columns before
 * x; `direct`: the multiplications per image and channel pair of the path it would replace.
 */
interface Shape { x: TensorInfo; n: number; h: number; w: number; k: number; p: number; q: number; co: number; top: number; left: number; direct: number }

function convolve(backend: unknown, s: Shape, filter: TensorInfo, flip: boolean, bias: TensorInfo | undefined, relu: boolean): TensorInfo | undefined {
  const tilesY = Math.ceil(s.p / 2);
  const tilesX = Math.ceil(s.q / 2);
  const tiles = s.n * tilesY * tilesX;
  if (s.k < MIN_CHANNELS || s.co === 0 || tiles === 0 || s.direct / (16 * tilesY * tilesX) < MIN_SAVING) return undefined;
  if (16 * tiles * (s.k + s.co) > MAX_SCRATCH_FLOATS) return undefined;
  const gemm = wasmGemmOf(backend);
  const winograd = wasmWinogradOf(backend);
  if (!gemm || !winograd) return undefined;
  const heap = heapOf(backend, flip ? 'Conv2DBackpropInput' : 'Conv2D');
  // Heap space for the transforms and products, freed on the way out.
  const made: TensorInfo[] = [];
  const scratch = { make: (shape: number[], dtype: 'float32' | 'int32') => made[made.push(heap.makeOutput(shape, dtype)) - 1] };
  try {
    const at = (t: TensorInfo) => addressOf(backend, t);
    // u[16, ci, co] from the filter's own [3, 3, ci, co]; each of the 16 is a [k, co] operand of its product: as it
    // lies in the forward pass, transposed ([co, ci] read as [k = co, n = ci]) for the input gradient.
    const [, , ci, co] = filter.shape;
    const u = scratch.make([16 * ci * co], 'float32');
    winograd.winograd_filter(at(filter), at(u), ci * co, flip ? 1 : 0);
    const panelFloats = Math.ceil(s.co / 8) * 8 * s.k;
    const panels = scratch.make([16 * panelFloats], 'float32');
    for (let e = 0; e < 16; e++) gemm.pack_panels(at(u) + e * ci * co * 4, at(panels) + e * panelFloats * 4, s.k, s.co, flip ? 1 : 0);
    const zeros = scratch.make([s.k], 'float32');
    heap.typedArrayFromHeap(zeros).fill(0);
    const v = scratch.make([16 * tiles * s.k], 'float32');
    winograd.winograd_input(at(s.x), at(zeros), at(v), s.n, s.h, s.w, s.k, tilesY, tilesX, s.top, s.left);
    const rows = scratch.make([tiles], 'int32');
    const m = scratch.make([16 * tiles * s.co], 'float32');
    for (let e = 0; e < 16; e++) {
      gemm.matrix_rows(at(v) + e * tiles * s.k * 4, s.k, at(rows), tiles);
      gemm.gemm_rows(at(rows), 1, s.k, at(panels) + e * panelFloats * 4, 0, 0, at(m) + e * tiles * s.co * 4, tiles, s.co);
    }
    const out = heap.makeOutput([s.n, s.p, s.q, s.co], 'float32');
    winograd.winograd_output(at(m), at(out), bias ? at(bias) : 0, relu ? 1 : 0, s.n, s.p, s.q, s.co, tilesY, tilesX);
    return out;
  } finally {
    for (const info of made) (backend as KernelBackend).disposeData(info.dataId);
  }
}
