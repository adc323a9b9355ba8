// 3×3 stride-1 convolutions by Winograd's F(2×2, 3×3) or F(4×4, 3×3) on the wasm backend: the forward pass (Conv2D, FusedConv2D with
// bias and ReLU) and the input gradient (Conv2DBackpropInput, itself a 3×3 stride-1 convolution of dy with the filter
// turned by 180° and its channels swapped). The filter is transformed once per call, the input in 4×4 (6×6) blocks
// (wasmWinograd.c), then 16 (36) matrix products [tiles, k] · [k, co] on our products (wasmGemm.c) take 16 (36)
// multiplications per 2×2 (4×4) outputs where the direct convolution takes 36 (144): 2.25× (4×) fewer, less the
// tiles' overhang past an odd edge.
// The filter gradient (Conv2DBackpropFilter) by F(3×3, 2×2): dy's 2×2 tiles against x's 4×4 blocks, 16 multiplications
// per tile where its im2col path takes 36 (winogradFilterGradient).
// Every other convolution, and any runtime without our products, keeps the path it had.
import type { TensorInfo } from '@tensorflow/tfjs';
import { heapOf, Scratch, windows, type ConvAttrs } from './wasmHeapKernels';
import {
  filterGradientBlocksHere,
  winogradBlocksHere,
  type FilterGradientBlocks,
  type WinogradBlocks,
} from './wasmGemmThreads';
import { addressOf, wasmGemmOf, wasmGemmPoolOf, wasmWinogradOf } from './wasmKernelModule';
import type { Tf } from '../tf';

/** Channels summed over (the products' k) below which the transforms cost more than the products they save. */
const MIN_CHANNELS = 8;
/**
 * The least ratio of the replaced path's multiplications (9·p·q for a forward pass) to Winograd's (16 per tile of
 * F(2×2), 36 per tile of F(4×4)) where Winograd runs. An odd edge wastes part of the tiles: 11×11 outputs (the seed
 * CNN's conv2) keep 3.36 of F(4×4)'s 4, the 5×5 input gradient of conv3 (against dy·Wᵀ and col2im) 0.56: left alone.
 */
const MIN_SAVING = 1.5;
/**
 * Floats of transformed input and products per block of tiles: 512 KB, half the L2 cache of a core of the 2-core EPYC
 * these were measured on (test/bench/winograd.ts: conv2's forward pass by F(4×4) 4.2-4.3 ms at 512 KB and 1 MB, 5.3
 * at 256 KB, against 6.6-7.0 before; all tiles at once wrote its products to memory and read them back).
 */
const BLOCK_FLOATS = 128 * 1024;
/**
 * Runs of consecutive tile blocks whose sums the filter gradient keeps apart, to add them in order at the end: each
 * run goes to one thread, so that 1, 2, 3 or 6 threads share them evenly and any number of threads sums alike.
 */
const FILTER_GRADIENT_CHUNKS = 6;

/**
 * Whether the Winograd path may run: on unless BIGMODEL_WINOGRAD is 0 (to time the path it replaces, and as a way
 * back should a model learn differently with it); 2 or 4 picks the tile (see chooseTiling).
 */
export function winogradEnabled(): boolean {
  return process.env.BIGMODEL_WINOGRAD !== '0';
}

type KernelArgs = { inputs: unknown; attrs?: unknown; backend: unknown };
type ConvolutionAttrs = ConvAttrs & { dilations?: number | [number, number] };

/** Conv2D or FusedConv2D (bias and ReLU applied after the products) by Winograd, or undefined to leave it to the path before. */
export function winogradConvolution(
  tf: Tf,
  args: KernelArgs,
  bias: TensorInfo | undefined,
  relu: boolean,
): TensorInfo | undefined {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as ConvolutionAttrs;
  if (!suits(filter, attrs) || x.dtype !== 'float32') return undefined;
  const g = windows(tf, 'Conv2D', x.shape, filter.shape as [number, number, number, number], attrs);
  return convolve(
    args.backend,
    { x, n: g.n, h: g.h, w: g.w, k: g.ci, p: g.p, q: g.q, co: g.co, top: g.top, left: g.left, direct: 9 * g.p * g.q },
    filter,
    false,
    bias,
    relu,
  );
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
  const g = windows(
    tf,
    'Conv2DBackpropInput',
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs,
  );
  // The path it would replace (wasmHeapKernels.ts) does the full correlation, 9·h·w products a channel pair, or where
  // h·w ≥ 2·p·q (a small dy: the seed CNN's conv3) dy·Wᵀ and col2im, 9·p·q.
  const direct = g.h * g.w < 2 * g.p * g.q ? 9 * g.h * g.w : 9 * g.p * g.q;
  return convolve(
    args.backend,
    { x: dy, n: g.n, h: g.p, w: g.q, k: g.co, p: g.h, q: g.w, co: g.ci, top: 2 - g.top, left: 2 - g.left, direct },
    filter,
    true,
    undefined,
    false,
  );
}

