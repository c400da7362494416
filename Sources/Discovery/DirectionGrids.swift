import Generator
import ImageIO
import NumericCore

/// The strengths of a direction grid's columns, in standard deviations: −3 … +3.
public let gridStrengths: [Double] = [-3, -2, -1, 0, 1, 2, 3]

/// A grid of the images of `latent` `[1, D]` moved along each direction: a row per direction (labelled with
/// `directionCaption`: its id, the one the Editor takes, and its label when it has one), a column per strength of `strengths` (in σ of the direction).
public func directionGrid(_ directions: [DiscoveredDirection], generator: any LatentGenerator, latent: Tensor,
                          strengths: [Double] = gridStrengths) throws -> RGBImage {
    precondition(latent.shape[0] == 1, "directionGrid: one latent")
    var points = [Tensor]()
    for direction in directions {
        for strength in strengths { points.append(direction.moved(latent, strength: strength)) }
    }
    let images = try generator.renderImages(Tensor(concatenatingRows: points))
    return makeGrid(tiles: images, columns: strengths.count,
                    rowLabels: directions.map { directionCaption(id: $0.id, label: $0.label) },
                    columnHeaders: strengths.map { $0 == 0 ? "0" : String(format: "%+gs", $0) }, tileScale: 2)
}
