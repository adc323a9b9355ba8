// Winograd F(2×2, 3×3) transforms for 3×3 stride-1 convolutions on the wasm backend (Lavin and Gray, "Fast Algorithms
// for Convolutional Neural Networks", 2015). Each 2×2 block of outputs is Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A, with d the 4×4
// block of input around it: 16 multiplications per input and output channel instead of 36. Summed over input channels,
// each of the 16 element-wise products is a matrix product [tiles, ci] · [ci, co], which our products do (wasmGemm.c);
// these are the passes around them: the filter transform (once per call), the input transform, the inverse transform.
//   G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]   Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]   Aᵀ = [1 1 1 0; 0 1 -1 -1]
// Built by esbuild.mjs like wasmKernels.c: tfjs-wasm's memory imported, no stack, no static data; pointers are byte
// offsets into that memory. Four channels at a time in SIMD, the last 1-3 one at a time through lane 0.
#include <wasm_simd128.h>

typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE __attribute__((always_inline)) static inline

/** Four channels from p, or one (in lane 0) where width is 1. */
INLINE v128_t load(const float *p, u32 width) { return width == 4 ? wasm_v128_load(p) : wasm_f32x4_make(*p, 0.0f, 0.0f, 0.0f); }
INLINE void store(float *p, v128_t v, u32 width) {
  if (width == 4) wasm_v128_store(p, v);
  else wasm_v128_store32_lane(p, v, 0);
}

#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub

/** G·(a, b, c): the 3 taps of a filter row or column to 4. */
#define G_TAPS(a, b, c, o0, o1, o2, o3)                     \
  do {                                                      \
    const v128_t half_ac = wasm_f32x4_mul(ADD(a, c), half); \
    const v128_t half_b = wasm_f32x4_mul(b, half);          \
    o0 = a;                                                 \
    o1 = ADD(half_ac, half_b);                              \
    o2 = SUB(half_ac, half_b);                              \
    o3 = c;                                                 \
  } while (0)

/** Bᵀ·(a, b, c, d): 4 input values to 4. */
#define B_T(a, b, c, d, o0, o1, o2, o3) \
  do {                                  \
    o0 = SUB(a, c);                     \
    o1 = ADD(b, c);                     \
    o2 = SUB(c, b);                     \
    o3 = SUB(b, d);                     \
  } while (0)

/** Aᵀ·(a, b, c, d): 4 products to 2 outputs. */
#define A_T(a, b, c, d, o0, o1) \
  do {                          \
    o0 = ADD(ADD(a, b), c);     \
    o1 = SUB(SUB(b, c), d);     \
  } while (0)

INLINE void filter_group(const float *w, float *u, u32 count, u32 flip, u32 width) {
  const v128_t half = wasm_f32x4_splat(0.5f);
  // g[i][j] = tap (i, j) of the filter, or tap (2-i, 2-j) where flip (the input gradient's filter).
#define TAP(i, j) load(w + (flip ? (2 - (i)) * 3 + (2 - (j)) : (i) * 3 + (j)) * count, width)
  v128_t r0c0, r0c1, r0c2, r0c3, r1c0, r1c1, r1c2, r1c3, r2c0, r2c1, r2c2, r2c3;
  // G g Gᵀ: each filter row (3 taps) to 4 columns, then each of those columns (3 rows) to 4 rows.
  G_TAPS(TAP(0, 0), TAP(0, 1), TAP(0, 2), r0c0, r0c1, r0c2, r0c3);
  G_TAPS(TAP(1, 0), TAP(1, 1), TAP(1, 2), r1c0, r1c1, r1c2, r1c3);
  G_TAPS(TAP(2, 0), TAP(2, 1), TAP(2, 2), r2c0, r2c1, r2c2, r2c3);
#undef TAP
  v128_t o0, o1, o2, o3;
#define COLUMN(j, a, b, c)                       \
  G_TAPS(a, b, c, o0, o1, o2, o3);               \
  store(u + (0 * 4 + (j)) * count, o0, width);   \
  store(u + (1 * 4 + (j)) * count, o1, width);   \
  store(u + (2 * 4 + (j)) * count, o2, width);   \
  store(u + (3 * 4 + (j)) * count, o3, width)
  COLUMN(0, r0c0, r1c0, r2c0);
  COLUMN(1, r0c1, r1c1, r2c1);
  COLUMN(2, r0c2, r1c2, r2c2);
  COLUMN(3, r0c3, r1c3, r2c3);
#undef COLUMN
}

