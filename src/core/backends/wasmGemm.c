// Matrix products for the wasm backend with fused multiply-adds (WebAssembly relaxed SIMD), in place of XNNPACK's
// products in tfjs-wasm, which are built for plain SIMD: a multiply and an add for each pair of terms. On the 2-core
// Xeon these run at 32-45 GFLOP/s against XNNPACK's 15-25 on the seed CNN's shapes (test/bench/gemm.ts).
// Built by esbuild.mjs like wasmKernels.c (no stack, no data, tfjs-wasm's memory imported), with -mrelaxed-simd: a
// runtime without relaxed SIMD cannot compile this module, and the core keeps XNNPACK there (src/core/backends/wasmGemm.ts).
// Pointers are byte offsets into that memory.
#include <wasm_simd128.h>

typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(#name)))
/** c + a·b, fused (one rounding) where the machine has FMA, else a multiply and an add. */
#define MADD(a, b, c) __builtin_wasm_relaxed_madd_f32x4(a, b, c)
/**
 * Columns of a panel: two vectors, so that 4 rows × 2 vectors of sums, 2 of b and 1 of a fit x64's 16 registers.
 * Four rows is the most: V8's TurboFan loads every broadcast of a k-step before its first FMA, and gives wasm 15 xmm
 * registers (xmm15 is its scratch), so 8 sums + 2 of b + 4 of a = 14 fit, and 5 or 6 rows spill sums to the stack
 * each step (measured 23-28 GFLOP/s against 41-48 for 4 rows, issue 18). Unrolling k by 2 or 8 spills the same way;
 * clang's own unroll by 4 is the fastest. Called straight on the heap (no packing, no tensors) this loop runs the
 * MLP's 64×784×512 at 46-48 GFLOP/s, 91-94% of the 51 that 12 independent FMAs reach on the 2-core EPYC.
 */
#define PANEL 8

/**
 * Packs b[k, n] (or b[n, k] when `transposed`) into panels of 8 columns, each k rows of 8 floats one after the other,
 * the last panel padded with zeros: ceil(n / 8) · 8 · k floats at `panels`.
 */
EXPORT(pack_panels)
void pack_panels(const float *b, float *panels, u32 k, u32 n, u32 transposed) {
  float *p = panels;
  u32 j = 0;
  if (!transposed) {
    // Two panels at a time: each row of b gives them 16 floats, one 64-byte cache line where b is aligned, read once
    // (one panel at a time read each line twice, k rows apart, from L3 once b outgrows L2: 10% of the MLP's product).
    for (; j + 2 * PANEL <= n; j += 2 * PANEL, p += 2 * PANEL * k) {
      float *q = p + PANEL * k;
      for (u32 t = 0; t < k; t++) {
        const float *row = b + t * n + j;
        wasm_v128_store(p + t * PANEL, wasm_v128_load(row));
        wasm_v128_store(p + t * PANEL + 4, wasm_v128_load(row + 4));
        wasm_v128_store(q + t * PANEL, wasm_v128_load(row + 8));
        wasm_v128_store(q + t * PANEL + 4, wasm_v128_load(row + 12));
      }
    }
  } else {
    // b[n, k]: 4 values of k from each of 8 rows, turned by 4 × 4 shuffles into 4 rows of the panel, in place of
    // 32 scalar loads and stores.
    for (; j + PANEL <= n; j += PANEL, p += PANEL * k) {
      u32 t = 0;
      for (; t + 4 <= k; t += 4) {
        const float *column = b + j * k + t;
        for (u32 half = 0; half < 2; half++, column += 4 * k) {
          const v128_t r0 = wasm_v128_load(column), r1 = wasm_v128_load(column + k);
          const v128_t r2 = wasm_v128_load(column + 2 * k), r3 = wasm_v128_load(column + 3 * k);
          const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
          const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
          float *o = p + t * PANEL + half * 4;
          wasm_v128_store(o, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
          wasm_v128_store(o + PANEL, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
          wasm_v128_store(o + 2 * PANEL, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
          wasm_v128_store(o + 3 * PANEL, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
        }
      }
      for (; t < k; t++)
        for (u32 c = 0; c < PANEL; c++) p[t * PANEL + c] = b[(j + c) * k + t];
    }
  }
  // The rest, one panel at a time, the last padded with zeros.
  for (; j < n; j += PANEL) {
    const u32 width = n - j < PANEL ? n - j : PANEL;
    for (u32 t = 0; t < k; t++, p += PANEL) {
      if (!transposed && width == PANEL) {
        wasm_v128_store(p, wasm_v128_load(b + t * n + j));
        wasm_v128_store(p + 4, wasm_v128_load(b + t * n + j + 4));
        continue;
      }
      for (u32 c = 0; c < PANEL; c++) p[c] = c >= width ? 0.0f : transposed ? b[(j + c) * k + t] : b[t * n + j + c];
    }
  }
}

/** rows[i] = where row i of a[m, ·] starts, `stride` floats apart: a plain matrix as gemm_rows takes it. */
EXPORT(matrix_rows)
void matrix_rows(const float *a, u32 stride, u32 *rows, u32 m) {
  for (u32 i = 0; i < m; i++) rows[i] = (u32)(a + i * stride);
}

/**
 * A convolution's windows as gemm_rows takes them (NHWC, no copy of x): for output pixel (b, y, x) in order and each
 * tap (ky, kx) of the filter, where its `ci` channels start in x, or `zeros` (ci zeros) where the tap is in the padding.
 */
EXPORT(window_rows)
void window_rows(const float *x, const float *zeros, u32 *rows, u32 n, u32 h, u32 w, u32 ci, u32 kh, u32 kw, u32 p, u32 q,
                 u32 sh, u32 sw, u32 top, u32 left) {
  for (u32 b = 0; b < n; b++) {
    for (u32 oy = 0; oy < p; oy++) {
      for (u32 ox = 0; ox < q; ox++) {
        for (u32 ky = 0; ky < kh; ky++) {
          const int iy = (int)(oy * sh + ky) - (int)top;
          for (u32 kx = 0; kx < kw; kx++, rows++) {
            const int ix = (int)(ox * sw + kx) - (int)left;
            *rows = iy < 0 || iy >= (int)h || ix < 0 || ix >= (int)w ? (u32)zeros : (u32)(x + ((b * h + (u32)iy) * w + (u32)ix) * ci);
          }
        }
      }
    }
  }
}

/** Stores the first `width` (1-8) of the 8 sums lo, hi at c. */
__attribute__((always_inline)) static inline void store_sums(float *c, v128_t lo, v128_t hi, u32 width) {
  if (width == PANEL) {
    wasm_v128_store(c, lo);
    wasm_v128_store(c + 4, hi);
    return;
  }
  if (width >= 4) {
    wasm_v128_store(c, lo);
    c += 4;
    width -= 4;
    lo = hi;
  }
  if (width > 0) wasm_v128_store32_lane(c, lo, 0);
  if (width > 1) wasm_v128_store32_lane(c + 1, lo, 1);
  if (width > 2) wasm_v128_store32_lane(c + 2, lo, 2);
}

/** A fused layer's epilogue on 8 sums for columns j..j+7: + bias[j..j+7] where `bias` is not 0, then max(·, 0) where `relu`. */
__attribute__((always_inline)) static inline void finish(v128_t *lo, v128_t *hi, const float *bias, u32 j, u32 relu) {
  if (bias) {
    *lo = wasm_f32x4_add(*lo, wasm_v128_load(bias + j));
    *hi = wasm_f32x4_add(*hi, wasm_v128_load(bias + j + 4));
  }
  if (relu) {
    // pmax(x, 0) is x < 0 ? 0 : x, so NaN stays NaN, as tfjs's relu keeps it.
    *lo = wasm_f32x4_pmax(*lo, wasm_f32x4_splat(0.0f));
    *hi = wasm_f32x4_pmax(*hi, wasm_f32x4_splat(0.0f));
  }
}

/**
 * c[m, n] = a · b, where row i of a is `segments` runs of `run` floats, the s-th starting at rows[i · segments + s]
 * (one run of k for a matrix, one run of ci channels per filter tap for a convolution), and b comes packed by
 * pack_panels with k = segments · run rows. Four rows at a time against one panel: 8 vectors of sums in registers.
 * A fused layer (FusedConv2D, _FusedMatMul) adds `bias` (ceil(n / 8) · 8 floats, zero-padded; 0 for none) and applies
 * ReLU where `relu` is 1, before the sums are stored.
 */
EXPORT(gemm_rows)
void gemm_rows(const u32 *rows, u32 segments, u32 run, const float *panels, const float *bias, u32 relu, float *c, u32 m, u32 n) {
  const u32 k = segments * run;
  u32 i = 0;
  for (; i + 4 <= m; i += 4) {
    const u32 *r = rows + i * segments;
    for (u32 j = 0; j < n; j += PANEL) {
      const float *p = panels + j * k;
      v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      for (u32 s = 0; s < segments; s++) {
        const float *a0 = (const float *)r[s], *a1 = (const float *)r[segments + s];
        const float *a2 = (const float *)r[2 * segments + s], *a3 = (const float *)r[3 * segments + s];
        for (u32 t = 0; t < run; t++, p += PANEL) {
          const v128_t b0 = wasm_v128_load(p), b1 = wasm_v128_load(p + 4);
          v128_t x = wasm_v128_load32_splat(a0 + t);
          c00 = MADD(x, b0, c00);
          c01 = MADD(x, b1, c01);
          x = wasm_v128_load32_splat(a1 + t);
          c10 = MADD(x, b0, c10);
          c11 = MADD(x, b1, c11);
          x = wasm_v128_load32_splat(a2 + t);
          c20 = MADD(x, b0, c20);
          c21 = MADD(x, b1, c21);
          x = wasm_v128_load32_splat(a3 + t);
          c30 = MADD(x, b0, c30);
          c31 = MADD(x, b1, c31);
        }
      }
      finish(&c00, &c01, bias, j, relu);
      finish(&c10, &c11, bias, j, relu);
      finish(&c20, &c21, bias, j, relu);
      finish(&c30, &c31, bias, j, relu);
      const u32 width = n - j < PANEL ? n - j : PANEL;
      float *o = c + i * n + j;
      store_sums(o, c00, c01, width);
      store_sums(o + n, c10, c11, width);
      store_sums(o + 2 * n, c20, c21, width);
      store_sums(o + 3 * n, c30, c31, width);
    }
  }
  // The last 1-3 rows, one at a time.
  for (; i < m; i++) {
    const u32 *r = rows + i * segments;
    for (u32 j = 0; j < n; j += PANEL) {
      const float *p = panels + j * k;
      v128_t lo = wasm_f32x4_splat(0.0f), hi = lo;
      for (u32 s = 0; s < segments; s++) {
        const float *a = (const float *)r[s];
        for (u32 t = 0; t < run; t++, p += PANEL) {
          const v128_t x = wasm_v128_load32_splat(a + t);
          lo = MADD(x, wasm_v128_load(p), lo);
          hi = MADD(x, wasm_v128_load(p + 4), hi);
        }
      }
      finish(&lo, &hi, bias, j, relu);
      store_sums(c + i * n + j, lo, hi, n - j < PANEL ? n - j : PANEL);
    }
  }
}

/** Loads the first `width` (1-8) of 8 sums at c into lo, hi, zeros after them (store_sums's inverse). */
__attribute__((always_inline)) static inline void load_sums(const float *c, v128_t *lo, v128_t *hi, u32 width) {
  if (width == PANEL) {
    *lo = wasm_v128_load(c);
    *hi = wasm_v128_load(c + 4);
    return;
  }
  // The partial vector: width % 4 floats (1-3), after a whole one where width > 4.
  const float *tail = width >= 4 ? c + 4 : c;
  v128_t part = wasm_f32x4_splat(0.0f);
  const u32 rest = width & 3;
  if (rest > 0) part = wasm_v128_load32_lane(tail, part, 0);
  if (rest > 1) part = wasm_v128_load32_lane(tail + 1, part, 1);
  if (rest > 2) part = wasm_v128_load32_lane(tail + 2, part, 2);
  *lo = width >= 4 ? wasm_v128_load(c) : part;
  *hi = width >= 4 ? part : wasm_f32x4_splat(0.0f);
}

/**
 * c[m, n] = aᵀ · b, or c + aᵀ · b where `accumulate`: a is [k, m] with its rows `stride` floats apart (a[t][i] at
 * a + t · stride + i: aᵀ is never written out), b comes packed by pack_panels. The same 4 rows × 8 columns of sums in
 * registers as gemm_rows, each step broadcasting a[t][i … i + 3] from one row of a. Winograd's filter gradient
 * (wasmWinograd.ts) sums over tiles this way: a = the transformed input of a block of tiles, [tiles, ci], as its input
 * transform writes it; b = the transformed dy; c = the [ci, co] sums it adds block after block.
 */
EXPORT(gemm_transposed)
void gemm_transposed(const float *a, u32 stride, const float *panels, float *c, u32 m, u32 n, u32 k, u32 accumulate) {
  u32 i = 0;
  for (; i + 4 <= m; i += 4) {
    for (u32 j = 0; j < n; j += PANEL) {
      const u32 width = n - j < PANEL ? n - j : PANEL;
      float *o = c + i * n + j;
      v128_t c00, c01, c10, c11, c20, c21, c30, c31;
      if (accumulate) {
        load_sums(o, &c00, &c01, width);
        load_sums(o + n, &c10, &c11, width);
        load_sums(o + 2 * n, &c20, &c21, width);
        load_sums(o + 3 * n, &c30, &c31, width);
      } else {
        c00 = wasm_f32x4_splat(0.0f);
        c01 = c10 = c11 = c20 = c21 = c30 = c31 = c00;
      }
      const float *p = panels + j * k, *r = a + i;
      for (u32 t = 0; t < k; t++, p += PANEL, r += stride) {
        const v128_t b0 = wasm_v128_load(p), b1 = wasm_v128_load(p + 4);
        v128_t x = wasm_v128_load32_splat(r);
        c00 = MADD(x, b0, c00);
        c01 = MADD(x, b1, c01);
        x = wasm_v128_load32_splat(r + 1);
        c10 = MADD(x, b0, c10);
        c11 = MADD(x, b1, c11);
        x = wasm_v128_load32_splat(r + 2);
        c20 = MADD(x, b0, c20);
        c21 = MADD(x, b1, c21);
        x = wasm_v128_load32_splat(r + 3);
        c30 = MADD(x, b0, c30);
        c31 = MADD(x, b1, c31);
      }
      store_sums(o, c00, c01, width);
      store_sums(o + n, c10, c11, width);
      store_sums(o + 2 * n, c20, c21, width);
      store_sums(o + 3 * n, c30, c31, width);
    }
  }
  // The last 1-3 rows, one at a time.
  for (; i < m; i++) {
    for (u32 j = 0; j < n; j += PANEL) {
      const u32 width = n - j < PANEL ? n - j : PANEL;
      v128_t lo, hi;
      if (accumulate) load_sums(c + i * n + j, &lo, &hi, width);
      else lo = hi = wasm_f32x4_splat(0.0f);
      const float *p = panels + j * k, *r = a + i;
      for (u32 t = 0; t < k; t++, p += PANEL, r += stride) {
        const v128_t x = wasm_v128_load32_splat(r);
        lo = MADD(x, wasm_v128_load(p), lo);
        hi = MADD(x, wasm_v128_load(p + 4), hi);
      }
      store_sums(c + i * n + j, lo, hi, width);
    }
  }
}
