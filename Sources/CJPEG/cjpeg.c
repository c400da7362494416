#include "cjpeg.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

enum {
    CJPEG_OK = 0,
    CJPEG_LIBJPEG_ERROR = 1,
    CJPEG_BAD_ARGUMENT = 2,
    CJPEG_TOO_LARGE = 3,
    CJPEG_OUT_OF_MEMORY = 4,
};

/// libjpeg's error manager extended with a jump target and a place for the message.
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t messageSize;
    int strictWarnings;
} cjpeg_error_mgr;

static void copy_message(char *message, size_t messageSize, const char *text) {
    if (message == NULL || messageSize == 0) return;
    strncpy(message, text, messageSize - 1);
    message[messageSize - 1] = '\0';
    for (char *p = message; *p; p++) {
        if (*p == '\n' || *p == '\r') *p = ' ';
    }
}

static void copy_libjpeg_message(j_common_ptr cinfo) {
    cjpeg_error_mgr *err = (cjpeg_error_mgr *)cinfo->err;
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    copy_message(err->message, err->messageSize, buffer);
}

/// Replaces libjpeg's default (which calls exit()) by a jump back into the wrapper.
static void cjpeg_error_exit(j_common_ptr cinfo) {
    cjpeg_error_mgr *err = (cjpeg_error_mgr *)cinfo->err;
    copy_libjpeg_message(cinfo);
    longjmp(err->jump, 1);
}

/// Keeps libjpeg from printing to stderr. In strict mode a warning (level -1) aborts like an error.
static void cjpeg_emit_message(j_common_ptr cinfo, int level) {
    cjpeg_error_mgr *err = (cjpeg_error_mgr *)cinfo->err;
    if (level < 0) {
        err->base.num_warnings++;
        if (err->strictWarnings) {
            copy_libjpeg_message(cinfo);
            longjmp(err->jump, 1);
        }
    }
}

static void cjpeg_output_message(j_common_ptr cinfo) {
    (void)cinfo;
}

static void install_error_manager(cjpeg_error_mgr *err, char *message, size_t messageSize, int strict) {
    jpeg_std_error(&err->base);
    err->base.error_exit = cjpeg_error_exit;
    err->base.emit_message = cjpeg_emit_message;
    err->base.output_message = cjpeg_output_message;
    err->message = message;
    err->messageSize = messageSize;
    err->strictWarnings = strict;
}

/// A growable in-memory destination that this file owns, so that its buffer can always be freed
/// correctly after an error (libjpeg's own jpeg_mem_dest may leave a stale pointer behind).
typedef struct {
    struct jpeg_destination_mgr pub;
    unsigned char *data;
    size_t capacity;
    size_t size;
} cjpeg_memory_dest;

static void dest_init(j_compress_ptr cinfo) {
    cjpeg_memory_dest *dest = (cjpeg_memory_dest *)cinfo->dest;
    dest->capacity = 65536;
    dest->data = malloc(dest->capacity);
    if (dest->data == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
    dest->pub.next_output_byte = dest->data;
    dest->pub.free_in_buffer = dest->capacity;
}

static boolean dest_empty(j_compress_ptr cinfo) {
    cjpeg_memory_dest *dest = (cjpeg_memory_dest *)cinfo->dest;
    size_t used = dest->capacity;  // libjpeg calls this only when the buffer is completely full
    size_t capacity = dest->capacity * 2;
    unsigned char *grown = realloc(dest->data, capacity);
    if (grown == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 11);
    dest->data = grown;
    dest->capacity = capacity;
    dest->pub.next_output_byte = grown + used;
    dest->pub.free_in_buffer = capacity - used;
    return TRUE;
}

static void dest_term(j_compress_ptr cinfo) {
    cjpeg_memory_dest *dest = (cjpeg_memory_dest *)cinfo->dest;
    dest->size = dest->capacity - dest->pub.free_in_buffer;
}

int cjpeg_compress_rgb(const unsigned char *rgb, int width, int height, int quality,
                       unsigned char **out, unsigned long *outSize,
                       char *message, size_t messageSize) {
    if (out == NULL || outSize == NULL) {
        copy_message(message, messageSize, "output pointers are NULL");
        return CJPEG_BAD_ARGUMENT;
    }
    *out = NULL;
    *outSize = 0;
    if (width < 0 || height < 0) {
        copy_message(message, messageSize, "negative image size");
        return CJPEG_BAD_ARGUMENT;
    }
    if (rgb == NULL && width > 0 && height > 0) {
        copy_message(message, messageSize, "pixel buffer is NULL");
        return CJPEG_BAD_ARGUMENT;
    }
    if (quality < 1) quality = 1;
    if (quality > 100) quality = 100;

    // Allocated before setjmp and only reached through pointers, so its contents are well defined
    // after a longjmp.
    cjpeg_memory_dest *dest = calloc(1, sizeof *dest);
    if (dest == NULL) {
        copy_message(message, messageSize, "out of memory");
        return CJPEG_OUT_OF_MEMORY;
    }
    dest->pub.init_destination = dest_init;
    dest->pub.empty_output_buffer = dest_empty;
    dest->pub.term_destination = dest_term;

    struct jpeg_compress_struct cinfo;
    cjpeg_error_mgr err;
    memset(&cinfo, 0, sizeof(cinfo));
    install_error_manager(&err, message, messageSize, 0);
    cinfo.err = &err.base;

    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(dest->data);
        free(dest);
        return CJPEG_LIBJPEG_ERROR;
    }

    jpeg_CreateCompress(&cinfo, JPEG_LIB_VERSION, sizeof(cinfo));
    cinfo.dest = &dest->pub;
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    const size_t stride = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);

    *out = dest->data;
    *outSize = (unsigned long)dest->size;
    free(dest);
    return CJPEG_OK;
}

