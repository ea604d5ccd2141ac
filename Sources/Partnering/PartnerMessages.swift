import Foundation
import SetkaModel

/// Words of the partner reports in Russian or English: reasons, subject names, numbers.
public struct PartnerMessages: Sendable {
    public let language: ReportLanguage
    let scenario: Scenario

    public init(language: ReportLanguage, scenario: Scenario) {
        self.language = language
        self.scenario = scenario
    }

    var ru: Bool { language == .ru }

    /// An organisation's name (its id when unknown).
    func name(_ id: String) -> String { scenario.organisation(id)?.name ?? id }

    /// A number with at most `digits` decimals, trailing zeros dropped, comma in Russian.
    public func number(_ x: Double, digits: Int = 1) -> String { PlainWords.number(x, digits: digits, language) }

    /// `x` with at most `digits` decimals, trailing zeros dropped, `.` as the separator.
    public static func plain(_ x: Double, digits: Int) -> String { PlainWords.plain(x, digits: digits) }

    func minutes(_ m: Double) -> String { ru ? "\(number(m)) мин" : "\(number(m)) min" }

    /// "by 19.9 points" / "на 19,9 балла".
    func points(_ x: Double) -> String { PlainWords.points(x, language) }

    /// "по математике" / "in mathematics".
    func inSubject(_ s: String) -> String { PlainWords.inSubject(s, language) }

    /// Why a pair was chosen: subjects where the partner is stronger, and the travel time.
    public func why(subjects: [String], gains: [Double], minutes m: Double, fixed: Bool) -> String {
        let stronger = zip(subjects, gains).filter { $0.1 > 0 }
        var parts: [String] = []
        if subjects.isEmpty {
            if !fixed {
                parts.append(ru ? "правило не сравнивает предметы: выбран ближайший партнёр со свободным местом"
                    : "the rule compares no subjects: the nearest partner with a free place")
            }
        } else if stronger.isEmpty {
            parts.append(ru ? "по предметам правила партнёр не сильнее" : "the partner is not stronger in the rule's subjects")
        } else {
            let list = stronger.map { "\(inSubject($0.0)) \(ru ? "на" : "by") \(points($0.1))" }.joined(separator: ", ")
            parts.append(ru ? "партнёр сильнее \(list)" : "the partner is stronger \(list)")
        }
        parts.append(ru ? "в пути \(minutes(m))" : "\(minutes(m)) of travel")
        if fixed { parts.append(ru ? "пара задана в правиле (fixed)" : "the pair is fixed by the rule") }
        return parts.joined(separator: "; ")
    }

    /// One line on why a recipient is (partly) without partners.
    public func describe(_ u: UnservedRecipient) -> String {
        let prefix: String
        if u.needed > 1 {
            prefix = ru ? "подобрано \(u.served) из \(u.needed): " : "\(u.served) of \(u.needed) partners: "
        } else { prefix = "" }
        return prefix + describe(u.reason)
    }

