/// The JSON number grammar, shared by the parser and `JSONNumber.init?(_:)`.
enum JSONNumberSyntax {
    enum Failure: Error {
        case digitExpected(at: Int)
        case leadingZero(at: Int)
    }

    /// The offset just past the number that starts at `start`, or where the grammar fails.
    static func length(in bytes: UnsafeRawBufferPointer, from start: Int) -> Result<Int, Failure> {
        var index = start
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (0x30...0x39).contains(bytes[at]) }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return .failure(.digitExpected(at: index)) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { return .failure(.leadingZero(at: index - 1)) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return .failure(.digitExpected(at: index)) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { return .failure(.digitExpected(at: index)) }
            while isDigit(index) { index += 1 }
        }
        return .success(index)
    }
}
