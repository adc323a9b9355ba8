// Training kernels in WebAssembly SIMD for the wasm backend, working in place in tfjs-wasm's own memory (imported,
// so no copy in or out). JavaScript took 3-10 ns per element for these passes on the 2-core machine; tfjs-wasm's
// generic kernels 2-3 ns in several passes; these take one pass, four lanes at a time.
// Built by esbuild.mjs: clang --target=wasm32 -O3 -msimd128 -mbulk-memory -nostdlib, linked with --import-memory.
// Pointers are byte offsets into that memory. Nothing here may use the C stack or static data: the memory is
// tfjs-wasm's, and the linker's stack and data addresses would be its. esbuild.mjs checks the module for both.
#include <wasm_simd128.h>

typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(#name)))

/** dx = dy · step(x): dy where x > 0, dy · 0 where x ≤ 0, NaN where x is NaN (tfjs's Step, Cast, Multiply). */
EXPORT(relu_grad)
void relu_grad(const float *dy, const float *x, float *dx, u32 n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const v128_t one = wasm_f32x4_splat(1.0f);
  const v128_t nan = wasm_f32x4_splat(__builtin_nanf(""));
  u32 i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    v128_t step = wasm_v128_bitselect(one, zero, wasm_f32x4_gt(v, zero));
    step = wasm_v128_bitselect(nan, step, wasm_f32x4_ne(v, v));
    wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i), step));
  }
  for (; i < n; i++) {
    float v = x[i];
    dx[i] = dy[i] * (v > 0.0f ? 1.0f : v != v ? __builtin_nanf("") : 0.0f);
  }
}

/** out[r, c] = x[r, c] + bias[c] for `rows` rows of `channels` values. */
EXPORT(bias_add)
void bias_add(const float *x, const float *bias, float *out, u32 rows, u32 channels) {
  for (u32 r = 0; r < rows; r++) {
    const float *xr = x + r * channels;
    float *outr = out + r * channels;
    u32 c = 0;
    for (; c + 4 <= channels; c += 4) wasm_v128_store(outr + c, wasm_f32x4_add(wasm_v128_load(xr + c), wasm_v128_load(bias + c)));
    for (; c < channels; c++) outr[c] = xr[c] + bias[c];
  }
}

/**
 * Max pooling gradient for 2×2 windows, stride 2, no padding, NHWC: each window's gradient goes to its first
 * maximum (NaN never wins; a window of NaN or -Infinity only gets none), as on the cpu backend. Rows and columns no
 * window reaches (an odd size) get 0.
 */
EXPORT(max_pool_2x2_grad)
void max_pool_2x2_grad(const float *x, const float *dy, float *dx, u32 batch, u32 in_h, u32 in_w, u32 channels, u32 out_h, u32 out_w) {
  if (out_h * 2 != in_h || out_w * 2 != in_w) __builtin_memset(dx, 0, (unsigned long)batch * in_h * in_w * channels * 4);
  const u32 row = in_w * channels;
  const v128_t lowest = wasm_f32x4_splat(-__builtin_inff());
  const float *g = dy;
  for (u32 b = 0; b < batch; b++) {
    for (u32 oh = 0; oh < out_h; oh++) {
      u32 p = (b * in_h + oh * 2) * row;
      for (u32 ow = 0; ow < out_w; ow++, p += 2 * channels, g += channels) {
        u32 c = 0;
        for (; c + 4 <= channels; c += 4) {
          u32 i0 = p + c, i1 = i0 + channels, i2 = i0 + row, i3 = i2 + channels;
          v128_t a = wasm_v128_load(x + i0), bb = wasm_v128_load(x + i1), cc = wasm_v128_load(x + i2), d = wasm_v128_load(x + i3);
          v128_t m0 = wasm_f32x4_gt(a, lowest);
          v128_t best = wasm_v128_bitselect(a, lowest, m0);
          v128_t m1 = wasm_f32x4_gt(bb, best);
          best = wasm_v128_bitselect(bb, best, m1);
          v128_t m2 = wasm_f32x4_gt(cc, best);
          best = wasm_v128_bitselect(cc, best, m2);
          v128_t m3 = wasm_f32x4_gt(d, best);
          v128_t w2 = wasm_v128_andnot(m2, m3);
          v128_t w1 = wasm_v128_andnot(wasm_v128_andnot(m1, m2), m3);
          v128_t w0 = wasm_v128_andnot(wasm_v128_andnot(wasm_v128_andnot(m0, m1), m2), m3);
          v128_t gv = wasm_v128_load(g + c);
          wasm_v128_store(dx + i0, wasm_v128_and(gv, w0));
          wasm_v128_store(dx + i1, wasm_v128_and(gv, w1));
          wasm_v128_store(dx + i2, wasm_v128_and(gv, w2));
          wasm_v128_store(dx + i3, wasm_v128_and(gv, m3));
        }
        for (; c < channels; c++) {
          u32 i0 = p + c, i1 = i0 + channels, i2 = i0 + row, i3 = i2 + channels;
          float best = -__builtin_inff();
          int k = -1;
          if (x[i0] > best) { best = x[i0]; k = 0; }
          if (x[i1] > best) { best = x[i1]; k = 1; }
          if (x[i2] > best) { best = x[i2]; k = 2; }
          if (x[i3] > best) k = 3;
          float gc = g[c];
          dx[i0] = k == 0 ? gc : 0.0f;
          dx[i1] = k == 1 ? gc : 0.0f;
          dx[i2] = k == 2 ? gc : 0.0f;
          dx[i3] = k == 3 ? gc : 0.0f;
        }
      }
    }
  }
}

