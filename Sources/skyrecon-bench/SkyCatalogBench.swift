import FITS
import Foundation
import Tables
import Sky

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmarks of the sky catalogue: a full load of every catalogue file (stars, constellations, Chinese culture,
/// mansions, cluster membership, resolver index), 10,000 name resolutions over a mix of spellings, and the
/// process's peak resident memory (getrusage ru_maxrss).
func skyCatalogBenchmarks() -> [String] {
    guard let dir = CatalogLocation.directory() else { return ["sky catalogue: no Catalogs directory found"] }
    let clock = ContinuousClock()
    var lines: [String] = []
    var catalog: SkyCatalog?
    var loads: [Double] = []
    for _ in 0..<3 {
        let start = clock.now
        catalog = try? SkyCatalog(directory: dir)
        loads.append(benchSeconds(clock.now - start))
    }
    guard let catalog else { return ["sky catalogue: failed to load from \(dir.path)"] }
    lines.append(String(format: "sky catalogue load (117,955 stars + cultures + resolver index): best %.3f s, first %.3f s",
                        loads.min() ?? 0, loads.first ?? 0))
    let names = ["Regulus", "alpha Leo", "α Leo", "32 Leo", "HIP 17702", "HIP17702", "HR 1165", "昴宿六", "軒轅十四",
                 "心宿二", "M45", "Pleiades", "昴", "太白", "長庚", "熒惑", "Xuanyuan XIV", "軒轅大星", "積尸", "Orion",
                 "alpha2 Librae", "Sirius", "東井", "鎮星", "HD 87901", "Regulsu", "Bi"]
    var resolved = 0, failed = 0
    let start = clock.now
    for i in 0..<10_000 {
        if (try? catalog.resolve(names[i % names.count])) != nil { resolved += 1 } else { failed += 1 }
    }
    let t = benchSeconds(clock.now - start)
    lines.append(String(format: "resolve 10,000 names (%d ok, %d errors with candidates): %.3f s, %.1f µs/name",
                        resolved, failed, t, t / 10_000 * 1e6))
    lines.append(String(format: "peak resident memory (getrusage maxrss): %.0f MB", peakMemoryMB()))
    return lines
}

