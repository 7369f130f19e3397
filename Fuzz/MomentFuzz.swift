// libFuzzer target: the Western date parser (SkyTime `Moment(parsing:)`) and its resolution to an instant.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMoment(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for policy in [CalendarPolicy.historians, .julian, .gregorian] {
        guard let moment = try? Moment(parsing: text, policy: policy) else { continue }
        _ = moment.description
        _ = try? moment.resolve(deltaT: ConstantDeltaT(seconds: 0), longitude: .degrees(108.9))
    }
    return 0
}
