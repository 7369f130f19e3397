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
/// the place — are then reduced exactly, so the mansion and 度 equal the exact computation's (tested in
/// `MansionLocatorTests`); a place within the margin west of a determinative falls back to the exact frame.
///
/// `position(rightAscension:at:printedTo:)` goes one step further for a batch that prints 度 to a few decimals:
/// the candidates' space motion (the costly part of their reduction) comes from the decade nodes by quadratic
/// interpolation of the barycentric direction and parallax (the motion is a straight line: the 度 then differs
/// from the exact one by less than 2e-13 度 on 100,000 random epochs, `skyrecon-bench batch`), and only parallax,
/// deflection, aberration and the frame of date are applied at the instant.
/// When the result lies so close to a rounding edge of the printed 度, or the place so close to a determinative,
/// that the interpolation's error could change what is printed, the candidates are reduced exactly instead, so
/// the printed mansion and 度 are always those of the exact computation.
///
/// Thread-safe: one locator serves a parallel batch.
public final class MansionLocator: @unchecked Sendable {
    // Unchecked: the node table is written once per node under `lock` and read only after its flag was seen set
    // under the lock; everything else is immutable.
    private let view: SkyView
    private let stars: [Int: CatalogStar]
    /// The determinatives by mansion index, Han–Ming then Qing.
    private let determinatives: [[CatalogStar]]
    private let lock = NSLock()
    /// Node data: for each (node, convention) slot, 28 × (coarse apparent RA, barycentric direction x, y, z,
    /// parallax in radians), filled on first use.
    private let table: UnsafeMutablePointer<Double>
    private var filled: [Bool]
    /// Node indices covered by the table (those of the ephemeris span, with a margin).
    private let firstNode: Int, nodeCount: Int
    private static let nodeSpacingDays = 3652.5
    private static let marginRadians = 0.1 * .pi / 180
    private static let perStar = 5
    private static let mansionCount = 28
    private static let perSlot = perStar * mansionCount
    /// Largest error of the interpolated determinative right ascension allowed for (radians): orders of magnitude
    /// above the interpolation's (see the notes; `MansionLocatorTests` checks the 度 to 1e-9).
    private static let interpolationTolerance = 1e-10

    /// A locator over a view's catalogue and models.
    ///
    /// - Throws: `SkyCatalogError` when `stars.fits` is damaged or a determinative star is missing from it.
    public init(view: SkyView) throws {
        self.view = view
        guard view.catalog.mansions.all.count == Self.mansionCount else {
            throw SkyCatalogError.unreadableCatalog(path: "lunar-mansions.tsv", reason: "expected 28 mansions")
        }
        let stars = try view.catalog.determinatives()
        self.stars = stars
        determinatives = [MansionConvention.hanToMing, .qing].map { convention in
            view.catalog.mansions.all.map { stars[$0.determinative(convention)]! }
        }
        let coverage = view.models.ephemeris.coverage
        firstNode = Int(((coverage.lowerBound - 2_451_545.0) / Self.nodeSpacingDays).rounded(.down)) - 2
        nodeCount = Int(((coverage.upperBound - coverage.lowerBound) / Self.nodeSpacingDays).rounded(.up)) + 6
        table = .allocate(capacity: nodeCount * 2 * Self.perSlot)
        filled = Array(repeating: false, count: nodeCount * 2)
    }

    deinit { table.deallocate() }

    /// The mansion position of an apparent right ascension of date at an instant (geocentric apparent system, as
    /// `SkyView.mansionPosition(of:)`).
    public func position(rightAscension: Angle, at instant: Instant) throws -> MansionPosition {
        try position(rightAscension: rightAscension, instant: instant) { _, star in
            try view.reducer.apparent([.star(star)], at: instant)[0].rightAscension.normalized
        }.position
    }

    /// As `position(rightAscension:at:)` at an epoch of the view's reducer (from `SkyView.observeAtEpoch`): the
    /// determinatives are reduced with the epoch's frame and Earth, the same numbers as computing them anew.
    public func position(rightAscension: Angle, at epoch: ReductionEpoch) throws -> MansionPosition {
        try position(rightAscension: rightAscension, instant: epoch.instant) { _, star in
            try view.reducer.apparent(.star(star), at: epoch).rightAscension.normalized
        }.position
    }