/**
 * u[16, count] = G g Gᵀ for each of the `count` (ci·co) 3×3 filters of w[3, 3, count] (HWIO: a filter's taps are
 * `count` floats apart); with `flip`, of each filter turned by 180° (the input gradient's).
 */
EXPORT(winograd_filter)
void winograd_filter(const float *w, float *u, u32 count, u32 flip) {
  u32 e = 0;
  for (; e + 4 <= count; e += 4) filter_group(w + e, u + e, count, flip, 4);
  for (; e < count; e++) filter_group(w + e, u + e, count, flip, 1);
}

/** Bᵀ d B for `width` channels of one tile, whose 16 inputs start at d00 … d33, stored at v (16 planes `plane` floats apart). */
INLINE void input_group(const float *const *d, u32 c, float *v, u32 plane, u32 width) {
  // Bᵀ on each of the 4 columns, then B on each of the 4 rows that gives.
  v128_t t[4][4];
  for (u32 s = 0; s < 4; s++) B_T(load(d[s] + c, width), load(d[4 + s] + c, width), load(d[8 + s] + c, width), load(d[12 + s] + c, width), t[0][s], t[1][s], t[2][s], t[3][s]);
  for (u32 r = 0; r < 4; r++) {
    v128_t o0, o1, o2, o3;
    B_T(t[r][0], t[r][1], t[r][2], t[r][3], o0, o1, o2, o3);
    store(v + (r * 4 + 0) * plane + c, o0, width);
    store(v + (r * 4 + 1) * plane + c, o1, width);
    store(v + (r * 4 + 2) * plane + c, o2, width);
    store(v + (r * 4 + 3) * plane + c, o3, width);
  }
}

/**
 * v[16, count, c] = Bᵀ d B for tiles first … first + count - 1 of x[n, h, w, c], tile t being image t / (tiles_y ·
 * tiles_x), row ty and column tx of tiles in it: the 4×4 block d that starts at row 2·ty - top, column 2·tx - left,
 * with zeros (c of them at `zeros`) outside x. A block of tiles at a time keeps v and the products in cache.
 */
EXPORT(winograd_input)
void winograd_input(const float *x, const float *zeros, float *v, u32 h, u32 w, u32 c, u32 tiles_y, u32 tiles_x, u32 top, u32 left, u32 first, u32 count) {
  const u32 plane = count * c;
  for (u32 t = first; t < first + count; t++, v += c) {
    const u32 b = t / (tiles_y * tiles_x), ty = t / tiles_x % tiles_y, tx = t % tiles_x;
    const float *d[16];
    for (u32 r = 0; r < 4; r++) {
      const int iy = (int)(2 * ty + r) - (int)top;
      for (u32 s = 0; s < 4; s++) {
        const int ix = (int)(2 * tx + s) - (int)left;
        d[r * 4 + s] = iy < 0 || iy >= (int)h || ix < 0 || ix >= (int)w ? zeros : x + ((b * h + (u32)iy) * w + (u32)ix) * c;
      }
    }
    u32 k = 0;
    for (; k + 4 <= c; k += 4) input_group(d, k, v, plane, 4);
    for (; k < c; k++) input_group(d, k, v, plane, 1);
  }
}

/** Aᵀ m A for `width` channels of one tile, from m (16 planes `plane` floats apart), + bias, ReLU; stored at o, the
 * pixel to the right `co` floats on, the one below `row` floats on, where they fall inside (`rows`, `cols`: 1 or 2). */
INLINE void output_group(const float *m, u32 plane, const float *bias, u32 relu, float *o, u32 row, u32 rows, u32 cols, u32 co, u32 width) {
  v128_t t00, t01, t02, t03, t10, t11, t12, t13;
#define M(i) load(m + (i) * plane, width)
  A_T(M(0), M(4), M(8), M(12), t00, t10);
  A_T(M(1), M(5), M(9), M(13), t01, t11);
  A_T(M(2), M(6), M(10), M(14), t02, t12);
  A_T(M(3), M(7), M(11), M(15), t03, t13);
#undef M
  v128_t y00, y01, y10, y11;
  A_T(t00, t01, t02, t03, y00, y01);
  A_T(t10, t11, t12, t13, y10, y11);
  if (bias) {
    const v128_t add = load(bias, width);
    y00 = ADD(y00, add);
    y01 = ADD(y01, add);
    y10 = ADD(y10, add);
    y11 = ADD(y11, add);
  }
  if (relu) {
    // pmax(x, 0) is x < 0 ? 0 : x, so NaN stays NaN, as tfjs's relu keeps it.
    const v128_t zero = wasm_f32x4_splat(0.0f);
    y00 = wasm_f32x4_pmax(y00, zero);
    y01 = wasm_f32x4_pmax(y01, zero);
    y10 = wasm_f32x4_pmax(y10, zero);
    y11 = wasm_f32x4_pmax(y11, zero);
  }
  store(o, y00, width);
  if (cols > 1) store(o + co, y01, width);
  if (rows > 1) store(o + row, y10, width);
  if (rows > 1 && cols > 1) store(o + row + co, y11, width);
}