/**
 * Windows of a convolution, passed as twelve arguments (a struct would go through the C stack): NHWC input [n, h, w,
 * ci], kernel kh × kw, output p × q, strides sh and sw, padding top and left before the first row and column.
 */
#define WINDOWS u32 n, u32 h, u32 w, u32 ci, u32 kh, u32 kw, u32 p, u32 q, u32 sh, u32 sw, u32 top, u32 left

/**
 * One window after another, the ci values of each of its pixels against their place in x (NHWC) and in col (a row per
 * window, (i, j, c) along it): col[(b,r,s), (i,j,c)] = xpad[b, r·sh+i-top, s·sw+j-left, c]. Copies x into col (0 in the
 * padding), or with `into_x` adds col into x (nothing in the padding). Inlined with `into_x` a constant.
 */
static inline void windows_walk(float *x, float *col, int into_x, WINDOWS) {
  for (u32 b = 0; b < n; b++) {
    for (u32 r = 0; r < p; r++) {
      for (u32 s = 0; s < q; s++) {
        for (u32 i = 0; i < kh; i++) {
          int hh = (int)(r * sh + i) - (int)top;
          const int w0 = (int)(s * sw) - (int)left;
          if (!into_x && hh >= 0 && hh < (int)h && w0 >= 0 && w0 + (int)kw <= (int)w) {
            // The whole row of the window is inside x: kw·ci floats side by side, copied as one run (a first layer's
            // 3 floats went element by element through the bounds test: 1.9 ms of the seed CNN's conv1 gradient).
            const float *px = x + ((b * h + (u32)hh) * w + (u32)w0) * ci;
            const u32 len = kw * ci;
            u32 c = 0;
            for (; c + 4 <= len; c += 4) wasm_v128_store(col + c, wasm_v128_load(px + c));
            for (; c < len; c++) col[c] = px[c];
            col += len;
            continue;
          }
          for (u32 j = 0; j < kw; j++, col += ci) {
            int ww = (int)(s * sw + j) - (int)left;
            if (hh < 0 || hh >= (int)h || ww < 0 || ww >= (int)w) {
              if (!into_x) for (u32 c = 0; c < ci; c++) col[c] = 0.0f;
              continue;
            }
            float *px = x + ((b * h + (u32)hh) * w + (u32)ww) * ci;
            u32 c = 0;
            if (into_x) {
              for (; c + 4 <= ci; c += 4) wasm_v128_store(px + c, wasm_f32x4_add(wasm_v128_load(px + c), wasm_v128_load(col + c)));
              for (; c < ci; c++) px[c] += col[c];
            } else {
              for (; c < ci; c++) col[c] = px[c];
            }
          }
        }
      }
    }
  }
}

