#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 3×3 rotation matrix stored by rows; `m * v` rotates a column vector.
///
/// Rotations follow the SOFA/ERFA convention: `Matrix3.rotationX(φ)` rotates the *frame* by +φ about
/// the x axis, so a fixed vector's coordinates turn by −φ.
public struct Matrix3: Sendable, Hashable {
    /// First row.
    public var row0: SIMD3<Double>
    /// Second row.
    public var row1: SIMD3<Double>
    /// Third row (for a celestial-to-intermediate matrix, the pole in the celestial frame).
    public var row2: SIMD3<Double>

    /// A matrix from its rows.
    public init(_ row0: SIMD3<Double>, _ row1: SIMD3<Double>, _ row2: SIMD3<Double>) {
        self.row0 = row0
        self.row1 = row1
        self.row2 = row2
    }

    /// The identity.
    public static let identity = Matrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    /// Frame rotation by `angle` about x.
    public static func rotationX(_ angle: Double) -> Matrix3 {
        let s = sin(angle), c = cos(angle)
        return Matrix3(SIMD3(1, 0, 0), SIMD3(0, c, s), SIMD3(0, -s, c))
    }

    /// Frame rotation by `angle` about y.
    public static func rotationY(_ angle: Double) -> Matrix3 {
        let s = sin(angle), c = cos(angle)
        return Matrix3(SIMD3(c, 0, -s), SIMD3(0, 1, 0), SIMD3(s, 0, c))
    }

    /// Frame rotation by `angle` about z.
    public static func rotationZ(_ angle: Double) -> Matrix3 {
        let s = sin(angle), c = cos(angle)
        return Matrix3(SIMD3(c, s, 0), SIMD3(-s, c, 0), SIMD3(0, 0, 1))
    }

    /// Frame rotation about x by the angle whose sine and cosine are given.
    static func rotationX(sin s: Double, cos c: Double) -> Matrix3 {
        Matrix3(SIMD3(1, 0, 0), SIMD3(0, c, s), SIMD3(0, -s, c))
    }

    /// Frame rotation about z by the angle whose sine and cosine are given.
    static func rotationZ(sin s: Double, cos c: Double) -> Matrix3 {
        Matrix3(SIMD3(c, s, 0), SIMD3(-s, c, 0), SIMD3(0, 0, 1))
    }

    /// The transpose, which is the inverse of a rotation.
    public var transposed: Matrix3 {
        Matrix3(SIMD3(row0.x, row1.x, row2.x), SIMD3(row0.y, row1.y, row2.y), SIMD3(row0.z, row1.z, row2.z))
    }

    /// Element (row, column), both 0…2.
    public subscript(row: Int, column: Int) -> Double {
        switch row {
        case 0: row0[column]
        case 1: row1[column]
        default: row2[column]
        }
    }

    /// M·v: the vector in the rotated frame.
    public static func * (m: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((m.row0 * v).sum(), (m.row1 * v).sum(), (m.row2 * v).sum())
    }

    /// A·B: apply B first, then A.
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(b.transposeTimes(a.row0), b.transposeTimes(a.row1), b.transposeTimes(a.row2))
    }
}

extension Matrix3 {
    /// Mᵀ·v: the inverse rotation of a vector, without forming the transpose.
    @inline(__always)
    public func transposeTimes(_ v: SIMD3<Double>) -> SIMD3<Double> {
        row0 * v.x + row1 * v.y + row2 * v.z
    }
}

@inline(__always) func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
@inline(__always) func length(_ a: SIMD3<Double>) -> Double { (a * a).sum().squareRoot() }
@inline(__always) func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func unit(_ a: SIMD3<Double>) -> SIMD3<Double> {
    let r = length(a)
    return r > 0 ? a / r : a
}

/// Right ascension (or longitude) in [0, 2π) and declination (or latitude) of a direction.
@inline(__always) func spherical(_ v: SIMD3<Double>) -> (longitude: Double, latitude: Double) {
    let rho = (v.x * v.x + v.y * v.y).squareRoot()
    var lon = (v.x == 0 && v.y == 0) ? 0 : atan2(v.y, v.x)
    if lon < 0 { lon += 2 * .pi }
    let lat = (rho == 0 && v.z == 0) ? 0 : atan2(v.z, rho)
    return (lon, lat)
}

/// Sine and cosine of an angle; below 1e-3 rad by their Taylor series, whose first omitted terms
/// (x⁷/5040, x⁶/720) are then below 1e-24 relative, so the result is that of sin and cos.
@inline(__always) func sineCosine(_ x: Double) -> (sin: Double, cos: Double) {
    guard abs(x) < 1e-3 else { return (sin(x), cos(x)) }
    let x2 = x * x
    return (x * (1 - x2 / 6 * (1 - x2 / 20)), 1 - x2 / 2 * (1 - x2 / 12))
}

/// atan2(y, x) for y ≥ 0, by the series z − z³/3 + z⁵/5 of z = y/x when z < 1e-3 (first omitted term
/// z⁷/7, below 1e-22 relative): the angle between two nearly parallel vectors without a call to atan2.
@inline(__always) func smallAngle(_ y: Double, _ x: Double) -> Double {
    guard x > 0, y < 1e-3 * x else { return atan2(y, x) }
    let z = y / x, z2 = z * z
    return z * (1 - z2 * (1.0 / 3 - z2 / 5))
}

let arcsecondsToRadians = Double.pi / 648_000
/// Speed of light in au/day (IAU 2009 c with the IAU 2012 au).
let lightAUPerDay = 299_792_458.0 * 86_400 / 149_597_870_700
/// The astronomical unit in km (IAU 2012 Resolution B2).
public let kilometresPerAU = 149_597_870.7
