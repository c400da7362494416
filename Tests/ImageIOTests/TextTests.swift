import Testing
import ImageIO

@Suite struct TextTests {
    @Test func measurementArithmetic() {
        #expect(measureText("", scale: 3) == (0, 0))
        #expect(measureText("A", scale: 1) == (5, 9))
        #expect(measureText("12345", scale: 2) == (58, 18))
        #expect(measureText("ab\nlonger", scale: 1) == (35, 20))
        #expect(measureText("12345", scale: 2, direction: .upward) == (18, 58))
    }

    @Test(arguments: [TextDirection.horizontal, .upward])
    func drawingStaysInsideTheMeasuredBox(direction: TextDirection) {
        let text = "Hello, 12% (x=3.5) #7 é gjpqy_ W"
        for scale in 1...3 {
            var image = RGBImage(width: 600, height: 600, fill: .white)
            let (x, y) = (13, 9)
            drawText(text, x: x, y: y, scale: scale, color: .black, direction: direction, on: &image)
            let box = measureText(text, scale: scale, direction: direction)
            var inside = 0, outside = 0
            for py in 0..<image.height {
                for px in 0..<image.width where image[px, py] != .white {
                    if px >= x && px < x + box.width && py >= y && py < y + box.height { inside += 1 } else { outside += 1 }
                }
            }
            #expect(outside == 0)
            #expect(inside > 100 * scale * scale)
            // The ink touches all four sides of the box (the box is tight).
            let ink = (0..<image.height).flatMap { py in (0..<image.width).filter { image[$0, py] != .white }.map { ($0, py) } }
            #expect(ink.map(\.0).min() == x && ink.map(\.0).max() == x + box.width - 1)
            #expect(ink.map(\.1).min() == y && ink.map(\.1).max() == y + box.height - 1)
        }
    }

    @Test func everyAdvertisedCharacterHasAGlyphAndUnknownOnesDrawABox() {
        let required = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,-:%=/()_><+#"
        for character in required { #expect(BitmapFont.hasGlyph(character), "missing glyph for '\(character)'") }
        #expect(!BitmapFont.hasGlyph("é"))
        var image = RGBImage(width: 20, height: 20, fill: .white)
        drawText("é", x: 2, y: 2, scale: 1, color: .black, on: &image)
        #expect(countPixels(in: image, differentFrom: .white) > 0)
        // Distinct glyphs really are distinct.
        func render(_ c: Character) -> [UInt8] {
            var image = RGBImage(width: 5, height: 9, fill: .white)
            drawText(String(c), x: 0, y: 0, color: .black, on: &image)
            return image.pixels
        }
        let renders = required.filter { $0 != " " }.map(render)
        #expect(Set(renders.map { $0.description }).count == renders.count)
    }

    @Test func backgroundFillsTheBoxAndClippingIsSafe() {
        var image = RGBImage(width: 40, height: 20, fill: .white)
        drawText("42", x: 1, y: 1, scale: 2, color: .white, background: .darkGray, on: &image)
        #expect(image[1, 1] == .darkGray && image[22, 18] == .darkGray && image[23, 1] == .white)
        drawText("off the edge", x: 30, y: 15, scale: 3, color: .black, on: &image)
        drawText("negative", x: -50, y: -5, scale: 2, color: .black, on: &image)
    }

    @Test func truncation() {
        #expect(truncateText("short", toWidth: 100) == "short")
        let cut = truncateText("a rather long caption", toWidth: 60, scale: 1)
        #expect(cut.hasSuffix("..") && measureText(cut).width <= 60)
        #expect(truncateText("abc", toWidth: 3) == "")
    }
}
