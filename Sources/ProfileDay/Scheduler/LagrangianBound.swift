import Foundation
import LinearProgramming

/// The relaxation by places without its model: its seats grouped by place, block and (block,
/// course) pair, which `RelaxationBound.placesModel` turns into a GLPK model and
/// `LagrangianBound` works on directly (a city's would be too large a model).
struct PlacesStructure {
    /// How many of a block attend a course at a place.
    struct Seat {
        var block: Int
        /// The (block, course) pair whose students take the course at most once each.
        var pair: Int
        var place: Int
        /// Rank value less travel to the place.
        var value: Double
        /// The block's students who chose the course.
        var upper: Double
        /// The block's school is the place (H5 counts its seats as the host's).
        var atHost: Bool
    }

    /// A course at a place (a site, or remote) where some teacher may hold sections.
    struct Place {
        var course: Int
        var site: Int
        /// Seats one section holds there (`min(max_size, the largest suitable room)`).
        var capacity: Double
        var minSize: Double
        /// Every template there is a visiting teacher's (H5): each section needs `minSize` of
        /// the host's own students.
        var hostOnly: Bool
        var seats: [Int] = []
    }

    var seats: [Seat] = []
    var places: [Place] = []
    /// Per course, the place (index into `places`) at each site (-1: remote).
    var placeIndex: [[Int: Int]]
    /// Per block: its electives (students × wants) and its pairs (indices into `pairStudents`).
    var electives: [Double] = []
    var blockPairs: [Range<Int>] = []
    /// Per (block, course) pair, one per choice of the block in its order: its students and its
    /// seats (indices into `seats`, one per reachable place).
    var pairStudents: [Double] = []
    var pairSeats: [Range<Int>] = []

    init(courses: Int) { placeIndex = Array(repeating: [:], count: courses) }

    /// The places of the templates that may hold a section, and the seats of `blocks` there
    /// within the trip limit, each valued at its rank value less the travel.
    init(_ p: ProblemIndex, _ search: Search, blocks: [RelaxationBound.Block]) {
        self.init(courses: p.courses.count)
        for (tpl, _, cap) in RelaxationBound.countedTemplates(p, search) {
            if let i = placeIndex[tpl.course][tpl.site] {
                places[i].capacity = max(places[i].capacity, Double(cap))
                places[i].hostOnly = places[i].hostOnly && tpl.needsHostStudents
            } else {
                placeIndex[tpl.course][tpl.site] = places.count
                places.append(Place(course: tpl.course, site: tpl.site, capacity: Double(cap),
                                    minSize: Double(p.courses[tpl.course].minSize), hostOnly: tpl.needsHostStudents))
            }
        }
        let sites = UpperBound.places(p, search)
        for (blockIndex, b) in blocks.enumerated() {
            electives.append(Double(b.electives))
            let firstPair = pairStudents.count
            for (c, r, students) in b.choices {
                let pair = pairStudents.count
                pairStudents.append(Double(students))
                let firstSeat = seats.count
                for site in sites[c] {
                    guard let place = placeIndex[c][site] else { continue }
                    let minutes = site < 0 ? 0 : p.minutes(b.school, site)
                    guard StudentRule.withinTrip(minutes: minutes, limit: p.maxTrip) else { continue }
                    places[place].seats.append(seats.count)
                    seats.append(Seat(block: blockIndex, pair: pair, place: place,
                                      value: p.rankValue(r) - p.travelMinute * minutes,
                                      upper: Double(students), atHost: site == b.school))
                }
                pairSeats.append(firstSeat..<seats.count)
            }
            blockPairs.append(firstPair..<pairStudents.count)
        }
    }
}

