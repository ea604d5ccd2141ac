import Foundation
import LinearProgramming

/// The relaxation bound: a mixed-integer program over *places* instead of sections.
///
/// Students form blocks (`Students`): those with the same school, ranked choices and number wanted,
/// or, in larger districts, all of a school. Variables: `sections[template]` (integer: how many
/// sections of a course a teacher holds at a place, over the whole day) and
/// `seats[block, course, rank, place]` (continuous: how many of the block attend the course there).
/// Constraints that every valid timetable satisfies:
/// - a block takes at most its students' `wants` electives in all, and each course at most once
///   per student who chose it;
/// - the seats of a course at a place lie between `min_size` and the capacity of its sections
///   (`min(max_size, the largest suitable room there)` each);
/// - H5: at a host school, its own students fill at least `min_size` per visiting section;
/// - a teacher holds at most `min(max_sections, free slots)` sections;
/// - a site's sections fit its suitable rooms × slots (per room kind, and in total).
/// Slots, consecutive-slot travel and room sizes per section are relaxed away, and each enrolment
/// is valued at its rank value less the travel to that place, so the optimum (or GLPK's proven
/// bound on it) is an upper bound on the objective of every valid timetable.
enum RelaxationBound {
    struct Group: Hashable {
        var school: Int
        var wants: Int
        var choices: [Int]
    }

    /// Students as the relaxation sees them: blocks of students of one school, each block with
    /// a limit on its electives and, per course it chose at some rank, how many of it chose the
    /// course at that rank (each of them takes it at most once).
    struct Block {
        var school: Int
        var electives: Int
        var choices: [(course: Int, rank: Int, students: Int)]
    }

    /// How students are put together into blocks.
    enum Students {
        /// Students with the same school, ranked choices and number wanted (exact as far as the
        /// relaxation goes; in a district each student tends to be a block of their own).
        case equalChoices
        /// All students of a school, with per (course, rank) counts and the school's total
        /// electives: looser (a student's own `wants` is relaxed to the school's sum), and about
        /// five times smaller for 1,500 students.
        case perSchool
    }

    static func blocks(_ p: ProblemIndex, _ students: Students) -> [Block] {
        switch students {
        case .equalChoices:
            var counts: [Group: Int] = [:]
            var order: [Group] = []
            for s in p.students {
                let g = Group(school: s.school, wants: s.wants, choices: s.choices)
                if counts[g] == nil { order.append(g) }
                counts[g, default: 0] += 1
            }
            return order.map { g in
                let n = counts[g]!
                return Block(school: g.school, electives: n * g.wants, choices: g.choices.enumerated().map { ($1, $0, n) })
            }
        case .perSchool:
            struct Unit: Hashable { var course: Int; var rank: Int }
            var electives = [Int: Int]()
            var units = [Int: [Unit: Int]]()
            for st in p.students {
                electives[st.school, default: 0] += st.wants
                for (r, c) in st.choices.enumerated() { units[st.school, default: [:]][Unit(course: c, rank: r), default: 0] += 1 }
            }
            return electives.keys.sorted().map { school in
                let choices = units[school, default: [:]].sorted { ($0.key.course, $0.key.rank) < ($1.key.course, $1.key.rank) }
                    .map { (course: $0.key.course, rank: $0.key.rank, students: $0.value) }
                return Block(school: school, electives: electives[school]!, choices: choices)
            }
        }
    }

    /// Builds the relaxation; nil when it would be too large to solve in time.
    static func model(_ p: ProblemIndex, _ search: Search, students: Students = .equalChoices, maxColumns: Int) -> Model? {
        placesModel(p, search, students: students, maxColumns: maxColumns)?.model
    }

    /// The rows of the places model that `LagrangianBound` moves into the objective: per block
    /// its electives, per (block, course) pair its students (a row when the course has several
    /// places, else the seat's own upper bound).
    struct PlacesRows {
        var load: [Constraint?] = []
        var pair: [Constraint?] = []

        /// Multipliers from the linear relaxation's duals: (per block, per pair), each ≥ 0.
        func multipliers(_ duals: [Double]) -> (load: [Double], pair: [Double]) {
            (load.map { row in row.map { max(0, duals[$0.index]) } ?? 0 },
             pair.map { row in row.map { max(0, duals[$0.index]) } ?? 0 })
        }
    }

