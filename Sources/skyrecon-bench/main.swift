// skyrecon benchmarks: run a release build, on an otherwise idle machine, one core:
//   swift run -c release skyrecon-bench [section ...]
// Sections: time, ephemeris, apparent, reductions, sky, calendar, events, reading, batch (default: all). Prints figures, asserts nothing.
import Foundation

let sections: [(String, () -> [String])] = [
    ("time", timeBenchmarks),
    ("ephemeris", ephemerisBenchmarks),
    ("apparent", apparentBenchmarks),
    ("reductions", reductionBenchmarks),
    ("sky", skyCatalogBenchmarks),
    ("calendar", chineseCalendarBenchmarks),
    ("events", eventsBenchmarks),
    ("reading", readingBenchmarks),
    ("batch", batchBenchmarks),
]
let wanted = Set(CommandLine.arguments.dropFirst())
for (name, run) in sections where wanted.isEmpty || wanted.contains(name) {
    print("== \(name)")
    for line in run() { print(line) }
}
print(String(format: "peak resident memory of the whole run: %.1f MB", peakMemoryMB()))
