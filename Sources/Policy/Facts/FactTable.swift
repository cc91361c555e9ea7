/// The answer to one fact lookup: the object, or the daemon's "no such …" (404).
public enum Lookup<Value: Sendable>: Sendable {
    case found(Value)
    case notFound
}

/// Facts of one kind, keyed by the reference exactly as the request (or an earlier fact)
/// names it — compared by bytes, never by Swift's canonical equivalence. A key with no entry
/// is a fact the gate has not looked up yet.
public struct FactTable<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [ExactKey: Lookup<Value>] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, Lookup<Value>)...) {
        for (key, value) in elements { entries[ExactKey(key)] = value }
    }

    /// The lookup's answer for `key`, or nil when it has not been looked up.
    public subscript(key: String) -> Lookup<Value>? {
        get { entries[ExactKey(key)] }
        set { entries[ExactKey(key)] = newValue }
    }

    public var count: Int { entries.count }
}
