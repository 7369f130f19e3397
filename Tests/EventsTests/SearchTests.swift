import Foundation
import Testing
@testable import Events

/// Second-method checks: functions whose roots and extrema are known in closed form.
struct SearchTests {
    @Test func crossingsOfASineAreItsRoots() throws {
        let found = try Search.crossings(in: 0.1, 10, step: 0.3) { sin($0) }
        let expected = [Double.pi, 2 * .pi, 3 * .pi]
        #expect(found.count == expected.count)
        for (f, e) in zip(found, expected) { #expect(abs(f.time - e) < 1e-6) }
        #expect(found.map(\.rising) == [false, true, false])
    }

    @Test func minimumOfAParabolaIsItsVertex() throws {
        let m = try Search.minimum(in: -3, 5, step: 0.5) { ($0 - 1.2345) * ($0 - 1.2345) + 7 }
        #expect(abs(m.time - 1.2345) < 1e-6)
        #expect(abs(m.value - 7) < 1e-9)
    }

    @Test func maximumAtTheEdgeIsFound() throws {
        let m = try Search.maximum(in: 0, 1, step: 0.1) { $0 }
        #expect(abs(m.time - 1) < 1e-6)
    }

    @Test func nonFiniteValuesAreErrorsNotTraps() {
        #expect(throws: SearchError.self) { try Search.minimum(in: 0, 1, step: 0.1) { $0 > 0.5 ? .nan : $0 } }
        #expect(throws: SearchError.badInterval) { try Search.crossings(in: 1, 0, step: 0.1) { $0 } }
    }
}
