import Foundation
import TestSupport
import Testing
import SkyTime
@testable import Ephemeris

/// Local apparent sidereal time against every topocentric row of the reference file (all epochs,
/// −1500…+2100): it needs no ephemeris. The reference's "LTP-consistent GAST" is matched as
/// ERA − EO(precession-only pole, integrated CIO locator) + equation of the equinoxes; the CIO-based
/// IAU 2006 series would be off by 20″ at −1000 and 5′ at −2500.
@Suite("Sidereal time over every reference row")
struct SiderealTimeTests {
    @Test("LAST within 10 mas of the reference on every topocentric row",
          .enabled(if: TestData.hasReference, "needs ../shared/reference/ephemeris-dev.csv"))
    func localSiderealTime() throws {
        let csv = try ReferenceCSV(url: try References.require("reference/ephemeris-dev.csv"))
        var worst = 0.0, count = 0
        var seen = Set<String>()
        for row in csv.rows where !row.site.isEmpty {
            guard let last = row.values["last_deg"], let site = csv.sites[row.site] else { continue }
            guard seen.insert("\(row.epoch) \(row.site)").inserted else { continue }
            let instant = Instant(jdUT1: row.jdUT.0, row.jdUT.1, deltaTSeconds: row.deltaT)
            let gast = EquatorOfDate(instant).apparentSiderealTime(ut1Whole: row.jdUT.0, ut1Fraction: row.jdUT.1)
            let mine = Angle(radians: gast + site.longitude.radians).normalized.degrees
            let difference = abs((mine - last + 540).truncatingRemainder(dividingBy: 360) - 180) * 3600
            worst = max(worst, difference)
            count += 1
            #expect(difference < 0.01, "line \(row.line): LAST differs by \(difference)″")
        }
        print("LAST: worst \(worst)″ over \(count) site-epochs")
        #expect(count > 100)
    }

    /// The Gauss–Legendre integral of the CIO locator (anchored table within ±200 cy, direct beyond)
    /// against a plain composite Simpson rule on the same integrand (20 000 steps).
    @Test("CIO locator quadrature converged to 1 µas", arguments: [-50.0, -35.0, -5.0, -0.4, 0.7, 20.0, 250.0])
    func cioLocatorQuadrature(centuries t: Double) {
        func rate(_ x: Double) -> Double {
            let b = LongTermPrecession.frameBias
            let (pole, poleRate) = LongTermPrecession.equatorPoleAndRate(centuries: x)
            let n = b.transposeTimes(pole), nd = b.transposeTimes(poleRate)
            return -(n.x * nd.y - n.y * nd.x) / (1 + n.z)
        }
        let steps = 20_000
        let h = t / Double(steps)
        var sum = rate(0) + rate(t)
        for k in 1..<steps { sum += (k % 2 == 1 ? 4 : 2) * rate(Double(k) * h) }
        let simpson = sum * h / 3 + (94 + 3808.65 * t) * 1e-6 * .pi / 648_000
        let difference = abs(EarthRotation.cioLocatorOfPrecession(centuries: t) - simpson) * 648_000 / .pi
        #expect(difference < 1e-6, "s differs by \(difference)″ at t = \(t) cy")
    }

    /// The interpolated CIO locator (what every sidereal time uses) against the integral it replaces, on a grid of
    /// 200,001 dates over −3000…+3000 (a step of 11 days, not a divisor of the table's quarter century, so dates fall
    /// everywhere in its intervals, including near their middles where a cubic errs most) and at the table's ends.
    @Test("CIO locator table within 1 µas of the integral over −3000…+3000")
    func cioLocatorTable() {
        var worst = 0.0, worstAt = 0.0
        let dates = (0...200_000).map { -50.0 + 60.0 * Double($0) / 200_000 }
            + [EarthRotation.tableRange.lowerBound, EarthRotation.tableRange.upperBound - 1e-9, -80.125, 9.875]
        for t in dates {
            let difference = abs(EarthRotation.cioLocatorOfPrecession(centuries: t)
                                 - EarthRotation.cioLocatorByIntegral(centuries: t)) * 648_000e6 / .pi
            if difference > worst { (worst, worstAt) = (difference, t) }
        }
        print("CIO locator table: worst \(worst) µas at t = \(worstAt) cy")
        #expect(worst <= 1, "the table differs from the integral by \(worst) µas at t = \(worstAt) cy")
        // Outside the table the integral itself answers.
        #expect(EarthRotation.cioLocatorOfPrecession(centuries: 30) == EarthRotation.cioLocatorByIntegral(centuries: 30))
    }

    /// The analytic rate of the Vondrák 2011 equator pole against central differences of the pole.
    @Test("Equator-pole rate equals the numerical derivative", arguments: [-40.0, -12.3, 0.0, 7.5])
    func equatorPoleRate(centuries t: Double) {
        let h = 1e-3
        let (_, rate) = LongTermPrecession.equatorPoleAndRate(centuries: t)
        let numeric = (LongTermPrecession.equatorPole(centuries: t + h) - LongTermPrecession.equatorPole(centuries: t - h)) / (2 * h)
        for axis in 0..<3 {
            #expect(abs(rate[axis] - numeric[axis]) <= 1e-9 * max(1e-3, abs(numeric[axis])), "axis \(axis) at t = \(t)")
        }
    }
}
