import Testing
import TestSupport

/// The references this target's accuracy tests read. Without them those tests are skipped — unless
/// `SKYRECON_REQUIRE_REFERENCES=1` or `CI=true` (as `.ci/run` sets), when this test fails and says what is missing.
@Suite("ChineseCalendarTests: references present")
struct ReferencesPresentTests {
    static let needed = [
        "calendar/conversions-dev.csv",
        "calendar/months-ytliu.tsv",
    ]

    @Test func referencesArePresentWhenRequired() {
        guard let message = References.absence(of: Self.needed, de421: false, target: "ChineseCalendarTests") else { return }
        if References.required {
            Issue.record("SKYRECON_REQUIRE_REFERENCES=1 or CI=true is set, so this fails: \(message)")
        } else {
            print("skipping reference checks: " + message)
        }
    }
}