/// An upper bound of the relaxation by places in which sections stay whole, by Lagrangian
/// relaxation.
///
/// The linear relaxation of the places model lets a fraction of a section take the best
/// students of a place at full value: half a section at a school holds its best dozen for half
/// a section's cost, teacher and room (district-1500-b: 126.5 sections in the LP against 141 in
/// the timetable, one teacher's three sections spread over five schools). Here each block's
/// electives and each (block, course) limit go into the objective with multipliers μ, ν ≥ 0.
/// What is left splits by place: `k` whole sections of a course at a place hold the best seats
/// by the adjusted values (`PlaceSeats.best`, with H3's minimum and H5's host students), and the
/// section counts obey the teachers' and sites' limits, a network flow with concave gains
/// (each place's values replaced by their upper concave envelope, which only raises them),
/// solved as an LP. For every μ, ν ≥ 0 its optimum plus `Σ μ·electives + Σ ν·students` is an
/// upper bound on the places MIP, so on every valid timetable; deflected subgradient steps from the
/// linear relaxation's duals lower it. A city's places model is too large for GLPK: there the
/// steps start from the duals and reduced costs of its course-level LP with a school's students
/// together, carried over to the blocks (`RelaxationBound.CourseLevel.multipliers(for:)`).
enum LagrangianBound {
    /// Subgradient steps (Polyak's rule): the step is `theta · (L − target) / |g|²` with the
    /// target `targetShare · theta` below the best bound so far; `theta` starts at 1 and halves
    /// after `patience` steps that do not lower the bound, and the method ends below
    /// `smallestTheta`. (district-1500-b from its LP's 247,400: 246,092 with a patience of 12
    /// in 2.9 s, 246,041 with 20 in 8.7 s; a target at the timetable's objective gave 246,021.)
    static let patience = 20
    static let targetShare = 0.02
    static let smallestTheta = 1e-3
    /// The method also ends when `plateauSteps` steps lowered the bound by less than
    /// `plateauShare` of it: its thread takes time from the search's on two cores.
    /// (district-1500-b: 246,066 after 200 steps, 246,056 after 300 and 363.)
    static let plateauSteps = 100
    static let plateauShare = 5e-5
    /// Each step's direction is the projected subgradient `g` plus `beta` times the last
    /// direction `d` when they disagree, `beta = -deflection · g·d / |d|²` (Camerini, Fratta and
    /// Maffioli's rule): the zigzag between two faces is damped. (From the same start, city-20000-b
    /// 2,862,571 after 672 steps without it, 2,861,806 after 405 with; district-1500-b
    /// 246,059.1 → 245,987.4.)
    static let deflection = 1.5

