import Foundation

/// How a numeric cell is shown, from its number format: as a plain number, or as a date, a time
/// of day, both, or an elapsed time (`[h]:mm`).
enum DateKind: Sendable, Equatable {
    case date, time, dateTime, elapsed

    /// The kind of Excel's built-in number formats 14–22, 27–36, 45–47 and 50–58 (the rest are numbers).
    static func builtin(_ id: Int) -> DateKind? {
        switch id {
        case 14, 15, 16, 17, 27...36, 50...58: return .date
        case 18, 19, 20, 21, 45, 47: return .time
        case 22: return .dateTime
        case 46: return .elapsed
        default: return nil
        }
    }

    /// The kind of a custom format code such as `dd.mm.yyyy`, `hh:mm`, `[h]:mm:ss` or
    /// `0.00`: date and time letters outside quoted text, escapes and `[...]` (colours,
    /// locales), in the first section.
    static func of(formatCode: String) -> DateKind? {
        var letters = ""
        var elapsed = false
        var inQuote = false, inBracket = false, escape = false
        var bracket = ""
        for ch in formatCode {
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    let b = bracket.lowercased()
                    if !b.isEmpty, b.allSatisfy({ "hms".contains($0) }) { elapsed = true; letters += b }
                } else { bracket.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\", "_", "*": escape = true
            case "[": inBracket = true; bracket = ""
            case ";": break
            default: letters.append(ch)
            }
            if ch == ";" { break }
        }
        let l = letters.lowercased()
        if l.contains("general") || l == "@" { return nil }
        let hasDate = l.contains("y") || l.contains("d")
        let hasTime = l.contains("h") || l.contains("s")
        let hasM = l.contains("m")
        if elapsed { return .elapsed }
        switch (hasDate || (hasM && !hasTime), hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return nil
        }
    }
}

/// Cell values as the text a CSV file would hold, so a sheet loads through the CSV table path.
enum CellText {
    /// A numeric cell's stored text as a person reads it: at most 15 significant digits, as
    /// Excel shows (Excel stores 0.1 + 0.2 as `0.30000000000000004` and shows 0.3), integers
    /// without a decimal point, never in exponent form. Nil when `raw` is not a number.
    static func number(_ raw: String) -> String? {
        // Fast path: up to 15 digits, an optional sign and point, no exponent.
        var digits = 0, points = 0, plain = !raw.isEmpty
        for (k, b) in raw.utf8.enumerated() {
            if b >= 0x30 && b <= 0x39 { digits += 1; continue }
            if b == 0x2E { points += 1; continue }
            if b == 0x2D && k == 0 { continue }
            plain = false; break
        }
        if plain, points <= 1, digits >= 1, digits <= 15 {
            var s = Substring(raw)
            if points == 1 {
                while s.last == "0" { s.removeLast() }
                if s.last == "." { s.removeLast() }
            }
            if s == "-0" || s.isEmpty || s == "-" { return "0" }
            // "007" would not be written by a spreadsheet, but keep it a number's text.
            return String(s)
        }
        guard let v = Double(raw.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
        let rounded = Double(String(format: "%.15g", v)) ?? v
        return ScenarioWriter.number(rounded == 0 ? 0 : rounded)
    }

    /// A date, time or both from an Excel serial number (days since the epoch of the workbook's
    /// date system; the fraction is the time of day): `2026-09-01`, `09:00`, `2026-09-01 09:00`.
    /// In the 1900 system, serial 60 is 29 February 1900, a day that never was but Excel counts.
    static func date(serial: Double, kind: DateKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }   // up to 9999-12-31
        let seconds = Int((serial * 86_400).rounded())
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        func clock(_ total: Int, elapsed: Bool) -> String {
            let h = total / 3600, m = (total % 3600) / 60, s = total % 60
            let hours = elapsed ? String(h) : String(format: "%02d", h % 24)
            return s == 0 ? "\(hours.count < 2 ? "0" + hours : hours):\(String(format: "%02d", m))"
                : "\(hours.count < 2 ? "0" + hours : hours):\(String(format: "%02d:%02d", m, s))"
        }
        func day() -> String {
            if !date1904 && days == 60 { return "1900-02-29" }
            let unix = date1904 ? days - 24_107 : (days < 60 ? days - 25_568 : days - 25_569)
            let (y, mo, d) = civil(fromDays: unix)
            return String(format: "%04d-%02d-%02d", y, mo, d)
        }
        switch kind {
        case .time: return clock(secondOfDay, elapsed: false)
        case .elapsed: return clock(seconds, elapsed: true)
        case .date: return secondOfDay == 0 ? day() : day() + " " + clock(secondOfDay, elapsed: false)
        case .dateTime: return day() + " " + clock(secondOfDay, elapsed: false)
        }
    }

    /// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// An ISO 8601 date cell (`t="d"`, written by some programs): `2026-09-01T09:00:00` as
    /// `2026-09-01 09:00`, a midnight as the date alone, a time alone (`1899-12-31T09:00`) as `09:00`.
    static func isoDate(_ raw: String) -> String {
        let parts = raw.split(separator: "T", maxSplits: 1).map(String.init)
        guard let date = parts.first else { return raw }
        var time = parts.count > 1 ? parts[1] : ""
        if let z = time.firstIndex(where: { $0 == "Z" || $0 == "+" }) { time = String(time[..<z]) }
        if time.hasSuffix(":00") && time.count == 8 { time = String(time.prefix(5)) }
        if let dot = time.firstIndex(of: ".") { time = String(time[..<dot]) }
        if date.hasPrefix("1899-12-3") && !time.isEmpty { return time }
        if time.isEmpty || time == "00:00" { return date }
        return date + " " + time
    }

    /// Undoes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold (`_x000D_` is a CR).
    static func unescapeOOXML(_ s: String) -> String {
        // Most text has no `_x`: looked for on the bytes with memchr (String.contains(String) is slow).
        var s = s
        let found = s.withUTF8 { b -> Bool in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i < b.count, let hit = memchr(base + i, 0x5F, b.count - i) {
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at + 1 < b.count, b[at + 1] == 0x78 { return true }
                i = at + 1
            }
            return false
        }
        guard found else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }
}
