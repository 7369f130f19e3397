import Foundation

/// A value built on first use, once, and shared by every copy of its owner and every thread; a failure to build
/// it is kept and thrown again on every use.
final class Once<Value: Sendable>: @unchecked Sendable {
    // Unchecked: `result` is written once under `lock` and only read under it.
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private let build: @Sendable () throws -> Value

    init(_ build: @escaping @Sendable () throws -> Value) { self.build = build }

    func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let result { return try result.get() }
        let built = Result { try build() }
        result = built
        return try built.get()
    }

    /// The value when it has been built, without building it (nil also after a failed build).
    func built() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return try? result?.get()
    }
}

/// True on the first call of `claim()`, from whichever thread, and false on every later one.
final class FirstUse: @unchecked Sendable {
    // Unchecked: `used` is read and written only under `lock`.
    private let lock = NSLock()
    private var used = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { used = true }
        return !used
    }
}
