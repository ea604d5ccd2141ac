import ProfileDay

/// A broken rule as programs read it (`setka check --json`, the app's `POST
/// /api/projects/{id}/check`): the violation's own fields (`rule`, `kind`, `detail`, the ids
/// involved) with its sentence in English (`message`) and in Russian (`message_ru`), ids as they
/// are (the printed report names them).
public struct ViolationFinding: Codable, Sendable {
    public var violation: Violation
    public var message: String
    public var messageRu: String

    enum CodingKeys: String, CodingKey { case message, messageRu = "message_ru" }

    public init(_ v: Violation) {
        violation = v
        message = Words(.en).sentence(v.detail)
        messageRu = Words(.ru).sentence(v.detail)
    }

    /// One flat object: the violation's keys and the two sentences beside them.
    public func encode(to encoder: any Encoder) throws {
        try violation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        try c.encode(messageRu, forKey: .messageRu)
    }

    public init(from decoder: any Decoder) throws {
        violation = try Violation(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decode(String.self, forKey: .message)
        messageRu = try c.decode(String.self, forKey: .messageRu)
    }
}
