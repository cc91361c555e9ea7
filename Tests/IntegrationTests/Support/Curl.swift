import Foundation
import TestSupport

/// `curl` against a running dockgate, as an operator would check a new client certificate.
struct CurlResponse: CustomStringConvertible {
    let result: CommandResult
    /// The HTTP status curl reports; 0 when no response came back.
    let status: Int
    let body: String

    init(_ result: CommandResult) {
        self.result = result
        let marker = "\n" + CurlResponse.statusMarker
        if let range = result.standardOutput.range(of: marker, options: .backwards) {
            body = String(result.standardOutput[..<range.lowerBound])
            status =
                Int(result.standardOutput[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        } else {
            body = result.standardOutput
            status = 0
        }
    }

    static let statusMarker = "curl-http-status="

    var description: String { result.description }
}

extension TestBed {
    /// `curl https://HOST:PORT/PATH` with the client's certificate (none if `client` is nil),
    /// trusting only this bed's CA. `host` is `localhost` (pinned to 127.0.0.1) or `127.0.0.1`;
    /// either must match the server certificate.
    func curl(
        _ server: DockgateServer, client: ClientFiles?, host: String = "localhost", path: String = "/_ping"
    ) async throws -> CurlResponse {
        var arguments = [
            "--silent", "--show-error", "--max-time", "15", "--resolve", "localhost:\(server.port):127.0.0.1",
            "--cacert", pki.caCertificate, "--write-out", "\n\(CurlResponse.statusMarker)%{http_code}",
        ]
        if let client { arguments += ["--cert", client.certificate, "--key", client.key] }
        arguments.append("https://\(host):\(server.port)\(path)")
        return CurlResponse(try await run(try Executables.curl(), arguments, timeout: .seconds(30)))
    }

    /// Plain `curl http://127.0.0.1:PORT/PATH`: HTTP sent to the TLS port.
    func curlPlaintext(_ server: DockgateServer, path: String = "/_ping") async throws -> CurlResponse {
        let arguments = [
            "--silent", "--show-error", "--max-time", "15", "--write-out", "\n\(CurlResponse.statusMarker)%{http_code}",
            "http://127.0.0.1:\(server.port)\(path)",
        ]
        return CurlResponse(try await run(try Executables.curl(), arguments, timeout: .seconds(30)))
    }
}
