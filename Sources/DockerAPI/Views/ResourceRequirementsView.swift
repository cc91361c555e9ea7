/// `swarm.ResourceRequirements` (`TaskTemplate.Resources`): what each task of a service may
/// use. The swarm executor copies `Limits` into the task container's `Resources`.
public struct ResourceRequirementsView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate.Resources."`).
    public var path: String { reader.path }

    /// `Limits` (a pointer: `null` or absent is no limit at all).
    public var limits: Field<LimitView> { reader.structure("Limits", goType: "swarm.Limit", LimitView.init) }
}

/// `swarm.Limit`: the executor's `Memory`, `NanoCPUs` and `PidsLimit` of each task
/// container; 0 is no limit. dockerd zeroes `Pids` below API 1.41.
public struct LimitView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate.Resources.Limits."`).
    public var path: String { reader.path }

    public var nanoCPUs: Field<Int64> { reader.integer("NanoCPUs", as: Int64.self) }
    public var memoryBytes: Field<Int64> { reader.integer("MemoryBytes", as: Int64.self) }
    /// `Pids` (API 1.41).
    public var pids: Field<Int64> { reader.integer("Pids", as: Int64.self) }
}
