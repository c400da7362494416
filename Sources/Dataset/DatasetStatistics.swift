/// Class counts of one attribute.
public struct AttributeStatistics: Sendable, Equatable {
    /// The attribute.
    public let attribute: Attribute
    /// Samples per class.
    public let classCounts: [Int]
    /// Samples with a label.
    public var labelled: Int { classCounts.reduce(0, +) }
}

/// What a dataset holds: counts per class, label coverage, and how attributes go together (the spurious
/// correlations that a disentangled control must cope with).
public struct DatasetStatistics: Sendable, Equatable {
    /// The number of samples.
    public let count: Int
    /// Per attribute, in manifest order.
    public let attributes: [AttributeStatistics]
    /// Cramér's V between attributes a and b (0 independent … 1 one determines the other), on the samples
    /// labelled for both; nil where fewer than two classes occur on either side.
    public let association: [[Double?]]
    /// One indicator per class event: `name=class` for each class of a multiclass attribute, and for class 1
    /// of a binary one.
    public let indicators: [String]
    /// The Pearson correlation between indicators i and j on the samples labelled for both; nil where
    /// either is constant there.
    public let indicatorCorrelation: [[Double?]]

    /// The statistics of `dataset`.
    public init(_ dataset: LabelledDataset) {
        let attributes = dataset.manifest.attributes
        let columns = dataset.labels
        count = dataset.count
        self.attributes = zip(attributes, columns).map { attribute, column in
            var counts = [Int](repeating: 0, count: attribute.classes.count)
            for label in column { if let label { counts[label] += 1 } }
            return AttributeStatistics(attribute: attribute, classCounts: counts)
        }
        association = columns.indices.map { a in
            columns.indices.map { b in cramersV(columns[a], columns[b], attributes[a].classes.count, attributes[b].classes.count) }
        }
        var names = [String](), events = [(column: Int, label: Int)]()
        for (index, attribute) in attributes.enumerated() {
            for label in attribute.kind == .binary ? [1] : Array(attribute.classes.indices) {
                names.append("\(attribute.name)=\(attribute.classes[label])")
                events.append((index, label))
            }
        }
        indicators = names
        indicatorCorrelation = events.map { x in
            events.map { y in indicatorCorrelationValue(columns[x.column], x.label, columns[y.column], y.label) }
        }
    }
}

/// Cramér's V of two label columns over the samples labelled in both.
private func cramersV(_ a: [Int?], _ b: [Int?], _ classesA: Int, _ classesB: Int) -> Double? {
    var table = [[Double]](repeating: [Double](repeating: 0, count: classesB), count: classesA)
    var total = 0.0
    for (x, y) in zip(a, b) {
        if let x, let y {
            table[x][y] += 1
            total += 1
        }
    }
    let rows = table.map { $0.reduce(0, +) }
    let columns = (0..<classesB).map { j in table.reduce(0) { $0 + $1[j] } }
    let freedom = min(rows.filter { $0 > 0 }.count, columns.filter { $0 > 0 }.count) - 1
    guard freedom > 0 else { return nil }
    var chiSquare = 0.0
    for i in 0..<classesA where rows[i] > 0 {
        for j in 0..<classesB where columns[j] > 0 {
            let expected = rows[i] * columns[j] / total
            chiSquare += (table[i][j] - expected) * (table[i][j] - expected) / expected
        }
    }
    return (chiSquare / (total * Double(freedom))).squareRoot()
}

/// The Pearson correlation of the indicators "a is classA" and "b is classB" over samples labelled in both.
private func indicatorCorrelationValue(_ a: [Int?], _ classA: Int, _ b: [Int?], _ classB: Int) -> Double? {
    var n = 0.0, sumX = 0.0, sumY = 0.0, sumXY = 0.0
    for (x, y) in zip(a, b) {
        guard let x, let y else { continue }
        let u = x == classA ? 1.0 : 0.0, v = y == classB ? 1.0 : 0.0
        n += 1
        sumX += u
        sumY += v
        sumXY += u * v
    }
    // For 0/1 indicators the sum of squares equals the sum.
    let varianceX = n * sumX - sumX * sumX, varianceY = n * sumY - sumY * sumY
    guard varianceX > 0 && varianceY > 0 else { return nil }
    return (n * sumXY - sumX * sumY) / (varianceX * varianceY).squareRoot()
}
