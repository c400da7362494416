import Foundation
import Testing
import ImageIO

@Suite struct PNGTests {
    @Test func roundTripIsByteExact() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let image = noiseImage(width: 37, height: 23)
        let path = directory.path("nested/dir/noise.png")
        try writePNG(image, to: path)
        let back = try readPNG(path)
        #expect(back.width == 37 && back.height == 23)
        #expect(back.pixels == image.pixels)
        // No temporary files are left next to the result.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.path("nested/dir"))
        #expect(siblings == ["noise.png"])
    }

    @Test func encodingIsDeterministicAndMatchesTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let image = gradientImage(width: 64, height: 64)
        let first = try encodePNG(image)
        let second = try encodePNG(image)
        #expect(first == second)
        #expect(first.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try writePNG(image, to: directory.path("g.png"))
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("g.png")) == first)
        #expect(try decodePNG(first) == image)
    }

    @Test func otherColourTypesBecomeRGB() throws {
        // 2×1 grey+alpha: opaque black, then fully transparent (composited onto white).
        let greyAlpha = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAQAAABeK7cBAAAADUlEQVR4nGNg+M/AAAADAgEAmZs7lAAAAABJRU5ErkJggg==")!
        let a = try decodePNG(greyAlpha)
        #expect(a.width == 2 && a.height == 1)
        #expect(a[0, 0] == .black && a[1, 0] == .white)
        // 2×1 grey 10, 200.
        let grey = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAAAAADRSSBWAAAAC0lEQVR4nGPgOgEAAN8A00shpUkAAAAASUVORK5CYII=")!
        let g = try decodePNG(grey)
        #expect(g[0, 0] == RGBColor(10, 10, 10) && g[1, 0] == RGBColor(200, 200, 200))
        // 1×1 palette image with the single colour (12, 34, 56).
        let palette = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAMAAAAoyzS7AAAAA1BMVEUMIjgh0DoAAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==")!
        #expect(try decodePNG(palette)[0, 0] == RGBColor(12, 34, 56))
    }

    @Test func truncatedFileGivesAClearError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bytes = try encodePNG(noiseImage(width: 64, height: 64))
        for (name, length) in [("half.png", bytes.count / 2), ("header-only.png", 20), ("cut-in-data.png", bytes.count - 40)] {
            let path = directory.path(name)
            try bytes.prefix(length).write(to: URL(fileURLWithPath: path))
            let message = thrownDescription { _ = try readPNG(path) }
            let text = try #require(message, "reading \(name) should fail")
            #expect(text.hasPrefix(path + ": "), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    @Test func textFileNamedPNGIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("notes.png")
        try "just some text, not an image\n".write(toFile: path, atomically: true, encoding: .utf8)
        let text = try #require(thrownDescription { _ = try readPNG(path) })
        #expect(text == "\(path): not a PNG file (bad signature)")
    }

    @Test func missingFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("missing.png")
        let text = try #require(thrownDescription { _ = try readPNG(path) })
        #expect(text == "\(path): no such file")
        #expect(thrownDescription { _ = try readImage(path) } == "\(path): no such file")
    }

    @Test func absurdDimensionsAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // A valid PNG signature and IHDR claiming 20000 × 20000, then a tiny IDAT and IEND.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += chunk("IHDR", bigEndian(20000) + bigEndian(20000) + [8, 2, 0, 0, 0])
        bytes += chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
        bytes += chunk("IEND", [])
        let path = directory.path("huge.png")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let text = try #require(thrownDescription { _ = try readPNG(path) })
        #expect(text == "\(path): image is 20000x20000, larger than the limit of 16384 pixels per side")
        // A smaller limit applies too.
        try writePNG(RGBImage(width: 10, height: 3), to: directory.path("small.png"))
        #expect(thrownDescription { _ = try readPNG(directory.path("small.png"), maxDimension: 8) } != nil)
    }

    @Test func emptyImageCannotBeEncoded() {
        let text = thrownDescription { _ = try encodePNG(RGBImage(width: 0, height: 5)) }
        #expect(text?.hasPrefix("<PNG in memory>: ") == true)
    }
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}

private func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
}

private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
}
