import Foundation

/// What to chart and how: the view, the figures of which sky culture, the language of the labels, the limits.
public struct ChartRequest: Sendable, Hashable {
    /// A field around the objects, the whole sky above the horizon, or the strip of the lunar mansions.
    public enum View: String, Sendable, Hashable, CaseIterable { case field, horizon, strip }
    /// Whose figure lines: the Chinese asterisms, the Western constellations, none; `automatic` is Chinese before
    /// 1912 (the end of the Qing) and Western after.
    public enum Culture: String, Sendable, Hashable, CaseIterable { case automatic, chinese, western, none }
    /// Label language: English (proper names, Bayer letters) or Chinese (太白, 昴宿六, 畢).
    public enum Language: String, Sendable, Hashable, CaseIterable { case en, zh }

    public var view: View
    /// For the field: `horizontal` (zenith up, as seen) or `equatorial` (north up, east left).
    /// For the strip: `equatorial` or `ecliptic`.
    public var frame: ChartFrame
    /// For the field: `stereographic` or `gnomonic`.
    public var projection: ProjectionKind
    /// For the horizon view: show the half of the sky towards this azimuth (nil: the whole disk, south at the bottom).
    public var facing: Angle?
    /// Faintest V magnitude of the stars drawn (default 5.5 for a field or strip, 4.0 for the whole sky).
    public var magnitudeLimit: Double
    public var culture: Culture
    public var language: Language
    /// Narrowest field drawn around the objects.
    public var minimumFieldWidth: Angle

    public init(view: View = .field, frame: ChartFrame? = nil, projection: ProjectionKind = .stereographic,
                facing: Angle? = nil, magnitudeLimit: Double? = nil, culture: Culture = .automatic,
                language: Language = .en, minimumFieldWidth: Angle = .degrees(20)) {
        self.view = view
        self.frame = frame ?? (view == .strip ? .equatorial : .horizontal)
        self.projection = projection
        self.facing = facing
        self.magnitudeLimit = magnitudeLimit ?? (view == .horizon ? 4.0 : 5.5)
        self.culture = culture
        self.language = language
        self.minimumFieldWidth = minimumFieldWidth
    }

    /// The culture in force at an instant (`automatic` resolved).
    public func resolvedCulture(at instant: Instant) -> Culture {
        guard culture == .automatic else { return culture }
        return instant.calendarDate(policy: .historians, scale: .tt).year < 1912 ? .chinese : .western
    }
}

/// Errors of chart composition.
public enum ChartRequestError: Error, LocalizedError, Sendable, Equatable {
    case badFrame(view: String, frame: String, allowed: String)
    case badProjection(String)

    public var errorDescription: String? {
        switch self {
        case .badFrame(let view, let frame, let allowed):
            "the \(view) view cannot be drawn in the \(frame) frame: give --frame \(allowed)"
        case .badProjection(let p):
            "a field cannot use the \(p) projection: give --projection stereographic or gnomonic"
        }
    }
}

extension SkyView {
    /// Typical visual magnitudes that set the size of a body's mark: the Sun, the full Moon, the planets near a
    /// mean opposition (Mercury and Venus near greatest elongation). A chart is no photometer: no phase law.
    static let typicalMagnitude: [Body: Double] = [
        .sun: -26.7, .moon: -12.7, .mercury: -0.4, .venus: -4.4, .mars: -2.0, .jupiter: -2.5, .saturn: 0.7,
        .uranus: 5.7, .neptune: 7.8, .pluto: 14.0,
    ]

