import Foundation
import GRDB

/// Records, claims and verdicts in an SQLite file a pipeline can query (`skyrecon link --db FILE`).
///
/// Schema (version 1; `PRAGMA user_version` = 1):
/// - `records`: one row per record — `id`, `file`, `char_start`, `char_end`, `text`, the date (`dynasty`, `era`,
///   `year`, `month`, `leap`, `day_ganzhi`, `jdn`, `first_jdn`, `last_jdn`, `date_status`), `subject`, `relation`,
///   `object`, `testable`, and the record's verdict: `verdict`, `score`, `test`, `verdict_reason`, `min_sep_deg`,
///   `star` (`HIP<n>`), `min_sep_topo_deg`, `observable`, `occultation_seen`, `mansion`, `mansion_du`,
///   `delta_t_stable`, `best_date_jdn`, `best_date_correction`, `chance_rate`, and `evidence_json` (the whole
///   evidence as JSON).
/// - `claims`: one row per claim — `record_id` → `records.id`, `claim_index` (0-based, the order written),
///   `subjects` (joined by +), `relation`, `object`, `object_ids` (joined by |), `position_mansion`, `position_du`,
///   `verdict`, `score`, `test`, `reason`, `evidence_json`.
///
/// Example: `SELECT file, text, verdict, min_sep_deg FROM records WHERE test = 'approach' AND verdict = 'contradicted'`.
public final class VerificationStore: Sendable {
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and creates the tables; an existing file's rows are replaced.
    public init(path: String) throws {
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS claims;
                DROP TABLE IF EXISTS records;
                CREATE TABLE records (
                    id INTEGER PRIMARY KEY, file TEXT NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
                    text TEXT NOT NULL, dynasty TEXT, era TEXT, year INTEGER, month INTEGER, leap INTEGER,
                    day_ganzhi TEXT, jdn INTEGER, first_jdn INTEGER, last_jdn INTEGER, date_status TEXT NOT NULL,
                    subject TEXT, relation TEXT, object TEXT, testable INTEGER NOT NULL,
                    verdict TEXT, score REAL, test TEXT, verdict_reason TEXT, min_sep_deg REAL, star TEXT,
                    min_sep_topo_deg REAL, observable INTEGER, occultation_seen INTEGER, mansion TEXT, mansion_du REAL,
                    delta_t_stable INTEGER, best_date_jdn INTEGER, best_date_correction TEXT, chance_rate REAL,
                    evidence_json TEXT);
                CREATE TABLE claims (
                    record_id INTEGER NOT NULL REFERENCES records(id), claim_index INTEGER NOT NULL,
                    subjects TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, object_ids TEXT NOT NULL,
                    position_mansion TEXT, position_du REAL, verdict TEXT, score REAL, test TEXT, reason TEXT,
                    evidence_json TEXT, PRIMARY KEY (record_id, claim_index));
                CREATE INDEX records_verdict ON records(verdict, test);
                CREATE INDEX records_jdn ON records(jdn);
                PRAGMA user_version = 1;
                """)
        }
    }

    /// Writes the records of one file (and their verdicts, when verified) in one transaction.
    public func insert(_ rows: [(reading: RecordReading, verification: RecordVerification?)]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ e: Evidence?) throws -> String? {
            try e.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        }
        try queue.write { db in
            for (r, v) in rows {
                let d = r.date, e = v?.evidence
                try db.execute(sql: """
                    INSERT INTO records (file, char_start, char_end, text, dynasty, era, year, month, leap, day_ganzhi,
                        jdn, first_jdn, last_jdn, date_status, subject, relation, object, testable, verdict, score, test,
                        verdict_reason, min_sep_deg, star, min_sep_topo_deg, observable, occultation_seen, mansion,
                        mansion_du, delta_t_stable, best_date_jdn, best_date_correction, chance_rate, evidence_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        r.file, r.charStart, r.charEnd, r.text, d.dynasty, d.era, d.year, d.month, d.leap, d.dayGanzhi,
                        d.jdn, d.firstJDN, d.lastJDN, d.status.rawValue, r.subject, r.relation, r.object, r.testable,
                        v?.verdict.rawValue, v?.score, v?.test?.rawValue, v?.reason, e?.minSepDeg, e?.star,
                        e?.minSepTopoDeg, e?.observable, e?.occultationSeen, e?.mansion, e?.mansionDu,
                        e?.deltaTBand?.stable, v?.bestDate?.jdn, v?.bestDate?.correction, v?.bestDate?.chanceRate,
                        try json(e),
                    ])
                let id = db.lastInsertedRowID
                for (i, c) in r.claims.enumerated() {
                    let cv = v.flatMap { i < $0.claimVerdicts.count ? $0.claimVerdicts[i] : nil }
                    try db.execute(sql: """
                        INSERT INTO claims (record_id, claim_index, subjects, relation, object, object_ids,
                            position_mansion, position_du, verdict, score, test, reason, evidence_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [
                            id, i, c.subjects.joined(separator: "+"), c.relation, c.object,
                            c.objectIDs.joined(separator: "|"), c.position?.mansion, c.position?.du,
                            cv?.verdict.rawValue, cv?.score, cv?.test?.rawValue, cv?.reason, try json(cv?.evidence),
                        ])
                }
            }
        }
    }
}