/**
 * Conv2DBackpropFilter by Winograd F(3×3, 2×2): dW[r, s, ci, co] = Σ x[n, y + r - top, x + s - left, ci] · dy[n, y,
 * x, co], dy's grid cut in 2×2 tiles, each met by a 4×4 block of x (wasmWinograd.c): 16 multiplications per tile and
 * channel pair where the path it would replace (an im2col of x and one product, wasmHeapKernels.ts) takes 9 per dy
 * pixel, 36 per tile. The 16 sums over tiles are products [ci, tiles] · [tiles, co] (gemm_transposed), a block of tiles
 * at a time so that the transformed x and dy stay in L2 between the transforms and the products. Undefined where
 * another path should run: fewer than MIN_CHANNELS on either side (each tile's transform of x serves co products, of
 * dy ci), or too few multiplications saved (a dy of 3×3: 4 tiles, 64 products against 81).
 */
export function winogradFilterGradient(tf: Tf, args: KernelArgs): TensorInfo | undefined {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as ConvolutionAttrs & { filterShape: [number, number, number, number] };
  const filterShape = attrs.filterShape;
  if (!suits({ shape: filterShape, dtype: 'float32' }, attrs) || x.dtype !== 'float32' || dy.dtype !== 'float32')
    return undefined;
  const g = windows(tf, 'Conv2DBackpropFilter', x.shape, filterShape, attrs);
  const [tilesY, tilesX] = [Math.ceil(g.p / 2), Math.ceil(g.q / 2)];
  const tiles = g.n * tilesY * tilesX;
  const { ci, co } = g;
  if (ci < MIN_CHANNELS || co < MIN_CHANNELS || tiles === 0 || (9 * g.p * g.q) / (16 * tilesY * tilesX) < MIN_SAVING)
    return undefined;
  const backend = args.backend;
  const gemm = wasmGemmOf(backend);
  const winograd = wasmWinogradOf(backend);
  if (!gemm || !winograd) return undefined;
  const heap = heapOf(backend, 'Conv2DBackpropFilter');
  const scratch = new Scratch(heap, backend);
  try {
    const at = (t: TensorInfo) => addressOf(backend, t);
    const padded = Math.ceil(co / 8) * 8;
    // Tiles a block: the 16 planes of transformed x [tiles, ci] and dy [tiles, co padded to 8] in BLOCK_FLOATS.
    const block = Math.min(tiles, Math.max(4, Math.floor(BLOCK_FLOATS / (16 * (ci + padded)) / 4) * 4));
    const blocks = Math.ceil(tiles / block);
    const chunks = Math.min(FILTER_GRADIENT_CHUNKS, blocks);
    const pool = chunks > 1 ? wasmGemmPoolOf(backend) : undefined;
    const parts = pool?.threads ?? 1;
    const zeros = scratch.make([Math.max(ci, co)], 'float32');
    heap.typedArrayFromHeap(zeros).fill(0);
    const sums = scratch.make([chunks * 16 * ci * co], 'float32');
    const v = scratch.make([parts * 16 * block * ci], 'float32');
    const u = scratch.make([parts * 16 * block * padded], 'float32');
    const job: FilterGradientBlocks = {
      x: at(x),
      dy: at(dy),
      zeros: at(zeros),
      h: g.h,
      w: g.w,
      ci,
      p: g.p,
      q: g.q,
      co,
      tilesY,
      tilesX,
      top: g.top,
      left: g.left,
      tiles,
      block,
      chunks,
      m: at(sums),
      chunkBytes: 16 * ci * co * 4,
      v: at(v),
      u: at(u),
      vBytes: 16 * block * ci * 4,
      uBytes: 16 * block * padded * 4,
    };
    if (pool) pool.filterGradientBlocks(job);
    else filterGradientBlocksHere(gemm, winograd, job);
    const dw = heap.makeOutput(filterShape, 'float32');
    winograd.winograd_dw(at(sums), chunks, 16 * ci * co, at(dw), ci * co);
    return dw;
  } finally {
    scratch.dispose();
  }
}

/** A 3×3 float32 NHWC filter (or filter gradient) at stride 1, dilation 1, with the path enabled. */
function suits(filter: Pick<TensorInfo, 'shape' | 'dtype'>, attrs: ConvolutionAttrs): boolean {
  const pair = (v: number | [number, number] | undefined) =>
    v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v;
  return (
    winogradEnabled() &&
    filter.dtype === 'float32' &&
    filter.shape[0] === 3 &&
    filter.shape[1] === 3 &&
    pair(attrs.strides).every((s) => s === 1) &&
    pair(attrs.dilations).every((d) => d === 1) &&
    (!attrs.dataFormat || attrs.dataFormat === 'NHWC') &&
    typeof attrs.pad !== 'object'
  );
}

/**
 * The convolution to compute: input x[n, h, w, k], output [n, p, q, co], padding `top` rows and `left` columns before
 * x; `direct`: the multiplications per image and channel pair of the path it would replace.
 */
interface Shape {
  x: TensorInfo;
  n: number;
  h: number;
  w: number;
  k: number;
  p: number;
  q: number;
  co: number;
  top: number;
  left: number;
  direct: number;
}

