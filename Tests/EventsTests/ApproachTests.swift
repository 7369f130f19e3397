import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Approaches against a second method: a dense scan of `SkyView.observe` (the public, slow path) every `step`
/// days, each sampled local minimum refined by golden-section search on the same function.
struct ApproachTests {
    static let view: SkyView? = try? EventsFixture.view()

    /// Local minima of the least member separation below `ceiling`, by brute force.
    static func denseMinima(_ view: SkyView, _ a: SkyObject, _ b: SkyObject, span: TimeSpan, step: Double,
                            ceiling: Double, site: Site? = nil) throws -> [(jd: Double, degrees: Double)] {
        let ta = view.targets(of: a), tb = view.targets(of: b)
        func g(_ d: Double) throws -> Double {
            let instant = span.start.adding(days: d)
            let oa = try view.observe(ta, at: instant, site: site), ob = try view.observe(tb, at: instant, site: site)
            var best = Double.infinity
            for x in oa { for y in ob {
                let s = site == nil ? separation(x.geocentricDirectionOfDate, y.geocentricDirectionOfDate)
                    : separation(x.directionOfDate, y.directionOfDate)
                best = min(best, s.degrees)
            } }
            return best
        }
        let n = Int(span.days / step)
        var values: [Double] = []
        for k in 0...n { values.append(try g(Double(k) * step)) }
        var found: [(Double, Double)] = []
        for k in 1..<n where values[k] <= values[k - 1] && values[k] < values[k + 1] && values[k] < ceiling + 0.5 {
            let m = try Search.minimum(in: Double(k - 1) * step, Double(k + 1) * step, step: step / 8, tolerance: 1e-7, g)
            guard m.value <= ceiling else { continue }
            // The separation is flat at its minimum and the reductions carry ~1e-8° of noise, so the vertex is
            // taken from a least-squares cubic through 41 samples of θ² around it (a parabola for linear motion).
            let w = step / 4
            var xs: [Double] = [], ys: [Double] = []
            for i in -20...20 {
                let x = Double(i) * w / 20
                let v = try g(m.time + x)
                xs.append(x); ys.append(v * v)
            }
            let c = leastSquaresCubic(xs, ys)
            // Root of c1 + 2 c2 x + 3 c3 x² nearest 0.
            var x = -c[1] / (2 * c[2])
            for _ in 0..<5 { x -= (c[1] + 2 * c[2] * x + 3 * c[3] * x * x) / (2 * c[2] + 6 * c[3] * x) }
            found.append((span.start.jdTT + m.time + x, try g(m.time + x)))
        }
        return found
    }

