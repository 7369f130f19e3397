import Foundation

/// Finds the directory of skyrecon's catalogue files.
///
/// Looked up in order: the `SKYRECON_CATALOGS` environment variable, the installed layout
/// (`PREFIX/share/skyrecon/Catalogs` beside `PREFIX/bin/skyrecon`, as `scripts/install.sh` lays it out),
/// a `Catalogs` folder next to the running executable or one or two levels above it, and the source
/// tree this module was compiled from.
public enum CatalogLocation {
    /// The catalogue directory, or nil when none exists.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = environment["SKYRECON_CATALOGS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/skyrecon/Catalogs"))
        for _ in 0..<3 {
            candidates.append(dir.appendingPathComponent("Catalogs"))
            dir = dir.deletingLastPathComponent()
        }
        let sourceRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Catalogs"))
        for candidate in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue {
                return candidate
            }
        }
        return nil
    }

    /// The URL of a named catalogue file, or an error naming where it was looked for.
    public static func file(_ name: String) throws -> URL {
        guard let dir = directory() else { throw CatalogLocationError.noCatalogDirectory }
        let url = dir.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CatalogLocationError.missingFile(url.path)
        }
        return url
    }
}

/// Errors locating catalogue files.
public enum CatalogLocationError: Error, LocalizedError, Sendable, Equatable {
    case noCatalogDirectory
    case missingFile(String)

    public var errorDescription: String? {
        switch self {
        case .noCatalogDirectory:
            "no Catalogs directory found: set SKYRECON_CATALOGS to the project's Catalogs folder"
        case .missingFile(let path):
            "catalogue file \(path) is missing: restore it with git (git checkout -- Catalogs) or rebuild it as Catalogs/README.md says"
        }
    }
}
