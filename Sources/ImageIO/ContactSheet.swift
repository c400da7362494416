/// Where a tile's caption strip goes.
public enum CaptionPlacement: Sendable {
    /// A strip directly above each tile.
    case above
    /// A strip directly below each tile.
    case below
}

/// Lays out equally sized images in a grid, optionally with a title, column headers, row labels on
/// the left and a caption strip per tile (for numbered contact sheets and edit strips).
///
/// Geometry, in pixels (cell = largest tile × `tileScale`; smaller tiles are centred in their cell):
/// - width  = 2·margin + rowLabelWidth + columns·cellWidth + (columns − 1)·spacing,
///   where rowLabelWidth is the widest row label plus `spacing` (0 without row labels);
/// - height = 2·margin + titleHeight + headerHeight + rows·(cellHeight + captionHeight) + (rows − 1)·spacing,
///   where titleHeight and headerHeight are each 9·labelScale + spacing when present, and
///   captionHeight is 11·captionScale when captions are given (0 otherwise).
/// `columns` shrinks to the number of tiles when there are fewer tiles than columns.
public struct ContactSheet: Sendable {
    /// Tiles per row (at least 1).
    public var columns: Int
    /// Gap between cells, and between labels and cells.
    public var spacing: Int
    /// Empty border around everything.
    public var margin: Int
    /// Colour of the sheet behind tiles and labels.
    public var background: RGBColor
    /// Integer enlargement applied to every tile (nearest neighbour).
    public var tileScale: Int
    /// Where caption strips go relative to their tile.
    public var captionPlacement: CaptionPlacement
    /// Font scale of tile captions (2 or more keeps indices readable).
    public var captionScale: Int
    /// Caption text colour.
    public var captionColor: RGBColor
    /// Caption strip colour, chosen to contrast with `captionColor`.
    public var captionBackground: RGBColor
    /// Font scale of the title, column headers and row labels.
    public var labelScale: Int
    /// Colour of the title, column headers and row labels.
    public var labelColor: RGBColor
    /// Optional line of text above the grid.
    public var title: String?

    /// A layout with the given number of columns and readable defaults: 4 px spacing, 8 px margin,
    /// white sheet, white 2× captions on dark grey strips above tiles, black 2× labels.
    public init(columns: Int, spacing: Int = 4, margin: Int = 8, background: RGBColor = .white,
                tileScale: Int = 1, captionPlacement: CaptionPlacement = .above, captionScale: Int = 2,
                captionColor: RGBColor = .white, captionBackground: RGBColor = .darkGray,
                labelScale: Int = 2, labelColor: RGBColor = .black, title: String? = nil) {
        self.columns = columns
        self.spacing = spacing
        self.margin = margin
        self.background = background
        self.tileScale = tileScale
        self.captionPlacement = captionPlacement
        self.captionScale = captionScale
        self.captionColor = captionColor
        self.captionBackground = captionBackground
        self.labelScale = labelScale
        self.labelColor = labelColor
        self.title = title
    }

