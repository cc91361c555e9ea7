/// The request methods dockerd registers routes for.
///
/// Go's server and gorilla/mux compare methods byte for byte, so `post` is not `POST`: it
/// matches no route and dockerd answers 404. Methods dockerd never registers (`PATCH`,
/// `CONNECT`, `TRACE`, …) only ever reach 404 — except on 20.10, whose `/debug/…` routes
/// accept any method. The gate refuses both kinds instead of guessing.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
    case options = "OPTIONS"

    public var description: String { rawValue }

    /// The method exactly as sent, or a refusal (400) for anything else.
    public static func parse(_ method: String) -> Result<HTTPMethod, Refusal> {
        if let known = allCases.first(where: { $0.rawValue.utf8.elementsEqual(method.utf8) }) {
            return .success(known)
        }
        let shown = Refusal.quoted(method)
        if allCases.contains(where: { $0.rawValue.lowercased() == method.lowercased() }) {
            return .failure(
                Refusal(
                    .methodNotUpperCase,
                    "the method \(shown) must be upper case: dockerd matches methods exactly and would answer 404"))
        }
        return .failure(
            Refusal(
                .unknownMethod,
                "dockerd has no route for the method \(shown); the Engine API uses GET, HEAD, POST, PUT, DELETE and OPTIONS"
            ))
    }

}
