import Dataset
import Labellers
import Testing

@Suite("Built-in labellers on synthetic images")
struct LabellerTests {
    let color = BuiltInLabellers.color

    @Test("HSV matches Python's colorsys.rgb_to_hsv")
    func hsvMatchesColorsys() {
        // Reference values printed by colorsys.rgb_to_hsv.
        let cases: [((Double, Double, Double), (Double, Double, Double))] = [
            ((1, 0, 0), (0, 1, 1)), ((0, 1, 0), (1.0 / 3, 1, 1)), ((0.2, 0.4, 0.4), (0.5, 0.5, 0.4)),
            ((1, 0, 0.5), (0.9166666666666666, 1, 1)), ((0.3, 0.2, 0.25), (0.9166666666666666, 0.33333333333333326, 0.3)),
            ((0.5, 0.5, 0.5), (0, 0, 0.5)), ((0.1, 0.6, 0.3), (0.39999999999999997, 0.8333333333333334, 0.6)),
            ((0.95, 0.9, 0.2), (0.15555555555555559, 0.7894736842105263, 0.95)),
        ]
        for ((r, g, b), (h, s, v)) in cases {
            let result = hsv(r: r, g: g, b: b)
            #expect(abs(result.h - h) < 1e-12 && abs(result.s - s) < 1e-12 && abs(result.v - v) < 1e-12,
                    "rgb (\(r), \(g), \(b)) gave \(result)")
        }
    }

    @Test("color: each class from a border of a known colour, whatever the centre")
    func colorClasses() {
        let cases: [((Float, Float, Float), String)] = [
            ((0, 1, 0), "green"), ((0.15, 0.05, 0.1), "dark"), ((0.5, 0.5, 0.5), "neutral"), ((0.9, 0.3, 0.2), "warm"),
            ((1, 0, 0.3), "warm"), ((0.1, 0.2, 0.9), "blue"), ((0.1, 0.6, 0.3), "green"), ((0.2, 0.7, 0.8), "blue"),
        ]
        for ((r, g, b), expected) in cases {
            var image = SyntheticImage(1 - r, 1 - g, 1 - b)  // the centre has the opposite colour
            image.paintBorder(r, g, b)
            let label = color.label(image.image)
            #expect(color.classes[label.classIndex] == expected, "border (\(r), \(g), \(b))")
            #expect(label.scores.count == 5)
            #expect(abs(label.scores.reduce(0, +) - 1) < 1e-5)
            #expect(label.scores.firstIndex(of: label.scores.max()!) == label.classIndex,
                    "the most confident class is the labelled one for a clear colour")
        }
    }

    @Test("color thresholds: v just below and above 0.20, s just below and above 0.15")
    func colorThresholds() {
        #expect(color.classify(h: 0.3, s: 0.9, v: 0.199) == 0)
        #expect(color.classify(h: 0.3, s: 0.9, v: 0.201) == 3)
        #expect(color.classify(h: 0.3, s: 0.149, v: 0.5) == 1)
        #expect(color.classify(h: 0.169, s: 0.5, v: 0.5) == 2)
        #expect(color.classify(h: 0.171, s: 0.5, v: 0.5) == 3)
        #expect(color.classify(h: 0.449, s: 0.5, v: 0.5) == 3)
        #expect(color.classify(h: 0.451, s: 0.5, v: 0.5) == 4)
        #expect(color.classify(h: 0.899, s: 0.5, v: 0.5) == 4)
        #expect(color.classify(h: 0.901, s: 0.5, v: 0.5) == 2)
    }

    @Test("color confidence ranks clearly green above barely green")
    func colorConfidenceRanking() {
        func greenConfidence(_ r: Float, _ g: Float, _ b: Float) -> Float {
            var image = SyntheticImage(0, 0, 0)
            image.paintBorder(r, g, b)
            let label = color.label(image.image)
            #expect(label.classIndex == 3)
            return label.scores[3]
        }
        let clearly = greenConfidence(0.1, 0.8, 0.2)   // h ≈ 0.36
        let barely = greenConfidence(0.75, 0.8, 0.2)   // h ≈ 0.18, next to warm
        let dim = greenConfidence(0.1, 0.21, 0.12)     // v ≈ 0.21, next to dark
        #expect(clearly > barely)
        #expect(clearly > dim)
        #expect(clearly > 0.9)
    }

    @Test("the border region is rows 0–5 and columns 0–3, 60–63, each pixel once")
    func borderBoundaries() {
        let region = BuiltInLabellers.borderRegion
        #expect(region.pixelCount == 6 * 64 + 2 * 4 * 58)
        let base = SyntheticImage(0, 0, 0)
        func borderMean(_ paint: (inout SyntheticImage) -> Void) -> Double {
            var image = base
            paint(&image)
            return region.meanColor(of: image.image).r
        }
        #expect(borderMean { $0.paint(rows: 6...6, columns: 4...59, 1, 1, 1) } == 0, "row 6 inside the side columns is not border")
        #expect(borderMean { $0.paint(rows: 6...63, columns: 4...4, 1, 1, 1) } == 0, "column 4 is not border")
        #expect(borderMean { $0.paint(rows: 6...63, columns: 59...59, 1, 1, 1) } == 0, "column 59 is not border")
        #expect(borderMean { $0.paint(rows: 5...5, columns: 0...63, 1, 1, 1) } == 64.0 / 848)
        #expect(borderMean { $0.paint(rows: 0...63, columns: 3...3, 1, 1, 1) } == 64.0 / 848, "column 3 counts once per row")
        #expect(borderMean { $0.paint(rows: 0...63, columns: 60...60, 1, 1, 1) } == 64.0 / 848)
        #expect(borderMean { $0.paint(rows: 0...0, columns: 0...0, 1, 1, 1) } == 1.0 / 848, "a corner pixel counts once")
        #expect(borderMean { $0.paintBorder(1, 1, 1) } == 1)
    }

    @Test("lightness: face luma over rows 22–47, columns 20–43 against 0.31")
    func lightness() {
        let labeller = BuiltInLabellers.lightness
        var face = SyntheticImage(0, 0, 0)
        face.paint(rows: 22...47, columns: 20...43, 0.5, 0.5, 0.5)
        let light = labeller.label(face.image)
        #expect(light.classIndex == 1)
        #expect(abs(light.scores[0] - 0.19) < 1e-6, "margin is luma − 0.31")

        var outside = SyntheticImage(0, 0, 0)
        outside.paint(rows: 0...21, columns: 0...63, 1, 1, 1)
        outside.paint(rows: 48...63, columns: 0...63, 1, 1, 1)
        outside.paint(rows: 0...63, columns: 0...19, 1, 1, 1)
        outside.paint(rows: 0...63, columns: 44...63, 1, 1, 1)
        #expect(labeller.statistic(of: outside.image) == 0, "pixels around the face region do not count")

        var red = SyntheticImage(1, 0, 0)
        #expect(abs(labeller.statistic(of: red.image) - 0.299) < 1e-9)
        #expect(labeller.label(red.image).classIndex == 0)
        red = SyntheticImage(0, 1, 0)
        #expect(labeller.label(red.image).classIndex == 1, "green luma 0.587")
        var corner = SyntheticImage(0, 0, 0)
        corner.paint(rows: 47...47, columns: 43...43, 1, 1, 1)
        #expect(abs(labeller.statistic(of: corner.image) - 1.0 / (26 * 24)) < 1e-12, "row 47, column 43 are inside")
    }

    @Test("light_side: left half rows 16–47 columns 8–31 minus columns 32–55")
    func lightSide() {
        let labeller = BuiltInLabellers.lightSide
        var left = SyntheticImage(0.2, 0.2, 0.2)
        left.paint(rows: 0...63, columns: 0...31, 0.8, 0.8, 0.8)
        #expect(labeller.label(left.image).classIndex == 1)
        #expect(abs(labeller.label(left.image).scores[0] - 0.6) < 1e-5)
        var right = SyntheticImage(0.2, 0.2, 0.2)
        right.paint(rows: 0...63, columns: 32...63, 0.8, 0.8, 0.8)
        #expect(labeller.label(right.image).classIndex == 0)
        #expect(labeller.label(SyntheticImage(0.5, 0.5, 0.5).image).classIndex == 0, "a tie is 'right' (not > 0)")

        var column31 = SyntheticImage(0, 0, 0)
        column31.paint(rows: 16...47, columns: 31...31, 1, 1, 1)
        #expect(abs(labeller.statistic(of: column31.image) - 1.0 / 24) < 1e-12)
        var column32 = SyntheticImage(0, 0, 0)
        column32.paint(rows: 16...47, columns: 32...32, 1, 1, 1)
        #expect(abs(labeller.statistic(of: column32.image) + 1.0 / 24) < 1e-12)
        var outside = SyntheticImage(0, 0, 0)
        outside.paint(rows: 0...15, columns: 0...63, 1, 1, 1)
        outside.paint(rows: 48...63, columns: 0...63, 1, 1, 1)
        outside.paint(rows: 0...63, columns: 0...7, 1, 1, 1)
        #expect(labeller.statistic(of: outside.image) == 0, "rows 15, 48 and columns 0–7 do not count")
    }

    @Test("background: border luma against 0.34, the centre ignored")
    func background() {
        let labeller = BuiltInLabellers.background
        var bright = SyntheticImage(0, 0, 0)
        bright.paintBorder(0.5, 0.5, 0.5)
        #expect(labeller.label(bright.image).classIndex == 1)
        #expect(abs(labeller.label(bright.image).scores[0] - 0.16) < 1e-6)
        var dim = SyntheticImage(1, 1, 1)
        dim.paintBorder(0.3, 0.3, 0.3)
        #expect(labeller.label(dim.image).classIndex == 0)
        var row6 = SyntheticImage(0, 0, 0)
        row6.paint(rows: 6...6, columns: 4...59, 1, 1, 1)
        #expect(labeller.statistic(of: row6.image) == 0)
    }

    @Test("labellers by name, in the order asked; unknown and repeated names are refused")
    func namedLabellers() throws {
        #expect(try BuiltInLabellers.named(["background", "color"]).map(\.name) == ["background", "color"])
        #expect(thrownDescription { _ = try BuiltInLabellers.named(["colour"]) }?.contains("unknown labeller 'colour'") == true)
        #expect(thrownDescription { _ = try BuiltInLabellers.named(["color", "color"]) }?.contains("named twice") == true)
    }
}
