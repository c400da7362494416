import Testing
import ImageIO

@Suite struct ContactSheetTests {
    let tiles = (0..<10).map { i in RGBImage(width: 64, height: 64, fill: RGBColor(UInt8(20 * i), 100, 200)) }

    @Test func gridSizeArithmetic() {
        let plain = makeGrid(tiles: tiles, columns: 4, spacing: 6)
        // 2·8 margin + 4·64 + 3·6 spacing; 3 rows: 2·8 + 3·64 + 2·6.
        #expect(plain.width == 16 + 256 + 18)
        #expect(plain.height == 16 + 192 + 12)

        // Captions at scale 2 add an 11·2 = 22 px strip per row.
        let captioned = makeGrid(tiles: tiles, columns: 4, tileCaptions: tiles.indices.map { "\($0)" }, spacing: 6)
        #expect(captioned.width == 290 && captioned.height == 220 + 3 * 22)

        // Column headers add 9·2 + spacing; row labels add their widest width + spacing.
        let labels = ["#0 toward green", "#1", "#2"]
        let full = makeGrid(tiles: tiles, columns: 4, rowLabels: labels, columnHeaders: ["orig", "1", "2", "3"], spacing: 6)
        #expect(full.width == 290 + measureText(labels[0], scale: 2).width + 6)
        #expect(full.height == 220 + 18 + 6)

        // Fewer tiles than columns: the grid shrinks to the tiles.
        let two = makeGrid(tiles: Array(tiles.prefix(2)), columns: 8, spacing: 6)
        #expect(two.width == 16 + 128 + 6 && two.height == 16 + 64)

        let scaled = ContactSheet(columns: 5, spacing: 2, margin: 0, tileScale: 2).render(tiles: tiles)
        #expect(scaled.width == 5 * 128 + 4 * 2 && scaled.height == 2 * 128 + 2)
        #expect(makeGrid(tiles: [], columns: 3).width == 16)
    }

    @Test func tilesLandInTheirCells() {
        let sheet = ContactSheet(columns: 4, spacing: 6, margin: 8).render(tiles: tiles)
        for (i, tile) in tiles.enumerated() {
            let x = 8 + (i % 4) * 70, y = 8 + (i / 4) * 70
            #expect(sheet[x, y] == tile[0, 0] && sheet[x + 63, y + 63] == tile[63, 63])
        }
        #expect(sheet[8 + 64, 8] == .white)  // spacing column
    }

    @Test func captionsAreDrawnOnAContrastingStrip() {
        let sheet = ContactSheet(columns: 4, spacing: 6, margin: 8)
            .render(tiles: tiles, captions: tiles.indices.map { "\($0 + 100)" })
        // The strip above tile 0 spans y = 8..<30 and holds white digits on dark grey.
        var white = 0, dark = 0
        for y in 8..<30 {
            for x in 8..<72 {
                if sheet[x, y] == .white { white += 1 } else if sheet[x, y] == .darkGray { dark += 1 }
            }
        }
        #expect(white > 60 && dark > white)
        #expect(sheet[8, 30] == tiles[0][0, 0])  // the tile starts below its strip
        // Captions below instead.
        let below = ContactSheet(columns: 4, spacing: 6, margin: 8, captionPlacement: .below)
            .render(tiles: tiles, captions: tiles.indices.map { "\($0)" })
        #expect(below[8, 8] == tiles[0][0, 0] && below[8, 72] == .darkGray)
    }
}
