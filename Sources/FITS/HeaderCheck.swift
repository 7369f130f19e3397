import Foundation

/// A check of a file's headers before CFITSIO parses them.
///
/// The FITS Standard 4.0 (§4.1.2.1) allows only printable ASCII (32–126) in header cards. CFITSIO 4.2 copies some
/// keyword values into fixed buffers with `strcpy`/`strncat` and aborts the whole process ("buffer overflow
/// detected") on some malformed values (found by scripts/fuzz.sh; inputs in Tests/Fixtures/fuzz). Rejecting
/// non-ASCII header bytes first turns those aborts into errors. The walk follows each HDU's data size
/// (|BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn)); where a size cannot be read it stops and leaves the rest to
/// CFITSIO.
enum HeaderCheck {
    static let blockSize = 2880

    /// Throws when a header card of the file holds a byte outside printable ASCII.
    static func validate(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        try validate(path: path) { offset in
            guard (try? handle.seek(toOffset: offset)) != nil else { return nil }
            let block = handle.readData(ofLength: blockSize)
            return block.isEmpty ? nil : block
        }
    }

    /// Walks the headers, reading each 2880-byte block at a file offset through `block` (nil past the end).
    private static func validate(path: String, block read: (UInt64) -> Data?) throws {
        var offset: UInt64 = 0
        for hdu in 1...1000 {
            var keywords: [String: String] = [:]
            var ended = false
            while !ended {
                // As an array: indexing Data byte by byte is several times slower.
                guard let data = read(offset) else { return }
                let block = [UInt8](data)
                offset += UInt64(blockSize)
                // A truncated file's last block is checked as far as it goes: CFITSIO reads its cards too.
                if block.count < blockSize { ended = true }
                for card in 0..<(block.count / 80) {
                    let bytes = block[(card * 80)..<(card * 80 + 80)]
                    if let bad = bytes.firstIndex(where: { $0 < 32 || $0 > 126 }) {
                        throw FITSError.corrupt(
                            "header of HDU \(hdu) has byte \(block[bad]) at file offset \(offset - UInt64(blockSize) + UInt64(bad)), "
                                + "but FITS headers are printable ASCII", path: path)
                    }
                    // The name is the first 8 bytes without blanks (all bytes are printable ASCII here); only cards
                    // with a value and a name the checks below read need a String (most cards are neither).
                    let nameBytes = Self.trimmedBlanks(bytes.prefix(8))
                    if nameBytes.elementsEqual("END".utf8) { ended = true; break }
                    guard bytes[bytes.startIndex + 8] == UInt8(ascii: "="), bytes[bytes.startIndex + 9] == 0x20,
                          let first = nameBytes.first,
                          first == UInt8(ascii: "T") || Self.sizeKeywordInitials.contains(first) else { continue }
                    let text = String(decoding: bytes, as: UTF8.self)
                    let name = String(decoding: Array(nameBytes), as: UTF8.self)
                    // Column names, formats and units are character strings (FITS Standard 4.0 §7.3.2); CFITSIO
                    // 4.2's ffgtbp copies an unquoted 70-character value into a 70-byte field and aborts
                    // (Tests/Fixtures/fuzz/fits-crash-6941a634.fits).
                    if ["TTYPE", "TFORM", "TUNIT", "TDISP", "TDIM"].contains(where: { name.hasPrefix($0) }),
                       name.dropFirst(5).allSatisfy(\.isNumber),
                       !text.dropFirst(10).drop(while: { $0 == " " }).hasPrefix("'") {
                        throw FITSError.corrupt("header of HDU \(hdu) gives \(name) without quotes, but it is a "
                                                + "character string", path: path)
                    }
                    // The bytes are printable ASCII, where the blank is the only white space.
                    let value = bytes.dropFirst(10).split(separator: UInt8(ascii: "/"), maxSplits: 1).first ?? []
                    keywords[name] = String(decoding: Self.trimmedBlanks(value), as: UTF8.self)
                }
            }
            guard let bytes = dataBytes(keywords) else {
                // CFITSIO may still find the next HDU: check every later block that starts an extension header.
                while let block = read(offset) {
                    if block.starts(with: Array("XTENSION=".utf8)) { break }
                    offset += UInt64(blockSize)
                }
                continue
            }
            let padded = (bytes + UInt64(blockSize) - 1) / UInt64(blockSize) * UInt64(blockSize)
            let (next, overflow) = offset.addingReportingOverflow(padded)
            if overflow { return }
            offset = next
        }
    }

    /// Bytes without leading and trailing blanks.
    static func trimmedBlanks(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { $0 != 0x20 }), let last = bytes.lastIndex(where: { $0 != 0x20 }) else {
            return []
        }
        return bytes[first...last]
    }

    /// First letters of the keywords `dataBytes` reads (BITPIX, NAXISn, PCOUNT, GCOUNT).
    static let sizeKeywordInitials: Set<UInt8> = [UInt8(ascii: "B"), UInt8(ascii: "N"), UInt8(ascii: "P"), UInt8(ascii: "G")]

    /// The data size an HDU's keywords declare, or nil when they cannot be read.
    static func dataBytes(_ k: [String: String]) -> UInt64? {
        guard let bitpix = k["BITPIX"].flatMap({ Int($0) }), let naxis = k["NAXIS"].flatMap({ Int($0) }),
              (0...999).contains(naxis) else { return nil }
        if naxis == 0 { return 0 }
        var product: UInt64 = 1
        for i in 1...naxis {
            guard let n = k["NAXIS\(i)"].flatMap({ UInt64($0) }) else { return nil }
            let (p, o) = product.multipliedReportingOverflow(by: n)
            if o { return nil }
            product = p
        }
        let pcount = k["PCOUNT"].flatMap { UInt64($0) } ?? 0
        let gcount = k["GCOUNT"].flatMap { UInt64($0) } ?? 1
        let (sum, o1) = product.addingReportingOverflow(pcount)
        let (groups, o2) = sum.multipliedReportingOverflow(by: gcount)
        let (bytes, o3) = groups.multipliedReportingOverflow(by: UInt64(abs(bitpix) / 8))
        return o1 || o2 || o3 ? nil : bytes
    }
}