/**
 * out[n, p, q, co] for tiles first … first + count - 1 (as winograd_input numbers them) from m[16, count, co], the 16
 * products summed over input channels: Aᵀ m A for each tile, the 2×2 outputs that fall inside p × q, plus bias[co]
 * where `bias` is not 0, then max(·, 0) where `relu`.
 */
EXPORT(winograd_output)
void winograd_output(const float *m, float *out, const float *bias, u32 relu, u32 p, u32 q, u32 co, u32 tiles_y, u32 tiles_x, u32 first, u32 count) {
  const u32 plane = count * co;
  for (u32 t = first; t < first + count; t++, m += co) {
    const u32 b = t / (tiles_y * tiles_x), ty = t / tiles_x % tiles_y, tx = t % tiles_x;
    const u32 rows = p - 2 * ty < 2 ? p - 2 * ty : 2;
    const u32 cols = q - 2 * tx < 2 ? q - 2 * tx : 2;
    float *o = out + ((b * p + 2 * ty) * q + 2 * tx) * co;
    u32 k = 0;
    for (; k + 4 <= co; k += 4) output_group(m + k, plane, bias ? bias + k : 0, relu, o + k, q * co, rows, cols, co, 4);
    for (; k < co; k++) output_group(m + k, plane, bias ? bias + k : 0, relu, o + k, q * co, rows, cols, co, 1);
  }
}

// F(4×4, 3×3): 36 multiplications per 4×4 outputs (against 144 direct, 64 by F(2×2, 3×3)), on 6×6 blocks of input:
//   G = [¼ 0 0; -⅙ -⅙ -⅙; -⅙ ⅙ -⅙; 1/24 1/12 ⅙; 1/24 -1/12 ⅙; 0 0 1]
//   Bᵀ = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
//   Aᵀ = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]
// Its transforms scale values by up to 8 and 1/24, so it rounds more than F(2×2, 3×3): test/unit/winogradParity.test.ts
// holds both to the same bound.
#define MUL(a, k) wasm_f32x4_mul(a, wasm_f32x4_splat(k))

/** G·(a, b, c) for F(4×4, 3×3): 3 taps to 6. */
#define G6(a, b, c, o)                                           \
  do {                                                           \
    const v128_t s_ = MUL(ADD(a, c), -1.0f / 6), v_ = MUL(b, -1.0f / 6); \
    const v128_t t_ = ADD(MUL(a, 1.0f / 24), MUL(c, 1.0f / 6)), u_ = MUL(b, 1.0f / 12); \
    o[0] = MUL(a, 0.25f);                                        \
    o[1] = ADD(s_, v_);                                          \
    o[2] = SUB(s_, v_);                                          \
    o[3] = ADD(t_, u_);                                          \
    o[4] = SUB(t_, u_);                                          \
    o[5] = c;                                                    \
  } while (0)

/** Bᵀ·(d0 … d5) for F(4×4, 3×3). */
#define B6(d0, d1, d2, d3, d4, d5, o)                        \
  do {                                                       \
    const v128_t t0_ = SUB(d4, MUL(d2, 4.0f)), t1_ = SUB(d3, MUL(d1, 4.0f)); \
    const v128_t t2_ = SUB(d4, d2), t3_ = MUL(SUB(d3, d1), 2.0f); \
    o[0] = ADD(SUB(MUL(d0, 4.0f), MUL(d2, 5.0f)), d4);      \
    o[1] = ADD(t0_, t1_);                                    \
    o[2] = SUB(t0_, t1_);                                    \
    o[3] = ADD(t2_, t3_);                                    \
    o[4] = SUB(t2_, t3_);                                    \
    o[5] = ADD(SUB(MUL(d1, 4.0f), MUL(d3, 5.0f)), d5);      \
  } while (0)

