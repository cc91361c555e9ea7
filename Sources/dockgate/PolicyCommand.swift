import ArgumentParser

/// `dockgate policy`: tools for the people who write and review team policies. policy/README.md
/// lists the built-in profiles, their rule ids and the facts file format.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Try requests against the built-in policy profiles.",
        discussion: """
            A typical session:
              dockgate policy explain POST /v1.41/containers/create body.json
              dockgate policy explain --facts facts.json POST /v1.41/containers/create body.json
            """,
        subcommands: [PolicyExplain.self]
    )
}
