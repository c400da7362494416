import Charts
import ImageIO

extension TrainingMetrics {
    /// The training curves as one image: loss per epoch above accuracy per epoch, training against
    /// validation, with the kept epoch marked; `title` heads the loss chart.
    public func curvesImage(title: String, width: Int = 800, chartHeight: Int = 400) -> RGBImage {
        let epochs = self.epochs.map { Double($0.epoch) }
        func chart(_ title: String, _ label: String, train: [Double], validation: [Double]) -> RGBImage {
            let best = ChartPoint(Double(bestEpoch), validation[bestEpoch - 1])
            return LineChart(title: title, xLabel: "epoch", yLabel: label, series: [
                ChartSeries(name: "training", x: epochs, y: train),
                ChartSeries(name: "validation", x: epochs, y: validation),
                ChartSeries(name: "kept epoch \(bestEpoch)", points: [best], style: .points, marker: .diamond,
                            markerRadius: 6),
            ], width: width, height: chartHeight, integerX: true).render()
        }
        let loss = chart(title, "loss", train: self.epochs.map(\.trainLoss), validation: self.epochs.map(\.validationLoss))
        let accuracy = chart("", "accuracy", train: self.epochs.map(\.trainAccuracy),
                             validation: self.epochs.map(\.validationAccuracy))
        return RGBImage(width: width, height: 2 * chartHeight, pixels: loss.pixels + accuracy.pixels)
    }

    /// The kept classifier's validation confusion matrix as a labelled heatmap (rows: true class, columns:
    /// predicted class).
    public func confusionMatrixImage(title: String, width: Int = 800, height: Int = 600) -> RGBImage {
        Heatmap(title: title, matrix: confusionMatrix.map { $0.map(Double.init) }, rowLabels: classNames,
                columnLabels: classNames, rowAxisTitle: "true class", columnAxisTitle: "predicted class",
                width: width, height: height).render()
    }

    /// Writes the metrics as JSON to `<directory>/<name>.metrics.json`, the curves to `<name>.curves.png` and
    /// the confusion matrix to `<name>.confusion.png`, each atomically; returns the three paths.
    @discardableResult
    public func writeReport(directory: String, name: String, title: String) throws -> [String] {
        let paths = ["metrics.json", "curves.png", "confusion.png"].map { "\(directory)/\(name).\($0)" }
        try writeJSON(to: paths[0])
        try writePNG(curvesImage(title: title), to: paths[1])
        try writePNG(confusionMatrixImage(title: "\(title): validation confusion matrix"), to: paths[2])
        return paths
    }
}
