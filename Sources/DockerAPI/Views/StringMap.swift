/// A Go `map[string]string` as sent (`Labels`, `Sysctls`, `Annotations`, `DriverOpts`,
/// `LogConfig.Config`): the entries in body order, keys and values exactly as decoded.
///
/// Keys are compared by their UTF-8 bytes, as Go compares map keys; never with Swift's
/// `String ==`, under which `"\u{212A}"` equals `"K"`. A `null` value is stored as `""`, which
/// is what Go puts in the map.
public struct StringMap: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let key: String
        public let value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key.utf8.elementsEqual(rhs.key.utf8) && lhs.value.utf8.elementsEqual(rhs.value.utf8)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(Array(key.utf8))
            hasher.combine(Array(value.utf8))
        }
    }

    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    /// The value stored under exactly these bytes, or nil.
    public subscript(key: String) -> String? {
        entries.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }
}
