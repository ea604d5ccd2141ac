import ProfileDay

/// A broken rule as programs read it (`setka check --json`, the app's `POST
/// /api/projects/{id}/check`): its sentence in English (`message`) and in Russian
/// (`message_ru`), ids as they are (the printed report names them), beside its typed detail.
public struct ViolationFinding: Codable, Sendable {
    public var rule: Violation.Rule
    public var kind: Violation.Kind
    public var message: String
    public var messageRu: String
    public var detail: Violation.Detail
    public var sections: [String]
    public var teacher: String?
    public var student: String?
    public var site: String?
    public var room: String?
    public var slot: String?

    enum CodingKeys: String, CodingKey {
        case rule, kind, message, messageRu = "message_ru", detail, sections, teacher, student, site, room, slot
    }

    public init(_ v: Violation) {
        rule = v.rule; kind = v.kind; message = Words(.en).sentence(v.detail)
        messageRu = Words(.ru).sentence(v.detail); detail = v.detail
        sections = v.sections; teacher = v.teacher; student = v.student; site = v.site; room = v.room; slot = v.slot
    }
}
