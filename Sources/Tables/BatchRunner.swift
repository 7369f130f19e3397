import Foundation

/// Runs a table through a row function on every core, streaming: the input is read in blocks, each block's
/// rows are spread over the cores, and the output is written in input order.
///
/// Given a reader positioned after the header, a writer, and a row function; returns the number of rows read and
/// the number that failed. Memory is bounded by the block size, whatever the file's length.
public struct BatchRunner: Sendable {
    /// Rows read before they are computed together.
    public var blockSize: Int
    /// Parallel slices per block (default: the active processor count).
    public var workers: Int

    /// A runner; `workers` defaults to every active core.
    public init(blockSize: Int = 8192, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.blockSize = max(1, blockSize)
        self.workers = max(1, workers)
    }

    /// The outcome of one row: its output cells, or the one-line message of its failure with the cells to write
    /// anyway.
    public enum RowResult: Sendable {
        case ok([TableValue])
        case failed(message: String, cells: [TableValue])
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Data rows read.
        public var rows = 0
        /// Rows that failed (reported through `report`).
        public var failures = 0
    }

    /// Runs every remaining record of `reader`.
    ///
    /// - Parameters:
    ///   - reader: the rows to compute, read block by block.
    ///   - writer: formats each computed row.
    ///   - write: receives the formatted bytes, in input order.
    ///   - makeWorker: makes one worker's state (e.g. a name cache), once per slice, kept for the whole run.
    ///   - row: computes one record with a worker's state.
    ///   - readError: the cells written for a record the reader could not split (e.g. the error in its column).
    ///   - report: called in input order for each failed row, with its line and message, after the block's rows
    ///     were written (no line for the reader's own errors: their message names the file and line).
    /// - Throws: `TableError` for a record the reader cannot read at all (an unterminated quote); records with
    ///   other errors are rows that failed.
    public func run<Worker>(_ reader: inout TableReader, writer: TableWriter, write: ([UInt8]) -> Void,
                            makeWorker: @Sendable () -> Worker,
                            row: @Sendable (TableRecord, inout Worker) -> RowResult,
                            readError: @Sendable (TableError) -> [TableValue],
                            report: (_ line: Int?, _ message: String) -> Void) throws -> Summary {
        try run(&reader, writer: writer, write: write, makeWorker: makeWorker,
                row: { record, worker, first, out in
                    switch row(record, &worker) {
                    case .ok(let cells):
                        try? writer.append(cells, first: first, to: &out)
                        return nil
                    case .failed(let message, let cells):
                        try? writer.append(cells, first: first, to: &out)
                        return message
                    }
                },
                readError: readError, report: report)
    }

    /// As `run(_:writer:write:makeWorker:row:readError:report:)`, with a row function that appends its own bytes
    /// (its output row, also when it failed) and returns the one-line message of its failure, or nil. `first`
    /// says whether the row is the first of the table (JSON separators). `prefetch`, when given, sees each row's
    /// successor before the row is computed (to start the memory reads the successor will need); it must not change
    /// what any row computes.
    public func run<Worker>(_ reader: inout TableReader, writer: TableWriter, write: ([UInt8]) -> Void,
                            makeWorker: @Sendable () -> Worker,
                            prefetch: (@Sendable (TableRecord, inout Worker) -> Void)? = nil,
                            row: @Sendable (TableRecord, inout Worker, _ first: Bool, inout [UInt8]) -> String?,
                            readError: @Sendable (TableError) -> [TableValue],
                            report: (_ line: Int?, _ message: String) -> Void) throws -> Summary {
        var summary = Summary()
        write(writer.header())
        var first = true
        var done = false
        let states = WorkerStates<Worker>(count: workers)
        let outputs = SliceOutputs(count: workers)
        // The block and the slices' buffers are reused from block to block (fresh ones cost page faults).
        var block: [Result<TableRecord, TableError>] = []
        block.reserveCapacity(blockSize)
        while !done {
            block.removeAll(keepingCapacity: true)
            while block.count < blockSize {
                do {
                    guard let r = try reader.next() else { done = true; break }
                    block.append(.success(r))
                } catch let e as TableError {
                    block.append(.failure(e))
                }
            }
            if block.isEmpty { break }
            let slices = min(workers, block.count)
            let per = (block.count + slices - 1) / slices
            let frozen = block
            let firstBlock = first
            DispatchQueue.concurrentPerform(iterations: slices) { s in
                var worker = states.take(s) ?? makeWorker()
                var bytes = outputs.takeBytes(s)
                bytes.removeAll(keepingCapacity: true)
                bytes.reserveCapacity(per * 200)
                var failures: [(Int?, String)] = []
                let range = (s * per)..<min(frozen.count, (s + 1) * per)
                for k in range {
                    if let prefetch, k + 1 < range.upperBound, case .success(let next) = frozen[k + 1] {
                        prefetch(next, &worker)
                    }
                    let isFirst = firstBlock && k == 0
                    switch frozen[k] {
                    case .success(let record):
                        if let message = row(record, &worker, isFirst, &bytes) { failures.append((record.line, message)) }
                    case .failure(let error):
                        try? writer.append(readError(error), first: isFirst, to: &bytes)
                        failures.append((nil, error.localizedDescription))
                    }
                }
                states.put(s, worker)
                outputs.set(s, bytes: bytes, failures: failures)
            }
            for s in 0..<slices {
                let (bytes, failures) = outputs.get(s)
                write(bytes)
                for (line, message) in failures { summary.failures += 1; report(line, message) }
            }
            summary.rows += block.count
            first = false
        }
        write(writer.footer())
        return summary
    }
}

/// Each slice's worker state, kept from one block to the next (slice s is used only by the worker running it).
private final class WorkerStates<Worker>: @unchecked Sendable {
    // Unchecked: slot s is taken and put back only by the worker of slice s, one block after the other.
    private let slots: UnsafeMutablePointer<Worker?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func take(_ s: Int) -> Worker? {
        defer { slots[s] = nil }
        return slots[s]
    }

    func put(_ s: Int, _ worker: Worker) { slots[s] = worker }
}

/// Each slice's output, written by its own worker and read after all finished.
private final class SliceOutputs: @unchecked Sendable {
    // Unchecked: slice s is written only by worker s, and read only after concurrentPerform returns.
    private var bytes: [[UInt8]]
    private var failures: [[(Int?, String)]]

    init(count: Int) {
        bytes = Array(repeating: [], count: count)
        failures = Array(repeating: [], count: count)
    }

    func set(_ s: Int, bytes b: [UInt8], failures f: [(Int?, String)]) {
        bytes.withUnsafeMutableBufferPointer { $0[s] = b }
        failures.withUnsafeMutableBufferPointer { $0[s] = f }
    }

    func get(_ s: Int) -> ([UInt8], [(Int?, String)]) { (bytes[s], failures[s]) }

    /// Slice s's byte buffer, moved out (to be filled and set again, keeping its capacity).
    func takeBytes(_ s: Int) -> [UInt8] {
        bytes.withUnsafeMutableBufferPointer { p in
            defer { p[s] = [] }
            return p[s]
        }
    }
}