    /// Renders the grid. `captions[i]` labels tile i, `rowLabels[r]` row r and `columnHeaders[c]`
    /// column c; missing entries are left blank and extra ones ignored. Captions and headers wider
    /// than a cell are shortened with "..".
    public func render(tiles: [RGBImage], captions: [String]? = nil, rowLabels: [String]? = nil,
                       columnHeaders: [String]? = nil) -> RGBImage {
        precondition(columns >= 1, "ContactSheet: columns must be at least 1")
        precondition(spacing >= 0 && margin >= 0, "ContactSheet: negative spacing or margin")
        precondition(tileScale >= 1 && captionScale >= 1 && labelScale >= 1, "ContactSheet: scales must be at least 1")

        let columnCount = max(1, min(columns, tiles.count))
        let rowCount = (tiles.count + columnCount - 1) / columnCount
        let cellWidth = (tiles.map(\.width).max() ?? 0) * tileScale
        let cellHeight = (tiles.map(\.height).max() ?? 0) * tileScale
        let captionHeight = captions == nil ? 0 : BitmapFont.lineSpacing * captionScale
        let labelLine = BitmapFont.lineHeight * labelScale
        let titleHeight = title == nil ? 0 : labelLine + spacing
        let headerHeight = columnHeaders == nil ? 0 : labelLine + spacing
        let rowLabelWidth = rowLabels.map { labels in
            (labels.prefix(rowCount).map { measureText($0, scale: labelScale).width }.max() ?? 0) + spacing
        } ?? 0
        let rowPitch = cellHeight + captionHeight + spacing
        let columnPitch = cellWidth + spacing

        let width = 2 * margin + rowLabelWidth + columnCount * cellWidth + max(columnCount - 1, 0) * spacing
        let height = 2 * margin + titleHeight + headerHeight
            + rowCount * (cellHeight + captionHeight) + max(rowCount - 1, 0) * spacing
        var sheet = RGBImage(width: width, height: height, fill: background)

        if let title {
            drawText(title, x: margin, y: margin, scale: labelScale, color: labelColor, on: &sheet)
        }
        let gridLeft = margin + rowLabelWidth
        let gridTop = margin + titleHeight + headerHeight

        if let columnHeaders {
            for (column, header) in columnHeaders.prefix(columnCount).enumerated() {
                let text = truncateText(header, toWidth: cellWidth, scale: labelScale)
                let textWidth = measureText(text, scale: labelScale).width
                drawText(text, x: gridLeft + column * columnPitch + (cellWidth - textWidth) / 2,
                         y: gridTop - headerHeight, scale: labelScale, color: labelColor, on: &sheet)
            }
        }

        for (index, tile) in tiles.enumerated() {
            let row = index / columnCount, column = index % columnCount
            let cellX = gridLeft + column * columnPitch
            let cellY = gridTop + row * rowPitch
            let tileY = captionPlacement == .above ? cellY + captionHeight : cellY
            let scaled = tile.scaled(by: tileScale)
            sheet.draw(scaled, x: cellX + (cellWidth - scaled.width) / 2, y: tileY + (cellHeight - scaled.height) / 2)

            if let captions {
                let stripY = captionPlacement == .above ? cellY : cellY + cellHeight
                sheet.fillRect(x: cellX, y: stripY, width: cellWidth, height: captionHeight, color: captionBackground)
                if index < captions.count {
                    let text = truncateText(captions[index], toWidth: cellWidth - 2, scale: captionScale)
                    let size = measureText(text, scale: captionScale)
                    drawText(text, x: cellX + (cellWidth - size.width) / 2, y: stripY + captionScale,
                             scale: captionScale, color: captionColor, on: &sheet)
                }
            }
        }

        if let rowLabels {
            for (row, label) in rowLabels.prefix(rowCount).enumerated() {
                let tileY = gridTop + row * rowPitch + (captionPlacement == .above ? captionHeight : 0)
                let size = measureText(label, scale: labelScale)
                drawText(label, x: margin, y: tileY + (cellHeight - size.height) / 2,
                         scale: labelScale, color: labelColor, on: &sheet)
            }
        }
        return sheet
    }
}

/// A grid of tiles with optional per-tile captions, row labels and column headers, using the
/// `ContactSheet` defaults apart from the given columns, spacing and background.
public func makeGrid(tiles: [RGBImage], columns: Int, tileCaptions: [String]? = nil,
                     rowLabels: [String]? = nil, columnHeaders: [String]? = nil,
                     spacing: Int = 4, background: RGBColor = .white, tileScale: Int = 1) -> RGBImage {
    ContactSheet(columns: columns, spacing: spacing, background: background, tileScale: tileScale)
        .render(tiles: tiles, captions: tileCaptions, rowLabels: rowLabels, columnHeaders: columnHeaders)
}
