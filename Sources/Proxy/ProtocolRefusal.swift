/// A request refused below the proxy, where no request head reached it: the HTTP parser's
/// limits (malformed, head too large) and the header timeout. The refusing handler sends this
/// up the pipeline just before it writes its answer, so the proxy audits and counts the refusal
/// like any other and hands back the request id the answer carries.
final class ProtocolRefusal {
    let refusal: GateRefusal
    /// Set by the proxy while it handles the event.
    var requestID: String?

    init(_ refusal: GateRefusal) {
        self.refusal = refusal
    }
}
