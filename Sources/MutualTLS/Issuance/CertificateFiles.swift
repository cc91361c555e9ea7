import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the PEM files of `dockgate certs` into one directory.
///
/// All files of a call are checked before any is written, so a refused call leaves the
/// directory as it was. Each file is written to a temporary name in the same directory and
/// then moved into place, so a reader (a reloading `dockgate serve`) never sees half a file.
/// Private keys are created with mode 0600 from the first byte; nothing is chmod-ed later.
public struct CertificateFiles: Sendable {
    /// One file to write.
    public struct File: Sendable {
        public let name: String
        public let contents: String
        public let isPrivateKey: Bool

        public static func publicPEM(_ name: String, _ contents: String) -> File {
            File(name: name, contents: contents, isPrivateKey: false)
        }

        public static func privateKey(_ name: String, _ contents: String) -> File {
            File(name: name, contents: contents, isPrivateKey: true)
        }
    }

    public let directory: String
    /// Replace existing files (`--force`). Without it an existing file with other contents
    /// is an error; one with the very same contents is simply kept.
    public let force: Bool

    public init(directory: String, force: Bool = false) {
        self.directory = directory
        self.force = force
    }

    /// `directory/name`. (NSString's path methods are avoided: on Linux Foundation,
    /// `deletingLastPathComponent` traps on one-character paths such as `x`.)
    public func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The paths among `files` that exist with other contents, i.e. that `write` would refuse.
    public func conflicts(_ files: [File]) -> [String] {
        files.filter { file in
            guard let existing = FileManager.default.contents(atPath: path(file.name)) else {
                return FileManager.default.fileExists(atPath: path(file.name))
            }
            return existing != Data(file.contents.utf8)
        }.map { path($0.name) }
    }

    /// Creates `directory` (and missing parents, each mode 0700) and writes `files` into
    /// it; returns their paths in order.
    @discardableResult
    public func write(_ files: [File]) throws -> [String] {
        if !force {
            let refused = conflicts(files)
            if !refused.isEmpty { throw IssuanceError.filesExist(paths: refused) }
        }
        try Self.createDirectory(directory)
        return try files.map { file in
            try install(file)
            return path(file.name)
        }
    }

    /// `mkdir -p` with mode 0700: the directory holds private keys.
    static func createDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw IssuanceError.cannotCreateDirectory(path: directory, reason: "a file of that name exists")
            }
            return
        }
        if let parent = parent(of: directory) { try createDirectory(parent) }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw IssuanceError.cannotCreateDirectory(path: directory, reason: String(cString: strerror(errno)))
        }
    }

    /// The directory above `path`, nil when that is the current or root directory.
    private static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? nil : String(parent)
    }

    /// Writes a temporary file, then links it into place (which fails if the target appeared
    /// meanwhile) or, when replacing, renames it over the old one.
    private func install(_ file: File) throws {
        let target = path(file.name)
        let temporary = path(".\(file.name).\(UInt32.random(in: 0...UInt32.max)).tmp")
        defer { unlink(temporary) }
        try Self.writeNew(temporary, bytes: Array(file.contents.utf8), mode: file.isPrivateKey ? 0o600 : 0o644)
        let replace = force || FileManager.default.contents(atPath: target) == Data(file.contents.utf8)
        if replace {
            guard rename(temporary, target) == 0 else {
                throw IssuanceError.cannotWrite(path: target, reason: String(cString: strerror(errno)))
            }
        } else if link(temporary, target) != 0 {
            if errno == EEXIST { throw IssuanceError.filesExist(paths: [target]) }
            throw IssuanceError.cannotWrite(path: target, reason: String(cString: strerror(errno)))
        }
    }

    /// Creates `path` exclusively with `mode` and writes all of `bytes` durably.
    private static func writeNew(_ path: String, bytes: [UInt8], mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw IssuanceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw IssuanceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else {
            throw IssuanceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// POSIX `write(2)`; inside `CertificateFiles` the name means its own `write(_:)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