    /// `model`, with its structure and the rows `LagrangianBound` relaxes.
    static func placesModel(_ p: ProblemIndex, _ search: Search, students: Students = .equalChoices,
                            maxColumns: Int) -> (model: Model, structure: PlacesStructure, rows: PlacesRows)? {
        let order = blocks(p, students)
        guard placesColumns(p, search, order) <= maxColumns else { return nil }
        let structure = PlacesStructure(p, search, blocks: order)

        var model = Model(sense: .maximize)
        let placeCount = structure.places.count
        var capacityAt = [LinearExpression](repeating: LinearExpression(), count: placeCount)
        var sectionsAt = [LinearExpression](repeating: LinearExpression(), count: placeCount)
        var hostSections = [LinearExpression?](repeating: nil, count: placeCount)
        for (tpl, y, cap) in addSectionCounts(p, search, to: &model) {
            let i = structure.placeIndex[tpl.course][tpl.site]!
            capacityAt[i].add(Double(cap), y)
            sectionsAt[i].add(1, y)
            if tpl.needsHostStudents {
                var host = hostSections[i] ?? LinearExpression()
                host.add(structure.places[i].minSize, y)
                hostSections[i] = host
            }
        }

        // Seats per block, course and place.
        var seatsAt = [LinearExpression](repeating: LinearExpression(), count: placeCount)
        var hostSeatsAt = [LinearExpression](repeating: LinearExpression(), count: placeCount)
        var rows = PlacesRows()
        for (b, pairs) in structure.blockPairs.enumerated() {
            var load = LinearExpression()
            for q in pairs {
                var perCourse = LinearExpression()
                for j in structure.pairSeats[q] {
                    let seat = structure.seats[j]
                    let x = model.addVariable(lower: 0, upper: seat.upper, objective: seat.value)
                    perCourse.add(1, x)
                    load.add(1, x)
                    seatsAt[seat.place].add(1, x)
                    if seat.atHost { hostSeatsAt[seat.place].add(1, x) }
                }
                rows.pair.append(perCourse.terms.count > 1 ? model.addConstraint(perCourse, .lessOrEqual, structure.pairStudents[q]) : nil)
            }
            rows.load.append(!load.terms.isEmpty ? model.addConstraint(load, .lessOrEqual, structure.electives[b]) : nil)
        }
        for c in 0..<p.courses.count {
            for (_, i) in structure.placeIndex[c].sorted(by: { $0.key < $1.key }) {
                model.addConstraint(seatsAt[i] - capacityAt[i], .lessOrEqual, 0)
                model.addConstraint(seatsAt[i] - structure.places[i].minSize * sectionsAt[i], .greaterOrEqual, 0)
                if let host = hostSections[i] {
                    model.addConstraint(hostSeatsAt[i] - host, .greaterOrEqual, 0)
                }
            }
        }
        return (model, structure, rows)
    }

    /// The columns of the places model of `order`'s blocks (one seat per reachable place is
    /// counted as if every place were reachable), without building it.
    static func placesColumns(_ p: ProblemIndex, _ search: Search, _ order: [Block]) -> Int {
        let places = UpperBound.places(p, search)
        var columns = search.templates.count
        for b in order {
            for c in b.choices { columns += places[c.course].count }
        }
        return columns
    }

