/// An Engine API version as a client writes it in the `/vX.Y` path prefix, compared the way
/// dockerd compares versions (`versions.compare` in moby, identical in 20.10 and master).
///
/// dockerd splits on `.`, turns each part into an integer with Go's `strconv.Atoi` while
/// ignoring the error, and pads the shorter side with zeros. So:
/// - `1.041` equals `1.41`, and `1.41.0` equals `1.41`;
/// - an empty part counts as 0: `1..41` is `1.0.41`, `.` is `0`;
/// - a part too large for an `Int` saturates to `Int.max` (`Atoi` returns the maximum
///   magnitude alongside its range error, and dockerd keeps that value).
///
/// The route only ever captures `[0-9.]+`, so nothing else is accepted here.
public struct APIVersion: Sendable, Comparable, Hashable, CustomStringConvertible {
    /// The version exactly as it appeared in the path (after percent-decoding): `1.041`.
    public let text: String
    /// One integer per dot-separated part, as dockerd's comparison sees them.
    public let components: [Int]

    /// `nil` unless `text` is one or more of `0-9` and `.`, the prefix's route pattern.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || Self.isDigit($0) }) else {
            return nil
        }
        self.text = text
        self.components = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map(Self.atoiIgnoringError)
    }

    public var description: String { text }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool { compare(lhs, rhs) < 0 }

    /// Equal as dockerd sees it: `1.041 == 1.41`.
    public static func == (lhs: APIVersion, rhs: APIVersion) -> Bool { compare(lhs, rhs) == 0 }

    public func hash(into hasher: inout Hasher) {
        var significant = components[...]
        while significant.last == 0 { significant = significant.dropLast() }
        hasher.combine(Array(significant))
    }

    /// -1, 0 or 1, as moby's `versions.compare`.
    static func compare(_ lhs: APIVersion, _ rhs: APIVersion) -> Int {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `strconv.Atoi` on a string of ASCII digits with its error dropped: empty is 0,
    /// overflow is `Int.max`.
    private static func atoiIgnoringError(_ digits: ArraySlice<UInt8>) -> Int {
        var value = 0
        for byte in digits {
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflowShift || overflowAdd { return Int.max }
            value = sum
        }
        return value
    }
}

extension APIVersion: ExpressibleByStringLiteral {
    /// For constants in code only (`"1.24"`); a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        guard let version = APIVersion(value) else { preconditionFailure("not an API version: \(value)") }
        self = version
    }
}

/// The API version a request asked for.
public enum RequestVersion: Sendable, Hashable, CustomStringConvertible {
    /// No `/vX.Y` prefix: dockerd applies its own default, which is its newest version
    /// (1.41 on 20.10, 1.56 on master). Policy treats this as "current".
    case unversioned
    /// A `/vX.Y` prefix that passed the gate's floor (and ceiling, if one is set).
    case versioned(APIVersion)

    /// The version dockerd's handlers will see, given the daemon's default.
    public func effective(daemonDefault: APIVersion) -> APIVersion {
        switch self {
        case .unversioned: daemonDefault
        case .versioned(let version): version
        }
    }

    /// Whether the effective version is below `version`, as a handler's
    /// `versions.LessThan(version, x)` check would decide.
    public func isBelow(_ version: APIVersion, daemonDefault: APIVersion) -> Bool {
        effective(daemonDefault: daemonDefault) < version
    }

    public var description: String {
        switch self {
        case .unversioned: "unversioned"
        case .versioned(let version): version.text
        }
    }
}
