import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// The ΔT range of a rising's and a heliacal phase's verdict, checked by recomputing the event with ΔT fixed just
/// inside and just outside each boundary the range reports.
struct DeltaTRangeTests {
    static let bce = TimeSpan(jdTT: 1_173_000, 1_173_700)  // −1501…−1499, where ΔT's σ is 670 s

    @Test func aRisingsVerdictHoldsExactlyInItsRange() throws {
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        let moonrises = Array(try view.risingsAndSettings(of: .body(.moon), at: changan, in: Self.bce))
        #expect(moonrises.count > 1300)
        var boundaries = 0
        for e in moonrises {
            let dt = view.deltaT(at: e.time.instant)
            let visible = try #require(e.visible as Bool?)
            #expect(visible == e.visibleDeltaT.contains { $0.contains(dt.seconds) })
            let lo = dt.seconds - 5 * dt.sigma, hi = dt.seconds + 5 * dt.sigma
            for range in e.visibleDeltaT {
                for (edge, outward) in [(range.lowerBound, -1.0), (range.upperBound, 1.0)] where edge > lo + 2 && edge < hi - 2 {
                    boundaries += 1
                    #expect(try Self.moonSeen(view, changan, near: e, deltaT: edge - outward * 2) == true, "inside \(edge)")
                    #expect(try Self.moonSeen(view, changan, near: e, deltaT: edge + outward * 2) == false, "outside \(edge)")
                }
            }
        }
        #expect(boundaries >= 2, "some moonrises or moonsets should come with the Sun at the horizon within 5σ")
    }

    static func moonSeen(_ view: SkyView, _ site: Site, near e: SkyEvent, deltaT seconds: Double) throws -> Bool? {
        let fixed = DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")
        let shift = (seconds - e.time.deltaT.seconds) / 86_400
        let window = TimeSpan(e.time.instant.adding(days: shift - 0.05), e.time.instant.adding(days: shift + 0.05))
        return Array(try view.risingsAndSettings(of: .body(.moon), at: site, in: window, deltaT: fixed)).first { $0.kind == e.kind }?.visible
    }

    @Test func aHeliacalDateHoldsInItsRange() throws {
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        let span = TimeSpan(jdTT: 1_538_000, 1_540_200)
        let phases = Array(try view.heliacalEvents(of: try EventsFixture.object("sirius"), at: changan, in: span,
                                                   criterion: .arcusVisionis(10)))
        #expect(phases.count >= 12)
        for p in phases {
            let dt = view.deltaT(at: p.time.instant)
            #expect(p.visible == true)
            #expect(p.visibleDeltaT.contains { $0.contains(dt.seconds) }, "\(p.detail): \(p.visibleDeltaT) should hold ΔT \(dt.seconds)")
            // Recomputed with ΔT at each end of its range, the phase is still dated the same day.
            for range in p.visibleDeltaT {
                for edge in [range.lowerBound + 2, range.upperBound - 2] {
                    let fixed = DeltaTEstimate(seconds: edge, sigma: 0, model: "trial")
                    let window = TimeSpan(p.time.instant.adding(days: -20), p.time.instant.adding(days: 20))
                    let again = Array(try view.heliacalEvents(of: try EventsFixture.object("sirius"), at: changan, in: window,
                                                              criterion: .arcusVisionis(10), deltaT: fixed))
                    let phase = p.detail.prefix { $0 != "(" }
                    #expect(again.contains { $0.detail.hasPrefix(phase) && abs($0.time.jdUT - p.time.jdUT) < 0.5 },
                            "\(phase) at ΔT \(edge) moved from JD \(p.time.jdUT)")
                }
            }
        }
    }

    @Test func aSchaeferHeliacalDateHoldsInItsRangeAndMovesOutsideIt() throws {
        // −2500, where ΔT's σ is about 23 minutes: the Sun's motion against the horizon over 5σ can move a date.
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        let sirius = try EventsFixture.object("sirius")
        let criterion = VisibilityCriterion.schaefer(SchaeferConditions())
        let phases = Array(try view.heliacalEvents(of: sirius, at: changan, in: TimeSpan(jdTT: 807_900, 808_600), criterion: criterion))
        #expect(phases.count >= 4)
        var boundaries = 0
        for p in phases {
            let dt = view.deltaT(at: p.time.instant)
            #expect(p.visible == true)
            #expect(p.visibleDeltaT.contains { $0.contains(dt.seconds) }, "\(p.detail.prefix(14)): \(p.visibleDeltaT) should hold ΔT \(dt.seconds)")
            let phase = p.detail.prefix { $0 != "(" }
            func sameDay(_ seconds: Double) throws -> Bool {
                let fixed = DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")
                let window = TimeSpan(p.time.instant.adding(days: -20), p.time.instant.adding(days: 20))
                return try view.heliacalEvents(of: sirius, at: changan, in: window, criterion: criterion, deltaT: fixed)
                    .contains { $0.detail.hasPrefix(phase) && abs($0.time.jdUT - p.time.jdUT) < 0.5 }
            }
            let lo = dt.seconds - 5 * dt.sigma, hi = dt.seconds + 5 * dt.sigma
            for range in p.visibleDeltaT {
                for (edge, outward) in [(range.lowerBound, -1.0), (range.upperBound, 1.0)] where edge > lo + 5 && edge < hi - 5 {
                    boundaries += 1
                    #expect(try sameDay(edge - outward * 5), "\(phase) inside \(edge)")
                    #expect(try !sameDay(edge + outward * 5), "\(phase) outside \(edge)")
                }
            }
        }
        #expect(boundaries >= 1, "some date should move within 5σ at −2500")
    }
}