/** col[(b,r,s), (i,j,c)] = xpad[b, r·sh+i-top, s·sw+j-left, c]: one window after another (zeros in the padding). */
EXPORT(im2col)
void im2col(const float *x, float *col, WINDOWS) {
  windows_walk((float *)x, col, 0, n, h, w, ci, kh, kw, p, q, sh, sw, top, left);
}

/** dx[b, r·sh+i-top, s·sw+j-left, c] += col[(b,r,s), (i,j,c)], skipping the padding; dx is zeroed first. */
EXPORT(col2im)
void col2im(const float *col, float *dx, WINDOWS) {
  __builtin_memset(dx, 0, (unsigned long)n * h * w * ci * 4);
  windows_walk(dx, (float *)col, 1, n, h, w, ci, kh, kw, p, q, sh, sw, top, left);
}

/** Images im2col_transposed reads at once: 8 of the seed CNN's conv2 inputs are 173 KB, within the L2 cache (1, 4, 8,
 * 16, 32, 64 took 5.7, 3.2, 2.0-2.9, 2.1-3.7, 2.6, 3.8 ms for that im2col). */
#define IMAGES_AT_ONCE 8

/** The value of input pixel (hh, ww), channel c, of one image; 0 in the padding. */
static inline float pixel(const float *image, int hh, int ww, u32 c, u32 h, u32 w, u32 ci) {
  return hh < 0 || hh >= (int)h || ww < 0 || ww >= (int)w ? 0.0f : image[((u32)hh * w + (u32)ww) * ci + c];
}

/** Four channels of input pixel (hh, ww) of one image, from c on; zeros in the padding. */
static inline v128_t pixel4(const float *image, int hh, int ww, u32 c, u32 h, u32 w, u32 ci) {
  return hh < 0 || hh >= (int)h || ww < 0 || ww >= (int)w ? wasm_f32x4_splat(0.0f) : wasm_v128_load(image + ((u32)hh * w + (u32)ww) * ci + c);
}

/**
 * The transpose of im2col, colT[(i,j,c), (b,r,s)], so that colT · dy[(b,r,s), co] is the filter gradient in the
 * filter's own layout [kh, kw, ci, co]. Four channels of four neighbouring windows are read as four vectors and
 * transposed in registers, so each of the four rows gets four contiguous columns. Columns past a multiple of four,
 * and every channel when ci is not a multiple of four, are done one at a time.
 */
