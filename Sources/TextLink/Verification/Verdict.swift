/// The outcome of testing one claim against the computed sky.
public struct Verdict: Sendable, Codable, Hashable {
    /// The four outcomes, best first.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
        case confirmed, plausible, contradicted, untestable

        var rank: Int { Kind.allCases.firstIndex(of: self) ?? 3 }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    /// The outcome.
    public var verdict: Kind
    /// 0…1: ≥ 2/3 confirmed, 1/3…2/3 plausible, below 1/3 contradicted, by the measured quantity's place between
    /// the table's thresholds (nil when untestable).
    public var score: Double?
    /// The test applied (nil when none applies).
    public var test: RelationTest?
    /// One line saying why, with the figures.
    public var reason: String
    /// What the sky showed.
    public var evidence: Evidence?
    /// The likely true date, when the written one fails or is invalid.
    public var bestDate: BestDate?

    /// Creates a verdict.
    public init(verdict: Kind, score: Double? = nil, test: RelationTest? = nil, reason: String, evidence: Evidence? = nil,
                bestDate: BestDate? = nil) {
        self.verdict = verdict
        self.score = score
        self.test = test
        self.reason = reason
        self.evidence = evidence
        self.bestDate = bestDate
    }

    /// An untestable verdict with its reason.
    public static func untestable(_ reason: String, test: RelationTest? = nil) -> Verdict {
        Verdict(verdict: .untestable, test: test, reason: reason)
    }

    enum CodingKeys: String, CodingKey {
        case verdict, score, test, reason, evidence
        case bestDate = "best_date"
    }
}

/// What the sky showed on the night tested: the figures behind a verdict.
public struct Evidence: Sendable, Codable, Hashable {
    /// The civil day (JDN) whose night was tested, and the night as local mean time at the site.
    public var jdn: Int?
    public var night: String?
    /// The observing site (gazetteer key) and its name.
    public var site: String?
    /// Geocentric minimum separation over the night between the subject and the nearest member star (deg).
    public var minSepDeg: Double?
    /// That star, `HIP<n>`, and its name.
    public var star: String?
    public var starName: String?
    /// Topocentric minimum separation from the site over the night (deg).
    public var minSepTopoDeg: Double?
    /// Local mean time of the geocentric minimum (`0757-03-14 19:40 LMT`).
    public var minSepLMT: String?
    /// Whether the subject stood above the horizon with the Sun below −6° at some moment of the night.
    public var observable: Bool?
    /// Topocentric minimum separation over the moments the subject was observable (deg).
    public var minSepObservableDeg: Double?
    /// Whether the Moon's limb covered a member star at an observable moment (Moon only).
    public var occultationSeen: Bool?
    /// 入宿度 of the subject at the minimum (or the night's midpoint): mansion and 度.
    public var mansion: String?
    public var mansionDu: Double?
    /// Distance outside the figure of the object's stars (deg; 0 inside), for 入.
    public var outsideFigureDeg: Double?
    /// Elongation from the Sun (deg) and V magnitude, for daylight and visibility tests.
    public var elongationDeg: Double?
    public var magnitude: Double?
    /// Highest altitude of the subject in the tested interval while the test's Sun condition holds (deg).
    public var altitudeDeg: Double?
    /// Days within 3° and within 5° of the object around the date, for 守.
    public var stayDays3Deg: Int?
    public var stayDays5Deg: Int?
    /// Geocentric ecliptic-longitude rate (deg/day) and days to the nearest station, for motions.
    public var longitudeRateDegPerDay: Double?
    public var daysToStation: Double?
    /// An eclipse found within a day: type, greatest eclipse (JD UT), magnitude at the site, whether seen there.
    public var eclipseType: String?
    public var eclipseJDUT: Double?
    public var eclipseMagnitudeAtSite: Double?
    public var eclipseSeen: Bool?
    /// How the measured quantity and the verdict change across ΔT ± σ.
    public var deltaTBand: DeltaTBand?
    /// Models used (ephemeris, ΔT, …).
    public var models: [String: String]?

