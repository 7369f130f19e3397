import FITS
import Foundation
import SkyTime

/// Writes a `Chart` in a celestial frame as a FITS image with a world coordinate system, through CFITSIO.
///
/// Each mark becomes a circular Gaussian of FWHM `fwhmPixels` holding flux 10^(−0.4 V) (a V = 0 star has flux 1,
/// `BUNIT`), so that the image's brightnesses follow the magnitudes; lines and labels are not drawn.
/// The header states the projection (`RA---TAN`/`DEC--TAN` for a gnomonic chart), the reference point, the pixel
/// scale (`CDELTi`, east to the left), and the celestial axes: `RADESYS = 'GAPPT'` (geocentric apparent place,
/// true equator and equinox of date) with `MJD-OBS` in TT, or ecliptic axes of date.
///
/// - References: E. W. Greisen & M. R. Calabretta, A&A 395, 1061 (2002) (WCS paper I); Calabretta & Greisen,
///   A&A 395, 1077 (2002) (paper II, TAN and `RADESYS`); FITS Standard 4.0 (2018) §9 (time keywords).
public struct FITSImageRenderer: Sendable {
    /// Width of the image in pixels; the height follows the chart's aspect.
    public var pixels: Int
    /// Full width at half maximum of each star's Gaussian, in pixels.
    public var fwhmPixels: Double

    /// Narrowest and widest images (the widest, square, takes 256 MB of 32-bit pixels).
    public static let minimumPixels = 64
    public static let maximumPixels = 8192

    public init(pixels: Int = 1024, fwhmPixels: Double = 2.5) {
        self.pixels = pixels
        self.fwhmPixels = fwhmPixels
    }

    /// The WCS keywords of a chart (name, value, comment), without writing anything.
    public func wcs(_ chart: Chart, instant: Instant) throws -> (width: Int, height: Int, keywords: [(String, Any, String)]) {
        guard pixels >= FITSImageRenderer.minimumPixels, pixels <= FITSImageRenderer.maximumPixels else {
            throw ChartError.imageSizeOutOfRange(pixels, minimum: FITSImageRenderer.minimumPixels,
                                                 maximum: FITSImageRenderer.maximumPixels)
        }
        let p = chart.projection
        let axes: (String, String)
        switch p.frame {
        case .equatorial: axes = ("RA--", "DEC-")
        case .ecliptic: axes = ("ELON", "ELAT")
        case .horizontal:
            throw ChartError.unwritable(path: "FITS image", reason: "a FITS image needs celestial axes, not azimuth and altitude")
        }
        let scale = chart.bounds.width / Double(pixels)
        let height = max(1, Int((chart.bounds.height / scale).rounded()))
        let degrees = 180 / Double.pi
        let mjd = instant.jdTT - 2_400_000.5
        var keywords: [(String, Any, String)] = [
            ("WCSAXES", 2, "two world coordinate axes"),
            ("CTYPE1", axes.0 + "-" + p.fitsCode, "\(p.kind.rawValue) projection"),
            ("CTYPE2", axes.1 + "-" + p.fitsCode, "\(p.kind.rawValue) projection"),
            ("CUNIT1", "deg", ""), ("CUNIT2", "deg", ""),
            ("CRPIX1", 0.5 - chart.bounds.minX / scale, "pixel of the chart centre"),
            ("CRPIX2", 0.5 - chart.bounds.minY / scale, "pixel of the chart centre"),
            ("CRVAL1", p.centre.longitude.normalized.degrees, "[deg] longitude of the centre, of date"),
            ("CRVAL2", p.centre.latitude.degrees, "[deg] latitude of the centre, of date"),
            ("CDELT1", p.frame.sense * scale * degrees, "[deg/pixel] east to the left"),
            ("CDELT2", scale * degrees, "[deg/pixel]"),
            ("LONPOLE", 180.0, "[deg] native longitude of the celestial pole"),
            ("TIMESYS", "TT", "time scale of MJD-OBS and DATE-OBS"),
            ("MJD-OBS", mjd, "[d] moment of the chart (TT)"),
        ]
        if p.frame == .equatorial {
            keywords.append(("RADESYS", "GAPPT", "geocentric apparent place: true equator, equinox of date"))
        }
        let date = instant.calendarDate(policy: .gregorian, scale: .tt)
        if (0...9999).contains(date.year) {
            keywords.append(("DATE-OBS", String(date.iso(withTime: true).dropLast()), "proleptic Gregorian, TT"))
        }
        return (pixels, height, keywords)
    }

