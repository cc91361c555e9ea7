import Logging
import NIOCore

extension TLSHandler {
    /// How long our close_notify may take to leave before the socket is closed anyway, so a
    /// peer that stopped reading cannot hold a closing connection open.
    static let closeNotifyGracePeriod: TimeAmount = .seconds(5)

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .idle, .handshaking, .active, .inputClosed:
            pendingWrites.append((unwrapOutboundIn(data), promise))
        case .outputClosed, .closing, .closed:
            promise?.fail(ChannelError.outputClosed)
        }
    }

    public func flush(context: ChannelHandlerContext) {
        switch state {
        case .idle, .handshaking:
            flushPending = true
        case .active, .inputClosed:
            encryptPendingWrites(context: context)
        case .outputClosed, .closing, .closed:
            break
        }
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        switch mode {
        case .input:
            context.close(mode: .input, promise: promise)
        case .output:
            closeOutput(context: context, promise: promise)
        case .all:
            closeCompletely(context: context, promise: promise)
        }
    }

    /// Sends close_notify and keeps reading: the server side of `CloseWrite`.
    private func closeOutput(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        switch state {
        case .active:
            encryptPendingWrites(context: context)
            // A failed write closes the whole connection; this close completes with it.
            guard state == .active else {
                closeCompletely(context: context, promise: promise)
                return
            }
            switch connection.sendCloseNotify() {
            case .sent:
                state = .outputClosed
                writeCiphertext(context: context, promise: promise)
                context.flush()
            case .failed(let error):
                // Without close_notify the peer cannot tell the end of our output from a cut
                // connection; end it outright instead of leaving it half-closed in doubt.
                context.fireErrorCaught(error)
                closeCompletely(context: context, promise: nil)
                promise?.fail(error)
            }
        case .inputClosed:
            // Both directions are now finished.
            closeCompletely(context: context, promise: promise)
        case .idle, .handshaking:
            // There is no TLS stream to half-close yet.
            promise?.fail(ChannelError.operationUnsupported)
        case .outputClosed:
            promise?.succeed(())
        case .closing, .closed:
            promise?.fail(ChannelError.alreadyClosed)
        }
    }

    /// Flushes what the application wrote, sends close_notify (unless already sent), then
    /// closes the socket once that left, or after a grace period.
    func closeCompletely(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        switch state {
        case .idle, .handshaking:
            state = .closing
            cancelTimers()
            failPendingWrites(ChannelError.ioOnClosedChannel)
            context.close(promise: promise)
        case .active, .inputClosed, .outputClosed:
            let closeNotifyAlreadySent = state == .outputClosed
            if !closeNotifyAlreadySent {
                let before = state
                encryptPendingWrites(context: context)
                // A failed write already closes the whole connection; this close completes with it.
                guard state == before else {
                    closeCompletely(context: context, promise: promise)
                    return
                }
            }
            state = .closing
            if !closeNotifyAlreadySent, case .failed(let error) = connection.sendCloseNotify() {
                logger.debug("closing without close_notify", metadata: ["reason": "\(error)"])
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            writeCiphertext(context: context, promise: written)
            context.flush()
            closeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.closeNotifyGracePeriod) {
                context.close(promise: nil)
            }
            written.futureResult.assumeIsolated().whenComplete { _ in
                self.closeTimer?.cancel()
                self.closeTimer = nil
                context.close(promise: promise)
            }
        case .closing:
            // A close is already on its way; this one completes with it.
            if let promise { context.channel.closeFuture.cascade(to: promise) }
        case .closed:
            promise?.fail(ChannelError.alreadyClosed)
        }
    }

    /// Encrypts every held write and sends the ciphertext in one write whose completion
    /// completes all their promises.
    func encryptPendingWrites(context: ChannelHandlerContext) {
        guard !pendingWrites.isEmpty else { return }
        let writes = pendingWrites
        pendingWrites.removeAll()
        for (index, write) in writes.enumerated() {
            switch connection.writePlaintext(write.data) {
            case .complete:
                continue
            case .failed(let error):
                for remaining in writes[index...] { remaining.promise?.fail(error) }
                context.fireErrorCaught(error)
                closeCompletely(context: context, promise: nil)
                return
            }
        }
        let promises = writes.compactMap(\.promise)
        var combined: EventLoopPromise<Void>? = nil
        if !promises.isEmpty {
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { result in
                for waiting in promises { waiting.completeWith(result) }
            }
            combined = promise
        }
        writeCiphertext(context: context, promise: combined)
        context.flush()
    }

    /// Writes whatever OpenSSL has produced for the network; completes `promise` either way.
    func writeCiphertext(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        if let ciphertext = connection.drainCiphertext(allocator: context.channel.allocator) {
            context.write(wrapOutboundOut(ciphertext), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    func failPendingWrites(_ error: Error) {
        let writes = pendingWrites
        pendingWrites.removeAll()
        for write in writes { write.promise?.fail(error) }
    }
}
