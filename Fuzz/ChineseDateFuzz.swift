// libFuzzer target: the Chinese date parser and resolver (ChineseCalendar `parse`, `resolve`) on arbitrary text.
// The calendar tables come from Catalogs/ (SKYRECON_CATALOGS, set by scripts/fuzz.sh), loaded once.
import Foundation

private let calendar: ChineseCalendar = {
    do { return try ChineseCalendar.standard() } catch { fatalError("fuzz setup: \(error.localizedDescription)") }
}()

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