    /// Writes the image to `path` (replacing a file there), with the chart's title as `OBJECT`.
    /// - Throws: `ChartError.unwritable` (missing folder, a chart in the horizontal frame, a CFITSIO failure),
    ///   `ChartError.imageSizeOutOfRange`.
    public func write(_ chart: Chart, instant: Instant, to path: String) throws {
        let (width, height, keywords) = try wcs(chart, instant: instant)
        let scale = chart.bounds.width / Double(width)
        var image = [Float](repeating: 0, count: width * height)
        let sigma = fwhmPixels / 2.354_820_045
        let reach = Int((4 * sigma).rounded(.up))
        let norm = 1 / (2 * Double.pi * sigma * sigma)
        for m in chart.marks {
            guard let v = chart.projection.project(m.point) else { continue }
            // FITS pixel centres are integers, the first pixel is 1.
            let px = 0.5 + (v.x - chart.bounds.minX) / scale, py = 0.5 + (v.y - chart.bounds.minY) / scale
            let flux = pow(10, -0.4 * m.magnitude)
            let ci = Int(px.rounded()), cj = Int(py.rounded())
            let (j0, j1, i0, i1) = (max(1, cj - reach), min(height, cj + reach), max(1, ci - reach), min(width, ci + reach))
            guard j0 <= j1, i0 <= i1 else { continue }
            for j in j0...j1 {
                for i in i0...i1 {
                    let d2 = (Double(i) - px) * (Double(i) - px) + (Double(j) - py) * (Double(j) - py)
                    image[(j - 1) * width + (i - 1)] += Float(flux * norm * exp(-d2 / (2 * sigma * sigma)))
                }
            }
        }
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path, isDirectory: &isFolder),
              isFolder.boolValue else {
            throw ChartError.unwritable(path: path, reason: "the folder \(url.deletingLastPathComponent().path) does not exist")
        }
        do {
            let file = try FITSFile.create(url, overwrite: true)
            try file.createImage(of: Float.self, axes: [width, height])
            try file.write("BUNIT", "relative flux", comment: "a V = 0 star has total flux 1")
            if !chart.title.isEmpty { try file.write("OBJECT", String(asciiFolded(chart.title).prefix(68))) }
            for (key, value, comment) in keywords {
                switch value {
                case let s as String: try file.write(key, s, comment: comment.isEmpty ? nil : asciiFolded(comment))
                case let i as Int: try file.write(key, i, comment: comment.isEmpty ? nil : asciiFolded(comment))
                case let d as Double: try file.write(key, d, comment: comment.isEmpty ? nil : asciiFolded(comment))
                default: continue
                }
            }
            try file.write("ORIGIN", "skyrecon", comment: "charted by skyrecon")
            // Comment cards hold 72 characters: each line here fits one.
            try file.writeComment(chart.projection.frame == .equatorial
                                  ? "Axes: geocentric apparent RA, Dec; true equator, equinox of date."
                                  : "Axes: ecliptic longitude and latitude of date.")
            try file.writeComment(String(format: "Stars, objects: Gaussians of FWHM %.1f px, flux 10^(-0.4 V).", fwhmPixels))
            for m in chart.marks where m.role == .object {
                guard let v = chart.projection.project(m.point), let label = m.asciiLabel ?? m.label else { continue }
                try file.writeComment(String(format: "%@ at %.5f, %+.5f deg: pixel (%.2f, %.2f)", asciiFolded(label),
                                             m.point.longitude.normalized.degrees, m.point.latitude.degrees,
                                             0.5 + (v.x - chart.bounds.minX) / scale, 0.5 + (v.y - chart.bounds.minY) / scale))
            }
            try file.writeImage(image)
            try file.writeChecksums()
            try file.close()
        } catch let error as ChartError {
            throw error
        } catch {
            throw ChartError.unwritable(path: path, reason: (error as? any LocalizedError)?.errorDescription ?? "\(error)")
        }
    }
}