    /// Empty evidence.
    public init() {}

    /// The same evidence with every non-finite number removed (JSON has no NaN or infinity: they become null).
    var finiteOnly: Evidence {
        var e = self
        let paths: [WritableKeyPath<Evidence, Double?>] = [\.minSepDeg, \.minSepTopoDeg, \.minSepObservableDeg, \.mansionDu,
                                                          \.outsideFigureDeg, \.elongationDeg, \.magnitude, \.altitudeDeg,
                                                          \.longitudeRateDegPerDay, \.daysToStation, \.eclipseJDUT,
                                                          \.eclipseMagnitudeAtSite]
        for p in paths where !(e[keyPath: p]?.isFinite ?? true) { e[keyPath: p] = nil }
        return e
    }

    enum CodingKeys: String, CodingKey {
        case jdn, night, site, star, observable, mansion, magnitude, models
        case minSepDeg = "min_sep_deg", starName = "star_name", minSepTopoDeg = "min_sep_topo_deg"
        case minSepLMT = "min_sep_lmt", minSepObservableDeg = "min_sep_observable_deg"
        case occultationSeen = "occultation_seen", mansionDu = "mansion_du", outsideFigureDeg = "outside_figure_deg"
        case elongationDeg = "elongation_deg", altitudeDeg = "altitude_deg", stayDays3Deg = "stay_days_3deg"
        case stayDays5Deg = "stay_days_5deg", longitudeRateDegPerDay = "longitude_rate_deg_per_day"
        case daysToStation = "days_to_station", eclipseType = "eclipse_type", eclipseJDUT = "eclipse_jd_ut"
        case eclipseMagnitudeAtSite = "eclipse_magnitude_at_site", eclipseSeen = "eclipse_seen"
        case deltaTBand = "delta_t_band"
    }
}

/// The verdict's sensitivity to ΔT: the test repeated with ΔT − σ and ΔT + σ.
public struct DeltaTBand: Sendable, Codable, Hashable {
    /// ΔT used, its σ (s) and model.
    public var deltaTSeconds: Double
    public var sigmaSeconds: Double
    public var model: String
    /// The measured quantity (the test's own: separation, distance outside the figure …) at ΔT − σ, ΔT, ΔT + σ.
    public var measure: [Double?]
    /// The verdict at ΔT − σ and ΔT + σ.
    public var verdictLow: Verdict.Kind
    public var verdictHigh: Verdict.Kind
    /// True when the verdict is the same across the band.
    public var stable: Bool

    enum CodingKeys: String, CodingKey {
        case model, measure, stable
        case deltaTSeconds = "delta_t_s", sigmaSeconds = "sigma_s", verdictLow = "verdict_low", verdictHigh = "verdict_high"
    }
}

/// The likely true date of a record whose written date fails its test or does not exist.
public struct BestDate: Sendable, Codable, Hashable {
    /// The civil day of the best candidate (JDN) and its Julian-calendar date.
    public var jdn: Int
    public var julian: String
    /// The Chinese date of the candidate (era, year, month, day).
    public var chinese: String
    /// The correction it implies: "day +1", "same ganzhi 60 days later", "month 3 → 4", "year 2 → 3",
    /// "leap month missed", "ganzhi 乙亥 → 己亥".
    public var correction: String
    /// The verdict and score on the candidate's night.
    public var verdict: Verdict.Kind
    public var score: Double?
    /// Candidates searched.
    public var candidates: Int
    /// How often the same search rescues a random date of the same claim (subject, relation, object), and how many
    /// random dates were tried: a rescue no likelier than chance supports no correction.
    public var chanceRate: Double?
    public var chanceTrials: Int?

    enum CodingKeys: String, CodingKey {
        case jdn, julian, chinese, correction, verdict, score, candidates
        case chanceRate = "chance_rate", chanceTrials = "chance_trials"
    }
}
