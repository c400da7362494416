import Editing
import Generator
import Labellers
import NumericCore

/// The built-in image labellers as a judge of held-out edits (they label the images; no edit sees them): for
/// every direction, the edits of every `stride`-th held-out latent have their final point rendered by `generator`
/// and labelled; success is the share labelled with the class sought, and for every other labeller the share whose
/// label stayed that of the latent's start. Nil when the generator cannot render images the labellers read, or
/// `attribute` has no built-in labeller.
func imageLabellerJudge(heldOut: Tensor, attribute: String, generator: any LatentGenerator,
                        stride: Int = 4) throws -> (([DirectionEdits]) throws -> JudgedEdits)? {
    guard generator.canRender, PlanarImage.labellersRead(generator.imageShape), builtInLabeller(attribute) != nil else {
        return nil
    }
    let start = labelImages(try generator.render(heldOut))
    let others = BuiltInLabellers.all.map(\.name).filter { $0 != attribute }
    let classNames = builtInLabeller(attribute)!.classes
    return { edits in
        var count = 0, successes = 0
        var kept = [String: Int]()
        var directions = [JudgedDirection]()
        for direction in edits {
            let judged = direction.rows.indices.filter { direction.rows[$0] % stride == 0 }
            guard !judged.isEmpty else { continue }
            let final = labelImages(try generator.render(direction.result.finalLatents.gathering(rows: judged)))
            let reached = final[attribute]!.filter { $0 == direction.target.classIndex }.count
            var keptHere = 0
            for name in others {
                let same = zip(judged, final[name]!).filter { start[name]![direction.rows[$0.0]] == $0.1 }.count
                kept[name, default: 0] += same
                keptHere += same
            }
            count += judged.count
            successes += reached
            directions.append(JudgedDirection(classIndex: direction.target.classIndex,
                                              className: classNames[direction.target.classIndex], count: judged.count,
                                              successRate: Double(reached) / Double(judged.count),
                                              meanKept: Double(keptHere) / Double(judged.count * max(others.count, 1))))
        }
        return JudgedEdits(judge: "the built-in image labellers", count: count,
                           successRate: Double(successes) / Double(max(count, 1)),
                           keptRates: kept.mapValues { Double($0) / Double(max(count, 1)) }, directions: directions)
    }
}