    /// As `position(rightAscension:at:)` at an epoch, for 度 printed to `decimals` decimals: the mansion and the
    /// printed 度 are those of the exact computation; the 度's last bits may differ (see the notes).
    public func position(rightAscension: Angle, at epoch: ReductionEpoch, printedTo decimals: Int) throws -> MansionPosition {
        let (index, du, convention) = try locate(rightAscension: rightAscension, at: epoch, printedTo: decimals)
        return MansionPosition(mansion: view.catalog.mansions.all[index], du: du, convention: convention,
                               coordinate: .equatorial)
    }

    /// As `position(rightAscension:at:printedTo:)`, the mansion as its index in `LunarMansions.all` (a batch's
    /// row then copies nothing but two numbers).
    public func locate(rightAscension: Angle, at epoch: ReductionEpoch, printedTo decimals: Int) throws
        -> (index: Int, du: Double, convention: MansionConvention) {
        let instant = epoch.instant
        let convention = view.models.mansionConvention.resolved(at: instant)
        let t = (instant.whole - 2_451_545.0 + instant.fraction) / Self.nodeSpacingDays
        let index = Int(t.rounded(.down))
        let f = t - Double(index)
        // A node dated outside the ephemeris (a place within two decades of its ends) cannot be computed: the
        // exact computation decides there.
        if let nodes = try? nodes(convention, from: index - 1),
           let fast = fastLocate(rightAscension: rightAscension, epoch: epoch, nodes: nodes, f: f,
                                 centre: t.rounded() == Double(index) ? 0 : 1, s: t - t.rounded()) {
            // Distance of the 度 from a rounding edge of its printed digits, in 度.
            let scale = decimals == 2 ? 100 : pow(10, Double(decimals))
            let scaled = fast.du * scale
            let edge = abs(scaled - scaled.rounded(.down) - 0.5) / scale
            if edge > Self.interpolationTolerance * ChineseDegree.du(.radians(1)),
               fast.nearest > Self.interpolationTolerance {
                return (fast.index, fast.du, convention)
            }
        }
        let exact = try position(rightAscension: rightAscension, at: epoch)
        let all = view.catalog.mansions.all
        return (all.firstIndex { $0.number == exact.mansion.number } ?? 0, exact.du, convention)
    }