    public func describe(_ reason: UnservedReason) -> String {
        switch reason {
        case .noProviders:
            return ru ? "правило не выбирает ни одной организации-партнёра" : "the rule selects no provider"
        case .noneWithinReach(let limit, let nearest, let nearestMinutes, let unknown):
            var s = ru ? "нет партнёра в пределах \(minutes(limit))" : "no provider within \(minutes(limit))"
            if let nearest, let nearestMinutes {
                s += ru ? " (ближайший: \(name(nearest)), \(minutes(nearestMinutes)))"
                    : " (nearest: \(name(nearest)), \(minutes(nearestMinutes)))"
            }
            if unknown > 0 {
                s += ru ? "; время в пути неизвестно до \(unknown) партнёр(ов): нет строки в travel.csv и координат"
                    : "; \(unknown) provider(s) have no travel time (no travel.csv row and no coordinates)"
            }
            return s
        case .tooFewInReach(let available, let needed, let limit, let excluded):
            var s = ru ? "в пределах \(minutes(limit)) доступно партнёров: \(available), нужно \(needed)"
                : "only \(available) usable provider(s) within \(minutes(limit)), \(needed) needed"
            if !excluded.isEmpty {
                let list = excluded.map { e -> String in
                    let why: String
                    switch e.why {
                    case .forbidden: why = ru ? "пара запрещена" : "forbidden"
                    case .noCapacity: why = ru ? "partner_capacity 0" : "partner_capacity 0"
                    case .unhelpful: why = ru ? "партнёрство с ним не дало роста (avoid_unhelpful)" : "the partnership brought no gain (avoid_unhelpful)"
                    }
                    return "\(name(e.provider)), \(minutes(e.minutes)) — \(why)"
                }.joined(separator: "; ")
                s += ru ? " (не подходят: \(list))" : " (excluded: \(list))"
            }
            return s
        case .allAtCapacity(let limit, let providers):
            let shown = providers.prefix(Self.listedProviders)
            var list = shown.map { l -> String in
                let who = l.supports.map(name).joined(separator: ", ")
                return ru ? "\(name(l.provider)), \(minutes(l.minutes)): ёмкость \(l.capacity), занята (\(who))"
                    : "\(name(l.provider)), \(minutes(l.minutes)): capacity \(l.capacity), used by \(who)"
            }.joined(separator: "; ")
            if providers.count > shown.count {
                let more = providers.count - shown.count
                list += ru ? "; и ещё \(more) — тоже заняты" : "; and \(more) more, also full"
            }
            return ru ? "все партнёры в пределах \(minutes(limit)) заняты полностью: \(list)"
                : "all providers within \(minutes(limit)) are at capacity: \(list)"
        }
    }

    /// How many providers a reason names before "and N more" (nearest first).
    public static let listedProviders = 3

    /// One line on a fixed pair that cannot be honoured.
    public func describe(_ f: FixedPairProblem) -> String {
        let pair = "\(name(f.recipient)) – \(name(f.provider))"
        let head = ru ? "закреплённая пара \(pair)" : "fixed pair \(pair)"
        switch f.kind {
        case .unknownOrganisation(let id):
            return ru ? "\(head): нет организации «\(id)» в schools.csv" : "\(head): no organisation '\(id)' in schools.csv"
        case .selfPair:
            return ru ? "\(head): организация не может быть партнёром сама себе" : "\(head): an organisation cannot be its own partner"
        case .notRecipient:
            return ru ? "\(head): \(name(f.recipient)) не получатель по этому правилу" : "\(head): \(name(f.recipient)) is not a recipient of this rule"
        case .notProvider:
            return ru ? "\(head): \(name(f.provider)) не партнёр по этому правилу" : "\(head): \(name(f.provider)) is not a provider of this rule"
        case .forbidden:
            return ru ? "\(head) запрещена (forbidden)" : "\(head) is forbidden"
        case .noTravelTime:
            return ru ? "\(head): время в пути неизвестно (нет строки в travel.csv и координат)"
                : "\(head): no travel time (no travel.csv row and no coordinates)"
        case .tooFar(let m, let limit):
            return ru ? "\(head) слишком далеко: \(minutes(m)) при пределе \(minutes(limit))"
                : "\(head) is too far: \(minutes(m)), the limit is \(minutes(limit))"
        case .overCapacity(let capacity):
            return ru ? "\(head) сверх ёмкости: у \(name(f.provider)) partner_capacity \(capacity), и она занята закреплёнными парами выше"
                : "\(head) is over capacity: \(name(f.provider)) has partner_capacity \(capacity), used up by fixed pairs listed before"
        case .tooManyFixed(let k):
            return ru ? "\(head): у \(name(f.recipient)) уже \(k) закреплённых партнёров (partners_per_recipient \(k))"
                : "\(head): \(name(f.recipient)) already has \(k) fixed partners (partners_per_recipient \(k))"
        }
    }
}
