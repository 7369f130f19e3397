import Foundation
import Testing

/// What `skyrecon` reads at start-up: a batch of planets reads only what it needs, and a damaged file is still a
/// one-line error on every path that needs it.
struct StartupTests {
    static let catalogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Catalogs")

    func run(_ arguments: [String], catalogs: URL? = nil) throws -> CLITests.Run {
        try CLITests().run(arguments, environment: catalogs.map { ["SKYRECON_CATALOGS": $0.path] } ?? [:])
    }

    /// A catalogue folder of links to the real files, with one file replaced by `data`.
    func damaged(_ name: String, with data: Data) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-cat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.catalogs.path) where file != name {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(file),
                                                       withDestinationURL: Self.catalogs.appendingPathComponent(file))
        }
        try data.write(to: dir.appendingPathComponent(name))
        return dir
    }

    func planetBatch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-\(UUID().uuidString)-one.csv")
        try "row,body,jd_tt\n1,mars,2413479.904953\n".write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("--version names the ephemeris build (read only when asked for)")
    func version() throws {
        let r = try run(["--version"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("skyrecon "), "\(r.out)")
        #expect(r.out.contains("ephemeris JPL DE422"), "\(r.out)")
    }

    @Test("A truncated stars.fits stops a batch of planets with one line naming it")
    func damagedStars() throws {
        let real = try Data(contentsOf: Self.catalogs.appendingPathComponent("stars.fits"))
        let dir = try damaged("stars.fits", with: real.prefix(real.count / 2))
        let input = try planetBatch()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: input) }
        let r = try run(["positions", "--input", input.path, "--format", "csv"], catalogs: dir)
        #expect(r.status == 1)
        #expect(r.out.isEmpty, "\(r.out)")
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.err.contains("stars.fits") && r.err.contains("truncated"), "\(r.err)")
    }

    @Test("A damaged Chinese star-name table leaves a batch of planets alone and stops a star's name with one line")
    func damagedChineseNames() throws {
        let dir = try damaged("chinese-star-names.tsv", with: Data("hip\tasterism_id\n12\tx\n".utf8))
        let input = try planetBatch()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: input) }
        let batch = try run(["positions", "--input", input.path, "--format", "csv"], catalogs: dir)
        #expect(batch.status == 0, "\(batch.err)")
        #expect(batch.out.contains("1,mars,2413479.904953,"), "\(batch.out)")
        let star = try run(["positions", "--date", "0757-03-14", "--objects", "Regulus"], catalogs: dir)
        #expect(star.status == 1)
        #expect(star.err.split(separator: "\n").count == 1, "\(star.err)")
        #expect(star.err.contains("chinese-star-names.tsv"), "\(star.err)")
    }
}