/** Tiles of outputs each side (2 or 4), rows and columns of tiles, and the products per image (a channel pair). */
interface Tiling {
  tile: 2 | 4;
  tilesY: number;
  tilesX: number;
  products: number;
}

function tiling(tile: 2 | 4, p: number, q: number): Tiling {
  const tilesY = Math.ceil(p / tile);
  const tilesX = Math.ceil(q / tile);
  return { tile, tilesY, tilesX, products: (tile + 2) ** 2 * tilesY * tilesX };
}

/**
 * F(4×4, 3×3) where it multiplies at most 0.6 times as much as F(2×2, 3×3), else F(2×2, 3×3): its transforms cost
 * 2-3× more a tile, and it wastes more past an odd edge. Measured (test/bench/winograd.ts, CPU ms, batch 64): on
 * 16×16×64 → 64 (ratio 0.56) 11.5 ms against 19.3 for F(2×2) and 26.3 before; the seed CNN's conv2 (0.56) 4.2
 * against 5.5 and 7.0; its input gradient (13×13 outputs, 0.73) 6.3 against 6.4 and 9.6. BIGMODEL_WINOGRAD=2 or 4
 * asks for one.
 */
function chooseTiling(p: number, q: number): Tiling {
  const asked = process.env.BIGMODEL_WINOGRAD;
  if (asked === '2' || asked === '4') return tiling(asked === '2' ? 2 : 4, p, q);
  const [two, four] = [tiling(2, p, q), tiling(4, p, q)];
  return four.products <= 0.6 * two.products ? four : two;
}

function convolve(
  backend: unknown,
  s: Shape,
  filter: TensorInfo,
  flip: boolean,
  bias: TensorInfo | undefined,
  relu: boolean,
): TensorInfo | undefined {
  const { tile, tilesY, tilesX, products } = chooseTiling(s.p, s.q);
  const tiles = s.n * tilesY * tilesX;
  if (s.k < MIN_CHANNELS || s.co === 0 || tiles === 0 || s.direct / products < MIN_SAVING) return undefined;
  const gemm = wasmGemmOf(backend);
  const winograd = wasmWinogradOf(backend);
  if (!gemm || !winograd) return undefined;
  const planes = (tile + 2) ** 2;
  const transformFilter = tile === 2 ? winograd.winograd_filter : winograd.winograd4_filter;
  const heap = heapOf(backend, flip ? 'Conv2DBackpropInput' : 'Conv2D');
  // Heap space for the transforms and products, freed on the way out.
  const scratch = new Scratch(heap, backend);
  try {
    const at = (t: TensorInfo) => addressOf(backend, t);
    // u[planes, ci, co] from the filter's own [3, 3, ci, co]; each plane is a [k, co] operand of its product: as it
    // lies in the forward pass, transposed ([co, ci] read as [k = co, n = ci]) for the input gradient.
    const [, , ci, co] = filter.shape;
    const u = scratch.make([planes * ci * co], 'float32');
    transformFilter(at(filter), at(u), ci * co, flip ? 1 : 0);
    const panelFloats = Math.ceil(s.co / 8) * 8 * s.k;
    const panels = scratch.make([planes * panelFloats], 'float32');
    for (let e = 0; e < planes; e++)
      gemm.pack_panels(at(u) + e * ci * co * 4, at(panels) + e * panelFloats * 4, s.k, s.co, flip ? 1 : 0);
    const zeros = scratch.make([s.k], 'float32');
    heap.typedArrayFromHeap(zeros).fill(0);
    // A block of tiles at a time: its transformed input and products stay in cache between the passes.
    const block = Math.min(tiles, Math.max(4, Math.floor(BLOCK_FLOATS / (planes * (s.k + s.co)) / 4) * 4));
    // On the threaded build, blocks are spread over its threads (wasmGemmThreads.ts), each with its own scratch.
    const pool = tiles > block ? wasmGemmPoolOf(backend) : undefined;
    const parts = pool?.threads ?? 1;
    const v = scratch.make([parts * planes * block * s.k], 'float32');
    const m = scratch.make([parts * planes * block * s.co], 'float32');
    const rows = scratch.make([parts * planes * block], 'int32');
    const out = heap.makeOutput([s.n, s.p, s.q, s.co], 'float32');
    const job: WinogradBlocks = {
      tile,
      x: at(s.x),
      zeros: at(zeros),
      h: s.h,
      w: s.w,
      k: s.k,
      tilesY,
      tilesX,
      top: s.top,
      left: s.left,
      panels: at(panels),
      panelFloats,
      co: s.co,
      tiles,
      block,
      out: at(out),
      bias: bias ? at(bias) : 0,
      relu: relu ? 1 : 0,
      p: s.p,
      q: s.q,
      v: at(v),
      m: at(m),
      rows: at(rows),
      vBytes: planes * block * s.k * 4,
      mBytes: planes * block * s.co * 4,
      rowsBytes: planes * block * 4,
    };
    if (pool) pool.winogradBlocks(job);
    else winogradBlocksHere(gemm, winograd, job);
    return out;
  } finally {
    scratch.dispose();
  }
}
