/// An image reference read as dockerd reads one (`distribution/reference`): `Config.Image` and
/// a service's `Image` through `ParseAnyReference`, the names `tag`, `commit`, `import` and
/// `build -t` write through `ParseNormalizedNamed`.
///
/// Normalising: a name without a registry is on `docker.io`, and a one-part name there is in
/// `library/` (`busybox` is `docker.io/library/busybox`, `local/busybox:1` is
/// `docker.io/local/busybox:1`); `index.docker.io` is `docker.io`. The first part of a name is
/// a registry when it is `localhost`, contains `.` or `:`, or has an upper-case letter
/// (releases before 25.0 refuse the last kind). Repository paths are lower-case.
enum ImageReference: Equatable {
    /// A whole image ID: 64 hex digits, or a digest (`sha256:<64 hex>`). The daemon finds it by
    /// content and nothing says which registry it came from.
    case id(String)
    case named(NamedImage)
    /// dockerd refuses it (`invalid reference format`).
    case invalid

    /// As `reference.ParseAnyReference`: an ID, else a normalised name.
    init(parsingAny text: String) {
        if Self.isHex(text, count: 64) {
            self = .id("sha256:" + text)
        } else if Self.isDigest(text) {
            self = .id(text)
        } else {
            self = Self(parsingName: text)
        }
    }

    /// As `reference.ParseNormalizedNamed`: a normalised name (64 hex digits are refused).
    init(parsingName text: String) {
        guard !Self.isHex(text, count: 64), let named = NamedImage(normalising: text) else {
            self = .invalid
            return
        }
        self = .named(named)
    }

    /// Exactly `count` lower-case hex digits.
    static func isHex(_ text: some StringProtocol, count: Int) -> Bool {
        text.utf8.count == count && isLowerHex(text)
    }

    static func isLowerHex(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A digest go-digest accepts: `sha256:`, `sha384:` or `sha512:` and that many lower-case
    /// hex digits.
    static func isDigest(_ text: some StringProtocol) -> Bool {
        let parts = text.splitBytes(":", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let lengths = [("sha256", 64), ("sha384", 96), ("sha512", 128)]
        return lengths.contains { parts[0].bytesEqual($0.0) && isHex(parts[1], count: $0.1) }
    }
}

/// A normalised image name with its tag or digest.
struct NamedImage: Equatable {
    /// `docker.io/library/busybox`.
    let name: String
    /// The tag as written, or nil.
    let tag: String?
    /// The digest as written (`sha256:…`), or nil.
    let digest: String?
    /// The text as written.
    let written: String

    /// What the daemon looks up: `name@digest` when there is a digest (a tag beside it is
    /// ignored), else `name:tag`, `latest` when no tag is given.
    var normalised: String {
        if let digest { return "\(name)@\(digest)" }
        return "\(name):\(tag ?? "latest")"
    }

    /// Whether the reference names its content (`name@sha256:…`).
    var isPinned: Bool { digest != nil }

    /// Whether dockerd, finding no image of this name, would take the text for an image ID
    /// prefix: hex digits, optionally after `sha256:` (`48df`, `sha256:48df`). The image store
    /// then runs whichever local image's ID starts so, wherever it came from.
    var couldBeIDPrefix: Bool {
        let text = written.bytesHavePrefix("sha256:") ? Substring(written.utf8.dropFirst(7)) : Substring(written)
        return ImageReference.isLowerHex(text)
    }

    /// The same name with `tag` instead of its tag or digest (`reference.WithTag` on the
    /// trimmed name), or nil when the tag is not valid.
    func replacingTag(_ tag: String) -> NamedImage? {
        guard Self.isTag(tag) else { return nil }
        return NamedImage(name: name, tag: tag, digest: nil, written: written)
    }

    private init(name: String, tag: String?, digest: String?, written: String) {
        self.name = name
        self.tag = tag
        self.digest = digest
        self.written = written
    }

    init?(normalising text: String) {
        let (domain, remainder) = Self.splitDomain(text)
        let remote = remainder.splitBytes(":", maxSplits: 1)[0]
        guard !remote.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return nil }
        let full = domain + "/" + remainder
        let atSplit = full.splitBytes("@", maxSplits: 1)
        var digest: String?
        if atSplit.count == 2 {
            guard ImageReference.isDigest(atSplit[1]) else { return nil }
            digest = String(atSplit[1])
        }
        var name = atSplit[0]
        var tag: String?
        let lastSlash = name.utf8.lastIndex(of: UInt8(ascii: "/"))
        if let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")), lastSlash.map({ colon > $0 }) ?? true {
            let tagText = Substring(name.utf8[name.utf8.index(after: colon)...])
            guard Self.isTag(tagText) else { return nil }
            tag = String(tagText)
            name = Substring(name.utf8[..<colon])
        }
        guard name.utf8.count <= 255, Self.isName(name) else { return nil }
        self.init(name: String(name), tag: tag, digest: digest, written: text)
    }

