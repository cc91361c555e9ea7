import DockerAPI
import Testing

/// Methods: dockerd matches them byte for byte and never answers 405.
@Suite("Request methods")
struct RoutingMethodTests {
    @Test("the six methods dockerd registers", arguments: HTTPMethod.allCases)
    func known(_ method: HTTPMethod) throws {
        #expect(try HTTPMethod.parse(method.rawValue).get() == method)
    }

    @Test("lower or mixed case: 404 in dockerd, refused here", arguments: ["get", "Post", "pOST", "delete", "Options"])
    func notUpperCase(_ method: String) throws {
        let refusal = try #require(RoutingTest.refusal("\(method) /containers/json"))
        #expect(refusal.code == .methodNotUpperCase)
        #expect(refusal.status == 400)
    }

    @Test(
        "methods without a route: 404 in dockerd (any method on 20.10 /debug/…), refused here",
        arguments: ["PATCH", "CONNECT", "TRACE", "PROPFIND", "", "G\u{0130}T", "GET\u{0}"])
    func unknownMethod(_ method: String) throws {
        let refusal = try #require(RoutingTest.refusal("\(method) /_ping"))
        #expect(refusal.code == .unknownMethod)
        #expect(refusal.status == 400)
    }

    @Test("the method is checked before the target")
    func methodFirst() throws {
        #expect(RoutingTest.refusal("post http://x/_ping")?.code == .methodNotUpperCase)
    }
}
