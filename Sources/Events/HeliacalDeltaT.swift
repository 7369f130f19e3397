import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180

extension SkyView {
    /// The ΔT values (±5σ of the model's) for which a heliacal phase keeps its date: the day judged seen stays seen
    /// and the neighbouring day judged unseen stays unseen, each day's crossing (centre, 34′) found again with ΔT
    /// fixed at trial values and the Sun's depression there compared with the arc. Empty when ΔT's σ is zero.
    func heliacalDateRange(target: TrackedTarget, site: Site, arc: Double, seen: (event: SkyEvent, depression: Double),
                           unseen: (event: SkyEvent, depression: Double)) throws -> [ClosedRange<Double>] {
        let dt = seen.event.time.deltaT
        guard dt.sigma > 0 else { return [] }
        let tracker = Tracker(view: self, targets: [target], site: site)
        let sun = Tracker(view: self, targets: [TrackedTarget(label: "Sun", target: .body(.sun))], site: site)
        let f = horizonFunction(tracker, crossing: HorizonCrossing(point: .centre), body: target.body)
        let drift = (Motion.rate(target.target, topocentric: true) + Motion.rate(.body(.sun), topocentric: true)) / degree
            * 3 / max(0.2, cos(site.latitude.radians))
        func judged(_ e: SkyEvent, _ seconds: Double) throws -> Bool? {
            guard let at = crossing(near: e.time.instant, deltaTSeconds: seconds, reference: e.time.deltaT.seconds, f) else { return nil }
            return -(try sun.topocentric(at: at, deltaTSeconds: seconds, atmosphere: Atmosphere.none)[0].altitude.degrees) >= arc
        }
        let margin = min(abs(seen.depression - arc), abs(unseen.depression - arc))
        return try crossingVerdictRanges(near: seen.event.time.instant, deltaT: dt, margin: margin, driftPerDay: drift,
                                         seen: true, f: f) { _, seconds in
            try judged(seen.event, seconds) == true && judged(unseen.event, seconds) == false
        }
    }
}
