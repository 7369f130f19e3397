/// The verdict on a whole record: its first testable claim decides the record's `verdict`, `score`, `evidence`
/// and `best_date`; every claim's verdict is kept in `claim_verdicts` (犯…遂入… gives one per link).
///
/// Encoded beside the reading on each line of `skyrecon link` (keys: `verdict`, `score`, `test`, `verdict_reason`,
/// `evidence`, `best_date`, `claim_verdicts`).
public struct RecordVerification: Sendable, Codable, Hashable {
    public var verdict: Verdict.Kind
    public var score: Double?
    public var test: RelationTest?
    public var reason: String
    public var evidence: Evidence?
    public var bestDate: BestDate?
    public var claimVerdicts: [Verdict]

    enum CodingKeys: String, CodingKey {
        case verdict, score, test, evidence
        case reason = "verdict_reason", bestDate = "best_date", claimVerdicts = "claim_verdicts"
    }
}

extension Verifier {
    /// Verifies every claim of a record; a record without claims is untestable with `reason`.
    public func verify(claims: [Claim], date: RecordDate, untestableReason: String? = nil) -> RecordVerification {
        let verdicts = claims.map { verify($0, date: date) }
        guard let primary = verdicts.first(where: { $0.verdict != .untestable }) ?? verdicts.first else {
            return RecordVerification(verdict: .untestable, score: nil, test: nil,
                                      reason: untestableReason ?? "the record has no claim to test", evidence: nil,
                                      bestDate: nil, claimVerdicts: [])
        }
        return RecordVerification(verdict: primary.verdict, score: primary.score, test: primary.test, reason: primary.reason,
                                  evidence: primary.evidence, bestDate: primary.bestDate, claimVerdicts: verdicts)
    }
}
