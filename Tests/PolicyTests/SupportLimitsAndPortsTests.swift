import Testing

@testable import Policy

/// The numbers the restricted checks read and write: sizes, CPUs, host ports and addresses.
@Suite("Limits, host ports and host addresses")
struct SupportLimitsAndPortsTests {
    @Test(
        "sizes in the units policy files use",
        arguments: [
            (Int64(2) << 30, "2Gi"), (512 << 20, "512Mi"), (64 << 10, "64Ki"), (1 << 40, "1Ti"), (100, "100 bytes"),
            (1_000_000_000, "953.6Mi"), ((2 << 30) - 1, "1.9Gi"), (0, "0"), (-1, "-1"),
            ((2 << 30) + 1, "2147483649 bytes"),
        ] as [(Int64, String)])
    func bytes(value: Int64, text: String) {
        #expect(LimitText.bytes(value) == text)
    }

    @Test(
        "CPUs as --cpus takes them",
        arguments: [
            (Int64(1_000_000_000), "1"), (2_500_000_000, "2.5"), (500_000_000, "0.5"), (1_000_000, "0.001"),
            (1, "0.000000001"), (0, "0"),
        ] as [(Int64, String)])
    func cpus(value: Int64, text: String) {
        #expect(LimitText.cpus(value) == text)
    }

    @Test(
        "host ports as go-connections reads them",
        arguments: [
            ("", .anyPort), ("0", .anyPort), ("8080", .range(PortRange(8080, 8080))),
            ("08080", .range(PortRange(8080, 8080))), ("8000-8010", .range(PortRange(8000, 8010))),
            ("65535", .range(PortRange(65535, 65535))), ("65536", .unreadable), ("8010-8000", .unreadable),
            ("1-2-3", .unreadable), ("80/udp", .unreadable), (" 80", .unreadable), ("+80", .unreadable),
            ("-80", .unreadable), ("80-", .unreadable), ("0-10", .unreadable), ("٨٠", .unreadable),
        ] as [(String, HostPortText.Parsed)])
    func hostPorts(text: String, parsed: HostPortText.Parsed) {
        #expect(HostPortText.parse(text) == parsed)
    }

    @Test("port ranges cover a span only without a gap")
    func covers() {
        let ranges = [PortRange(8000, 8100), PortRange(1024, 7999), PortRange(9000, 9000)]
        #expect(ranges.covers(1024, 8100))
        #expect(ranges.covers(9000, 9000))
        #expect(!ranges.covers(8100, 8101))
        #expect(!ranges.covers(80, 80))
        #expect([PortRange(1024, 65535)].covers(1024, 65535))
        #expect(![PortRange(1024, 65534)].covers(1024, 65535))
        #expect(![PortRange]().covers(1024, 1024))
    }

    @Test("host addresses as Go's ParseIP and the daemon's bind read them")
    func addresses() {
        #expect(IPAddressText.isSpecific("127.0.0.1"))
        #expect(IPAddressText.isSpecific("::1"))
        #expect(!IPAddressText.isSpecific(""))
        #expect(!IPAddressText.isSpecific("0.0.0.0"))
        #expect(!IPAddressText.isSpecific("::"))
        #expect(!IPAddressText.isSpecific("::ffff:0.0.0.0"))
        #expect(!IPAddressText.isSpecific("127.000.000.001"))
        #expect(!IPAddressText.isSpecific("localhost"))
        #expect(!IPAddressText.isSpecific("fe80::1%eth0"))
        #expect(IPAddressText.sameAddress("::ffff:127.0.0.1", "127.0.0.1"))
        #expect(IPAddressText.sameAddress("0:0:0:0:0:0:0:1", "::1"))
        #expect(!IPAddressText.sameAddress("127.0.0.1", "127.0.0.2"))
    }
}
