/// How dockerd reads a request — its routes, its path and version handling, its JSON
/// decoding — reproduced so the gate sees every request exactly as the daemon will.
///
/// Foundation only: no NIO, no OpenSSL. Everything here is a pure function of its input.
public enum DockerAPI {}
