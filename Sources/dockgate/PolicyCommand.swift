import ArgumentParser

/// `dockgate policy`: tools for the people who write and review team policies. policy/README.md
/// lists the built-in profiles, their rule ids and the facts file format.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check policy files and try requests against their profiles.",
        discussion: """
            A typical session:
              dockgate policy check policy/restricted.yaml
              dockgate policy explain POST /v1.41/containers/create body.json
              dockgate policy explain --policy policy.yaml --profile web POST /v1.41/containers/create body.json
              dockgate policy explain --facts facts.json POST /v1.41/containers/create body.json
            """,
        subcommands: [PolicyCheck.self, PolicyExplain.self]
    )
}
