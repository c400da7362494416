import CJPEG

// The only file that talks to libjpeg, through the setjmp-safe wrapper in Sources/CJPEG.

/// Encodes 8-bit RGB pixels as baseline JPEG bytes, or returns libjpeg's message.
func jpegEncode(_ image: RGBImage, quality: Int) -> Result<[UInt8], JPEGFailure> {
    guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
        return .failure(JPEGFailure("image \(image.width)x\(image.height) is too large for JPEG"))
    }
    var message = [CChar](repeating: 0, count: 256)
    var out: UnsafeMutablePointer<UInt8>? = nil
    var size: UInt = 0
    let status = image.pixels.withUnsafeBufferPointer { pixels in
        message.withUnsafeMutableBufferPointer { text in
            cjpeg_compress_rgb(pixels.baseAddress, Int32(image.width), Int32(image.height),
                               Int32(clamping: quality), &out, &size, text.baseAddress, text.count)
        }
    }
    defer { cjpeg_free(out) }
    guard status == 0, let out else { return .failure(JPEGFailure(cText(message))) }
    return .success(Array(UnsafeBufferPointer(start: out, count: Int(size))))
}

/// Decodes JPEG bytes to 8-bit RGB, refusing images with a side above `maxDimension`; warnings count as errors.
func jpegDecode(_ bytes: [UInt8], maxDimension: Int) -> Result<RGBImage, JPEGFailure> {
    var message = [CChar](repeating: 0, count: 256)
    var out: UnsafeMutablePointer<UInt8>? = nil
    var width: Int32 = 0, height: Int32 = 0
    let status = bytes.withUnsafeBufferPointer { data in
        message.withUnsafeMutableBufferPointer { text in
            cjpeg_decompress_rgb(data.baseAddress, UInt(data.count), Int32(clamping: maxDimension),
                                 &out, &width, &height, text.baseAddress, text.count)
        }
    }
    defer { cjpeg_free(out) }
    guard status == 0, let out else { return .failure(JPEGFailure(cText(message))) }
    let count = Int(width) * Int(height) * 3
    let pixels = Array(UnsafeBufferPointer(start: out, count: count))
    return .success(RGBImage(width: Int(width), height: Int(height), pixels: pixels))
}

/// libjpeg's explanation of a failure.
struct JPEGFailure: Error {
    let message: String
    init(_ message: String) { self.message = message.isEmpty ? "unknown libjpeg error" : message }
}

private func cText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
