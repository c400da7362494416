import Foundation

/// What `GET /api/state` answers: everything the page shows.
struct StateResponse: Encodable {
    struct ModelState: Encodable {
        let trainedOn: Int
        let heldOutAccuracy: Double
        let heldOutCount: Int
        /// The baselines beside the accuracy: always answering the most common class, and the mean per-class accuracy.
        let majorityRate: Double
        let majorityClass: Int
        let balancedAccuracy: Double
        /// Whether this is the saved model read when the server started.
        let restored: Bool
        let predictions: [Int]
        /// The held-out figures of every model of the attribute, oldest first.
        let history: [HeldOutFigures]
    }
    struct OrderInfo: Encodable {
        let name: String
        let title: String
    }
    let dataset: String
    let attribute: String
    let classes: [String]
    let count: Int
    let version: Int
    let modelVersion: Int
    let labels: [Int?]
    let images: Bool
    let imagesNote: String?
    let model: ModelState?
    let modelNote: String?
    /// Why the last model could not be saved beside the labels, or nil.
    let modelSaveError: String?
    let training: Bool
    let retrainEvery: Int
    let orders: [OrderInfo]
}

/// What `GET /api/order` answers.
struct OrderResponse: Encodable {
    let order: String
    let samples: [Int]?
    let note: String?
    let modelVersion: Int
}

/// What `POST /api/label` answers once the label is on disk.
struct LabelResponse: Encodable {
    let sample: Int
    let label: Int?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case sample, label = "class", version
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sample, forKey: .sample)
        try container.encode(label, forKey: .label)
        try container.encode(version, forKey: .version)
    }
}

/// A refusal: `{"error": "..."}`.
struct ErrorResponse: Encodable {
    let error: String
}