/** Aᵀ·(m0 … m5) for F(4×4, 3×3): 6 products to 4 outputs. */
#define A6(m0, m1, m2, m3, m4, m5, o)                        \
  do {                                                       \
    const v128_t a_ = ADD(m1, m2), b_ = SUB(m1, m2), c_ = ADD(m3, m4), d_ = SUB(m3, m4); \
    o[0] = ADD(ADD(m0, a_), c_);                             \
    o[1] = ADD(b_, MUL(d_, 2.0f));                           \
    o[2] = ADD(a_, MUL(c_, 4.0f));                           \
    o[3] = ADD(ADD(b_, MUL(d_, 8.0f)), m5);                  \
  } while (0)

INLINE void filter4_group(const float *w, float *u, u32 count, u32 flip, u32 width) {
#define TAP(i, j) load(w + (flip ? (2 - (i)) * 3 + (2 - (j)) : (i) * 3 + (j)) * count, width)
  v128_t r[3][6];
  _Pragma("clang loop unroll(full)")
  for (u32 i = 0; i < 3; i++) G6(TAP(i, 0), TAP(i, 1), TAP(i, 2), r[i]);
#undef TAP
  _Pragma("clang loop unroll(full)")
  for (u32 j = 0; j < 6; j++) {
    v128_t o[6];
    G6(r[0][j], r[1][j], r[2][j], o);
    _Pragma("clang loop unroll(full)")
    for (u32 i = 0; i < 6; i++) store(u + (i * 6 + j) * count, o[i], width);
  }
}

/** u[36, count] = G g Gᵀ (F(4×4, 3×3)) for each filter of w[3, 3, count], turned by 180° where `flip`. */
EXPORT(winograd4_filter)
void winograd4_filter(const float *w, float *u, u32 count, u32 flip) {
  u32 e = 0;
  for (; e + 4 <= count; e += 4) filter4_group(w + e, u + e, count, flip, 4);
  for (; e < count; e++) filter4_group(w + e, u + e, count, flip, 1);
}

INLINE void input4_group(const float *const *d, u32 c, float *v, u32 plane, u32 width) {
  v128_t t[6][6];
  _Pragma("clang loop unroll(full)")
  for (u32 s = 0; s < 6; s++) {
    v128_t o[6];
    B6(load(d[s] + c, width), load(d[6 + s] + c, width), load(d[12 + s] + c, width), load(d[18 + s] + c, width), load(d[24 + s] + c, width), load(d[30 + s] + c, width), o);
    _Pragma("clang loop unroll(full)")
    for (u32 r = 0; r < 6; r++) t[r][s] = o[r];
  }
  _Pragma("clang loop unroll(full)")
  for (u32 r = 0; r < 6; r++) {
    v128_t o[6];
    B6(t[r][0], t[r][1], t[r][2], t[r][3], t[r][4], t[r][5], o);
    _Pragma("clang loop unroll(full)")
    for (u32 s = 0; s < 6; s++) store(v + (r * 6 + s) * plane + c, o[s], width);
  }
}

/** As winograd_input, for F(4×4, 3×3): v[36, count, c] from the 6×6 blocks that start at row 4·ty - top, column 4·tx - left. */
EXPORT(winograd4_input)
void winograd4_input(const float *x, const float *zeros, float *v, u32 h, u32 w, u32 c, u32 tiles_y, u32 tiles_x, u32 top, u32 left, u32 first, u32 count) {
  const u32 plane = count * c;
  for (u32 t = first; t < first + count; t++, v += c) {
    const u32 b = t / (tiles_y * tiles_x), ty = t / tiles_x % tiles_y, tx = t % tiles_x;
    const float *d[36];
    _Pragma("clang loop unroll(full)")
    for (u32 r = 0; r < 6; r++) {
      const int iy = (int)(4 * ty + r) - (int)top;
      _Pragma("clang loop unroll(full)")
      for (u32 s = 0; s < 6; s++) {
        const int ix = (int)(4 * tx + s) - (int)left;
        d[r * 6 + s] = iy < 0 || iy >= (int)h || ix < 0 || ix >= (int)w ? zeros : x + ((b * h + (u32)iy) * w + (u32)ix) * c;
      }
    }
    u32 k = 0;
    for (; k + 4 <= c; k += 4) input4_group(d, k, v, plane, 4);
    for (; k < c; k++) input4_group(d, k, v, plane, 1);
  }
}

