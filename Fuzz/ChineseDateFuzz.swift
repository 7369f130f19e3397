// libFuzzer target: the Chinese date parser and resolver (ChineseCalendar `parse`, `resolve`) on arbitrary text.
// The calendar tables come from Catalogs/ (SKYRECON_CATALOGS, set by scripts/fuzz.sh), loaded once.
import Foundation

private let calendar: ChineseCalendar = {
    do { return try ChineseCalendar.standard() } catch { fatalError("fuzz setup: \(error.localizedDescription)") }
}()

/// Loads the tables before the first input, so that their loading is not timed as that input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzChineseDateSetUp(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = calendar
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChineseDate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // `parse` reads the text as `resolve` does (the same `parseAll`), so it is called only where a reading exists.
    if let resolution = try? calendar.resolve(text) {
        _ = "\(resolution)"
        _ = try? calendar.parse(text)
    }
    _ = try? calendar.resolve(text, context: DateContext(dynasty: "唐", preference: .none))
    return 0
}
