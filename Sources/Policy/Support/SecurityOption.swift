/// One `SecurityOpt` entry as dockerd's `parseSecurityOpt` reads it (20.10 and master alike):
/// the bare words `no-new-privileges`, `writable-cgroups` (29.0) and `disable`; otherwise split
/// at the first `=`, or at the first `:` when there is no `=` (deprecated, still accepted).
/// Keys are case-sensitive; an unknown key or a missing separator fails the create.
enum SecurityOption: Equatable {
    case noNewPrivileges(String?)
    case writableCgroups(String?)
    /// `disable` alone, or `label=disable`.
    case labelDisable
    case label(String)
    case apparmor(String)
    case seccomp(String)
    /// dockerd refuses it (`invalid --security-opt`): no separator, or an unknown key.
    case invalid(key: String?)

    init(_ raw: String) {
        if raw.bytesEqual("no-new-privileges") {
            self = .noNewPrivileges(nil)
            return
        }
        if raw.bytesEqual("writable-cgroups") {
            self = .writableCgroups(nil)
            return
        }
        if raw.bytesEqual("disable") {
            self = .labelDisable
            return
        }
        let separator: Unicode.Scalar = raw.containsByte("=") ? "=" : ":"
        let parts = raw.splitBytes(separator, maxSplits: 1)
        guard parts.count == 2 else {
            self = .invalid(key: nil)
            return
        }
        let key = String(parts[0])
        let value = String(parts[1])
        switch key {
        case _ where key.bytesEqual("label"): self = value.bytesEqual("disable") ? .labelDisable : .label(value)
        case _ where key.bytesEqual("apparmor"): self = .apparmor(value)
        case _ where key.bytesEqual("seccomp"): self = .seccomp(value)
        case _ where key.bytesEqual("no-new-privileges"): self = .noNewPrivileges(value)
        case _ where key.bytesEqual("writable-cgroups"): self = .writableCgroups(value)
        default: self = .invalid(key: key)
        }
    }

    /// Go's `strconv.ParseBool`; nil for anything else. A bare flag (`nil` value) is true.
    static func goBool(_ value: String?) -> Bool? {
        guard let value else { return true }
        if ["1", "t", "T", "TRUE", "true", "True"].containsBytes(value) { return true }
        if ["0", "f", "F", "FALSE", "false", "False"].containsBytes(value) { return false }
        return nil
    }
}