INLINE void output4_group(const float *m, u32 plane, const float *bias, u32 relu, float *o, u32 row, u32 rows, u32 cols, u32 co, u32 width) {
  v128_t t[4][6];
  _Pragma("clang loop unroll(full)")
  for (u32 s = 0; s < 6; s++) {
    v128_t y[4];
#define M(i) load(m + ((i) * 6 + s) * plane, width)
    A6(M(0), M(1), M(2), M(3), M(4), M(5), y);
#undef M
    _Pragma("clang loop unroll(full)")
    for (u32 r = 0; r < 4; r++) t[r][s] = y[r];
  }
  const v128_t add = bias ? load(bias, width) : wasm_f32x4_splat(0.0f);
  _Pragma("clang loop unroll(full)")
  for (u32 r = 0; r < 4; r++) {
    v128_t y[4];
    A6(t[r][0], t[r][1], t[r][2], t[r][3], t[r][4], t[r][5], y);
    _Pragma("clang loop unroll(full)")
    for (u32 s = 0; s < 4; s++) {
      v128_t value = bias ? ADD(y[s], add) : y[s];
      // pmax(x, 0) is x < 0 ? 0 : x, so NaN stays NaN, as tfjs's relu keeps it.
      if (relu) value = wasm_f32x4_pmax(value, wasm_f32x4_splat(0.0f));
      if (r < rows && s < cols) store(o + r * row + s * co, value, width);
    }
  }
}

/** As winograd_output, for F(4×4, 3×3): out from m[36, count, co], the 4×4 outputs of each tile inside p × q. */
EXPORT(winograd4_output)
void winograd4_output(const float *m, float *out, const float *bias, u32 relu, u32 p, u32 q, u32 co, u32 tiles_y, u32 tiles_x, u32 first, u32 count) {
  const u32 plane = count * co;
  for (u32 t = first; t < first + count; t++, m += co) {
    const u32 b = t / (tiles_y * tiles_x), ty = t / tiles_x % tiles_y, tx = t % tiles_x;
    const u32 rows = p - 4 * ty < 4 ? p - 4 * ty : 4;
    const u32 cols = q - 4 * tx < 4 ? q - 4 * tx : 4;
    float *o = out + ((b * p + 4 * ty) * q + 4 * tx) * co;
    u32 k = 0;
    for (; k + 4 <= co; k += 4) output4_group(m + k, plane, bias ? bias + k : 0, relu, o + k, q * co, rows, cols, co, 4);
    for (; k < co; k++) output4_group(m + k, plane, bias ? bias + k : 0, relu, o + k, q * co, rows, cols, co, 1);
  }
}

// The filter gradient by F(3×3, 2×2): dW[r][s] = Σ x[n, y + r - top, x + s - left] · dy[n, y, x] is a correlation of
// x with dy as its "filter", so dy's grid is cut in 2×2 tiles, each against the 4×4 block of x it meets: 16
// multiplications per tile and channel pair instead of 36. The same Bᵀ as F(2×2, 3×3) above on x (winograd_input,
// unchanged), and (the halves moved from G to Aᵀ, where they cost once per call instead of once per tile)
//   G = [1 0; 1 1; 1 -1; 0 1]   Aᵀ = [1 ½ ½ 0; 0 ½ -½ 0; 0 ½ ½ -1]
// dW = Aᵀ [Σ_tiles (G g Gᵀ) ⊙ (Bᵀ d B)] A, each of the 16 sums over tiles a product [ci, tiles] · [tiles, co]
// (gemm_transposed in wasmGemm.c), summed block of tiles after block.

/** G·(a, b) for F(3×3, 2×2): 2 values of dy to 4. */
#define G2(a, b, o0, o1, o2, o3) \
  do {                           \
    o0 = a;                      \
    o1 = ADD(a, b);              \
    o2 = SUB(a, b);              \
    o3 = b;                      \
  } while (0)

INLINE void dy_group(const float *const *g, u32 c, float *u, u32 plane, u32 width) {
  v128_t r0[4], r1[4];
  // Each row of the 2×2 tile to 4 columns, then each column (2 rows) to 4 rows.
  G2(load(g[0] + c, width), load(g[1] + c, width), r0[0], r0[1], r0[2], r0[3]);
  G2(load(g[2] + c, width), load(g[3] + c, width), r1[0], r1[1], r1[2], r1[3]);
  _Pragma("clang loop unroll(full)")
  for (u32 j = 0; j < 4; j++) {
    v128_t o[4];
    G2(r0[j], r1[j], o[0], o[1], o[2], o[3]);
    _Pragma("clang loop unroll(full)")
    for (u32 i = 0; i < 4; i++) store(u + (i * 4 + j) * plane, o[i], width);
  }
}

