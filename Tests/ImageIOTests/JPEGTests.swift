import Foundation
import Testing
import ImageIO

@Suite struct JPEGTests {
    @Test func encodedDataHasJPEGMarkers() throws {
        let data = try encodeJPEG(gradientImage(width: 64, height: 64))
        #expect(data.count > 100)
        #expect(Array(data.prefix(2)) == [0xFF, 0xD8])
        #expect(Array(data.suffix(2)) == [0xFF, 0xD9])
    }

    @Test func invalidSizesThrowInsteadOfExiting() throws {
        let empty = try #require(thrownDescription { _ = try encodeJPEG(RGBImage(width: 0, height: 0)) })
        #expect(empty.hasPrefix("<JPEG in memory>: cannot encode 0x0 image: "))
        let wide = try #require(thrownDescription { _ = try encodeJPEG(RGBImage(width: 70000, height: 1)) })
        #expect(wide.contains("65500"), "\(wide)")
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("wide.jpg")
        let text = try #require(thrownDescription { try writeJPEG(RGBImage(width: 70000, height: 1), to: path) })
        #expect(text.hasPrefix(path + ": cannot encode 70000x1 image as JPEG: "))
        #expect(!FileManager.default.fileExists(atPath: path))
        // The process is still alive and libjpeg still works afterwards.
        #expect(try encodeJPEG(gradientImage(width: 8, height: 8)).count > 0)
    }

    @Test func decodeRoundTripIsClose() throws {
        let image = gradientImage(width: 48, height: 40)
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try writeJPEG(image, to: directory.path("g.jpg"), quality: 95)
        for back in [try readJPEG(directory.path("g.jpg")), try readImage(directory.path("g.jpg"))] {
            #expect(back.width == 48 && back.height == 40)
            let totalError = zip(back.pixels, image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
            #expect(Double(totalError) / Double(image.pixels.count) < 3)
        }
    }

    @Test func qualityChangesSize() throws {
        let image = noiseImage(width: 64, height: 64)
        #expect(try encodeJPEG(image, quality: 20).count < encodeJPEG(image, quality: 95).count)
        // Out-of-range qualities are clamped rather than rejected.
        #expect(try encodeJPEG(image, quality: 0).count > 0)
        #expect(try encodeJPEG(image, quality: 500) == encodeJPEG(image, quality: 100))
    }

    @Test func brokenJPEGsThrow() throws {
        let data = try encodeJPEG(noiseImage(width: 64, height: 64))
        let truncated = try #require(thrownDescription { _ = try decodeJPEG(data.prefix(data.count / 2), label: "t.jpg") })
        #expect(truncated.hasPrefix("t.jpg: "))
        #expect(thrownDescription { _ = try decodeJPEG(Data("hello".utf8)) } != nil)
        #expect(thrownDescription { _ = try decodeJPEG(data, maxDimension: 32) }?.contains("limit") == true)
    }

    @Test func readImageRejectsUnknownFormats() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("x.jpg")
        try Data("GIF89a".utf8).write(to: URL(fileURLWithPath: path))
        #expect(thrownDescription { _ = try readImage(path) } == "\(path): neither a PNG nor a JPEG file")
    }
}