int cjpeg_decompress_rgb(const unsigned char *data, unsigned long size, int maxDimension,
                         unsigned char **out, int *width, int *height,
                         char *message, size_t messageSize) {
    if (out == NULL || width == NULL || height == NULL) {
        copy_message(message, messageSize, "output pointers are NULL");
        return CJPEG_BAD_ARGUMENT;
    }
    *out = NULL;
    *width = 0;
    *height = 0;
    if (data == NULL || size == 0) {
        copy_message(message, messageSize, "empty input");
        return CJPEG_BAD_ARGUMENT;
    }

    struct jpeg_decompress_struct cinfo;
    cjpeg_error_mgr err;
    unsigned char *volatile pixels = NULL;
    memset(&cinfo, 0, sizeof(cinfo));
    install_error_manager(&err, message, messageSize, 1);
    cinfo.err = &err.base;

    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return CJPEG_LIBJPEG_ERROR;
    }

    jpeg_CreateDecompress(&cinfo, JPEG_LIB_VERSION, sizeof(cinfo));
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    if ((long)cinfo.image_width > (long)maxDimension || (long)cinfo.image_height > (long)maxDimension) {
        char text[128];
        snprintf(text, sizeof text, "image is %ux%u, larger than the limit of %d pixels per side",
                 (unsigned)cinfo.image_width, (unsigned)cinfo.image_height, maxDimension);
        copy_message(message, messageSize, text);
        jpeg_destroy_decompress(&cinfo);
        return CJPEG_TOO_LARGE;
    }
    if ((unsigned long long)cinfo.image_width * (unsigned long long)cinfo.image_height > CJPEG_MAX_PIXELS) {
        char text[128];
        snprintf(text, sizeof text, "image is %ux%u, more than the limit of %llu pixels",
                 (unsigned)cinfo.image_width, (unsigned)cinfo.image_height, (unsigned long long)CJPEG_MAX_PIXELS);
        copy_message(message, messageSize, text);
        jpeg_destroy_decompress(&cinfo);
        return CJPEG_TOO_LARGE;
    }
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_components != 3) {
        copy_message(message, messageSize, "decoder did not produce 3 colour components");
        jpeg_destroy_decompress(&cinfo);
        return CJPEG_LIBJPEG_ERROR;
    }
    const size_t stride = (size_t)cinfo.output_width * 3;
    pixels = malloc(stride * (size_t)cinfo.output_height + 1);
    if (pixels == NULL) {
        copy_message(message, messageSize, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return CJPEG_OUT_OF_MEMORY;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.output_scanline * stride);
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    *width = (int)cinfo.output_width;
    *height = (int)cinfo.output_height;
    jpeg_destroy_decompress(&cinfo);
    *out = pixels;
    return CJPEG_OK;
}

void cjpeg_free(unsigned char *buffer) {
    free(buffer);
}
