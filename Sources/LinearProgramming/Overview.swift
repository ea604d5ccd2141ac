// LinearProgramming — a safe Swift layer over GLPK 5.
//
// Build a model as a plain value, then solve it:
//
//     var model = Model(sense: .maximize)
//     let x = model.addVariable(name: "x", upper: 10, kind: .integer, objective: 3)
//     let take = model.addVariables("take", for: schools, kind: .binary) { gain[$0] }
//     model.add(2 * x + take.sum { weight[$0] } <= 15, name: "capacity")
//     var options = SolverOptions(timeLimit: 30)
//     options.relativeGap = 0.01
//     let solution = try Solver.solve(model, options: options)           // synchronous
//     let same = try await Solver.solveOnDedicatedThread(model, options: options)  // from async code
//     if solution.status.hasSolution { print(solution.objective!, solution.keys(of: take)) }
//
// Guarantees:
// - Every number, name, bound and variable reference is checked in Swift first
//   (`LinearProgrammingError`); GLPK's fatal errors (which would abort()) are caught in C by the
//   CGLPK shim with setjmp/longjmp and reported as `LinearProgrammingError.glpkError`.
// - Nothing is written to stdout: GLPK's output is captured into `Solution.log`.
// - Each solve is one self-contained GLPK session on the calling thread (GLPK's environment is
//   thread-local and freed after every solve), so concurrent solves on different threads are safe.
// - The time limit is GLPK's (`tm_lim`), checked inside the simplex and branch-and-bound loops;
//   loading the model and the LP presolver run before the first check, so a solve may overrun a
//   tiny limit by that set-up time.
