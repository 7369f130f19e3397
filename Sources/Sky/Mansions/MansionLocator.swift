import Ephemeris
import Foundation
import SkyTime

/// 入宿度 for many instants: the same answer as `SkyView.mansionPosition(of:)`, reducing only the determinative
/// stars that can hold the place instead of all 28.
///
/// Notes: the frame of all 28 determinatives is computed exactly once per decade (per convention) and
/// interpolated linearly; that coarse frame is good to about 60″ (annual aberration and nutation are left out of
/// the interpolation), far inside the 0.1° margin used to pick candidates. The candidates — every mansion whose
/// coarse offset lies within the margin of the smallest, or whose determinative lies within the margin east of
/// the place — are then reduced exactly, so the mansion and 度 equal
/// the exact computation's (tested in `MansionLocatorTests`); a place within the margin west of a determinative
/// falls back to the exact frame. Thread-safe: one locator serves a parallel batch.
public final class MansionLocator: @unchecked Sendable {
    // Unchecked: the node cache is guarded by `lock`; everything else is immutable.
    private let view: SkyView
    private let stars: [Int: CatalogStar]
    private let lock = NSLock()
    /// Node right ascensions by `nodeKey` (an integer: the convention's raw value is a string, slow to hash).
    private var nodes: [Int: [Double]] = [:]
    private static let nodeSpacingDays = 3652.5
    private static let marginRadians = 0.1 * .pi / 180

    private static func nodeKey(_ convention: MansionConvention, _ index: Int) -> Int {
        let code = switch convention {
        case .hanToMing: 0
        case .qing: 1
        case .automatic: 2
        }
        return index &* 4 &+ code
    }

    /// A locator over a view's catalogue and models.
    ///
    /// - Throws: `SkyCatalogError` when a determinative star is missing from the catalogue.
    public init(view: SkyView) throws {
        self.view = view
        var stars: [Int: CatalogStar] = [:]
        for m in view.catalog.mansions.all {
            for hip in [m.determinative(.hanToMing), m.determinative(.qing)] {
                guard let star = view.catalog.stars.star(hip: hip) else {
                    throw SkyCatalogError.unreadableCatalog(path: "stars.fits", reason: "no entry for determinative HIP \(hip)")
                }
                stars[hip] = star.catalogStar
            }
        }
        self.stars = stars
    }

    /// The mansion position of an apparent right ascension of date at an instant (geocentric apparent system, as
    /// `SkyView.mansionPosition(of:)`).
    public func position(rightAscension: Angle, at instant: Instant) throws -> MansionPosition {
        try position(rightAscension: rightAscension, instant: instant) {
            try view.reducer.apparent([.star($0)], at: instant)[0]
        }
    }

    /// As `position(rightAscension:at:)` at an epoch of the view's reducer (from `SkyView.observeAtEpoch`): the
    /// determinatives are reduced with the epoch's frame and Earth, the same numbers as computing them anew.
    public func position(rightAscension: Angle, at epoch: ReductionEpoch) throws -> MansionPosition {
        try position(rightAscension: rightAscension, instant: epoch.instant) {
            try view.reducer.apparent(.star($0), at: epoch)
        }
    }

    private func position(rightAscension: Angle, instant: Instant,
                          reduce: (CatalogStar) throws -> ApparentPlace) throws -> MansionPosition {
        let convention = view.models.mansionConvention.resolved(at: instant)
        let all = view.catalog.mansions.all
        let t = (instant.whole - 2_451_545.0 + instant.fraction) / Self.nodeSpacingDays
        let index = Int(t.rounded(.down))
        let f = t - Double(index)
        lock.lock()
        let cached = (nodes[Self.nodeKey(convention, index)], nodes[Self.nodeKey(convention, index + 1)])
        lock.unlock()
        let a = try cached.0 ?? node(convention, index), b = try cached.1 ?? node(convention, index + 1)
        let count = min(a.count, b.count, all.count)
        let ra = rightAscension.radians
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { offsets in
            // The determinatives' right ascensions interpolated between the decade nodes, as offsets of the place.
            var smallest = Double.infinity
            for i in 0..<count {
                var d = (b[i] - a[i]).truncatingRemainder(dividingBy: 2 * .pi)
                if d > .pi { d -= 2 * .pi } else if d < -.pi { d += 2 * .pi }
                offsets[i] = normalized(ra - (a[i] + f * d))
                smallest = min(smallest, offsets[i])
            }
            var best = -1
            var bestOffset = Double.infinity
            // Candidates: the nearest determinatives to the west, and those just east that may in truth lie west.
            for i in 0..<count where offsets[i] <= smallest + 2 * Self.marginRadians || offsets[i] >= 2 * .pi - 2 * Self.marginRadians {
                guard let star = stars[all[i].determinative(convention)] else { continue }
                let exact = try reduce(star).rightAscension.normalized
                let offset = (rightAscension - exact).normalized.radians
                if offset < bestOffset { bestOffset = offset; best = i }
            }
            if best < 0 || bestOffset > smallest + 2 * Self.marginRadians {
                // The place lies within the margin west of a determinative: the mansion before it, which was no
                // candidate, may hold it. Rare; the exact frame decides.
                return try view.mansionFrame(at: instant).position(of: rightAscension)
            }
            return MansionPosition(mansion: all[best], du: ChineseDegree.du(.radians(bestOffset)),
                                   convention: convention, coordinate: .equatorial)
        }
    }

    private func normalized(_ x: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: 2 * .pi)
        return r < 0 ? r + 2 * .pi : r
    }

    private func node(_ convention: MansionConvention, _ index: Int) throws -> [Double] {
        let key = Self.nodeKey(convention, index)
        let instant = Instant(jdTT: 2_451_545.0 + Double(index) * Self.nodeSpacingDays, 0)
        let hips = view.catalog.mansions.all.map { $0.determinative(convention) }
        let places = try view.reducer.apparent(hips.map { .star(stars[$0]!) }, at: instant)
        let starts = places.map { $0.rightAscension.normalized.radians }
        lock.lock()
        nodes[key] = starts
        lock.unlock()
        return starts
    }
}
