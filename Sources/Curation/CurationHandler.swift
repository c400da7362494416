import Dataset
import Diagnostics
import FlyingFox
import Foundation
import LatentClassifier

/// Answers the page's requests: the page itself, the sample images, the state, the orders and the labels.
/// Every refusal is a 4xx with `{"error": ...}` and changes nothing.
struct CurationHandler: HTTPHandler {
    let session: CurationSession
    let images: SampleImageSource
    let assets: PageAssets
    /// Host names the Host header may carry (loopback binds only), nil to accept any.
    let allowedHosts: Set<String>?

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await route(request)
        } catch let refusal as CurationRequestError {
            return json(ErrorResponse(error: refusal.reason), status: HTTPStatusCode(refusal.status.rawValue, phrase: "\(refusal.status)"))
        } catch let error as FileError {
            return json(ErrorResponse(error: error.description), status: .internalServerError)
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await boundedBody(request)
        try checkHost(request)
        let path = request.path
        switch path {
        case "/", "/index.html":
            try require(request, .GET)
            return asset("index.html")
        case "/page/curate.js", "/page/curate.css":
            try require(request, .GET)
            return asset(String(path.dropFirst("/page/".count)))
        case "/api/state":
            try require(request, .GET)
            return try await state(request)
        case "/api/order":
            try require(request, .GET)
            return try await order(request)
        case "/api/label":
            try require(request, .POST)
            try checkOrigin(request)
            return try await label(request, body: body)
        default:
            if path.hasPrefix("/image/") && path.hasSuffix(".png") {
                try require(request, .GET)
                let digits = path.dropFirst("/image/".count).dropLast(".png".count)
                guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                      let index = Int(digits) else {
                    throw CurationRequestError(.notFound, "no such image")
                }
                let png = try await images.png(of: index)
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "image/png", .cacheControl: "max-age=3600"], body: png)
            }
            throw CurationRequestError(.notFound, "no such page")
        }
    }

    /// The body, read before anything is decided, so that every refusal reaches the client instead of a reset
    /// connection: up to `drainLimit` bytes are read, the first `maximumBodySize + 1` kept; a larger body is
    /// refused (413) without reading further.
    private func boundedBody(_ request: HTTPRequest) async throws -> Data {
        let drainLimit = 1 << 20
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > drainLimit {
            throw CurationRequestError(.payloadTooLarge, "the body is \(length) bytes, at most \(LabelRequest.maximumBodySize) are read")
        }
        var body = Data(), total = 0
        for try await chunk in request.bodySequence {
            total += chunk.count
            if body.count <= LabelRequest.maximumBodySize { body.append(chunk.prefix(LabelRequest.maximumBodySize + 1 - body.count)) }
            if total > drainLimit { break }
        }
        if total > LabelRequest.maximumBodySize {
            throw CurationRequestError(.payloadTooLarge, "the body is over \(LabelRequest.maximumBodySize) bytes")
        }
        return body
    }

    private func checkHost(_ request: HTTPRequest) throws {
        guard let allowedHosts else { return }
        let host = request.headers[.host] ?? ""
        let name: Substring
        if host.hasPrefix("[") {
            name = host.split(separator: "]").first.map { $0 + "]" } ?? Substring(host)
        } else {
            name = host.split(separator: ":", omittingEmptySubsequences: false).first ?? ""
        }
        guard allowedHosts.contains(String(name)) else {
            throw CurationRequestError(.forbidden, "this server answers only requests addressed to \(allowedHosts.sorted().joined(separator: " or "))")
        }
    }

    /// A label may only come from the page itself: a browser names the page a request comes from in `Origin`,
    /// and another site's page (a cross-site form or script) is refused.
    private func checkOrigin(_ request: HTTPRequest) throws {
        guard let origin = request.headers[HTTPHeader("Origin")] else { return }
        let own = "http://" + (request.headers[.host] ?? "")
        guard origin == own else {
            throw CurationRequestError(.forbidden, "labels come only from this server's own page (\(own)), not from \(origin.prefix(100))")
        }
    }

    private func require(_ request: HTTPRequest, _ method: HTTPMethod) throws {
        guard request.method == method else {
            throw CurationRequestError(.methodNotAllowed, "\(request.path) takes \(method.rawValue) only")
        }
    }

    private func asset(_ name: String) -> HTTPResponse {
        let file = assets.files[name]!
        return HTTPResponse(statusCode: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache"], body: file.data)
    }

    private func state(_ request: HTTPRequest) async throws -> HTTPResponse {
        let version = await session.version, modelVersion = await session.modelVersion
        if let known = request.query["version"], let knownModel = request.query["model"],
           Int(known) == version, Int(knownModel) == modelVersion {
            return json(["unchanged": true])
        }
        let model = await session.currentModel, history = await session.accuracyHistory
        let restored = await session.modelIsRestored
        let attribute = session.attribute
        let response = StateResponse(
            dataset: URL(fileURLWithPath: session.folder).lastPathComponent, attribute: attribute.name,
            classes: attribute.classes, count: await session.count, version: version, modelVersion: modelVersion,
            labels: await session.labels, images: images.unavailableReason == nil, imagesNote: images.unavailableReason,
            model: model.map { StateResponse.ModelState(trainedOn: $0.labelCount, heldOutAccuracy: $0.heldOutAccuracy,
                                                          heldOutCount: $0.heldOutCount,
                                                          majorityRate: $0.figures.majorityRate,
                                                          majorityClass: $0.figures.majorityClass,
                                                          balancedAccuracy: $0.figures.balancedAccuracy,
                                                          restored: restored,
                                                          predictions: predictedClasses($0.probabilities),
                                                          history: history) },
            modelNote: await session.modelNote, modelSaveError: await session.saveError, training: await session.isTraining,
            retrainEvery: session.settings.retrainEvery,
            orders: SampleOrder.allCases.map { .init(name: $0.rawValue, title: $0.title) })
        return json(response)
    }

    private func order(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let name = request.query["name"], let order = SampleOrder(rawValue: name) else {
            throw CurationRequestError(.badRequest, "name must be one of \(SampleOrder.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (samples, note) = await session.samples(in: order)
        return json(OrderResponse(order: order.rawValue, samples: samples, note: note, modelVersion: await session.modelVersion))
    }

    private func label(_ request: HTTPRequest, body: Data) async throws -> HTTPResponse {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw CurationRequestError(.unsupportedMediaType, "send the label as application/json")
        }
        let parsed = try LabelRequest(body: body)
        let version = try await session.setLabel(sample: parsed.sample, to: parsed.label)
        return json(LabelResponse(sample: parsed.sample, label: parsed.label, version: version))
    }

    private func json(_ value: some Encodable, status: HTTPStatusCode = .ok) -> HTTPResponse {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return HTTPResponse(statusCode: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: data)
    }
}