    /// The best bound found within `timeLimit` seconds from the multipliers `start` (per block,
    /// per pair; each ≥ 0), or nil when none was computed; `improved` hears each better one.
    static func solve(_ p: ProblemIndex, _ search: Search, _ s: PlacesStructure, start: (load: [Double], pair: [Double]),
                      timeLimit: Double, shouldStop: @escaping @Sendable () -> Bool,
                      improved: @escaping (Double) -> Void = { _ in }) -> Double? {
        let clock = Stopwatch()
        var mu = start.load
        var nu = start.pair

        // The flow: the section counts of `RelaxationBound.addSectionCounts` (teachers' and
        // sites' limits, pins), and per place unit steps `step[place][k-1]` whose sum is the
        // place's section count, valued by the envelope's slopes.
        var flow = Model(sense: .maximize)
        let counts = RelaxationBound.addSectionCounts(p, search, to: &flow)
        var countsAt = [LinearExpression](repeating: LinearExpression(), count: s.places.count)
        var largest = [Double](repeating: 0, count: s.places.count)
        for (tpl, y, _) in counts {
            guard let i = s.placeIndex[tpl.course][tpl.site] else { continue }
            countsAt[i].add(1, y)
            largest[i] += flow.bounds(of: y)?.upper ?? 0
        }
        var steps = [[Variable]](repeating: [], count: s.places.count)
        for i in s.places.indices {
            let most = Int(min(largest[i], PlaceSeats.mostSections(s, place: i)).rounded(.down))
            steps[i] = (0..<max(0, most)).map { _ in flow.addVariable(lower: 0, upper: 1) }
            flow.addConstraint(countsAt[i] - LinearExpression.sum(steps[i]), .equal, 0)
        }
        flow = flow.linearRelaxation()

        var best: Double?
        var theta = 1.0
        var sinceBetter = 0
        var iterations = 0
        var adjusted = [Double](repeating: 0, count: s.seats.count)
        var objective = [Double](repeating: 0, count: flow.variableCount)
        // Each place's seats in the last step's order: the next sort starts nearly sorted.
        var orders = s.places.map(\.seats)
        var trajectory: [String] = []
        var dMu: [Double] = [], dNu: [Double] = []
        var bests: [Double] = []
        // The relaxed day at the best multipliers (diagnostics only): seats, their value, sections.
        let diagnose = SearchStatistics.enabled
        var bestShape = (seats: 0.0, value: 0.0, sections: 0)
        // And per place (the course at a site, or remote): sections and seats.
        var bestPlaces: [(place: Int, sections: Int, seats: Double)] = []
        for (_, y, _) in counts { objective[y.index] = flow.objectiveCoefficient(of: y) ?? 0 }
        // Each place's seats by the values the multipliers adjust, and the flow's objective
        // from them (its steps valued by the envelope's slopes).
        func valued() -> [PlaceSeats] {
            for (j, seat) in s.seats.enumerated() { adjusted[j] = seat.value - mu[seat.block] - nu[seat.pair] }
            var seats = [PlaceSeats]()
            seats.reserveCapacity(s.places.count)
            for i in s.places.indices {
                let ps = PlaceSeats(s, place: i, adjusted: adjusted, most: steps[i].count, from: orders[i])
                orders[i] = ps.order.map(\.seat)
                for (k, slope) in ps.slopes.enumerated() { objective[steps[i][k].index] = slope }
                seats.append(ps)
            }
            return seats
        }
        var seats = valued()
        for place in steps { for x in place { flow.setObjectiveCoefficient(of: x, to: objective[x.index]) } }
        var options = SolverOptions()
        options.timeLimit = max(0.1, timeLimit)
        // The flow LP once, then again from its last basis after each step of the multipliers
        // (only its objective changes): a few pivots where a fresh solve takes thousands.
        _ = try? Solver.reoptimize(flow, options: options) { solution in
            guard let flowValue = solution.objective else { return nil }
            iterations += 1
            var value = flowValue
            for b in mu.indices { value += mu[b] * s.electives[b] }
            for q in nu.indices { value += nu[q] * s.pairStudents[q] }
            // GLPK's tolerances: never claim more than was shown.
            value += 1e-7 * max(1, abs(value))
            if let b = best, value >= b - 1e-6 * max(1, abs(b)) {
                best = min(b, value)
                sinceBetter += 1
                if sinceBetter >= patience { theta /= 2; sinceBetter = 0 }
            } else {
                best = value
                sinceBetter = 0
                improved(value)
            }

            // Subgradient: how far each relaxed row is from its limit at this optimum.
            var gMu = s.electives
            var gNu = s.pairStudents
            var shape = (seats: 0.0, value: 0.0, sections: 0)
            var shapePlaces: [(place: Int, sections: Int, seats: Double)] = []
            for i in s.places.indices {
                let k = Int((steps[i].reduce(0) { $0 + (solution.values[$1.index]) }).rounded())
                guard k > 0, k <= seats[i].values.count, let fill = seats[i].best(k) else { continue }
                for (j, amount) in fill {
                    gMu[s.seats[j].block] -= amount
                    gNu[s.seats[j].pair] -= amount
                }
                if diagnose {
                    var placeSeats = 0.0
                    for (j, amount) in fill { placeSeats += amount; shape.value += amount * s.seats[j].value }
                    shape.sections += k
                    shape.seats += placeSeats
                    shapePlaces.append((i, k, placeSeats))
                }
            }
            if diagnose && best == value { bestShape = shape; bestPlaces = shapePlaces }
            // Projected: a component at 0 that would go up stays at 0.
            for b in mu.indices where !(mu[b] > 0 || gMu[b] < 0) { gMu[b] = 0 }
            for q in nu.indices where !(nu[q] > 0 || gNu[q] < 0) { gNu[q] = 0 }
            // Deflected: a direction that turns back against the last one takes part of it.
            if !dMu.isEmpty {
                var dot = 0.0, dn = 0.0
                for b in mu.indices { dot += gMu[b] * dMu[b]; dn += dMu[b] * dMu[b] }
                for q in nu.indices { dot += gNu[q] * dNu[q]; dn += dNu[q] * dNu[q] }
                let beta = dot < 0 && dn > 0 ? -deflection * dot / dn : 0
                if beta > 0 {
                    for b in mu.indices { gMu[b] += beta * dMu[b] }
                    for q in nu.indices { gNu[q] += beta * dNu[q] }
                }
            }
            dMu = gMu; dNu = gNu
            var norm = 0.0
            for b in mu.indices { norm += gMu[b] * gMu[b] }
            for q in nu.indices { norm += gNu[q] * gNu[q] }
            bests.append(best!)
            if bests.count > plateauSteps, bests[bests.count - 1 - plateauSteps] - best! < plateauShare * abs(best!) { return nil }
            if SearchStatistics.enabled && iterations % 50 == 0 { trajectory.append("\(iterations): \(Int(best!)) at \(String(format: "%.1f", clock.seconds)) s") }
            guard norm > 1e-12 else { return nil }
            let target = best! * (1 - targetShare * theta)
            let t = theta * max(0, value - target) / norm
            for b in mu.indices { mu[b] = max(0, mu[b] - t * gMu[b]) }
            for q in nu.indices { nu[q] = max(0, nu[q] - t * gNu[q]) }
            guard clock.seconds < timeLimit && !shouldStop() && theta > smallestTheta else { return nil }
            seats = valued()
            return objective
        }
        if SearchStatistics.enabled {
            FileHandle.standardError.write(Data("bound: Lagrangian, \(iterations) iterations (\(s.seats.count) seats, \(s.places.count) places, \(flow.variableCount) flow columns): \(String(describing: best)) at \(clock.seconds) s; at the best multipliers \(Int(bestShape.seats)) seats of \(Int(s.electives.reduce(0, +))) electives worth \(Int(bestShape.value)), \(bestShape.sections) sections; \(trajectory.joined(separator: ", "))\n".utf8))
            // One line per run: COURSE@SITE:SECTIONS/SEATS, to set beside a timetable's sections.csv.
            let places = bestPlaces.map { shape -> String in
                let place = s.places[shape.place]
                let site = place.site < 0 ? "remote" : p.scenario.organisations[p.siteOrganisation[place.site]].id
                return "\(p.scenario.courses[place.course].id)@\(site):\(shape.sections)/\(String(format: "%.1f", shape.seats))"
            }
            FileHandle.standardError.write(Data("bound: the relaxed day by place \(places.joined(separator: " "))\n".utf8))
        }
        return best
    }
}

