import Foundation

extension Model {
    /// The model in free MPS format, for another solver (HiGHS, CBC, SCIP): the objective row
    /// `obj` (with `OBJSENSE MAX` for a maximisation and the constant as its negated RHS, as the
    /// format has it), rows `r0`, `r1` … and columns `c0`, `c1` … in creation order (names are
    /// left out: the model's own may hold spaces), integer columns between `INTORG`/`INTEND`
    /// markers with both bounds written (readers differ on an integer column's default upper
    /// bound), a row with two finite bounds as `L` with a range, a free row left out.
    public func mps(name: String = "setka") -> String {
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
        let rowKind: [Character?] = (0..<constraintCount).map { i in
            let (lo, up) = (rowLower[i], rowUpper[i])
            switch (lo.isFinite, up.isFinite) {
            case (true, true): return lo == up ? "E" : "L"
            case (true, false): return "G"
            case (false, true): return "L"
            case (false, false): return nil
            }
        }
        // Column-wise entries (the model keeps them by row).
        var byColumn = [[(row: Int, value: Double)]](repeating: [], count: variableCount)
        for i in 0..<constraintCount where rowKind[i] != nil {
            for k in rowStart[i]..<rowStart[i + 1] where entryValue[k] != 0 { byColumn[entryColumn[k]].append((i, entryValue[k])) }
        }
        var out = "NAME \(name)\n"
        if sense == .maximize { out += "OBJSENSE\n    MAX\n" }
        out += "ROWS\n N obj\n"
        for (i, kind) in rowKind.enumerated() { if let kind { out += " \(kind) r\(i)\n" } }
        out += "COLUMNS\n"
        var inInteger = false
        for j in 0..<variableCount {
            let integer = columnKind[j] != .continuous
            if integer != inInteger {
                out += integer ? "    MARKER 'MARKER' 'INTORG'\n" : "    MARKER 'MARKER' 'INTEND'\n"
                inInteger = integer
            }
            if columnObjective[j] != 0 { out += "    c\(j) obj \(number(columnObjective[j]))\n" }
            for (row, value) in byColumn[j] { out += "    c\(j) r\(row) \(number(value))\n" }
            if columnObjective[j] == 0 && byColumn[j].isEmpty { out += "    c\(j) obj 0\n" }
        }
        if inInteger { out += "    MARKER 'MARKER' 'INTEND'\n" }
        out += "RHS\n"
        if objectiveConstant != 0 { out += "    rhs obj \(number(-objectiveConstant))\n" }
        for (i, kind) in rowKind.enumerated() {
            guard let kind else { continue }
            let rhs = kind == "G" || kind == "E" ? rowLower[i] : rowUpper[i]
            if rhs != 0 { out += "    rhs r\(i) \(number(rhs))\n" }
        }
        let ranged = rowKind.indices.filter { rowKind[$0] == "L" && rowLower[$0].isFinite }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for i in ranged { out += "    rng r\(i) \(number(rowUpper[i] - rowLower[i]))\n" }
        }
        out += "BOUNDS\n"
        for j in 0..<variableCount {
            let binary = columnKind[j] == .binary
            let (lo, up) = binary ? (max(0, columnLower[j]), min(1, columnUpper[j])) : (columnLower[j], columnUpper[j])
            let integer = columnKind[j] != .continuous
            if lo.isFinite, up.isFinite, lo == up { out += " FX bnd c\(j) \(number(lo))\n"; continue }
            if !lo.isFinite && !up.isFinite { out += " FR bnd c\(j)\n"; continue }
            if !lo.isFinite { out += " MI bnd c\(j)\n" } else if lo != 0 || integer { out += " LO bnd c\(j) \(number(lo))\n" }
            if up.isFinite { out += " UP bnd c\(j) \(number(up))\n" } else if integer { out += " PL bnd c\(j)\n" }
        }
        return out + "ENDATA\n"
    }
}
