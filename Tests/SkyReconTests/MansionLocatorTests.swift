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
}
