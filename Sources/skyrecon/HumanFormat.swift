import Foundation
import SkyRecon

/// Human-readable renderings: sexagesimal angles, aligned tables.
enum Human {
    /// `03h 47m 29.1s`
    static func hours(_ a: Angle) -> String {
        let total = a.normalized.hours * 3600
        var s = (total * 10).rounded() / 10
        if s >= 86_400 { s -= 86_400 }
        let h = Int(s / 3600), m = Int((s - Double(h) * 3600) / 60)
        return String(format: "%02dh %02dm %04.1fs", h, m, s - Double(h) * 3600 - Double(m) * 60)
    }

    /// `+24° 06′ 18″`
    static func degrees(_ a: Angle, signed: Bool = true) -> String {
        let sign = a.degrees < 0 ? "-" : (signed ? "+" : "")
        let total = (abs(a.degrees) * 3600).rounded()
        let d = Int(total / 3600), m = Int((total - Double(d) * 3600) / 60), s = Int(total) - d * 3600 - m * 60
        return String(format: "%@%02d° %02d′ %02d″", sign, d, m, s)
    }

    /// `1.264°` or `42.3′` for small angles.
    static func separation(_ a: Angle) -> String {
        a.degrees >= 1 ? String(format: "%.3f°", a.degrees) : String(format: "%.2f′", a.degrees * 60)
    }

    /// A calendar date-time with its calendar letter.
    static func time(_ instant: Instant, minusSeconds deltaT: Double = 0) -> String {
        let jd = instant.adding(days: -deltaT / 86_400)
        let d = jd.calendarDate(policy: .historians, scale: .tt)
        return d.iso(withTime: true)
    }

    /// Aligns columns; the first row is the header.
    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in c + String(repeating: " ", count: max(0, widths[i] - c.count)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}

enum TextTable {
    static func render(rows: [PositionRow], siteGiven: Bool) -> String {
        var out: [[String]] = [["object", "RA (date)", "Dec (date)", "ecl. lon", "ecl. lat", "dist (au)", "const", "mansion"]
                               + (siteGiven ? ["az", "alt", "alt+refr"] : [])]
        for r in rows {
            let v = r.values
            func angle(_ key: String) -> Angle { .degrees(Double(v[key] ?? "") ?? .nan) }
            var line = [v["object"] ?? "", Human.hours(angle("ra_app_deg")), Human.degrees(angle("dec_app_deg")),
                        String(format: "%.4f°", Double(v["lon_app_deg"] ?? "") ?? .nan),
                        String(format: "%+.4f°", Double(v["lat_app_deg"] ?? "") ?? .nan),
                        v["dist_au"].flatMap { Double($0) }.map { String(format: "%.6f", $0) } ?? "—",
                        v["constellation"] ?? "", (v["mansion"].map { "\($0) \(v["mansion_du"] ?? "")度" }) ?? ""]
            if siteGiven {
                line += [String(format: "%.2f°", Double(v["az_deg"] ?? "") ?? .nan),
                         String(format: "%+.2f°", Double(v["alt_deg"] ?? "") ?? .nan),
                         String(format: "%+.2f°", Double(v["alt_refr_deg"] ?? "") ?? .nan)]
            }
            out.append(line)
        }
        let first = rows.first?.values
        var text = Human.table(out)
        if let f = first {
            text += "\nJD(TT) \(f["jd_tt"] ?? "")  JD(UT1) \(f["jd_ut"] ?? "")  ΔT = \(f["delta_t_s"] ?? "") s ± \(f["delta_t_sigma_s"] ?? "") s (\(f["delta_t_model"] ?? ""))"
            text += "\nRA/Dec: apparent, true equator and equinox of date\(siteGiven ? ", topocentric" : ", geocentric"); ecliptic: apparent geocentric, of date"
        }
        return text
    }
}
