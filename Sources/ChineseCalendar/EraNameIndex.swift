/// The era-name keys of `ChineseCalendar.eraIndex`, indexed by character for "did you mean" suggestions.
///
/// A key scores 2 for each character in the same place as the misspelt name's, plus 1 for each distinct
/// character the two share, minus 2 for each character of length difference; a key needs 2 to be suggested.
/// A key sharing no character scores at most 0, so only the keys listed under the name's characters are
/// scored: a failed parse costs a few hundred look-ups instead of a pass over every key.
struct EraNameIndex: Sendable {
    /// The keys, sorted, so that an index order is the key order.
    let keys: [String]
    let characters: [[Character]]
    /// For each character, the indices of the keys holding it (each key once).
    let containing: [Character: [Int]]

    init(keys unsorted: some Sequence<String>) {
        keys = unsorted.sorted()
        characters = keys.map(Array.init)
        var containing: [Character: [Int]] = [:]
        for (i, chars) in characters.enumerated() {
            for c in Set(chars) { containing[c, default: []].append(i) }
        }
        self.containing = containing
    }

    /// The keys scoring at least 2 against `name` (already normalised), best first, ties in key order.
    func ranked(_ name: String) -> [String] {
        let target = Array(name)
        var sharedDistinct: [Int: Int] = [:]
        for c in Set(target) {
            for i in containing[c] ?? [] { sharedDistinct[i, default: 0] += 1 }
        }
        var scored: [(score: Int, index: Int)] = []
        for (i, distinct) in sharedDistinct {
            let k = characters[i]
            var score = distinct - abs(k.count - target.count) * 2
            for (j, c) in k.enumerated() where j < target.count && target[j] == c { score += 2 }
            if score >= 2 { scored.append((score, i)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scored.map { keys[$0.index] }
    }
}
