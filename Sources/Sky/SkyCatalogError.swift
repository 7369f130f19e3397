import Foundation

/// Errors of the Sky module: catalogue files that are missing or unreadable, and names that resolve to nothing
/// or to more than one object.
public enum SkyCatalogError: Error, LocalizedError, Sendable, Equatable {
    /// A catalogue file is absent from the catalogue directory.
    case missingCatalog(file: String, searched: String)
    /// A catalogue file exists but cannot be read (truncated, corrupt, or of the wrong layout).
    case unreadableCatalog(path: String, reason: String)
    /// The name matches nothing; `candidates` are the closest known names.
    case unknownName(String, candidates: [String])
    /// The name matches several different objects, listed in `candidates`.
    case ambiguousName(String, candidates: [String])
    /// The name is empty or only whitespace.
    case emptyName

    public var errorDescription: String? {
        switch self {
        case .missingCatalog(let file, let searched):
            return "catalogue file \(file) is missing (looked in \(searched)): restore it with "
                + "`git checkout -- Catalogs`, point SKYRECON_CATALOGS at the project's Catalogs folder, or "
                + "rebuild it with `sh Catalogs/build/build_sky.sh`"
        case .unreadableCatalog(let path, let reason):
            return "catalogue file \(path) cannot be read (\(reason)): it is corrupt or from another version; "
                + "restore it with `git checkout -- Catalogs` or rebuild it with `sh Catalogs/build/build_sky.sh`"
        case .unknownName(let name, let candidates):
            let hint = candidates.isEmpty
                ? "try a designation such as `alpha Leo`, `32 Leo`, `HIP 49669`, `HR 3982`, or a Chinese name such as 軒轅十四"
                : "did you mean: " + candidates.joined(separator: ", ") + "?"
            return "unknown object name \"\(name)\": \(hint)"
        case .ambiguousName(let name, let candidates):
            return "the name \"\(name)\" is ambiguous; type one of: " + candidates.joined(separator: ", ")
        case .emptyName:
            return "empty object name: give a body (Venus, 太白), a star (Regulus, alpha Leo, HIP 49669) or an asterism (昴, Pleiades)"
        }
    }
}
