import Foundation
import MutualTLS
import NIOCore
import TestSupport
import Testing

@Suite struct ReloadableTLSContextTests {
    @Test func reloadPicksUpNewFilesAndKeepsTheOldContextWhenTheyAreBroken() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let crl = pki.directory + "/live-crl.pem"
        try FileManager.default.copyItem(atPath: pki.emptyCRLPath, toPath: crl)
        let reloadable = try ReloadableTLSContext(configuration: pki.serverConfiguration(crl: crl))
        let client = try pki.clientContext(pki.revoked)

        let before = try EmbeddedTLSPair(server: reloadable.current, client: client)
        try before.pump()
        #expect(before.serverRecorder.summaries.count == 1)

        // The operator revokes the certificate and reloads: the next handshake is refused,
        // while the connection made before keeps working.
        try FileManager.default.removeItem(atPath: crl)
        try FileManager.default.copyItem(atPath: pki.crlPath, toPath: crl)
        let old = reloadable.current
        guard case .success = reloadable.reload() else {
            Issue.record("reload with a valid CRL failed")
            return
        }
        #expect(reloadable.current !== old)
        let after = try EmbeddedTLSPair(server: reloadable.current, client: client)
        defer { after.finish() }
        try after.pump()
        #expect(after.serverRecorder.tlsErrors.first?.reason == "certificate rejected: certificate revoked")
        before.client.writeAndFlush(ByteBuffer(string: "still here"), promise: nil)
        try before.pump()
        #expect(before.serverRecorder.receivedString == "still here")
        before.finish()

        // A broken file: the reload reports why and the working context stays.
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: crl))
        let working = reloadable.current
        guard case .failure(let error) = reloadable.reload() else {
            Issue.record("reload with a garbage CRL succeeded")
            return
        }
        #expect("\(error)".contains(crl))
        #expect(reloadable.current === working)
    }
}
