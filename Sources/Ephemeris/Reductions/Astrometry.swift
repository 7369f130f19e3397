#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The astrometric corrections applied between a geometric direction and an apparent one.
///
/// Each is a pure function of unit vectors and barycentric states in au and au/day.
public enum Astrometry {
    /// Schwarzschild radius of the Sun in au, 2GM☉/(c²·au) (IAU 2009/2012 constants).
    public static let solarSchwarzschildRadius = 1.97412574336e-8

    /// Light-time solution: the position of a target as seen from an observer, light-time corrected.
    ///
    /// Given the observer's barycentric position at the reception time and a closure returning the
    /// target's barycentric position and velocity (au, au/day) at a time offset (days) from it, solves
    /// τ = |x(t − τ) − o(t)|/c. The first estimate uses the target's velocity at t (no extra read); the
    /// ephemeris is then read at t − τ and the solution refined until τ changes the position by less
    /// than 1e-12 au (15 cm), which takes one or two reads.
    ///
    /// Returns the astrometric vector (au, from the observer to the target as it was at t − τ), its
    /// length and τ (days).
    ///
    /// References: Kaplan, G. 2005, USNO Circular 179, Sect. 7.2, eq. 7.4.
    public static func lightTime(
        observer: SIMD3<Double>,
        target: (_ delayDays: Double) throws -> (position: SIMD3<Double>, velocity: SIMD3<Double>)
    ) rethrows -> (vector: SIMD3<Double>, distance: Double, delay: Double) {
        try lightTime(observer: observer, now: target(0)) { try target($0).position }
    }

    /// Light-time solution from the target's state at the reception time and a closure returning its
    /// barycentric position (au) at a time offset (days): as `lightTime(observer:target:)`, whose
    /// iteration this is, but the later reads need no velocity (the convergence test uses the one at t).
    public static func lightTime(
        observer: SIMD3<Double>, now: (position: SIMD3<Double>, velocity: SIMD3<Double>),
        position: (_ delayDays: Double) throws -> SIMD3<Double>
    ) rethrows -> (vector: SIMD3<Double>, distance: Double, delay: Double) {
        let p0 = now.position - observer
        var tau = length(p0) / lightAUPerDay
        for _ in 0..<3 { tau = length(p0 - tau * now.velocity) / lightAUPerDay }
        let speed = length(now.velocity)
        var p = try position(-tau) - observer
        var reads = 0
        while reads < 4 {
            let next = length(p) / lightAUPerDay
            if abs(next - tau) * speed < 1e-12 { break }
            tau = next
            p = try position(-tau) - observer
            reads += 1
        }
        return (p, length(p), tau)
    }

    /// Light deflection by one body (General Relativity, point mass).
    ///
    /// - Parameters:
    ///   - direction: unit vector from the observer to the source (`p`).
    ///   - fromBody: unit vector from the deflecting body to the source (`q`).
    ///   - toObserver: unit vector from the deflecting body to the observer (`e`).
    ///   - distance: distance from the deflecting body to the observer (au).
    ///   - massRatio: mass of the body in solar masses.
    ///   - limiter: the minimum of the grazing factor q·(q + e), which tames the formula close to the limb.
    /// - Returns: the deflected unit vector (to first order; not renormalised, like ERFA `ld`).
    ///
    /// References: Klioner, S. 2003, AJ 125, 1580, eq. 70; Kaplan 2005, USNO Circular 179, eq. 7.5.
    public static func deflect(
        direction: SIMD3<Double>, fromBody: SIMD3<Double>, toObserver: SIMD3<Double>,
        distance: Double, massRatio: Double = 1, limiter: Double
    ) -> SIMD3<Double> {
        let (p, q, e, em) = (direction, fromBody, toObserver, distance)
        let qpe = q + e
        let w = massRatio * solarSchwarzschildRadius / em / max(dot(q, qpe), limiter)
        return p + w * cross(p, cross(e, q))
    }

    /// Solar light deflection for a distant source, with the limiter of ERFA `ldsun`
    /// (10⁻⁶ scaled by the observer's solar distance squared when it exceeds 1 au).
    public static func deflectBySun(direction p: SIMD3<Double>, sunToObserver e: SIMD3<Double>, distance em: Double) -> SIMD3<Double> {
        let limiter = 1e-6 / max(em * em, 1)
        return deflect(direction: p, fromBody: p, toObserver: e, distance: em, limiter: limiter)
    }

    /// Stellar aberration, relativistic (Lorentz transformation) with the Sun's gravitational
    /// potential term.
    ///
    /// - Parameters:
    ///   - direction: natural direction (unit vector, deflection already applied).
    ///   - velocity: observer's barycentric velocity in units of c.
    ///   - sunDistance: distance from the Sun to the observer (au).
    /// - Returns: the proper direction (unit vector).
    ///
    /// References: Kaplan 2005, USNO Circular 179, eq. 7.8 (first order); the relativistic form is
    /// that of the Explanatory Supplement (1992), eq. 3.252-3, as implemented in ERFA `ab`.
    public static func aberrate(direction: SIMD3<Double>, velocity: SIMD3<Double>, sunDistance: Double) -> SIMD3<Double> {
        let (p, v, s) = (direction, velocity, sunDistance)
        let bm1 = (1 - dot(v, v)).squareRoot()
        let pdv = dot(p, v)
        let w1 = 1 + pdv / (1 + bm1)
        let w2 = solarSchwarzschildRadius / s
        let r = p * bm1 + w1 * v + w2 * (v - pdv * p)
        return unit(r)
    }
}