    /// The templates that may hold a section (a teacher with a free slot and sections left),
    /// with the most sections each and the seats one holds (`min(max_size, the largest
    /// suitable room at its site)`).
    static func countedTemplates(_ p: ProblemIndex, _ search: Search) -> [(template: SectionTemplate, most: Int, capacity: Int)] {
        search.templates.compactMap { tpl in
            let teacher = p.teachers[tpl.teacher]
            let free = min(teacher.maxSections, teacher.slotMask.nonzeroBitCount)
            guard free > 0 else { return nil }
            let course = p.courses[tpl.course]
            var cap = course.maxSize
            if tpl.site >= 0 {
                let largest = p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: tpl.course) }.map { p.rooms[$0].capacity }.max() ?? 0
                cap = SizeRule.capacity(maxSize: cap, roomCapacity: largest)
            }
            return (tpl, free, cap)
        }
    }

    /// A relaxed section count per template: an integer variable (at most the teacher's free
    /// slots), costing `section` each, with each teacher's and each site's limits (rooms × slots,
    /// per room kind and in total). Returns each template's variable and seat capacity.
    static func addSectionCounts(_ p: ProblemIndex, _ search: Search, to model: inout Model)
        -> [(template: SectionTemplate, count: Variable, capacity: Int)] {
        var out: [(template: SectionTemplate, count: Variable, capacity: Int)] = []
        var teacherSections = [LinearExpression](repeating: LinearExpression(), count: p.teachers.count)
        var siteSections = [Int: LinearExpression]()
        var siteKindSections = [SiteKind: LinearExpression]()
        for (tpl, free, cap) in countedTemplates(p, search) {
            let course = p.courses[tpl.course]
            let y = model.addVariable(lower: 0, upper: Double(free), kind: .integer, objective: -p.sectionCost)
            out.append((tpl, y, cap))
            teacherSections[tpl.teacher].add(1, y)
            if tpl.site >= 0 {
                siteSections[tpl.site, default: LinearExpression()].add(1, y)
                if !course.anyRoom {
                    siteKindSections[SiteKind(site: tpl.site, kind: course.roomKind), default: LinearExpression()].add(1, y)
                }
            }
        }
        addPinnedSections(p, out, to: &model)
        for (q, e) in teacherSections.enumerated() where !e.terms.isEmpty {
            let teacher = p.teachers[q]
            model.addConstraint(e, .lessOrEqual, Double(min(teacher.maxSections, teacher.slotMask.nonzeroBitCount)))
        }
        for (site, e) in siteSections.sorted(by: { $0.key < $1.key }) {
            model.addConstraint(e, .lessOrEqual, Double(p.roomsAtSite[site].count * p.slotCount))
        }
        for (sk, e) in siteKindSections.sorted(by: { ($0.key.site, $0.key.kind) < ($1.key.site, $1.key.kind) }) {
            let rooms = p.roomsAtSite[sk.site].filter { p.rooms[$0].kind == sk.kind }.count
            model.addConstraint(e, .lessOrEqual, Double(rooms * p.slotCount))
        }
        return out
    }

    struct SiteKind: Hashable { var site: Int; var kind: String }

    /// H6 with the pinned sections fixed: every pin's section is among the templates it allows
    /// (its course, and its teacher and place where given; room and slot are relaxed away), and
    /// pins get distinct sections, so the pins whose templates lie within pin `i`'s need at
    /// least that many sections there: `sum of those templates' counts >= that many`.
    static func addPinnedSections(_ p: ProblemIndex, _ counts: [(template: SectionTemplate, count: Variable, capacity: Int)],
                                  to model: inout Model) {
        guard !p.pins.isEmpty else { return }
        let allowed: [Set<Int>] = p.pins.map { pin in
            Set(counts.indices.filter { i in
                let tpl = counts[i].template
                return tpl.course == pin.course && (pin.teacher == nil || pin.teacher == tpl.teacher)
                    && (pin.site == nil || pin.site == tpl.site)
            })
        }
        var seen = Set<Set<Int>>()
        for set in allowed where seen.insert(set).inserted {
            let needed = allowed.filter { $0.isSubset(of: set) }.count
            model.addConstraint(LinearExpression.sum(set.sorted().map { counts[$0].count }), .greaterOrEqual, Double(needed))
        }
    }

    /// Largest relaxation by places that also goes to GLPK's MIP after the Lagrangian bound
    /// (the tiny and small districts, where it proves the relaxation's optimum).
    static let placesMIPColumns = 5_000

    /// Largest relaxation by places with students of equal choices together (columns as
    /// `placesColumns` counts them) that is bounded as a district's (a larger one as a city's).
    static let equalColumns = 150_000

    /// Largest relaxation by places with a school's students together that is tried.
    static let schoolColumns = 120_000

    /// Solves the relaxation; its proven bound, or nil.
    /// `found` hears each bound as it is proven (an LP's before the Lagrangian's that follows it).
    static func solve(_ p: ProblemIndex, _ search: Search, timeLimit: Double,
                      shouldStop: @escaping @Sendable () -> Bool = { false },
                      found: @escaping (Double, BoundMethod) -> Void = { _, _ in }) -> (value: Double, method: BoundMethod)? {
        let clock = Stopwatch()
        // A relaxation's MIP: its proven bound, each one also told to `found` as GLPK proves
        // it (a small district's run can stop at its target gap, or stop waiting for the bound,
        // long before the MIP ends).
        func placeBound(_ model: Model, timeLimit: Double, _ method: BoundMethod) -> Double? {
            var options = SolverOptions()
            options.timeLimit = timeLimit
            options.shouldStop = shouldStop
            options.presolve = true
            options.cuts = [.mixedIntegerRounding, .gomory]
            // GLPK calls back on this thread, within `Solver.solve` below.
            nonisolated(unsafe) let tell = found
            options.boundImproved = { tell($0, method) }
            return (try? Solver.solve(model, options: options))?.bound
        }
        // The solution of a model's linear relaxation by the primal simplex (about 4× faster
        // than the dual simplex on these: city 21 s against 87 s), or nil when not solved to
        // optimality in time.
        func linearSolution(_ model: Model, timeLimit: Double, _ name: String) -> Solution? {
            var options = SolverOptions()
            options.timeLimit = timeLimit
            options.method = .primalSimplex
            options.shouldStop = shouldStop
            let solution = try? Solver.solve(model.linearRelaxation(), options: options)
            if SearchStatistics.enabled {
                FileHandle.standardError.write(Data("bound: \(name) LP, \(model.variableCount) columns: \(String(describing: solution?.status)) \(String(describing: solution?.bound)) at \(clock.seconds) s\n".utf8))
            }
            guard let solution, solution.status == .optimal, solution.bound != nil else { return nil }
            return solution
        }
        let rest = { max(1, timeLimit - clock.seconds) }
        // The course-level LP with `students` together in `share` of the time left, then from its
        // duals and reduced costs, carried over to the blocks `order`, whole sections per place
        // (`PlacesStructure` of `order`, built only then) by Lagrangian relaxation in the rest
        // of the time when `wholeSections` and at least `lagrangianSeconds` are left. Nil when
        // the LP is not solved in time.
        func courseLPAndLagrangian(_ students: Students, share: Double, _ order: [Block], wholeSections: Bool,
                                   lagrangianSeconds: Double = 0) -> (value: Double, method: BoundMethod)? {
            guard let course = courseLevel(p, search, students: students, maxColumns: .max),
                  let solution = linearSolution(course.model, timeLimit: max(1, (timeLimit - clock.seconds) * share), "course (\(students))"),
                  let bound = solution.bound else { return nil }
            let method: BoundMethod = students == .equalChoices ? .relaxationStudentCoursesLP : .relaxationCourses
            found(bound, method)
            if wholeSections, let duals = solution.duals, let reduced = solution.reducedCosts, !shouldStop(), rest() >= lagrangianSeconds {
                let start = course.multipliers(for: order, duals: duals, reducedCosts: reduced)
                if let whole = LagrangianBound.solve(p, search, PlacesStructure(p, search, blocks: order), start: start, timeLimit: rest(), shouldStop: shouldStop,
                                                     improved: { found($0, .relaxationPlacesLagrangian) }),
                   whole < bound {
                    return (whole, .relaxationPlacesLagrangian)
                }
            }
            return (bound, method)
        }
        // The places model's linear relaxation, then whole sections by Lagrangian relaxation
        // from its duals in the rest of the time; nil when the LP is not solved in time.
        func placesLPAndLagrangian(_ model: Model, _ structure: PlacesStructure, _ rows: PlacesRows) -> (value: Double, method: BoundMethod)? {
            guard let solution = linearSolution(model, timeLimit: timeLimit * 0.75, "places"), let lp = solution.bound else { return nil }
            found(lp, .relaxationPlacesLP)
            if let duals = solution.duals, !shouldStop(),
               let whole = LagrangianBound.solve(p, search, structure, start: rows.multipliers(duals), timeLimit: rest(),
                                                 shouldStop: shouldStop, improved: { found($0, .relaxationPlacesLagrangian) }),
               whole < lp {
                return (whole, .relaxationPlacesLagrangian)
            }
            return (lp, .relaxationPlacesLP)
        }
        let order = blocks(p, .equalChoices)
        let columns = placesColumns(p, search, order)
        // Districts: the relaxation by places with whole sections, by Lagrangian relaxation
        // started from the course-level LP with a school's students together (what a city does,
        // below). Its LP takes a tenth of a second where the places model's took 4-15 s on two
        // cores and sometimes did not finish in a 30 s run's 18 s (generated district-1500-b
        // seed 1: 37,992 columns, no solution at 13.7 s, so its bound was the per-student
        // 249,441 instead of 223,106), and the Lagrangian ends within 0.02% of where it ends from
        // the places LP's duals (`setka bench-bound`: 223,107.9 in 1.0 s against 223,106.4 in
        // 8.9 s; held-out district-1500-b 245,981.0 in 1.3 s against 245,987.4 in 9.1 s;
        // district-900-b3 seed 1 192,049.7 in 0.5 s against 192,037.7 in 4.4 s), so the bound's
        // thread gives its core back to the search seconds earlier. When that LP is not solved,
        // the places LP and the Lagrangian from its duals. A small model also gets GLPK's MIP,
        // which proves its optimum in the rest of the time.
        if columns <= equalColumns {
            var best = courseLPAndLagrangian(.perSchool, share: 0.5, order, wholeSections: true)
            if best == nil, !shouldStop(), let (model, structure, rows) = placesModel(p, search, maxColumns: equalColumns) {
                best = placesLPAndLagrangian(model, structure, rows)
            }
            if columns <= placesMIPColumns, !shouldStop(), let model = model(p, search, maxColumns: placesMIPColumns),
               let mip = placeBound(model, timeLimit: rest(), .relaxationPlaces), mip < best?.value ?? .infinity {
                best = (mip, .relaxationPlaces)
            }
            if let best { return best }
            // Neither LP in time: the course-level model with students of equal choices together
            // (keeps each student's number of electives but values every seat at the nearest
            // place), else the places model with a school's students together (keeps where
            // seats are, but lets one student take a schoolmate's unserved electives), as MIPs.
            if !shouldStop(), let model = courseLevelModel(p, search, students: .equalChoices, maxColumns: courseColumns),
               let bound = placeBound(model, timeLimit: rest() * 0.5, .relaxationStudentCourses) {
                return (bound, .relaxationStudentCourses)
            }
            if !shouldStop(), let model = model(p, search, students: .perSchool, maxColumns: schoolColumns),
               let bound = placeBound(model, timeLimit: rest(), .relaxationSchoolPlaces) {
                return (bound, .relaxationSchoolPlaces)
            }
            return nil
        }
        // Cities: the linear relaxation of the course-level model with a school's students
        // together (city-20000-b, 69,026 columns: 17.6 s on a quiet machine), then from its duals,
        // carried over to the blocks of students with equal choices, the places model with whole
        // sections by Lagrangian relaxation, without a GLPK model (1.1 million seats: 3,039,992 →
        // 2,861,792 in 325 steps, 21 s). Where the places model is too large even for that: the
        // course-level LP with students of equal choices together when there is time for it (its
        // blocks split a school's, so it is tighter; city-20000-b: 2,910,486 after 54–96 s), else
        // with a school's students together. (The Lagrangian from the equal-choice LP's duals
        // ended at 2,862,679 after 89 s in all.)
        let byPlaces = columns <= cityPlacesColumns
        let attempts: [(Students, Double)] = byPlaces ? [(.perSchool, 0.5)]
            : timeLimit >= equalCourseLPSeconds ? [(.equalChoices, 0.7), (.perSchool, 1.0)] : [(.perSchool, 1.0)]
        for (students, share) in attempts {
            if shouldStop() { return nil }
            if let bound = courseLPAndLagrangian(students, share: share, order, wholeSections: byPlaces,
                                                 lagrangianSeconds: cityLagrangianSeconds) {
                return bound
            }
        }
        return nil
    }

    /// The least time left after a city's course-level LP for the Lagrangian bound by places.
    static let cityLagrangianSeconds = 10.0

    /// Largest relaxation by places (seats as `placesColumns` counts them) that the Lagrangian
    /// bound works on without a model.
    static let cityPlacesColumns = 4_000_000

    /// The least time for the bound in which a city's course-level LP with students of equal
    /// choices together is tried first (when its places model is too large for the Lagrangian).
    static let equalCourseLPSeconds = 120.0

    /// Largest course-level relaxation with students of equal choices together that is tried
    /// as a MIP.
    static let courseColumns = 40_000

    /// A smaller relaxation for cities and large districts: the blocks of `students` (see
    /// `blocks`), each (course, rank) of a block valued at its best reachable place (the rank
    /// value less the least travel to a place of the course), each block's electives limited;
    /// per course, seats within the capacity and minimum of its sections; teachers' and sites'
    /// section limits as in `model`. Nil when it has more than `maxColumns` columns.
    static func courseLevelModel(_ p: ProblemIndex, _ search: Search, students: Students, maxColumns: Int) -> Model? {
        courseLevel(p, search, students: students, maxColumns: maxColumns)?.model
    }

    /// The course-level model, and per block its electives row and per (block, course) pair
    /// (one per choice of each block, as in `PlacesStructure`) its column, when it has one.
    struct CourseLevel {
        var model: Model
        var students: Students
        /// The model's blocks, in the order of its rows and columns.
        var blocks: [Block]
        var loadRows: [Constraint?] = []
        var pairColumns: [Variable?] = []

        /// This model's LP multipliers carried over to the blocks `order` of the places model:
        /// each block takes the electives dual of the model's block of its school (with a school's
        /// students together) or of itself (equal choices), and each of its pairs the reduced
        /// cost of that block's (course, rank).
        func multipliers(for order: [Block], duals: [Double], reducedCosts: [Double]) -> (load: [Double], pair: [Double]) {
            let (load, pair) = multipliers(duals: duals, reducedCosts: reducedCosts)
            struct Unit: Hashable { var block: Int; var course: Int; var rank: Int }
            var blockOf = [Group: Int](), unitPrice = [Unit: Double]()
            var q = 0
            for (i, b) in blocks.enumerated() {
                blockOf[key(b)] = i
                for (c, r, _) in b.choices { unitPrice[Unit(block: i, course: c, rank: r)] = pair[q]; q += 1 }
            }
            var outLoad: [Double] = [], outPair: [Double] = []
            for b in order {
                let i = blockOf[key(b)]
                outLoad.append(i.map { load[$0] } ?? 0)
                for (c, r, _) in b.choices { outPair.append(i.flatMap { unitPrice[Unit(block: $0, course: c, rank: r)] } ?? 0) }
            }
            return (outLoad, outPair)
        }

        /// What identifies a block of this model: its school, and with equal choices also its
        /// students' choices and number wanted.
        private func key(_ b: Block) -> Group {
            switch students {
            case .perSchool: return Group(school: b.school, wants: 0, choices: [])
            case .equalChoices: return Group(school: b.school, wants: b.electives / max(1, b.choices.first?.students ?? 1), choices: b.choices.map(\.course))
            }
        }

        /// Multipliers for `LagrangianBound` from this model's LP: each block's electives row's
        /// dual, and each pair's column's reduced cost (the dual of its upper bound), each ≥ 0.
        func multipliers(duals: [Double], reducedCosts: [Double]) -> (load: [Double], pair: [Double]) {
            (loadRows.map { row in row.map { max(0, duals[$0.index]) } ?? 0 },
             pairColumns.map { x in x.map { max(0, reducedCosts[$0.index]) } ?? 0 })
        }
    }

    static func courseLevel(_ p: ProblemIndex, _ search: Search, students: Students, maxColumns: Int) -> CourseLevel? {
        let places = UpperBound.places(p, search)
        let order = blocks(p, students)
        var columns = search.templates.count
        for b in order { columns += b.choices.count }
        guard columns <= maxColumns else { return nil }
        var model = Model(sense: .maximize)
        var capacity = [LinearExpression](repeating: LinearExpression(), count: p.courses.count)
        var sections = [LinearExpression](repeating: LinearExpression(), count: p.courses.count)
        for (tpl, y, cap) in addSectionCounts(p, search, to: &model) {
            capacity[tpl.course].add(Double(cap), y)
            sections[tpl.course].add(1, y)
        }
        var seats = [LinearExpression](repeating: LinearExpression(), count: p.courses.count)
        var loadRows: [Constraint?] = []
        var pairColumns: [Variable?] = []
        for b in order {
            var load = LinearExpression()
            for (c, r, n) in b.choices {
                guard let v = UpperBound.bestValue(p, places: places[c], school: b.school, rank: r), v > 0 else {
                    pairColumns.append(nil)
                    continue
                }
                let x = model.addVariable(lower: 0, upper: Double(n), objective: v)
                pairColumns.append(x)
                seats[c].add(1, x)
                load.add(1, x)
            }
            loadRows.append(!load.terms.isEmpty ? model.addConstraint(load, .lessOrEqual, Double(b.electives)) : nil)
        }
        for c in 0..<p.courses.count where !seats[c].terms.isEmpty {
            model.addConstraint(seats[c] - capacity[c], .lessOrEqual, 0)
            model.addConstraint(seats[c] - Double(p.courses[c].minSize) * sections[c], .greaterOrEqual, 0)
        }
        return CourseLevel(model: model, students: students, blocks: order, loadRows: loadRows, pairColumns: pairColumns)
    }
}
