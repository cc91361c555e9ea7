/// Team policy: decides whether a parsed Docker Engine API request may reach the daemon.
///
/// Depends on DockerAPI only; every decision is a pure function of the caller, the request
/// and the facts the gate looked up from the daemon.
public enum Policy {}
