#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm of a double (the C library's, the same on every platform build).
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
/// Cosine of a double.
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
/// e^x for a float.
@inline(__always) func _exp(_ x: Float) -> Float { expf(x) }
/// Natural logarithm of a float.
@inline(__always) func _logf(_ x: Float) -> Float { logf(x) }
/// log(1 + e^x) for a float, stable for large |x|.
@inline(__always) func softplus(_ x: Float) -> Float { max(x, 0) + log1pf(expf(-abs(x))) }
/// x raised to the power y, in double precision.
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
