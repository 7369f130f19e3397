import Tables

/// Seeded random strings of 1…`maxLength` scalars drawn from `pool` (sorted first, so the draw does not depend on the
/// order the pool was gathered in): inputs for checking a fast path against the general one.
public func randomStrings(from pool: [Unicode.Scalar], count: Int, maxLength: Int, seed: UInt64) -> [String] {
    let sorted = pool.sorted { $0.value < $1.value }
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...maxLength, using: &rng) { s.append(sorted[Int.random(in: 0..<sorted.count, using: &rng)]) }
        return String(s)
    }
}

/// Runs a fast path and the general one on every input the fast path answers: how many it answered, and the inputs
/// on which the two differ.
public func fastPathCheck(_ inputs: [String], fast: (String) -> String?, general: (String) -> String)
    -> (answered: Int, disagreements: [String]) {
    var answered = 0
    var disagreements: [String] = []
    for input in inputs {
        guard let result = fast(input) else { continue }
        answered += 1
        if result != general(input) { disagreements.append(input) }
    }
    return (answered, disagreements)
}