/**
 * u[16] = G g Gᵀ for tiles first … first + count - 1 of dy[n, p, q, co] (numbered as winograd_input numbers them, so
 * tile t of u meets tile t of winograd_input's v): g the 2×2 block of dy at row 2·ty, column 2·tx, zeros (`zeros`,
 * co of them) past dy's edge. Each of the 16 planes is the b of a product, packed as pack_panels packs [count, co]:
 * panels of 8 channels, `count` rows of 8 floats each, the channels past co (to the next multiple of 8) zero.
 */
EXPORT(winograd_dy)
void winograd_dy(const float *dy, const float *zeros, float *u, u32 p, u32 q, u32 co, u32 tiles_y, u32 tiles_x, u32 first, u32 count) {
  const u32 padded = (co + 7) & ~7u, plane = padded * count;
  for (u32 t = first; t < first + count; t++) {
    const u32 b = t / (tiles_y * tiles_x), ty = t / tiles_x % tiles_y, tx = t % tiles_x;
    const float *g[4];
    for (u32 r = 0; r < 2; r++)
      for (u32 s = 0; s < 2; s++)
        g[r * 2 + s] = 2 * ty + r >= p || 2 * tx + s >= q ? zeros : dy + ((b * p + 2 * ty + r) * q + 2 * tx + s) * co;
    // Channel c of this tile lies in panel c / 8, row t - first, column c % 8.
    float *row = u + (t - first) * 8;
    u32 c = 0;
    for (; c + 4 <= co; c += 4) dy_group(g, c, row + (c & ~7u) * count + (c & 7u), plane, 4);
    for (; c < co; c++) dy_group(g, c, row + (c & ~7u) * count + (c & 7u), plane, 1);
    for (; c < padded; c++)
      for (u32 e = 0; e < 16; e++) row[e * plane + (c & ~7u) * count + (c & 7u)] = 0.0f;
  }
}

/** Aᵀ·(a, b, c, d) for F(3×3, 2×2): 4 sums to 3 taps. */
#define A3(a, b, c, d, o0, o1, o2)                    \
  do {                                                \
    const v128_t h_ = wasm_f32x4_mul(ADD(b, c), half); \
    o0 = ADD(a, h_);                                  \
    o1 = wasm_f32x4_mul(SUB(b, c), half);             \
    o2 = SUB(h_, d);                                  \
  } while (0)

INLINE void dw_group(const float *m, u32 chunks, u32 chunk, float *dw, u32 count, u32 width) {
  const v128_t half = wasm_f32x4_splat(0.5f);
  v128_t s[16];
  // The 16 sums, the chunks' partial sums added in order (whatever thread summed each chunk).
  _Pragma("clang loop unroll(full)")
  for (u32 e = 0; e < 16; e++) s[e] = load(m + e * count, width);
  for (u32 k = 1; k < chunks; k++) {
    _Pragma("clang loop unroll(full)")
    for (u32 e = 0; e < 16; e++) s[e] = ADD(s[e], load(m + k * chunk + e * count, width));
  }
  // Aᵀ on each of the 4 columns, then A on each of the 3 rows that gives.
  v128_t t[3][4];
  _Pragma("clang loop unroll(full)")
  for (u32 j = 0; j < 4; j++) A3(s[j], s[4 + j], s[8 + j], s[12 + j], t[0][j], t[1][j], t[2][j]);
  _Pragma("clang loop unroll(full)")
  for (u32 r = 0; r < 3; r++) {
    v128_t o0, o1, o2;
    A3(t[r][0], t[r][1], t[r][2], t[r][3], o0, o1, o2);
    store(dw + (r * 3 + 0) * count, o0, width);
    store(dw + (r * 3 + 1) * count, o1, width);
    store(dw + (r * 3 + 2) * count, o2, width);
  }
}

/**
 * dw[3, 3, count] (count = ci·co, the filter's own layout) = Aᵀ M A, M the 16 planes [16, count] summed over the
 * `chunks` partial sums at m, `chunk` floats apart.
 */
EXPORT(winograd_dw)
void winograd_dw(const float *m, u32 chunks, u32 chunk, float *dw, u32 count) {
  u32 e = 0;
  for (; e + 4 <= count; e += 4) dw_group(m + e, chunks, chunk, dw + e, count, 4);
  for (; e < count; e++) dw_group(m + e, chunks, chunk, dw + e, count, 1);
}
