// The ordered product (see ordered_gemm.h). A BLIS-style blocked GEMM: op(B) is packed in panels of NR
// columns, op(A) in panels of MR rows, and a micro-kernel keeps an MR x NR tile of C in vector registers.
// Each C element is one lane of one accumulator: it starts from 0 or from C, and takes one fused multiply-add
// per p = 0, 1, ... in order; between k-blocks the partial sum is stored in C and read back exactly. Lanes
// never mix, so the vector width (4, 8 or 16 floats) and the tile sizes change the speed and not the bytes.
// A CPU without FMA instructions (before 2013) runs the SSE2 path, whose fused multiply-adds are the C
// library's fmaf: exact, the same bytes, and many times slower.
#pragma clang fp contract(off)  // no fusing beyond the explicit fused multiply-adds
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include "ordered_gemm.h"
#include <stdlib.h>
#include <string.h>

enum { KC = 256, MC = 120, NC = 3072 };

typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef float v8 __attribute__((vector_size(32), aligned(4)));

// op(A)[i0 + r, p0 + p] for r < mc, p < kc into panels of MR rows: panel r/MR holds MR values per p, zero past mc.
static void pack_a(int MR, const float *a, long lda, int trans, long i0, long mc, long p0, long kc, float *out) {
    for (long r = 0; r < mc; r += MR) {
        long rows = mc - r < MR ? mc - r : MR;
        for (long p = 0; p < kc; p++) {
            float *dst = out + r * kc + p * MR;
            if (trans) {
                const float *src = a + (p0 + p) * lda + i0 + r;
                for (long i = 0; i < rows; i++) dst[i] = src[i];
            } else {
                for (long i = 0; i < rows; i++) dst[i] = a[(i0 + r + i) * lda + p0 + p];
            }
            for (long i = rows; i < MR; i++) dst[i] = 0;
        }
    }
}

// op(B)[p0 + p, j0 + c] for p < kc, c < nc into panels of NR columns, zero past nc.
static void pack_b(int NR, const float *b, long ldb, int trans, long j0, long nc, long p0, long kc, float *out) {
    for (long c = 0; c < nc; c += NR) {
        long cols = nc - c < NR ? nc - c : NR;
        for (long p = 0; p < kc; p++) {
            float *dst = out + c * kc + p * NR;
            if (trans) {
                for (long j = 0; j < cols; j++) dst[j] = b[(j0 + c + j) * ldb + p0 + p];
            } else {
                memcpy(dst, b + (p0 + p) * ldb + j0 + c, sizeof(float) * (size_t)cols);
            }
            for (long j = cols; j < NR; j++) dst[j] = 0;
        }
    }
}

// One MR x (NV vectors) tile: C[0..rows, 0..cols] (start from 0 when `first`) += panel products, in p order.
// A partial tile goes through a zero-padded copy, so every lane does the same arithmetic as in a full tile.
#define MICRO_KERNEL(NAME, ATTR, VT, MR, NV)                                                              \
ATTR static void NAME(long kc, const float *pa, const float *pb, float *c, long ldc, long rows, long cols, \
                      int first) {                                                                        \
    enum { W = (int)(sizeof(VT) / sizeof(float)), NR = NV * W };                                          \
    VT acc[MR][NV];                                                                                       \
    const int full = rows == MR && cols == NR;                                                            \
    for (int i = 0; i < MR; i++)                                                                          \
        for (int v = 0; v < NV; v++) {                                                                    \
            if (first) { acc[i][v] = (VT){0}; continue; }                                                 \
            if (full) { memcpy(&acc[i][v], c + i * ldc + v * W, sizeof(VT)); continue; }                  \
            float lanes[W];                                                                               \
            for (int j = 0; j < W; j++) {                                                                 \
                long col = (long)v * W + j;                                                               \
                lanes[j] = (i >= rows || col >= cols) ? 0 : c[i * ldc + col];                             \
            }                                                                                             \
            memcpy(&acc[i][v], lanes, sizeof(VT));                                                        \
        }                                                                                                 \
    for (long p = 0; p < kc; p++) {                                                                       \
        VT bv[NV];                                                                                        \
        for (int v = 0; v < NV; v++) memcpy(&bv[v], pb + p * NR + v * W, sizeof(VT));                     \
        for (int i = 0; i < MR; i++) {                                                                    \
            float x = pa[p * MR + i];                                                                     \
            VT xs = x - (VT){0}; /* x in every lane (x - 0 is x exactly, so the subtraction folds away) */  \
            for (int v = 0; v < NV; v++) acc[i][v] = __builtin_elementwise_fma(xs, bv[v], acc[i][v]);     \
        }                                                                                                 \
    }                                                                                                     \
    for (int i = 0; i < MR; i++)                                                                          \
        for (int v = 0; v < NV; v++) {                                                                    \
            if (full) { memcpy(c + i * ldc + v * W, &acc[i][v], sizeof(VT)); continue; }                  \
            float lanes[W];                                                                               \
            memcpy(lanes, &acc[i][v], sizeof(VT));                                                        \
            for (int j = 0; j < W; j++) {                                                                 \
                long col = (long)v * W + j;                                                               \
                if (i < rows && col < cols) c[i * ldc + col] = lanes[j];                                  \
            }                                                                                             \
        }                                                                                                 \
}