    static func compare(_ a: SkyObject, _ b: SkyObject, span: TimeSpan, within: Double, step: Double,
                        toleranceSeconds: Double, site: Site? = nil) throws {
        guard let view else { Issue.record("no catalogue"); return }
        let found = Array(try view.approaches(of: a, and: b, in: span, within: .degrees(within), site: site))
        let dense = try denseMinima(view, a, b, span: span, step: step, ceiling: within, site: site)
        #expect(!dense.isEmpty, "the dense scan found nothing: the test would pass on nothing")
        #expect(found.count == dense.count, "found \(found.map(\.time.jdTT)) dense \(dense.map(\.jd))")
        var worst = 0.0
        for d in dense {
            let nearest = found.min { abs($0.time.jdTT - d.jd) < abs($1.time.jdTT - d.jd) }
            guard let n = nearest else { continue }
            let seconds = abs(n.time.jdTT - d.jd) * 86_400
            worst = max(worst, seconds)
            #expect(seconds < toleranceSeconds, "\(a.label)–\(b.label) at JD \(d.jd): \(seconds) s apart")
            #expect(abs(n.separation.degrees - d.degrees) < 1e-6)
        }
        if site != nil {
            for f in found { #expect(f.time.utSigmaSeconds > 0 && f.time.utSigmaSeconds < 2 * f.time.deltaT.sigma) }
        } else {
            for f in found { #expect(f.time.utSigmaSeconds == f.time.deltaT.sigma) }
        }
        print("\(a.label)–\(b.label): \(found.count) approaches, worst time difference \(worst) s")
    }

    @Test func moonAndRegulusOverTwoYearsMatchADenseScan() throws {
        let span = TimeSpan(jdTT: 1_997_000.5, 1_997_400.5)
        try Self.compare(.body(.moon), .star(try EventsFixture.star("Regulus")), span: span, within: 6, step: 0.02,
                         toleranceSeconds: 1)
    }

    @Test func moonAndRegulusFromChanganMatchADenseScan() throws {
        let span = TimeSpan(jdTT: 1_997_000.5, 1_997_200.5)
        try Self.compare(.body(.moon), .star(try EventsFixture.star("Regulus")), span: span, within: 4, step: 0.01,
                         toleranceSeconds: 1, site: try EventsFixture.changan())
    }

    @Test func venusAndThePleiadesMatchADenseScan() throws {
        let span = TimeSpan(jdTT: 1_997_000.5, 1_999_000.5)
        try Self.compare(.body(.venus), try EventsFixture.object("pleiades"), span: span, within: 3, step: 0.1,
                         toleranceSeconds: 10)
    }

    @Test func marsAndSaturnMatchADenseScan() throws {
        let span = TimeSpan(jdTT: 1_990_000.5, 1_996_000.5)
        try Self.compare(.body(.mars), .body(.saturn), span: span, within: 5, step: 0.25, toleranceSeconds: 10)
    }

    /// The scene's figure for the main job (project brief): 0757-03-14 12:51:46 TT, 1.264° from Alcyone.
    @Test func venusAndAlcyoneIn757() throws {
        guard let view = Self.view else { Issue.record("no catalogue"); return }
        let span = TimeSpan(Instant(ttDate: try CalendarDate(year: 757, month: 3, day: 1, calendar: .julian)),
                            Instant(ttDate: try CalendarDate(year: 757, month: 3, day: 31, calendar: .julian)))
        let found = Array(try view.approaches(of: .body(.venus), and: .star(try EventsFixture.star("Alcyone")), in: span,
                                              within: .degrees(1.5)))
        #expect(found.count == 1)
        let alcyone = try #require(found.first)
        let date = alcyone.time.instant.calendarDate(policy: .historians, scale: .tt)
        #expect(date.year == 757 && date.month == 3 && date.day == 14)
        #expect(abs(date.secondsOfDay - (12 * 3600 + 51 * 60 + 46)) < 2, "\(date.iso(withTime: true))")
        #expect(abs(alcyone.separation.degrees - 1.264) < 0.0005, "\(alcyone.separation.degrees)")
        #expect(alcyone.second.hip == 17702)
    }

    @Test func leastSeparationOverANightIncludesTheEnds() throws {
        guard let view = Self.view else { Issue.record("no catalogue"); return }
        let noon = Instant(ttDate: try CalendarDate(year: 757, month: 3, day: 14, calendar: .julian)).adding(days: 0.5)
        let m = try view.minimumSeparation(of: .body(.venus), and: try EventsFixture.object("pleiades"),
                                           in: TimeSpan(noon, noon.adding(days: 0.25)))
        // The nearest naked-eye member that night is not Alcyone (1.264° at 12:52 TT) but a fainter member.
        #expect(m.second.hip != nil && m.separation.degrees < 1.264)
        let alcyone = try view.minimumSeparation(of: .body(.venus), and: .star(try EventsFixture.star("Alcyone")),
                                                 in: TimeSpan(noon, noon.adding(days: 0.25)))
        #expect(abs(alcyone.separation.degrees - 1.264) < 0.001)
        // A span that ends before the minimum: the least separation is at its end.
        let early = try view.minimumSeparation(of: .body(.venus), and: .star(try EventsFixture.star("Alcyone")),
                                               in: TimeSpan(noon.adding(days: -3), noon.adding(days: -1)))
        #expect(abs(early.time.instant.days(since: noon) + 1) < 1e-9)
    }

    @Test func badSpansAreErrors() throws {
        guard let view = Self.view else { Issue.record("no catalogue"); return }
        #expect(throws: EventError.self) {
            try view.approaches(of: .body(.venus), and: .body(.mars), in: TimeSpan(jdTT: 2_000_000, 1_999_000), within: .degrees(1))
        }
        #expect(throws: EventError.self) {
            try view.approaches(of: .body(.venus), and: .body(.mars), in: TimeSpan(jdTT: 100_000, 200_000), within: .degrees(1))
        }
        #expect(throws: EventError.self) {
            try view.approaches(of: .body(.venus), and: .body(.venus), in: TimeSpan(jdTT: 2_000_000, 2_000_100), within: .degrees(1))
        }
    }
}

/// Coefficients c0…c3 of the least-squares cubic through (x, y), by the normal equations.
func leastSquaresCubic(_ x: [Double], _ y: [Double]) -> [Double] {
    var a = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 4)
    for (xi, yi) in zip(x, y) {
        let p = [1, xi, xi * xi, xi * xi * xi]
        for r in 0..<4 { for c in 0..<4 { a[r][c] += p[r] * p[c] }; a[r][4] += p[r] * yi }
    }
    for col in 0..<4 {
        let pivot = (col..<4).max { abs(a[$0][col]) < abs(a[$1][col]) }!
        a.swapAt(col, pivot)
        for r in 0..<4 where r != col {
            let f = a[r][col] / a[col][col]
            for c in col..<5 { a[r][c] -= f * a[col][c] }
        }
    }
    return (0..<4).map { a[$0][4] / a[$0][$0] }
}
