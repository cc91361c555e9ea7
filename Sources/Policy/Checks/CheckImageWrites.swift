import DockerAPI

/// Check `image-writes`: image names this caller writes on the daemon are the ones the
/// profile lets it write (`writableImageNames`), so no one re-points a trusted name at other
/// content (docker-api-surface.md §3.6, CIS Docker Benchmark 5.28).
///
/// Restricted endpoints and the names they write, read as dockerd's handlers read them and
/// normalised like `trusted-images` (`ParseNormalizedNamed`; no tag is `latest`):
/// - `POST /images/{name}/tag` (`docker tag`): `repo`, with `tag` in place of its tag when
///   given;
/// - `POST /commit` (`docker commit`): `repo` and `tag`, as above;
/// - `POST /images/create` without `fromImage` (`docker import`): `repo` and `tag`, as above;
/// - `POST /build` (`docker build -t`): every `t`; and `outputs` (BuildKit exporters, whose
///   attributes can name images) must be absent, `[]` or `null`;
/// - `POST /images/load` (`docker load`): the names come from `manifest.json` inside the
///   archive, which dockgate does not read, so it is denied unless any name may be written.
/// A request that writes no name (a commit, import or build without one) is allowed. A name
/// with a digest, or one dockerd refuses, is denied.
///
/// Allowed values: names matching a pattern of `writableImageNames` (`*` matches any run of
/// characters); `nil` allows every name and every endpoint; `[]` (the restricted default)
/// allows none. Pulls (`POST /images/create?fromImage=…`) write the registry's own names and
/// are not restricted here.
enum CheckImageWrites {
    static let id = "image-writes"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let writable = context.settings.writableImageNames else { return .allowed }
        let query = context.request.query
        switch context.request.endpoint {
        case .imageLoad:
            return .forbidden(
                reason: "loading images (docker load) is not allowed: the names they get come from inside the"
                    + " archive; push the image to an allowed registry and pull it",
                detail: "POST /images/load")
        case .imageTag, .containerCommit:
            return written(repo: query.formValue("repo"), tag: query.formValue("tag"), writable: writable)
        case .imageCreate where query.formValue("fromImage").isEmpty:
            return written(repo: query.formValue("repo"), tag: query.formValue("tag"), writable: writable)
        case .build:
            let outputs = query.formValue("outputs")
            if !["", "[]", "null"].containsBytes(outputs) {
                return .forbidden(
                    reason: "build outputs are not allowed: they can name images", detail: detail("outputs", outputs))
            }
            for name in query.values("t") where !name.isEmpty {
                let result = written(repo: name, tag: "", writable: writable, parameter: "t")
                if result != .allowed { return result }
            }
            return .allowed
        default:
            return .allowed
        }
    }

    /// The verdict on the name `repo` (and `tag`) write; `parameter` names `repo` in details.
    static func written(repo: String, tag: String, writable: [String], parameter: String = "repo") -> CheckResult {
        guard !repo.isEmpty else { return .allowed }
        let repoDetail = detail(parameter, repo) + (tag.isEmpty ? "" : ", " + detail("tag", tag))
        guard case .named(let parsed) = ImageReference(parsingName: repo), !parsed.isPinned,
            let named = tag.isEmpty ? parsed : parsed.replacingTag(tag)
        else {
            return .forbidden(
                reason: "\(shown(repo))\(tag.isEmpty ? "" : ":" + shown(tag)) is not an image name and tag dockerd"
                    + " writes",
                detail: repoDetail)
        }
        if NamePattern.anyMatches(writable, named.normalised) { return .allowed }
        let allowed =
            writable.isEmpty
            ? "this profile writes no image names (docker tag, commit, import, build -t, load)"
            : "allowed: \(writable.joined(separator: ", "))"
        return .forbidden(
            reason: "writing the image name \(shown(named.normalised)) is not allowed (\(allowed))", detail: repoDetail)
    }
}

extension Check {
    public static let imageWrites = Check(id: CheckImageWrites.id, CheckImageWrites.evaluate)
}
