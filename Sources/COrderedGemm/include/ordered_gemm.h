#ifndef ORDERED_GEMM_H
#define ORDERED_GEMM_H

/// The instruction sets the ordered product can run on; all give the same bytes.
enum ordered_gemm_isa { ORDERED_GEMM_SSE2 = 0, ORDERED_GEMM_AVX2 = 1, ORDERED_GEMM_AVX512 = 2 };

/// Row-major single-precision product in index order: for every element,
/// s = init; s = fma(a'[i][0], b'[0][j], s); s = fma(a'[i][1], b'[1][j], s); ...; c[i][j] = s,
/// where a' = trans_a ? A^T : A (m x k), b' = trans_b ? B^T : B (k x n), init = accumulate ? c[i][j] : 0,
/// and each fma is a fused multiply-add rounded once to single precision.
/// An element's bytes therefore depend on its row of a', its column of b' and k alone: not on m or n, on where
/// the row or column sits, on the blocking, or on the CPU's vector width. lda, ldb, ldc are row strides.
void ordered_sgemm(int trans_a, int trans_b, long m, long n, long k,
                   const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate);

/// The instruction set the product runs on: the best the CPU has, unless GRADCTRL_ORDERED_GEMM is `sse2`,
/// `avx2` or `avx512` (never above what the CPU has).
enum ordered_gemm_isa ordered_gemm_active_isa(void);

/// Runs later products on `isa` (lowered to what the CPU has); returns the one in use.
enum ordered_gemm_isa ordered_gemm_use_isa(enum ordered_gemm_isa isa);

#endif
