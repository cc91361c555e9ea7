/// How a profile's denials take effect, for trying a new policy before it blocks anyone:
///
/// - `enforce` (the default): refused;
/// - `warn`: allowed, with a `Warning` response header and the would-be denial in the audit
///   record;
/// - `dry-run`: allowed silently; the audit record says what would have been denied.
///
/// Only the profile's checks follow the mode. Routing, framing and JSON refusals, the team
/// checks (`role`, `ownership`, `team-quota`) and the limits are always enforced: they guard
/// the gate itself and one team from another.
public enum RolloutMode: String, Sendable, Hashable, CaseIterable {
    case enforce
    case warn
    case dryRun = "dry-run"
}