    /// `splitDockerDomain` (distribution/reference 0.6).
    private static func splitDomain(_ text: String) -> (domain: String, remainder: String) {
        let parts = text.splitBytes("/", maxSplits: 1)
        guard parts.count == 2 else { return ("docker.io", "library/" + text) }
        let first = parts[0]
        let isDomain =
            first.bytesEqual("localhost") || first.bytesEqual("index.docker.io") || first.containsByte(".")
            || first.containsByte(":") || first.utf8.contains { (0x41...0x5A).contains($0) }
        guard isDomain else { return ("docker.io", text) }
        let domain = first.bytesEqual("index.docker.io") ? "docker.io" : String(first)
        let remainder = String(parts[1])
        if domain.bytesEqual("docker.io"), !remainder.containsByte("/") { return (domain, "library/" + remainder) }
        return (domain, remainder)
    }

    /// `[\w][\w.-]{0,127}`.
    static func isTag(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWord(first) else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// `(domain/)?component(/component)*` of the reference grammar.
    private static func isName(_ text: some StringProtocol) -> Bool {
        let parts = text.splitBytes("/")
        if parts.allSatisfy(isPathComponent) { return true }
        return parts.count >= 2 && isDomainAndPort(parts[0]) && parts.dropFirst().allSatisfy(isPathComponent)
    }

    /// `[a-z0-9]+` runs joined by one `.`, one or two `_`, or any number of `-`.
    private static func isPathComponent(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return false
        }
        var index = 0
        while index < bytes.count {
            if isLowerAlnum(bytes[index]) {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !isLowerAlnum(bytes[end]) { end += 1 }
            let separator = bytes[index..<end]
            let valid =
                separator.elementsEqual(".".utf8) || separator.elementsEqual("_".utf8)
                || separator.elementsEqual("__".utf8) || separator.allSatisfy { $0 == UInt8(ascii: "-") }
            guard valid else { return false }
            index = end
        }
        return true
    }

    /// A host name, IPv4 address or bracketed IPv6 address, then an optional `:port`.
    private static func isDomainAndPort(_ text: Substring) -> Bool {
        var host = Substring(text)
        if let colon = text.utf8.lastIndex(of: UInt8(ascii: ":")),
            !text.utf8[colon...].contains(UInt8(ascii: "]"))
        {
            let port = text.utf8[text.utf8.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            host = Substring(text.utf8[..<colon])
        }
        if host.bytesHavePrefix("[") {
            let inner = host.utf8.dropFirst().dropLast()
            return host.utf8.last == UInt8(ascii: "]") && !inner.isEmpty
                && inner.allSatisfy { isHexDigit($0) || $0 == UInt8(ascii: ":") }
        }
        return host.splitBytes(".").allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
            return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
    }
    private static func isAlnum(_ byte: UInt8) -> Bool { isLowerAlnum(byte) || (0x41...0x5A).contains(byte) }
    private static func isWord(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == UInt8(ascii: "_") }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }
}
