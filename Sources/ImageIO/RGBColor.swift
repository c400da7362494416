/// An 8-bit sRGB colour.
public struct RGBColor: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0...255.
    public var r: UInt8
    /// Green, 0...255.
    public var g: UInt8
    /// Blue, 0...255.
    public var b: UInt8

    /// A colour from its three 8-bit components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from a 24-bit hexadecimal value such as `0x1F77B4`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// Relative brightness in 0...1 (Rec. 601 weights on the 8-bit values).
    public var luminance: Double {
        (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
    }

    /// Black or white, whichever is more readable on top of this colour.
    public var contrastingText: RGBColor {
        luminance > 0.55 ? .black : .white
    }

    /// The colour `fraction` of the way from `self` to `other` (fraction clamped to 0...1).
    public func mixed(with other: RGBColor, fraction: Double) -> RGBColor {
        let t = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return RGBColor(channel(r, other.r), channel(g, other.g), channel(b, other.b))
    }

    /// "#RRGGBB".
    public var description: String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [r, g, b].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    /// Pure black.
    public static let black = RGBColor(0, 0, 0)
    /// Pure white.
    public static let white = RGBColor(255, 255, 255)
    /// Mid grey.
    public static let gray = RGBColor(128, 128, 128)
    /// Dark grey, for label strips behind white text.
    public static let darkGray = RGBColor(48, 48, 48)
    /// Pure red.
    public static let red = RGBColor(255, 0, 0)
    /// Pure green.
    public static let green = RGBColor(0, 255, 0)
    /// Pure blue.
    public static let blue = RGBColor(0, 0, 255)
}
