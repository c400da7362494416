import Testing
import ImageIO

@Suite struct RGBImageTests {
    @Test func pixelGetSetAndFill() {
        var image = RGBImage(width: 5, height: 4, fill: .white)
        #expect(image.pixels.count == 60)
        image[2, 3] = RGBColor(1, 2, 3)
        #expect(image[2, 3] == RGBColor(1, 2, 3))
        #expect(Array(image.pixels[(3 * 5 + 2) * 3..<(3 * 5 + 2) * 3 + 3]) == [1, 2, 3])
        image.fillRect(x: -2, y: 1, width: 4, height: 2, color: .red)
        #expect(image[0, 1] == .red && image[1, 2] == .red)
        #expect(image[2, 1] == .white && image[0, 0] == .white && image[0, 3] == .white)
        image.fillRect(x: 10, y: 10, width: 5, height: 5, color: .blue)  // entirely outside: no effect
        #expect(countPixels(in: image, differentFrom: .white) == 5)
    }

    @Test func planarFloatConversionOnKnownValues() {
        // 2×1 image, planes R, G, B.
        let floats: [Float] = [-1, 1,   0, 0.5,   .nan, 2]
        let image = RGBImage(planarFloats: floats, width: 2, height: 1)
        #expect(image[0, 0] == RGBColor(0, 128, 0))     // (0+1)/2*255 = 127.5 → 128; NaN → 0
        #expect(image[1, 0] == RGBColor(255, 191, 255)) // 1.5/2*255 = 191.25 → 191; 2 clamps to 255
        let quarter = RGBImage(planarFloats: [-0.5, -3, -0.5, -3, -0.5, -3], width: 1, height: 2)
        #expect(quarter[0, 0] == RGBColor(64, 64, 64))  // 63.75 → 64
        #expect(quarter[0, 1] == .black)                 // clamped
        let back = image.planarFloats()
        #expect(back.count == 6)
        #expect(back == [0, 1, Float(128) / 255, Float(191) / 255, 0, 1])
        let unit = RGBImage(planarFloats: [0, 1, 0.5], width: 1, height: 1, range: 0...1)
        #expect(unit[0, 0] == RGBColor(0, 255, 128))
    }

    @Test func planarFloatRoundTripIsExact() {
        let image = noiseImage(width: 7, height: 5)
        let again = RGBImage(planarFloats: image.planarFloats(range: -1...1), width: 7, height: 5)
        #expect(again == image)
    }

    @Test func drawScaleAndCrop() {
        var canvas = RGBImage(width: 6, height: 6, fill: .white)
        let tile = RGBImage(width: 2, height: 2, fill: .red)
        canvas.draw(tile, x: 5, y: -1)  // clipped to one pixel
        #expect(countPixels(in: canvas, differentFrom: .white) == 1 && canvas[5, 0] == .red)
        let big = tile.scaled(by: 3)
        #expect(big.width == 6 && big.height == 6 && countPixels(in: big, differentFrom: .red) == 0)
        let part = gradientImage(width: 10, height: 10).cropped(x: 2, y: 3, width: 4, height: 5)
        #expect(part.width == 4 && part.height == 5 && part[0, 0] == gradientImage(width: 10, height: 10)[2, 3])
    }
}
