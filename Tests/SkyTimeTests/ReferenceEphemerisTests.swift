import Foundation
import TestSupport
import Testing
@testable import SkyTime

/// Cross-checks against ../shared/reference/ephemeris-dev.csv (independent of skyrecon): its ΔT column
/// is Swiss Ephemeris 2.10.03 `swe_deltat` with the SMH 2016 spline and the tidal term pinned to
/// −25.85″/cy² (the spline's own), and its `cal_ut` column the UT calendar date (J before 1582-10-15, G after).
struct ReferenceEphemerisTests {
    struct Row: Sendable {
        let jdTT: Double, jdUT: Double, deltaT: Double, calUT: String
        /// Apparent geocentric RA of the Sun (LTP + IAU 2000B), degrees.
        var sunRA = 0.0
        /// (site longitude east, local apparent sidereal time) in degrees from a topocentric Sun row, if any.
        var sidereal: (longitude: Double, last: Double)?
        var epoch: Substring = ""
    }

    static var sharedDirectory: URL? {
        References.shared("reference/ephemeris-dev.csv")?.deletingLastPathComponent().deletingLastPathComponent()
    }

    /// One row per epoch (geocentric Sun rows), or nil when ../shared is absent.
    static let rows: [Row]? = {
        guard let url = References.shared("reference/ephemeris-dev.csv"), let table = try? References.table(url) else {
            return nil
        }
        var out: [Row] = []
        var siteRows: [Substring: (Double, Double)] = [:]
        let longitudes: [Substring: Double] = ["changan": 108.93, "babylon": 44.42, "athens": 23.72]   // header of the file
        for record in table.records {
            let f = record.fields.map { Substring($0) }
            guard f.count > 19, f[2] == "sun" else { continue }
            if let lon = longitudes[f[1]], let last = Double(f[19]), siteRows[f[0]] == nil {
                siteRows[f[0]] = (lon, last)
                continue
            }
            guard f[1].isEmpty, let tt = Double(f[3]), let ut = Double(f[4]), let dt = Double(f[5]),
                  let ra = Double(f[10]) else { continue }
            out.append(Row(jdTT: tt, jdUT: ut, deltaT: dt, calUT: String(f[6]), sunRA: ra, sidereal: nil))
            out[out.count - 1].epoch = f[0]
        }
        for i in out.indices {
            if let s = siteRows[out[i].epoch] { out[i].sidereal = (s.0, s.1) }
        }
        return out
    }()

    /// True when the rows exist, or when references are required (the tests then fail saying why).
    static var available: Bool { rows?.isEmpty == false || References.required }

    @Test("SMH2016 agrees with Swiss Ephemeris' SMH2016 ΔT (tidal −25.85″/cy²) to 0.1 s from −1500 to 1955",
          .enabled(if: available, "../shared/reference/ephemeris-dev.csv not found (set SKYRECON_SHARED to the shared folder)"))
    func smh2016AgainstSwissEphemeris() throws {
        let model = try SMHSplineDeltaT.smh2016()
        var worst = 0.0
        var count = 0
        for row in Self.rows ?? [] where DecimalYear.gregorian(julianDate: row.jdUT) < 1955 {
            let mine = model.estimate(julianDate: row.jdUT).seconds
            worst = max(worst, abs(mine - row.deltaT))
            count += 1
        }
        #expect(count > 150)
        // Both evaluate the same published spline (and the same offset parabola before −720) on
        // Gregorian years; what remains is the mapping of a date to a decimal year within a segment
        // (Swiss Ephemeris: linear in JD between knots; here: exact Gregorian year fractions).
        print("SMH2016 vs Swiss Ephemeris: largest difference \(worst) s over \(count) epochs")
        #expect(worst < 0.1, "largest difference \(worst) s over \(count) epochs")
    }

    @Test("The ΔT in the reference equals jd_tt − jd_ut (consistency of the comparison itself)",
          .enabled(if: available, "../shared/reference/ephemeris-dev.csv not found"))
    func referenceConsistency() {
        for row in Self.rows ?? [] {
            #expect(abs((row.jdTT - row.jdUT) * 86_400 - row.deltaT) < 0.1)
        }
    }

    @Test("UT calendar dates of every reference epoch match CalendarDate under the historians' policy (to 1 s)",
          .enabled(if: available, "../shared/reference/ephemeris-dev.csv not found"))
    func calendarDates() throws {
        var checked = 0
        for row in Self.rows ?? [] {
            let moment = try Moment(parsing: row.calUT)   // e.g. -1491-01-30T14:58:02J
            guard case .date(let date) = moment.value else {
                Issue.record("\(row.calUT) did not parse as a date")
                continue
            }
            #expect(abs(date.julianDate - row.jdUT) * 86_400 < 1.0, "\(row.calUT)")
            let back = CalendarDate(julianDate: row.jdUT, policy: .historians)
            #expect(back.calendar == date.calendar, "\(row.calUT)")
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test("Equation of time agrees with DE422 apparent Sun and LTP sidereal time to 5 s over −1500…+2100",
          .enabled(if: available, "../shared/reference/ephemeris-dev.csv not found"))
    func equationOfTime() {
        var worst = 0.0
        var count = 0
        for row in Self.rows ?? [] {
            guard let s = row.sidereal else { continue }
            // E = LAT − LMT = (LAST − α☉ + 180°) − (UT1 + λ), all in degrees of hour angle.
            let utDegrees = 360 * ((row.jdUT + 0.5) - (row.jdUT + 0.5).rounded(.down))
            var e = (s.last - row.sunRA + 180 - utDegrees - s.longitude).truncatingRemainder(dividingBy: 360)
            if e > 180 { e -= 360 }
            if e < -180 { e += 360 }
            let reference = e * 240
            let mine = EquationOfTime.seconds(at: Instant(jdTT: row.jdTT), deltaTSeconds: row.deltaT)
            worst = max(worst, abs(mine - reference))
            count += 1
        }
        print("Equation of time vs DE422: largest difference \(worst) s over \(count) epochs")
        #expect(count > 100)
        #expect(worst < 5, "largest difference \(worst) s")
    }
}
