#!/usr/bin/env python3
"""A peer's bound on a profile day: HiGHS on the relaxation by places as a MIP (needs highspy).

    setka bench-bound SCENARIO --write-places places.mps
    python3 bench/peer-bound.py places.mps [--time-limit S] [--threads N] [--gap G] [--lp]

The places MIP (whole sections per place; `ProfileDayScheduler.placesMIP`) relaxes the day, so
its optimum, and any dual bound HiGHS proves on it, is an upper bound on every valid
timetable's objective: a bound of a peer's to put beside the run's own (the Lagrangian over the
same model). Prints one JSON object: HiGHS's model status, its best integer value (a places
solution, not a timetable), its dual bound, the relative gap between them, the LP relaxation's
value with --lp, and the seconds.
"""
import argparse, json, os, sys, time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mps")
    ap.add_argument("--time-limit", type=float, default=600)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--gap", type=float, default=1e-4, help="HiGHS's relative MIP gap to stop at (its default 1e-4)")
    ap.add_argument("--lp", action="store_true", help="also solve the LP relaxation (after the MIP)")
    a = ap.parse_args()
    # HiGHS prints its banner on stdout when loaded and at its first instance: send it to
    # stderr, so that stdout is the JSON alone.
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    import highspy
    highspy.Highs()
    sys.stdout.flush()
    os.dup2(saved, 1)
    out = {"file": a.mps}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", a.threads)
    if h.readModel(a.mps) != highspy.HighsStatus.kOk:
        print(f"HiGHS could not read {a.mps}", file=sys.stderr)
        return 1
    h.setOptionValue("time_limit", a.time_limit)
    h.setOptionValue("mip_rel_gap", a.gap)
    started = time.time()
    h.run()
    info = h.getInfo()
    out["status"] = h.modelStatusToString(h.getModelStatus())
    out["best"] = info.objective_function_value if info.primal_solution_status else None
    out["bound"] = info.mip_dual_bound
    out["gap"] = info.mip_gap
    out["nodes"] = info.mip_node_count
    out["seconds"] = round(time.time() - started, 2)
    if a.lp:
        # A second instance after the MIP's (one made before it left the MIP's run unset).
        lp = highspy.Highs()
        lp.setOptionValue("output_flag", False)
        lp.readModel(a.mps)
        model = lp.getLp()
        model.integrality_ = []
        lp.passModel(model)
        started = time.time()
        lp.run()
        out["lp"] = lp.getInfo().objective_function_value
        out["lpSeconds"] = round(time.time() - started, 2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