    /// Composes a chart: the objects asked (highlighted; a group's members labelled), the stars to the magnitude
    /// limit, the figure lines of the sky culture, the lunar mansions' boundaries (hour circles of the determinatives
    /// of the models' convention), their names and determinative stars, and the horizon.
    ///
    /// - Notes: horizontal charts use topocentric places with refraction (the sky as seen; stars below the horizon
    ///   are left out); equatorial and ecliptic charts use geocentric apparent places of date. Every star, object
    ///   and determinative is reduced by the same models as the positions table.
    /// - Throws: `ChartError.nothingAboveHorizon` when a horizontal view would hold none of the objects above the
    ///   horizon; `ChartRequestError` for a view/frame pair that does not exist; reduction errors outside the ephemeris.
    public func chart(_ objects: [NameResolution], at instant: Instant, site: Site, request: ChartRequest,
                      title: String) throws -> Chart {
        let zh = request.language == .zh
        switch (request.view, request.frame) {
        case (.field, .ecliptic): throw ChartRequestError.badFrame(view: "field", frame: "ecliptic", allowed: "horizontal or equatorial")
        case (.horizon, .equatorial), (.horizon, .ecliptic):
            throw ChartRequestError.badFrame(view: "horizon", frame: request.frame.rawValue, allowed: "horizontal")
        case (.strip, .horizontal): throw ChartRequestError.badFrame(view: "strip", frame: "horizontal", allowed: "equatorial or ecliptic")
        default: break
        }
        if request.view == .field, request.projection == .cylindrical {
            throw ChartRequestError.badProjection(request.projection.rawValue)
        }
        let frame = request.frame
        let dt = deltaT(at: instant)
        let obliquity = EquatorOfDate(instant).trueObliquity
        func point(_ o: Observation) -> SkyPoint {
            if frame == .horizontal, let t = o.topocentric {
                return SkyPoint(longitude: t.azimuth, latitude: t.refractedAltitude)
            }
            if frame == .ecliptic {
                return SkyPoint(longitude: o.apparent.eclipticLongitude, latitude: o.apparent.eclipticLatitude)
            }
            return SkyPoint(longitude: o.apparent.rightAscension, latitude: o.apparent.declination)
        }
        // A direction of date (RA, Dec, unrefracted) in the chart's frame, for lines that are not stars.
        let lst = try observe(.body(.sun), at: instant, site: site, deltaT: dt)[0].topocentric?.localSiderealTime.radians ?? 0
        func framePoint(ra: Double, dec: Double) -> SkyPoint {
            switch frame {
            case .horizontal:
                let h = Horizon.azimuthAltitude(hourAngle: lst - ra, declination: dec, latitude: site.latitude.radians)
                return SkyPoint(longitude: .radians(h.azimuth), latitude: .radians(h.altitude))
            case .equatorial: return SkyPoint(longitude: .radians(ra), latitude: .radians(dec))
            case .ecliptic:
                let v = SkyPoint(longitude: .radians(ra), latitude: .radians(dec)).vector
                return SkyPoint(vector: SIMD3(v.x, cos(obliquity) * v.y + sin(obliquity) * v.z,
                                              -sin(obliquity) * v.y + cos(obliquity) * v.z))
            }
        }

        // Names.
        let chinese = try catalog.chinese
        var chineseName: [Int: ChineseStarName] = [:]
        for n in chinese.starNames where !n.traditional.isEmpty && chineseName[n.hip] == nil { chineseName[n.hip] = n }
        // The added stars (增星) are the Qing catalogues' additions: before them a star so named had no name.
        let beforeQing = instant.calendarDate(policy: .historians, scale: .tt).year < Int(MansionConvention.qingFromJulianYear)
        func starLabel(_ s: Star, always: Bool) -> (String?, String?) {
            if zh {
                guard let n = chineseName[s.hip], !(n.added && beforeQing) else { return (nil, nil) }
                return (n.traditional, asciiFolded(n.pinyin))
            }
            let name = s.properName ?? s.bayerDesignation ?? (always ? s.label : nil)
            return (name, name.map { asciiFolded($0) })
        }
        func objectLabel(_ object: SkyObject, principal: Star?) -> (String, String) {
            let english = object.label
            guard zh else { return (english, asciiFolded(english)) }
            switch object {
            case .body(let b): return (b.chineseName ?? english, english)
            case .star(let s): return (chineseName[s.hip]?.traditional ?? english, english)
            case .group(let g):
                if let m = g.mansion { return (m.name, english) }
                if let p = principal, let n = chineseName[p.hip], let a = chinese.asterism(id: n.asterismID) {
                    let name = a.traditional.hasSuffix("宿") ? String(a.traditional.dropLast()) : a.traditional
                    return (name, english)
                }
                return (g.name, english)
            }
        }

        // The mansions: determinatives, boundaries along their hour circles, names across their widths.
        let mansionFrame = try mansionFrame(at: instant)
        let determinatives = mansionFrame.mansions.map { $0.determinative(mansionFrame.convention) }
        func determinativeLabel(_ s: Star, _ m: LunarMansion) -> (String, String) {
            let name = mansionFrame.convention == .hanToMing ? m.earlyDeterminativeName : m.determinativeName
            let english = s.properName ?? s.bayerDesignation ?? s.label
            return (zh ? name : "\(english) (\(m.name) det.)", "\(asciiFolded(english)) (\(asciiFolded(m.pinyin)) det.)")
        }

        // The objects asked, a group's members beside its principal star.
        var marks: [ChartMark] = []
        var required: [SkyPoint] = []
        var objectNames: [String] = []
        var objectHIPs = Set<Int>()
        for resolution in objects {
            let observations = try observe(resolution.object, at: instant, site: site, deltaT: dt)
            let members: [Star]
            if case .group(let g) = resolution.object {
                members = targets(of: resolution.object).compactMap { t in g.members.first { $0.label == t.label } }
            } else { members = [] }
            let (label, ascii) = objectLabel(resolution.object, principal: members.first)
            objectNames.append(resolution.object.label)
            for (i, o) in observations.enumerated() {
                let p = point(o)
                required.append(p)
                if i == 0 {
                    let magnitude: Double = switch resolution.object {
                    case .star(let s): s.v
                    case .body(let b): Self.typicalMagnitude[b] ?? 0
                    case .group: members.first?.v ?? 0
                    }
                    marks.append(ChartMark(point: p, magnitude: magnitude, label: label, asciiLabel: ascii, role: .object))
                } else if i < members.count, let mi = determinatives.firstIndex(of: members[i].hip) {
                    let (l, a) = determinativeLabel(members[i], mansionFrame.mansions[mi])
                    marks.append(ChartMark(point: p, magnitude: members[i].v, label: l, asciiLabel: a, role: .determinative))
                } else if i < members.count {
                    let (l, a) = starLabel(members[i], always: true)
                    marks.append(ChartMark(point: p, magnitude: members[i].v, label: l, asciiLabel: a, role: .member))
                }
            }
            if case .star(let s) = resolution.object { objectHIPs.insert(s.hip) }
            objectHIPs.formUnion(members.map(\.hip))
        }

        var paths: [ChartPath] = []
        var annotations: [ChartAnnotation] = []
        for (i, m) in mansionFrame.mansions.enumerated() {
            let ra = mansionFrame.starts[i].radians
            // The boundary across the band the Moon and planets travel: 30° either side of the ecliptic.
            let eclipticDec = atan(sin(ra) * tan(obliquity)) * 180 / .pi
            paths.append(ChartPath(stride(from: eclipticDec - 30, through: eclipticDec + 30, by: 2).map {
                framePoint(ra: ra, dec: $0 * .pi / 180)
            }, role: .boundary))
            let next = mansionFrame.starts[(i + 1) % 28].radians
            let mid = ra + Angle(radians: next - ra).normalized.radians / 2
            let decOnEcliptic = atan(sin(mid) * tan(obliquity))
            let annotationDec = frame == .ecliptic ? decOnEcliptic : decOnEcliptic - 0.5 * .pi / 180
            annotations.append(ChartAnnotation(point: framePoint(ra: mid, dec: annotationDec),
                                               text: zh ? m.name + "宿" : "\(m.name) \(m.pinyin)",
                                               asciiText: asciiFolded(m.pinyin)))
        }

        // Stars, and the stars of the figures even where fainter than the limit.
        let culture = request.resolvedCulture(at: instant)
        var figures: [FigureLine] = []
        switch culture {
        case .chinese: figures = chinese.asterisms.flatMap(\.lines)
        case .western: figures = catalog.constellations.all.flatMap(\.figure)
        case .none, .automatic: break
        }
        let starCatalog = try catalog.stars
        var stars = starCatalog.brightStars(magnitudeLimit: request.magnitudeLimit)
        var have = Set(stars.map(\.hip))
        for hip in Set(figures.flatMap { [$0.hip1, $0.hip2] } + determinatives) where !have.contains(hip) {
            if let s = starCatalog.star(hip: hip) { stars.append(s); have.insert(hip) }
        }
        let observed = try observe(stars.map { (label: $0.label, target: Target.star($0.catalogStar)) }, at: instant,
                                   site: frame == .horizontal ? site : nil, deltaT: dt)
        var place: [Int: SkyPoint] = [:]
        for (s, o) in zip(stars, observed) {
            let p = point(o)
            place[s.hip] = p
            guard !objectHIPs.contains(s.hip) else { continue }
            if let mi = determinatives.firstIndex(of: s.hip) {
                let (label, ascii) = determinativeLabel(s, mansionFrame.mansions[mi])
                marks.append(ChartMark(point: p, magnitude: s.v, label: label, asciiLabel: ascii, role: .determinative))
            } else if s.v <= request.magnitudeLimit + 1 {
                let (l, a) = starLabel(s, always: false)
                marks.append(ChartMark(point: p, magnitude: s.v, label: l, asciiLabel: a))
            }
        }
        for f in figures {
            guard let a = place[f.hip1], let b = place[f.hip2] else { continue }
            paths.append(ChartPath([a, b], role: .figure))
        }

        // The horizon.
        if frame == .horizontal {
            paths.append(ChartPath(stride(from: 0.0, through: 360, by: 2).map {
                SkyPoint(longitude: .degrees($0), latitude: .degrees(0))
            }, role: .horizon))
        } else {
            let phi = site.latitude.radians
            paths.append(ChartPath(stride(from: 0.0, through: 360, by: 2).map { azDeg in
                let az = azDeg * .pi / 180
                let dec = asin(cos(phi) * cos(az))
                let h = atan2(-sin(az), -sin(phi) * cos(az))
                return framePoint(ra: lst - h, dec: dec)
            }, role: .horizon))
        }

        // The view.
        let objectPoints = required
        if frame == .horizontal, !objectPoints.contains(where: { $0.latitude.radians > 0 }) {
            throw ChartError.nothingAboveHorizon(objectNames.joined(separator: " and "))
        }
        var sum = SIMD3<Double>(repeating: 0)
        for p in objectPoints { sum += p.vector }
        let centre = SkyPoint(vector: sum)
        var notes: [String] = []
        let projection: Projection
        let bounds: PlaneRect
        let layout: Chart.Layout
        switch request.view {
        case .field:
            // A central projection cannot reach far from its centre: objects spread wider go stereographic.
            let spread = objectPoints.map { $0.separation(from: centre).degrees }.max() ?? 0
            let kind = request.projection == .gnomonic && spread > 60 ? ProjectionKind.stereographic : request.projection
            if kind != request.projection {
                notes.append("stereographic instead of gnomonic: the objects lie up to \(Int(spread))° from the centre")
            }
            projection = Projection(kind: kind, frame: frame, centre: centre)
            bounds = Chart.fieldBounds(projection, holding: objectPoints, minimumWidth: request.minimumFieldWidth)
            layout = .field
        case .horizon:
            let facing = request.facing ?? .degrees(180)
            projection = Projection(kind: .stereographic, frame: .horizontal,
                                    centre: SkyPoint(longitude: facing, latitude: .degrees(90)))
            let r = 2.04
            bounds = PlaneRect(minX: -r, maxX: r, minY: -r, maxY: request.facing == nil ? r : 0.35)
            layout = .disk(half: request.facing != nil)
        case .strip:
            projection = Projection(kind: .cylindrical, frame: frame,
                                    centre: SkyPoint(longitude: centre.longitude, latitude: .degrees(0)))
            let maxLat = objectPoints.map { abs($0.latitude.radians) }.max() ?? 0
            // Along the equator the ecliptic strays 23.4° either side: the strip holds it.
            let minimum = (frame == .ecliptic ? 25.0 : 32.0) * Double.pi / 180
            let halfHeight = max(minimum, maxLat + 6 * Double.pi / 180)
            bounds = PlaneRect(minX: -halfHeight * 2.4, maxX: halfHeight * 2.4, minY: -halfHeight, maxY: halfHeight)
            layout = .strip
        }
        let cultureNote = switch culture {
        case .chinese: "figures: Chinese asterisms (Stellarium 'chinese': the Qing catalogue Yixiang kaocheng 儀象考成, 1756)"
        case .western: "figures: Western constellations (Stellarium 'western')"
        default: "figures: none"
        }
        notes.append(cultureNote)
        notes.append("mansions: hour circles of the \(mansionFrame.convention.rawValue) determinative stars (距星)")
        if objects.contains(where: { if case .body = $0.object { true } else { false } }) {
            notes.append("Sun, Moon and planets drawn at a typical magnitude (no phase law)")
        }
        notes.append(frame == .horizontal
                     ? "stars to V \(request.magnitudeLimit) (Hipparcos-2), topocentric apparent places\(models.atmosphere.pressure > 0 ? " with refraction" : ", no refraction")"
                     : "stars to V \(request.magnitudeLimit) (Hipparcos-2), geocentric apparent places, \(frame == .ecliptic ? "ecliptic" : "equator and equinox") of date")
        return Chart(projection: projection, bounds: bounds, layout: layout, marks: marks, paths: paths,
                     annotations: annotations, title: title, notes: notes,
                     horizonAltitude: frame == .horizontal ? .degrees(0) : nil)
    }
}