/// The seats of one place by adjusted value, and what `k` whole sections there can hold.
struct PlaceSeats {
    let capacity: Double
    let minSize: Double
    let hostOnly: Bool
    /// The place's seats, best adjusted value first: (seat, adjusted value, upper, at host).
    let order: [(seat: Int, value: Double, upper: Double, host: Bool)]
    /// The upper concave envelope's slope from `k - 1` to `k` sections, k = 1...most.
    private(set) var slopes: [Double] = []
    /// `best(k)`'s value for k = 1, 2, ... up to the first count the seats cannot fill (none
    /// beyond it can).
    private(set) var values: [Double] = []

    /// The most sections the place's seats can fill: H3's minimum each, and with H5 each from
    /// the host's own students.
    static func mostSections(_ s: PlacesStructure, place i: Int) -> Double {
        let place = s.places[i]
        guard place.capacity >= place.minSize else { return 0 }
        guard place.minSize > 0 else { return .infinity }
        let seats = place.seats.map { s.seats[$0] }
        let total = seats.reduce(0) { $0 + $1.upper }
        let host = seats.reduce(0) { $0 + ($1.atHost ? $1.upper : 0) }
        return ((place.hostOnly ? host : total) / place.minSize + 1e-9).rounded(.down)
    }

    /// The place's seats sorted by `adjusted` (starting from the order `from`, any order of the
    /// place's seats: a nearly sorted one sorts fast), and the values of up to `most` sections.
    init(_ s: PlacesStructure, place i: Int, adjusted: [Double], most: Int, from start: [Int]? = nil) {
        let place = s.places[i]
        capacity = place.capacity
        minSize = place.minSize
        hostOnly = place.hostOnly
        order = (start ?? place.seats).map { (seat: $0, value: adjusted[$0], upper: s.seats[$0].upper, host: s.seats[$0].atHost) }
            .sorted { ($0.value, -$0.seat) > ($1.value, -$1.seat) }
        values = hostOnly ? valuesByFilling(most, adjusted) : valuesInOrder(most)
        // f(0) = 0, f(k) the best seats of k sections less nothing (sections cost in the flow).
        var points: [(k: Double, f: Double)] = [(0, 0)]
        for (k, f) in values.enumerated() { points.append((Double(k + 1), f)) }
        // Upper concave envelope of the points (monotone chain), then its unit slopes.
        var hull: [(k: Double, f: Double)] = []
        for pt in points {
            while hull.count >= 2 {
                let a = hull[hull.count - 2], b = hull[hull.count - 1]
                // Drop b when it lies on or below the segment from a to pt.
                if (b.f - a.f) * (pt.k - a.k) <= (pt.f - a.f) * (b.k - a.k) { hull.removeLast() } else { break }
            }
            hull.append(pt)
        }
        var out: [Double] = []
        for h in 1..<hull.count {
            let a = hull[h - 1], b = hull[h]
            let slope = (b.f - a.f) / (b.k - a.k)
            for _ in 0..<Int(b.k - a.k) { out.append(slope) }
        }
        // Counts the seats cannot fill (`most` beyond them) get no step value: they are
        // infeasible, so their steps are worth nothing and cost a section.
        while out.count < most { out.append(-1e6) }
        slopes = out
    }