// The blocked loops around a micro-kernel: NC columns of op(B), KC of k, MC rows of op(A) at a time.
#define BLOCKED_PRODUCT(NAME, ATTR, MICRO, MR, NR)                                                         \
ATTR static int NAME(int trans_a, int trans_b, long m, long n, long k, const float *a, long lda,          \
                     const float *b, long ldb, float *c, long ldc, int accumulate) {                      \
    long kc_max = k < KC ? k : KC, mc_max = m < MC ? m : MC, nc_max = n < NC ? n : NC;                     \
    float *pa = malloc(sizeof(float) * (size_t)((mc_max + MR) * kc_max + 16));                           \
    float *pb = malloc(sizeof(float) * (size_t)((nc_max + NR) * kc_max + 16));                           \
    if (!pa || !pb) { free(pa); free(pb); return -1; }                                                     \
    for (long j0 = 0; j0 < n; j0 += NC) {                                                                  \
        long nc = n - j0 < NC ? n - j0 : NC;                                                               \
        for (long p0 = 0; p0 < k; p0 += KC) {                                                              \
            long kc = k - p0 < KC ? k - p0 : KC;                                                           \
            pack_b(NR, b, ldb, trans_b, j0, nc, p0, kc, pb);                                               \
            for (long i0 = 0; i0 < m; i0 += MC) {                                                          \
                long mc = m - i0 < MC ? m - i0 : MC;                                                       \
                pack_a(MR, a, lda, trans_a, i0, mc, p0, kc, pa);                                           \
                for (long jr = 0; jr < nc; jr += NR)                                                       \
                    for (long ir = 0; ir < mc; ir += MR)                                                   \
                        MICRO(kc, pa + ir * kc, pb + jr * kc, c + (i0 + ir) * ldc + j0 + jr, ldc,          \
                              mc - ir < MR ? mc - ir : MR, nc - jr < NR ? nc - jr : NR,                    \
                              p0 == 0 && !accumulate);                                                     \
            }                                                                                              \
        }                                                                                                  \
    }                                                                                                      \
    free(pa);                                                                                              \
    free(pb);                                                                                              \
    return 0;                                                                                              \
}

MICRO_KERNEL(micro_avx512, __attribute__((target("avx512f"))), v16, 6, 2)
MICRO_KERNEL(micro_avx2, __attribute__((target("avx2,fma"))), v8, 6, 2)
MICRO_KERNEL(micro_sse2, , v8, 4, 1)
BLOCKED_PRODUCT(product_avx512, __attribute__((target("avx512f"))), micro_avx512, 6, 32)
BLOCKED_PRODUCT(product_avx2, __attribute__((target("avx2,fma"))), micro_avx2, 6, 16)
BLOCKED_PRODUCT(product_sse2, , micro_sse2, 4, 8)

static enum ordered_gemm_isa best_isa(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return ORDERED_GEMM_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return ORDERED_GEMM_AVX2;
    return ORDERED_GEMM_SSE2;
}

static int chosen_isa = -1;  // written once at first use (a benign race: every writer writes the same value)

enum ordered_gemm_isa ordered_gemm_use_isa(enum ordered_gemm_isa isa) {
    enum ordered_gemm_isa best = best_isa();
    chosen_isa = isa < best ? isa : best;
    return (enum ordered_gemm_isa)chosen_isa;
}

enum ordered_gemm_isa ordered_gemm_active_isa(void) {
    if (chosen_isa >= 0) return (enum ordered_gemm_isa)chosen_isa;
    enum ordered_gemm_isa isa = best_isa();
    const char *forced = getenv("GRADCTRL_ORDERED_GEMM");
    if (forced && strcmp(forced, "sse2") == 0) isa = ORDERED_GEMM_SSE2;
    else if (forced && strcmp(forced, "avx2") == 0 && isa > ORDERED_GEMM_AVX2) isa = ORDERED_GEMM_AVX2;
    chosen_isa = isa;
    return isa;
}

static void run_product(int trans_a, int trans_b, long m, long n, long k, const float *a, long lda,
                        const float *b, long ldb, float *c, long ldc, int accumulate) {
    int status;
    switch (ordered_gemm_active_isa()) {
    case ORDERED_GEMM_AVX512: status = product_avx512(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
    case ORDERED_GEMM_AVX2: status = product_avx2(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
    default: status = product_sse2(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate); break;
    }
    if (status != 0) abort();  // out of memory for a few MB of packing buffers
}

void ordered_sgemm(int trans_a, int trans_b, long m, long n, long k, const float *a, long lda,
                   const float *b, long ldb, float *c, long ldc, int accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate) for (long i = 0; i < m; i++) memset(c + i * ldc, 0, sizeof(float) * (size_t)n);
        return;
    }
    if (n < 16 && m >= 2 * n) {
        // Few columns (a classifier's last layer): C^T = op(B)^T op(A)^T puts the many rows in the vector lanes.
        // Each element is the same in-order sum (a*b and b*a round alike), so the bytes do not change.
        float *ct = malloc(sizeof(float) * (size_t)(n * m));
        if (!ct) abort();
        if (accumulate)
            for (long i = 0; i < m; i++)
                for (long j = 0; j < n; j++) ct[j * m + i] = c[i * ldc + j];
        run_product(!trans_b, !trans_a, n, m, k, b, ldb, a, lda, ct, m, accumulate);
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++) c[i * ldc + j] = ct[j * m + i];
        free(ct);
        return;
    }
    run_product(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}
