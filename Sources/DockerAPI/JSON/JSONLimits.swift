/// Bounds on a body the gate inspects. Plain values; the gate's configuration validates them
/// once at start.
public struct JSONLimits: Sendable, Hashable {
    /// Bodies larger than this are refused with `JSONRejection.Kind.tooLarge` (the gate answers
    /// 413 and forwards nothing). dockerd itself reads bodies of any size.
    public var maximumBytes: Int
    /// Objects and arrays nested deeper than this are refused. Go allows 10000; no Docker request
    /// needs more than a dozen. Values above `deepestAllowed` are treated as `deepestAllowed`,
    /// which keeps the recursive parser well inside any thread's stack.
    public var maximumDepth: Int

    public static let deepestAllowed = 512

    public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }

    var effectiveDepth: Int { min(max(maximumDepth, 0), Self.deepestAllowed) }
}
