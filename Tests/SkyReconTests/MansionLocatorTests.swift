import Foundation
import Testing
import TestSupport
@testable import SkyRecon

/// The batch's 入宿度 shortcut (`MansionLocator`: a coarse decade frame picks the candidates, only they are
/// reduced) against the exact computation (`SkyView.mansionFrame(at:)`, all 28 determinatives reduced at the
/// instant): the same mansion and the same 度 for random instants over 0–2000 CE and random right ascensions,
/// including places a hair east and west of each determinative (the boundaries, where a wrong candidate shows).
@Suite("MansionLocator equals the exact mansion frame")
struct MansionLocatorTests {
    @Test func sameMansionAndDu() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("MansionLocator test seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        for convention in [MansionConvention.automatic, .qing, .hanToMing] {
            let view = try SkyRecon.view(SkyRecon.Choices(mansionConvention: convention))
            let locator = try MansionLocator(view: view)
            for _ in 0..<150 {
                let jd = Double.random(in: 1_721_423.5...2_451_544.5, using: &rng)
                let instant = Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down))
                let frame = try view.mansionFrame(at: instant)
                var probes = (0..<4).map { _ in Angle.degrees(Double.random(in: 0..<360, using: &rng)) }
                let k = Int.random(in: 0..<frame.starts.count, using: &rng)
                probes += [frame.starts[k], frame.starts[k] + .degrees(1e-7), frame.starts[k] - .degrees(1e-7)]
                for ra in probes {
                    let exact = frame.position(of: ra)
                    let fast = try locator.position(rightAscension: ra, at: instant)
                    #expect(fast.mansion.number == exact.mansion.number && abs(fast.du - exact.du) < 1e-9,
                            "seed \(seed) jd \(jd) RA \(ra.degrees)°: \(fast.mansion.name) \(fast.du) vs \(exact.mansion.name) \(exact.du)")
                }
            }
        }
    }

    /// The batch's variant (`printedTo:`): the candidates' space motion interpolated between decade nodes, the exact
    /// reduction only near a rounding edge of the printed 度 or a determinative. The interpolated 度 stays within
    /// 1e-9 度 of the exact one, and the printed mansion and 度 (two decimals, as the batch prints them) are the
    /// exact computation's, also for places put on a rounding edge (x.xx5 度) and a hair from a determinative.
    @Test func printedMansionAndDuEqualTheExactOnes() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("MansionLocator printed-digits test seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for convention in [MansionConvention.automatic, .qing, .hanToMing] {
            let view = try SkyRecon.view(SkyRecon.Choices(mansionConvention: convention))
            let locator = try MansionLocator(view: view)
            for _ in 0..<150 {
                let jd = Double.random(in: 1_721_423.5...2_451_544.5, using: &rng)
                let instant = Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down))
                let epoch = try view.observeAtEpoch(.body(.moon), at: instant).epoch
                let frame = try view.mansionFrame(at: instant)
                var probes = (0..<4).map { _ in Angle.degrees(Double.random(in: 0..<360, using: &rng)) }
                let k = Int.random(in: 0..<frame.starts.count, using: &rng)
                let edge = frame.starts[k] + ChineseDegree.angle(du: Double(Int.random(in: 0...300, using: &rng)) / 100 + 0.005)
                probes += [frame.starts[k], frame.starts[k] + .radians(1e-11), frame.starts[k] - .radians(1e-11),
                           edge, edge + .radians(1e-13), edge - .radians(1e-13)]
                for ra in probes {
                    let exact = frame.position(of: ra)
                    let interpolated = try locator.interpolatedPosition(rightAscension: ra, at: epoch)
                    if interpolated.mansion.number == exact.mansion.number {
                        #expect(abs(interpolated.du - exact.du) < 1e-9,
                                "seed \(seed) jd \(jd) RA \(ra.degrees)°: interpolated \(interpolated.du) vs \(exact.du)")
                    }
                    let printed = try locator.position(rightAscension: ra, at: epoch, printedTo: 2)
                    #expect(printed.mansion.number == exact.mansion.number
                            && FixedDecimal.string(printed.du, decimals: 2) == FixedDecimal.string(exact.du, decimals: 2),
                            "seed \(seed) jd \(jd) RA \(ra.degrees)°: \(printed.mansion.name) \(printed.du) vs \(exact.mansion.name) \(exact.du)")
                    checked += 1
                }
            }
        }
        #expect(checked == 3 * 150 * 10)
    }
}
