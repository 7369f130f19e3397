/// A time scale in which to read or write an instant as a calendar date.
public enum TimeScale: Sendable {
    /// Terrestrial Time.
    case tt
    /// Barycentric Dynamical Time (differs from TT by at most 1.7 ms).
    case tdb
    /// Universal Time (UT1), needing a ΔT model.
    case ut1(any DeltaTModel)
}

extension Instant {
    /// The UT1 two-part Julian date of this instant, with the ΔT estimate used (UT1 = TT − ΔT).
    ///
    /// ΔT is evaluated at the TT date; its rate of change (< 0.1 s per day even in antiquity) makes
    /// the difference from evaluating it at UT1 negligible.
    public func ut1(deltaT model: any DeltaTModel) -> (whole: Double, fraction: Double, deltaT: DeltaTEstimate) {
        let estimate = model.estimate(at: self)
        return (whole, fraction - estimate.seconds / secondsPerDay, estimate)
    }

    /// Creates an instant from a UT1 two-part Julian date and a ΔT model.
    ///
    /// ΔT depends on the date, so it is evaluated at the UT1 date, then once more at the TT date so
    /// found (one iteration is enough: ΔT changes by far less than its σ over ΔT itself).
    public init(jdUT1 whole: Double, _ fraction: Double = 0, deltaT model: any DeltaTModel) {
        let first = model.estimate(julianDate: whole + fraction)
        let second = model.estimate(julianDate: whole + fraction + first.seconds / secondsPerDay)
        self.init(jdUT1: whole, fraction, deltaTSeconds: second.seconds)
    }

    /// Creates an instant from a UT1 Julian date and returns the ΔT estimate used as well.
    public static func fromUT1(_ whole: Double, _ fraction: Double = 0, deltaT model: any DeltaTModel)
        -> (instant: Instant, deltaT: DeltaTEstimate)
    {
        let instant = Instant(jdUT1: whole, fraction, deltaT: model)
        return (instant, model.estimate(at: instant))
    }

    /// The instant as a calendar date and time of day in a time scale, in the calendar the policy
    /// picks for that day (historians' by default: Julian before 1582-10-15).
    public func calendarDate(policy: CalendarPolicy = .historians, scale: TimeScale = .tt) -> CalendarDate {
        switch scale {
        case .tt:
            return CalendarDate(julianDate: whole, fraction, policy: policy)
        case .tdb:
            let t = tdb
            return CalendarDate(julianDate: t.whole, t.fraction, policy: policy)
        case .ut1(let model):
            let u = ut1(deltaT: model)
            return CalendarDate(julianDate: u.whole, u.fraction, policy: policy)
        }
    }

    /// Creates an instant from a calendar date and time read in TT.
    public init(ttDate date: CalendarDate) {
        let p = date.julianDateParts
        self.init(jdTT: p.whole, p.fraction)
    }
}

extension Instant: CustomStringConvertible {
    /// The instant in TT on the historians' calendar, to the millisecond: `0757-03-14T12:51:45.711J TT`.
    public var description: String { calendarDate(policy: .historians, scale: .tt).iso(withTime: true) + " TT" }
}