    /// The interpolated position from the four nodes `index − 1 … index + 2` (`centre`: 0 when the nearest node
    /// is `index`, 1 when it is `index + 1`; `s` the offset from it), or nil where the exact frame must decide.
    private func fastLocate(rightAscension: Angle, epoch: ReductionEpoch, nodes: Nodes, f: Double, centre: Int,
                            s: Double)
        -> (index: Int, du: Double, nearest: Double)? {
        let (a, b) = (nodes[1], nodes[2])
        let (p, q, r) = (nodes[centre], nodes[centre + 1], nodes[centre + 2])
        let wp = 0.5 * s * (s - 1), wq = 1 - s * s, wr = 0.5 * s * (s + 1)
        let ra = rightAscension.radians
        let twoPi = 2 * Double.pi
        let margin = 2 * Self.marginRadians
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.mansionCount) { offsets in
            var smallest = Double.infinity
            // The node values and the place lie in 0…2π, so these differences lie within two turns either way and
            // adding or subtracting whole turns wraps them (to a rounding error of the floor's remainder; they only
            // pick candidates, with a margin far above it). Two mansions at a time, with lane masks instead of
            // branches: the sign of `o` is a coin toss, and a mispredicted branch costs more than the whole lane.
            let turn = 1 / twoPi
            let zero = SIMD2<Double>(repeating: 0), place = SIMD2<Double>(repeating: ra)
            let (plusTurn, minusTurn) = (SIMD2<Double>(repeating: twoPi), SIMD2<Double>(repeating: -twoPi))
            var lowest = SIMD2<Double>(repeating: .infinity)
            var i = 0
            while i < Self.mansionCount {  // 28: an even count
                let k = i &* Self.perStar, next = k &+ Self.perStar
                let ai = SIMD2(a[k], a[next])
                var d = SIMD2(b[k], b[next]) - ai
                let h = d * turn
                d -= zero.replacing(with: plusTurn, where: h .>= 0.5).replacing(with: minusTurn, where: h .<= -0.5)
                var o = place - (ai + f * d)
                o += zero.replacing(with: plusTurn, where: o .< zero)
                o += zero.replacing(with: plusTurn, where: o .< zero)
                o -= zero.replacing(with: plusTurn, where: o .>= plusTurn)
                offsets[i] = o.x
                offsets[i &+ 1] = o.y
                lowest = pointwiseMin(lowest, o)
                i &+= 2
            }
            smallest = min(lowest.x, lowest.y)
            var best = -1
            var bestOffset = Double.infinity
            var nearest = Double.infinity
            for i in 0..<Self.mansionCount where offsets[i] <= smallest + margin || offsets[i] >= twoPi - margin {
                let k = i * Self.perStar
                func value(_ j: Int) -> Double { wp * p[k + j] + wq * q[k + j] + wr * r[k + j] }
                let u = SIMD3(value(1), value(2), value(3))
                let exact = view.reducer.apparentRightAscension(
                    barycentricDirection: u / (u * u).sum().squareRoot(), parallax: value(4), at: epoch)
                var offset = ra - exact
                if offset < 0 { offset += twoPi } else if offset >= twoPi { offset -= twoPi }
                nearest = min(nearest, offset, twoPi - offset)
                if offset < bestOffset { bestOffset = offset; best = i }
            }
            if best < 0 || bestOffset > smallest + margin { return nil }
            return (best, ChineseDegree.du(.radians(bestOffset)), nearest)
        }
    }

    /// As `position(rightAscension:at:)` at an epoch, with the candidates' space motion interpolated between the
    /// decade nodes (see the notes) and no exact fallback at rounding edges: the 度 is within about 1e-10 度 of the
    /// exact one, and the mansion is the exact one unless the place lies within about 1e-12 rad of a determinative.
    public func interpolatedPosition(rightAscension: Angle, at epoch: ReductionEpoch) throws -> MansionPosition {
        let instant = epoch.instant
        let convention = view.models.mansionConvention.resolved(at: instant)
        let t = (instant.whole - 2_451_545.0 + instant.fraction) / Self.nodeSpacingDays
        let index = Int(t.rounded(.down))
        guard let nodes = try? nodes(convention, from: index - 1),
              let fast = fastLocate(rightAscension: rightAscension, epoch: epoch, nodes: nodes, f: t - Double(index),
                                    centre: t.rounded() == Double(index) ? 0 : 1,
                                    s: t - t.rounded()) else {
            return try position(rightAscension: rightAscension, at: epoch)
        }
        return MansionPosition(mansion: view.catalog.mansions.all[fast.index], du: fast.du, convention: convention,
                               coordinate: .equatorial)
    }

    /// The position, and the smallest angle (radians) between the place and a candidate determinative.
    private func position(rightAscension: Angle, instant: Instant, reduce: (Int, CatalogStar) throws -> Angle) throws
        -> (position: MansionPosition, nearestDeterminative: Double) {
        let convention = view.models.mansionConvention.resolved(at: instant)
        let all = view.catalog.mansions.all
        let t = (instant.whole - 2_451_545.0 + instant.fraction) / Self.nodeSpacingDays
        let index = Int(t.rounded(.down))
        let f = t - Double(index)
        // Nodes dated outside the ephemeris (near its ends): the exact frame at the instant decides.
        guard let a = try? node(convention, index), let b = try? node(convention, index + 1) else {
            return (try view.mansionFrame(at: instant).position(of: rightAscension), 0)
        }
        let count = Self.mansionCount
        let ra = rightAscension.radians
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { offsets in
            // The determinatives' right ascensions interpolated between the decade nodes, as offsets of the place.
            var smallest = Double.infinity
            for i in 0..<count {
                let ai = a[i * Self.perStar]
                var d = b[i * Self.perStar] - ai
                if d > .pi { d -= 2 * .pi } else if d < -.pi { d += 2 * .pi }
                var o = ra - (ai + f * d)
                while o < 0 { o += 2 * .pi }
                while o >= 2 * .pi { o -= 2 * .pi }
                offsets[i] = o
                smallest = min(smallest, o)
            }
            var best = -1
            var bestOffset = Double.infinity
            var nearest = Double.infinity
            // Candidates: the nearest determinatives to the west, and those just east that may in truth lie west.
            for i in 0..<count where offsets[i] <= smallest + 2 * Self.marginRadians || offsets[i] >= 2 * .pi - 2 * Self.marginRadians {
                guard let star = stars[all[i].determinative(convention)] else { continue }
                let exact = try reduce(i, star)
                let offset = (rightAscension - exact).normalized.radians
                nearest = min(nearest, offset, 2 * .pi - offset)
                if offset < bestOffset { bestOffset = offset; best = i }
            }
            if best < 0 || bestOffset > smallest + 2 * Self.marginRadians {
                // The place lies within the margin west of a determinative: the mansion before it, which was no
                // candidate, may hold it. Rare; the exact frame decides.
                return (try view.mansionFrame(at: instant).position(of: rightAscension), 0)
            }
            return (MansionPosition(mansion: all[best], du: ChineseDegree.du(.radians(bestOffset)),
                                    convention: convention, coordinate: .equatorial), nearest)
        }
    }

    /// The four nodes `first … first + 3` (one lock for the four when they are ready), or nil outside the table.
    private func nodes(_ convention: MansionConvention, from first: Int) throws -> Nodes? {
        let n = first - firstNode
        guard n >= 0, n + 3 < nodeCount else { return nil }
        let code = convention == .hanToMing ? 0 : 1
        lock.lock()
        let ready = filled[n * 2 + code] && filled[n * 2 + 2 + code] && filled[n * 2 + 4 + code] && filled[n * 2 + 6 + code]
        lock.unlock()
        if ready {
            func at(_ k: Int) -> UnsafePointer<Double> { UnsafePointer(table + ((n + k) * 2 + code) * Self.perSlot) }
            return Nodes(nodes: (at(0), at(1), at(2), at(3)))
        }
        guard let a = try node(convention, first), let b = try node(convention, first + 1),
              let c = try node(convention, first + 2), let d = try node(convention, first + 3) else { return nil }
        return Nodes(nodes: (a, b, c, d))
    }

    /// Four consecutive nodes' values.
    private struct Nodes {
        let nodes: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>)
        subscript(_ k: Int) -> UnsafePointer<Double> {
            switch k {
            case 0: nodes.0
            case 1: nodes.1
            case 2: nodes.2
            default: nodes.3
            }
        }
    }

    /// The node's 28 × `perStar` values, computing them on first use; nil outside the table (the caller then
    /// takes the exact path).
    private func node(_ convention: MansionConvention, _ index: Int) throws -> UnsafePointer<Double>? {
        let n = index - firstNode
        guard n >= 0, n < nodeCount else { return nil }
        let slot = n * 2 + (convention == .hanToMing ? 0 : 1)
        let base = table + slot * Self.perSlot
        lock.lock()
        let ready = filled[slot]
        lock.unlock()
        if ready { return UnsafePointer(base) }
        let instant = Instant(jdTT: 2_451_545.0 + Double(index) * Self.nodeSpacingDays, 0)
        let targets = determinatives[convention == .hanToMing ? 0 : 1]
        let places = try view.reducer.apparent(targets.map { .star($0) }, at: instant)
        var values = [Double](repeating: 0, count: Self.perSlot)
        for (i, star) in targets.enumerated() {
            guard let motion = SpaceMotion.propagate(star, to: instant) else {
                throw ReductionError.unphysicalStarMotion(star: star.name)
            }
            let k = i * Self.perStar
            values[k] = places[i].rightAscension.normalized.radians
            values[k + 1] = cos(motion.dec) * cos(motion.ra)
            values[k + 2] = cos(motion.dec) * sin(motion.ra)
            values[k + 3] = sin(motion.dec)
            values[k + 4] = motion.parallax * .pi / 648_000
        }
        lock.lock()
        if !filled[slot] {
            for j in 0..<Self.perSlot { base[j] = values[j] }
            filled[slot] = true
        }
        lock.unlock()
        return UnsafePointer(base)
    }
}