EXPORT(im2col_transposed)
void im2col_transposed(const float *x, float *colT, WINDOWS) {
  const u32 m = n * p * q;
  const u32 c4 = ci % 4 == 0 ? ci : 0;
  // A few images at a time, each group of four rows written through before the next: the 4 rows' writes stay on a
  // few pages (row after row, one image after another, all K rows at once missed the TLB: 8 ms for conv2, now 2-3), and the
  // images' pixels stay in cache for the kh·kw·ci/4 passes over them.
  for (u32 b0 = 0; b0 < n; b0 += IMAGES_AT_ONCE) {
    const u32 b1 = b0 + IMAGES_AT_ONCE < n ? b0 + IMAGES_AT_ONCE : n;
    for (u32 i = 0; i < kh; i++) {
      for (u32 j = 0; j < kw; j++) {
        for (u32 c = 0; c < ci; c += c4 ? 4 : 1) {
          float *row = colT + ((i * kw + j) * ci + c) * m;
          for (u32 b = b0; b < b1; b++) {
            const float *image = x + b * h * w * ci;
            for (u32 r = 0; r < p; r++) {
              const int hh = (int)(r * sh + i) - (int)top;
              float *dst = row + (b * p + r) * q;
              // The last four columns overlap the ones before when q is not a multiple of four (same values again).
              u32 s = 0;
              for (u32 next = 0; c4 && q >= 4 && s < q; s = next) {
                if (s + 4 > q) s = q - 4;
                next = s + 4;
                const int w0 = (int)(s * sw + j) - (int)left;
                v128_t v0 = pixel4(image, hh, w0, c, h, w, ci), v1 = pixel4(image, hh, w0 + (int)sw, c, h, w, ci);
                v128_t v2 = pixel4(image, hh, w0 + 2 * (int)sw, c, h, w, ci), v3 = pixel4(image, hh, w0 + 3 * (int)sw, c, h, w, ci);
                v128_t t0 = wasm_i32x4_shuffle(v0, v1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(v2, v3, 0, 4, 1, 5);
                v128_t t2 = wasm_i32x4_shuffle(v0, v1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(v2, v3, 2, 6, 3, 7);
                wasm_v128_store(dst + s, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
                wasm_v128_store(dst + m + s, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
                wasm_v128_store(dst + 2 * m + s, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
                wasm_v128_store(dst + 3 * m + s, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
              }
              for (; s < q; s++) {
                const int ww = (int)(s * sw + j) - (int)left;
                for (u32 k = 0; k < (c4 ? 4u : 1u); k++) dst[k * m + s] = pixel(image, hh, ww, c + k, h, w, ci);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * One Adam step for n parameters, in tfjs's own order of float32 operations (AdamOptimizer.applyGradients), so the
 * results are those of its fourteen kernels bit for bit: m' = m·β1 + g·(1-β1), v' = v·β2 + g²·(1-β2), and
 * value' = (m'/c1) / (√(v'/c2) + ε) · (-lr) + value with c1 = 1 - β1ᵗ, c2 = 1 - β2ᵗ read from tfjs's accBeta scalars.
 * Scalars come as tfjs makes them: float32 of the JavaScript numbers β1, 1-β1, β2, 1-β2, ε, -lr.
 */
EXPORT(adam_step)
void adam_step(const float *value, const float *grad, const float *m, const float *v, const float *acc_beta1, const float *acc_beta2,
               float *value_out, float *m_out, float *v_out, u32 n,
               float beta1, float one_minus_beta1, float beta2, float one_minus_beta2, float epsilon, float neg_lr) {
  const float c1 = 1.0f - *acc_beta1, c2 = 1.0f - *acc_beta2;
  const v128_t b1 = wasm_f32x4_splat(beta1), ob1 = wasm_f32x4_splat(one_minus_beta1);
  const v128_t b2 = wasm_f32x4_splat(beta2), ob2 = wasm_f32x4_splat(one_minus_beta2);
  const v128_t vc1 = wasm_f32x4_splat(c1), vc2 = wasm_f32x4_splat(c2), eps = wasm_f32x4_splat(epsilon), lr = wasm_f32x4_splat(neg_lr);
  u32 i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t g = wasm_v128_load(grad + i);
    v128_t nm = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), b1), wasm_f32x4_mul(g, ob1));
    v128_t nv = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), b2), wasm_f32x4_mul(wasm_f32x4_mul(g, g), ob2));
    v128_t step = wasm_f32x4_div(wasm_f32x4_div(nm, vc1), wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(nv, vc2)), eps));
    wasm_v128_store(value_out + i, wasm_f32x4_add(wasm_f32x4_mul(step, lr), wasm_v128_load(value + i)));
    wasm_v128_store(m_out + i, nm);
    wasm_v128_store(v_out + i, nv);
  }
  for (; i < n; i++) {
    float g = grad[i];
    float nm = m[i] * beta1 + g * one_minus_beta1;
    float nv = v[i] * beta2 + (g * g) * one_minus_beta2;
    value_out[i] = (nm / c1) / (__builtin_sqrtf(nv / c2) + epsilon) * neg_lr + value[i];
    m_out[i] = nm;
    v_out[i] = nv;
  }
}

/** Rows of dy filter_grad_few_rows reads at once: 128 of conv1's are 16 KB. */
#define FEW_ROWS_CHUNK 128

static void few_rows_tiles(const float *col, const float *dy, float *dw, u32 r0, u32 r1, u32 k, u32 co);

/** Adds to dw[k0+a, c0..] for a < kn the product below over rows r0 to r1: kn·(4 or 8) sums in registers. */
static inline void few_rows_tile(const float *col, const float *dy, float *dw, u32 r0, u32 r1, u32 k, u32 co, u32 k0, u32 c0, u32 kn, int eight) {
  float *out = dw + k0 * co + c0;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  v128_t a0 = wasm_v128_load(out), a1 = eight ? wasm_v128_load(out + 4) : zero;
  v128_t b0 = kn > 1 ? wasm_v128_load(out + co) : zero, b1 = kn > 1 && eight ? wasm_v128_load(out + co + 4) : zero;
  v128_t c0v = kn > 2 ? wasm_v128_load(out + 2 * co) : zero, c1 = kn > 2 && eight ? wasm_v128_load(out + 2 * co + 4) : zero;
  v128_t d0 = kn > 3 ? wasm_v128_load(out + 3 * co) : zero, d1 = kn > 3 && eight ? wasm_v128_load(out + 3 * co + 4) : zero;
  for (u32 r = r0; r < r1; r++) {
    const float *cr = col + r * k + k0;
    const float *dr = dy + r * co + c0;
    const v128_t y0 = wasm_v128_load(dr), y1 = eight ? wasm_v128_load(dr + 4) : y0;
    const v128_t s0 = wasm_f32x4_splat(cr[0]);
    a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(s0, y0));
    if (eight) a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(s0, y1));
    if (kn > 1) {
      const v128_t s1 = wasm_f32x4_splat(cr[1]);
      b0 = wasm_f32x4_add(b0, wasm_f32x4_mul(s1, y0));
      if (eight) b1 = wasm_f32x4_add(b1, wasm_f32x4_mul(s1, y1));
    }
    if (kn > 2) {
      const v128_t s2 = wasm_f32x4_splat(cr[2]);
      c0v = wasm_f32x4_add(c0v, wasm_f32x4_mul(s2, y0));
      if (eight) c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(s2, y1));
    }
    if (kn > 3) {
      const v128_t s3 = wasm_f32x4_splat(cr[3]);
      d0 = wasm_f32x4_add(d0, wasm_f32x4_mul(s3, y0));
      if (eight) d1 = wasm_f32x4_add(d1, wasm_f32x4_mul(s3, y1));
    }
  }
  wasm_v128_store(out, a0);
  if (eight) wasm_v128_store(out + 4, a1);
  if (kn > 1) { wasm_v128_store(out + co, b0); if (eight) wasm_v128_store(out + co + 4, b1); }
  if (kn > 2) { wasm_v128_store(out + 2 * co, c0v); if (eight) wasm_v128_store(out + 2 * co + 4, c1); }
  if (kn > 3) { wasm_v128_store(out + 3 * co, d0); if (eight) wasm_v128_store(out + 3 * co + 4, d1); }
}

/**
 * dw[k, co] = Σ_r col[r, k] · dy[r, co]: the filter gradient of a convolution on few input channels (k = kh·kw·ci up
 * to 32, a first layer) straight from its im2col, co a multiple of 4. XNNPACK took dyᵀ (a transpose of all of dy) and
 * a product with 9 output columns, most of its tiles empty. Tiles of 4 rows of k by 8 of co, FEW_ROWS_CHUNK rows of
 * dy at a time, so each tile reads them from the L1 cache rather than all of dy (5.5 MB for conv1) once per tile.
 */
EXPORT(filter_grad_few_rows)
void filter_grad_few_rows(const float *col, const float *dy, float *dw, u32 m, u32 k, u32 co) {
  __builtin_memset(dw, 0, (unsigned long)k * co * 4);
  for (u32 r0 = 0; r0 < m; r0 += FEW_ROWS_CHUNK) {
    const u32 r1 = r0 + FEW_ROWS_CHUNK < m ? r0 + FEW_ROWS_CHUNK : m;
    few_rows_tiles(col, dy, dw, r0, r1, k, co);
  }
}

/** All tiles of filter_grad_few_rows over rows r0 to r1. */
static void few_rows_tiles(const float *col, const float *dy, float *dw, u32 r0, u32 r1, u32 k, u32 co) {
  for (u32 k0 = 0; k0 < k; k0 += 4) {
    for (u32 c0 = 0; c0 < co; c0 += 8) {
      const int eight = c0 + 8 <= co;
      // Constant arguments, so each case is its own loop with only the sums it needs.
      switch ((k - k0 < 4 ? k - k0 : 4) * 2 + (u32)eight) {
        case 2: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 1, 0); break;
        case 3: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 1, 1); break;
        case 4: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 2, 0); break;
        case 5: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 2, 1); break;
        case 6: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 3, 0); break;
        case 7: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 3, 1); break;
        case 8: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 4, 0); break;
        default: few_rows_tile(col, dy, dw, r0, r1, k, co, k0, c0, 4, 1); break;
      }
    }
  }
}
