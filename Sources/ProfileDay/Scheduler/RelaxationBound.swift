import LinearProgramming

/// The relaxation bound: a mixed-integer program over *places* instead of sections.
///
/// Students with the same school, ranked choices and number wanted form one group. Variables:
/// `sections[template]` (integer: how many sections of a course a teacher holds at a place, over
/// the whole day) and `seats[group, course, place]` (continuous: how many of the group attend the
/// course there). Constraints that every valid timetable satisfies:
/// - a group takes at most `wants` electives per student and each course at most once per student;
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

    /// Builds the relaxation; nil when it would be too large to solve in time.
    ///
    /// `coarse` (for cities, where students with identical choices are rare): students are
    /// aggregated per school, course and rank, and only each school's total number of electives
    /// is limited (not each student's) — weaker, still a relaxation.
    static func model(_ p: ProblemIndex, _ search: Search, maxColumns: Int, coarse: Bool = false) -> Model? {
        var counts: [Group: Int] = [:]
        var order: [Group] = []
        var schoolWants = [Int: Int]()
        for s in p.students {
            if coarse {
                schoolWants[s.school, default: 0] += s.wants
                for (r, c) in s.choices.enumerated() {
                    // A unit "rank r of course c at this school": choices padded so that rank
                    // values stay those of the students' lists.
                    let g = Group(school: s.school, wants: 1, choices: Array(repeating: -1, count: r) + [c])
                    if counts[g] == nil { order.append(g) }
                    counts[g, default: 0] += 1
                }
            } else {
                let g = Group(school: s.school, wants: s.wants, choices: s.choices)
                if counts[g] == nil { order.append(g) }
                counts[g, default: 0] += 1
            }
        }
        let places = UpperBound.places(p, search)
        var columns = 0
        for g in order {
            for c in g.choices where c >= 0 { columns += places[c].count }
        }
        columns += search.templates.count
        guard columns <= maxColumns else { return nil }

        var model = Model(sense: .maximize)
        // Sections per template.
        var sectionsAt = [[Int: [Variable]]](repeating: [:], count: p.courses.count)
        var capacityAt = [[Int: LinearExpression]](repeating: [:], count: p.courses.count)
        var hostSections = [[Int: LinearExpression]](repeating: [:], count: p.courses.count)
        var teacherSections = [LinearExpression](repeating: LinearExpression(), count: p.teachers.count)
        var siteSections = [Int: LinearExpression]()
        var siteKindSections = [SiteKind: LinearExpression]()
        for tpl in search.templates {
            let teacher = p.teachers[tpl.teacher]
            let free = min(teacher.maxSections, teacher.slotMask.nonzeroBitCount)
            guard free > 0 else { continue }
            let v = model.addVariable(lower: 0, upper: Double(free), kind: .integer, objective: -p.sectionCost)
            let course = p.courses[tpl.course]
            var cap = course.maxSize
            if tpl.site >= 0 {
                let largest = p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: tpl.course) }.map { p.rooms[$0].capacity }.max() ?? 0
                cap = min(cap, largest)
            }
            sectionsAt[tpl.course][tpl.site, default: []].append(v)
            capacityAt[tpl.course][tpl.site, default: LinearExpression()].add(Double(cap), v)
            if tpl.needsHostStudents { hostSections[tpl.course][tpl.site, default: LinearExpression()].add(Double(course.minSize), v) }
            teacherSections[tpl.teacher].add(1, v)
            if tpl.site >= 0 {
                siteSections[tpl.site, default: LinearExpression()].add(1, v)
                if !course.anyRoom {
                    siteKindSections[SiteKind(site: tpl.site, kind: course.roomKind), default: LinearExpression()].add(1, v)
                }
            }
        }
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

        // Seats per group, course and place.
        var seatsAt = [[Int: LinearExpression]](repeating: [:], count: p.courses.count)
        var hostSeatsAt = [[Int: LinearExpression]](repeating: [:], count: p.courses.count)
        var schoolLoad = [Int: LinearExpression]()
        for g in order {
            let n = Double(counts[g]!)
            var load = LinearExpression()
            for (r, c) in g.choices.enumerated() where c >= 0 {
                var perCourse = LinearExpression()
                for site in places[c] where sectionsAt[c][site] != nil {
                    let minutes = site < 0 ? 0 : p.minutes(g.school, site)
                    guard minutes <= p.maxTrip + 1e-9 else { continue }
                    let value = p.rankValue(r) - p.travelMinute * minutes
                    let x = model.addVariable(lower: 0, upper: n, objective: value)
                    perCourse.add(1, x)
                    load.add(1, x)
                    seatsAt[c][site, default: LinearExpression()].add(1, x)
                    if site == g.school { hostSeatsAt[c][site, default: LinearExpression()].add(1, x) }
                }
                if perCourse.terms.count > 1 { model.addConstraint(perCourse, .lessOrEqual, n) }
            }
            if !load.terms.isEmpty {
                if coarse {
                    schoolLoad[g.school, default: LinearExpression()].add(load)
                    if load.terms.count > 1 { model.addConstraint(load, .lessOrEqual, n) }
                } else {
                    model.addConstraint(load, .lessOrEqual, n * Double(g.wants))
                }
            }
        }
        for (school, e) in schoolLoad.sorted(by: { $0.key < $1.key }) {
            model.addConstraint(e, .lessOrEqual, Double(schoolWants[school] ?? 0))
        }
        for c in 0..<p.courses.count {
            let course = p.courses[c]
            for (site, vars) in sectionsAt[c].sorted(by: { $0.key < $1.key }) {
                let seats = seatsAt[c][site] ?? LinearExpression()
                model.addConstraint(seats - capacityAt[c][site]!, .lessOrEqual, 0)
                model.addConstraint(seats - Double(course.minSize) * LinearExpression.sum(vars), .greaterOrEqual, 0)
                if let host = hostSections[c][site] {
                    model.addConstraint((hostSeatsAt[c][site] ?? LinearExpression()) - host, .greaterOrEqual, 0)
                }
            }
        }
        return model
    }

    struct SiteKind: Hashable { var site: Int; var kind: String }

    /// Solves the relaxation; its proven bound, or nil.
    static func solve(_ p: ProblemIndex, _ search: Search, timeLimit: Double) -> (value: Double, method: String)? {
        if let model = model(p, search, maxColumns: 60_000) {
            var options = SolverOptions()
            options.timeLimit = timeLimit
            options.presolve = true
            options.cuts = [.mixedIntegerRounding, .gomory]
            guard let solution = try? Solver.solve(model, options: options), let bound = solution.bound else { return nil }
            return (bound, "relaxation: sections per place, students with equal choices together (GLPK MIP)")
        }
        // Large scenarios: the linear relaxation of the coarse model.
        guard let model = model(p, search, maxColumns: 300_000, coarse: true) else { return nil }
        var options = SolverOptions()
        options.timeLimit = timeLimit
        guard let solution = try? Solver.solve(model.linearRelaxation(), options: options),
              solution.status == .optimal, let bound = solution.bound else { return nil }
        return (bound, "relaxation: sections per place, students per school, course and rank (GLPK LP)")
    }
}
