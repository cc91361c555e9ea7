extension CheckContext {
    /// For `POST /exec/{id}/start`, which carries no privilege fields: `decide` over the exec
    /// as dockerd recorded it (a fact). Undetermined when the gate has not looked it up;
    /// allowed when the daemon has no such exec (it answers 404 and runs nothing).
    /// `question` completes "could not determine …", given the quoted exec id.
    func recordedExec(_ question: (String) -> String, _ decide: (ExecFact, _ detail: String) -> CheckResult)
        -> CheckResult
    {
        let id = request.target
        switch facts.execs[id] {
        case nil:
            return .undetermined(question(quoted(id)), missing: .exec(id), detail: "exec \(quoted(id))")
        case .notFound:
            return .allowed
        case .found(let exec):
            return decide(exec, "exec \(quoted(id))")
        }
    }
}
