import CPNG

// The only file that talks to libpng (through its simplified png_image API, which reports errors
// in `image.message` instead of longjmp).

/// Encodes 8-bit RGB pixels as PNG bytes, or returns libpng's message.
func pngEncode(_ image: RGBImage) -> Result<[UInt8], PNGFailure> {
    guard image.width > 0, image.height > 0 else {
        return .failure(PNGFailure("cannot encode an empty \(image.width)x\(image.height) image"))
    }
    guard image.width <= Int(Int32.max) / 3, image.height <= Int(UInt32.max) else {
        return .failure(PNGFailure("image \(image.width)x\(image.height) is too large for PNG"))
    }
    var png = pngImage(width: image.width, height: image.height)
    let stride = Int32(image.width * 3)
    return image.pixels.withUnsafeBytes { pixels -> Result<[UInt8], PNGFailure> in
        var size: png_alloc_size_t = 0
        // First call measures, second call writes.
        guard png_image_write_to_memory(&png, nil, &size, 0, pixels.baseAddress, stride, nil) != 0 else {
            return .failure(PNGFailure(pngMessage(&png)))
        }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let ok = bytes.withUnsafeMutableBytes { out in
            png_image_write_to_memory(&png, out.baseAddress, &size, 0, pixels.baseAddress, stride, nil)
        }
        guard ok != 0 else { return .failure(PNGFailure(pngMessage(&png))) }
        return .success(Array(bytes.prefix(Int(size))))
    }
}

/// Decodes PNG bytes of any colour type and depth to 8-bit RGB; transparency is composited onto white.
func pngDecode(_ bytes: [UInt8], maxDimension: Int) -> Result<RGBImage, PNGFailure> {
    guard bytes.count >= 8, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
        return .failure(PNGFailure("not a PNG file (bad signature)"))
    }
    var png = pngImage(width: 0, height: 0)
    let begun = bytes.withUnsafeBytes { data in
        png_image_begin_read_from_memory(&png, data.baseAddress, data.count)
    }
    guard begun != 0 else { return .failure(PNGFailure("truncated or invalid PNG header: \(pngMessage(&png))")) }
    let width = Int(png.width), height = Int(png.height)
    guard width <= maxDimension, height <= maxDimension else {
        png_image_free(&png)
        return .failure(PNGFailure("image is \(width)x\(height), larger than the limit of \(maxDimension) pixels per side"))
    }
    guard width * height <= maximumImagePixels else {
        png_image_free(&png)
        return .failure(PNGFailure("image is \(width)x\(height), more than the limit of \(maximumImagePixels) pixels"))
    }
    // Deflate packs at most about 1032 bytes into one, and a pixel takes at least one bit: a file smaller
    // than width × height / 8256 bytes cannot hold the image, so it is refused before the pixels are allocated.
    guard width * height <= bytes.count * 8300 else {
        png_image_free(&png)
        return .failure(PNGFailure("truncated PNG: \(bytes.count) bytes cannot hold a \(width)x\(height) image"))
    }
    png.format = UInt32(PNG_FORMAT_RGB)
    var pixels = [UInt8](repeating: 255, count: width * height * 3)
    var background = png_color(red: 255, green: 255, blue: 255)
    let finished = pixels.withUnsafeMutableBytes { out in
        png_image_finish_read(&png, &background, out.baseAddress, Int32(width * 3), nil)
    }
    guard finished != 0 else { return .failure(PNGFailure("corrupt or truncated PNG: \(pngMessage(&png))")) }
    return .success(RGBImage(width: width, height: height, pixels: pixels))
}

/// libpng's explanation of a failure.
struct PNGFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

private func pngImage(width: Int, height: Int) -> png_image {
    var png = png_image()
    png.version = UInt32(PNG_IMAGE_VERSION)
    png.width = UInt32(width)
    png.height = UInt32(height)
    png.format = UInt32(PNG_FORMAT_RGB)
    return png
}

private func pngMessage(_ png: inout png_image) -> String {
    let text = withUnsafeBytes(of: &png.message) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    return text.isEmpty ? "unknown libpng error" : text
}
