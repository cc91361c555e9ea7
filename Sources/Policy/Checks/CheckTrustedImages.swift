import DockerAPI

/// Check `trusted-images`: containers run only images from the registries and repositories
/// the profile trusts (`allowedImages`), pinned by digest when it says so
/// (`requireImageDigest`) (CIS Docker Benchmark 5.28).
///
/// Restricted fields:
/// - `POST /containers/create`: `Image`;
/// - `POST /services/create`, `POST /services/{id}/update`: `TaskTemplate.ContainerSpec.Image`.
///
/// The reference is read as dockerd reads it (`ParseAnyReference`, see `ImageReference`) and
/// normalised to what the image store looks up: `busybox` is `docker.io/library/busybox:latest`,
/// `local/busybox:1` is `docker.io/local/busybox:1`, `localhost:5000/x` stays on
/// `localhost:5000`, and `name:tag@sha256:…` is `name@sha256:…` (the digest decides, the tag
/// is ignored). That text must match one of `allowedImages` (`*` matches any run of
/// characters); a pattern that ends in a tag (`…/busybox:1.36`) therefore does not match a
/// pinned reference — write `…/busybox@sha256:…` or `…/busybox@*` for those. A `*` also
/// crosses `/`: write the registry out (`*.example.com/*` matches `evil.com/a.example.com/x`).
///
/// Denied when `allowedImages` is set:
/// - an image ID (`sha256:<64 hex>`, 64 hex digits): content with no registry to judge;
/// - a reference made only of hex digits, optionally after `sha256:` (`48df`, `cafe`,
///   `sha256:48df`): when no image has that name, dockerd runs the local image whose ID starts
///   so, wherever it came from (observed on 20.10.24); write the full name
///   (`docker.io/library/cafe`) or a tag (`cafe:latest`), which it never reads as an ID;
/// - a reference dockerd refuses.
/// With `requireImageDigest`, a name without `@sha256:…` is denied; an image ID is content
/// and passes (when `allowedImages` is nil).
///
/// A tag is only as trustworthy as everyone who can write it on this daemon: `image-writes`
/// keeps this profile's callers from rewriting names, not callers of other profiles. Pin by
/// digest where that matters.
enum CheckTrustedImages {
    static let id = "trusted-images"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let settings = context.settings
        guard settings.allowedImages != nil || settings.requireImageDigest else { return .allowed }
        let request = context.request
        return .reading { () throws(ViewError) in
            if let create = request.containerCreate {
                return verdict(try create.config.image.get() ?? "", path: "Image", settings: settings)
            }
            if request.serviceSpec != nil {
                let spec = try request.containerSpec()
                let path = "\(spec?.path ?? "TaskTemplate.ContainerSpec.")Image"
                return verdict(try spec?.image.get() ?? "", path: path, settings: settings)
            }
            return .allowed
        }
    }

    static func verdict(_ image: String, path: String, settings: ProfileSettings) -> CheckResult {
        let imageDetail = detail(path, image)
        let allowed = settings.allowedImages.map(allowedList) ?? ""
        switch ImageReference(parsingAny: image) {
        case .invalid:
            return .forbidden(
                reason: image.isEmpty
                    ? "the request names no image" : "\(shown(image)) is not an image reference dockerd accepts",
                detail: imageDetail)
        case .id:
            guard settings.allowedImages != nil else { return .allowed }
            return .forbidden(
                reason: "image \(shown(image)) is named by ID, which does not say where it came from; run it by its"
                    + " name\(allowed)",
                detail: imageDetail)
        case .named(let named):
            if let patterns = settings.allowedImages {
                if named.couldBeIDPrefix {
                    return .forbidden(
                        reason: "image \(shown(image)) could be read as the prefix of any local image's ID; write its"
                            + " full name, \(named.normalised)",
                        detail: imageDetail)
                }
                if !NamePattern.anyMatches(patterns, named.normalised) {
                    return .forbidden(
                        reason: "image \(shown(named.normalised)) is not from an allowed registry\(allowed)",
                        detail: imageDetail)
                }
            }
            if settings.requireImageDigest, !named.isPinned {
                return .forbidden(
                    reason: "the image must be pinned by digest: run \(shown(named.name))@sha256:…",
                    detail: imageDetail)
            }
            return .allowed
        }
    }

    /// ` (allowed: a, b)`, or ` (no image is allowed)`.
    static func allowedList(_ patterns: [String]) -> String {
        patterns.isEmpty ? " (no image is allowed)" : " (allowed: \(patterns.joined(separator: ", ")))"
    }
}

extension Check {
    public static let trustedImages = Check(id: CheckTrustedImages.id, CheckTrustedImages.evaluate)
}