    /// `best(k)`'s values by filling each count anew (with H5: the host's seats come first).
    private func valuesByFilling(_ most: Int, _ adjusted: [Double]) -> [Double] {
        var out: [Double] = []
        for k in stride(from: 1, through: most, by: 1) {
            guard let taken = best(k) else { break }
            out.append(taken.reduce(0) { $0 + adjusted[$1.seat] * $1.amount })
        }
        return out
    }

    /// `best(k)`'s values without H5 in one pass: `k` sections take the order's first
    /// `min(capacity·k, the gaining seats)` seats, and at least `minSize·k`.
    private func valuesInOrder(_ most: Int) -> [Double] {
        var out: [Double] = []
        var gaining = 0.0, total = 0.0
        for o in order {
            total += o.upper
            if o.value > 0 { gaining += o.upper }
        }
        var taken = 0.0, value = 0.0
        var n = 0, partial = 0.0  // seats of order[n] already taken
        for k in stride(from: 1, through: most, by: 1) {
            let need = minSize * Double(k), room = capacity * Double(k)
            guard room + 1e-9 >= need, total + 1e-9 >= need else { break }
            let amount = gaining >= need - 1e-12 ? min(room, gaining) : need
            while taken < amount - 1e-12 && n < order.count {
                let a = min(order[n].upper - partial, amount - taken)
                taken += a
                partial += a
                value += a * order[n].value
                if partial >= order[n].upper - 1e-12 { n += 1; partial = 0 }
            }
            out.append(value)
        }
        return out
    }

    /// The best seats for `k` sections: with H5, `minSize·k` of the host's best first; then
    /// the best of the rest while they gain, at least `minSize·k` and at most `capacity·k` in
    /// all. Nil when the seats cannot fill them.
    func best(_ k: Int) -> [(seat: Int, amount: Double)]? {
        let need = minSize * Double(k), room = capacity * Double(k)
        guard room + 1e-9 >= need else { return nil }
        var left = order.map(\.upper)
        var taken = [(seat: Int, amount: Double)]()
        var total = 0.0
        if hostOnly {
            for (n, o) in order.enumerated() where o.host && total < need {
                let a = min(left[n], need - total)
                guard a > 0 else { continue }
                taken.append((o.seat, a)); left[n] -= a; total += a
            }
            guard total + 1e-9 >= need else { return nil }
        }
        for (n, o) in order.enumerated() {
            if total >= room - 1e-12 { break }
            if o.value <= 0 && total >= need - 1e-12 { break }
            var a = min(left[n], room - total)
            if o.value <= 0 { a = min(a, need - total) }
            guard a > 0 else { continue }
            taken.append((o.seat, a)); left[n] -= a; total += a
        }
        guard total + 1e-9 >= need else { return nil }
        return taken
    }
}
