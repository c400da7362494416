// A small error-safe wrapper around libjpeg for Swift: every libjpeg error comes back as a
// non-zero return code with libjpeg's message copied into `message`, never as exit().
#ifndef CJPEG_H
#define CJPEG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Compresses an interleaved 8-bit RGB image (row-major, 3 * width bytes per row) to JPEG.
/// `quality` is clamped to 1...100. On success returns 0 and sets `*out` (free it with
/// `cjpeg_free`) and `*outSize`. On failure returns non-zero, `*out` is NULL and `message`
/// holds a NUL-terminated one-line description (truncated to `messageSize`).
int cjpeg_compress_rgb(const unsigned char *rgb, int width, int height, int quality,
                       unsigned char **out, unsigned long *outSize,
                       char *message, size_t messageSize);

/// The most pixels a decoded JPEG may have (4096 x 4096; the same limit as PNG decoding).
#define CJPEG_MAX_PIXELS 16777216ULL

/// Decompresses a JPEG held in memory to interleaved 8-bit RGB. Images wider or taller than
/// `maxDimension`, or with more than CJPEG_MAX_PIXELS pixels, are refused before any pixel memory is allocated; libjpeg warnings (for
/// example a truncated file) are treated as errors. On success returns 0 and sets `*out`
/// (3 * width * height bytes, free it with `cjpeg_free`), `*width` and `*height`. On failure
/// returns non-zero, `*out` is NULL and `message` holds a one-line description.
int cjpeg_decompress_rgb(const unsigned char *data, unsigned long size, int maxDimension,
                         unsigned char **out, int *width, int *height,
                         char *message, size_t messageSize);

/// Frees a buffer returned by `cjpeg_compress_rgb` or `cjpeg_decompress_rgb`; NULL is allowed.
void cjpeg_free(unsigned char *buffer);

#ifdef __cplusplus
}
#endif

#endif
