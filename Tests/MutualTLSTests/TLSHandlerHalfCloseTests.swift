import MutualTLS
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

/// `echo hi | docker exec -i c cat`: the CLI ends stdin with a TLS close_notify and no TCP
/// FIN, then waits for the output. Each direction must close on its own.
@Suite struct TLSHandlerHalfCloseTests {
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func clientCloseNotifyBecomesInputClosedWhileTheServerKeepsWriting(maximum: TLSVersion) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(
            server: pki.serverContext(), client: pki.clientContext(pki.alice, maximum: maximum))
        defer { pair.finish() }
        try pair.pump()
        pair.client.writeAndFlush(ByteBuffer(string: "hi\n"), promise: nil)
        let halfClosed = pair.client.eventLoop.makePromise(of: Void.self)
        pair.client.close(mode: .output, promise: halfClosed)
        try pair.pump()

        #expect(throws: Never.self) { try halfClosed.futureResult.wait() }
        #expect(pair.serverRecorder.receivedString == "hi\n")
        #expect(pair.serverRecorder.inputClosed)
        #expect(pair.server.isActive)
        #expect(pair.client.isActive)

        // The server still answers after the client's close_notify.
        pair.server.writeAndFlush(ByteBuffer(string: "hi\n"), promise: nil)
        try pair.pump()
        #expect(pair.clientRecorder.receivedString == "hi\n")
        #expect(!pair.clientRecorder.inputClosed)

        // Then the server ends its side: the client sees end of input and both close.
        pair.server.close(mode: .output, promise: nil)
        try pair.pump()
        #expect(pair.clientRecorder.inputClosed)
        #expect(!pair.server.isActive)
        pair.client.close(promise: nil)
        try pair.pump()
        #expect(!pair.client.isActive)
    }

    @Test func writesAfterOurOwnCloseNotifyFail() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.pump()
        pair.server.close(mode: .output, promise: nil)
        try pair.pump()
        #expect(pair.clientRecorder.inputClosed)

        let late = pair.server.eventLoop.makePromise(of: Void.self)
        pair.server.writeAndFlush(ByteBuffer(string: "too late"), promise: late)
        #expect(throws: ChannelError.outputClosed) { try late.futureResult.wait() }

        // Input still flows towards the server.
        pair.client.writeAndFlush(ByteBuffer(string: "still reading"), promise: nil)
        try pair.pump()
        #expect(pair.serverRecorder.receivedString == "still reading")
    }

    @Test func fullCloseSendsCloseNotifyFirst() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.pump()
        pair.server.writeAndFlush(ByteBuffer(string: "last words"), promise: nil)
        pair.server.close(promise: nil)
        try pair.pump()

        #expect(!pair.server.isActive)
        #expect(pair.clientRecorder.receivedString == "last words")
        #expect(pair.clientRecorder.inputClosed)
    }

    @Test func tcpFinWithoutCloseNotifyIsEndOfInput() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.pump()
        pair.server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(pair.serverRecorder.inputClosed)
        #expect(pair.server.isActive)
    }
}
