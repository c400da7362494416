import Foundation

/// A JSON encoder with sorted keys (pretty-printed when `pretty`) that writes NaN and infinities as the
/// strings "nan", "inf", "-inf", so that diverged figures still serialise.
func trainerJSONEncoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                  nan: "nan")
    return encoder
}

/// The decoder matching `trainerJSONEncoder`.
func trainerJSONDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                    nan: "nan")
    return decoder
}
