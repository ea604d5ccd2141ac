/*
 * CGLPK: a small, safe C shim over GLPK 5.
 *
 * Swift never calls GLPK directly. Each entry point below runs a whole
 * GLPK session (create -> load -> solve -> read -> delete) inside ONE C call,
 * under an error hook with setjmp/longjmp, so that when GLPK detects an
 * invalid call (and would otherwise abort() the process) control returns to
 * the C frame of the entry point, never across Swift frames. All terminal
 * output is captured through a terminal hook into a caller-owned buffer.
 * Every entry point calls glp_free_env() before returning: the GLPK
 * environment is thread-local, so each call is self-contained.
 */
#ifndef CGLPK_H
#define CGLPK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes of the entry points (not GLPK return codes). */
#define CGLPK_OK           0  /* the session ran to the end; see glpk_code */
#define CGLPK_GLPK_ERROR   1  /* GLPK detected a fatal error; see message */
#define CGLPK_NO_MEMORY    2  /* the shim could not allocate memory */
#define CGLPK_BAD_INPUT    3  /* the shim rejected its arguments */

/* Column kinds. */
#define CGLPK_CONTINUOUS   0
#define CGLPK_INTEGER      1
#define CGLPK_BINARY       2

/* Which solver produced glpk_code. */
#define CGLPK_STAGE_NONE      0
#define CGLPK_STAGE_SIMPLEX   1
#define CGLPK_STAGE_INTERIOR  2
#define CGLPK_STAGE_INTOPT    3

/* A whole model as flat arrays (all indices 0-based). Infinite bounds are
 * given as -HUGE_VAL / +HUGE_VAL. Name arrays may be NULL, and entries of a
 * name array may be NULL (no name). The matrix is row-wise (CSR): the
 * entries of row i are [row_start[i], row_start[i+1]); column indices within
 * a row must be distinct. */
typedef struct {
    int rows;
    int cols;
    int maximize;                   /* 0 = minimise, 1 = maximise */
    double objective_constant;
    const double *col_lower;        /* cols */
    const double *col_upper;        /* cols */
    const double *col_objective;    /* cols */
    const int *col_kind;            /* cols, CGLPK_CONTINUOUS/INTEGER/BINARY */
    const char *const *col_names;   /* cols or NULL */
    const double *row_lower;        /* rows */
    const double *row_upper;        /* rows */
    const char *const *row_names;   /* rows or NULL */
    const int *row_start;           /* rows + 1 */
    const int *entry_col;           /* row_start[rows] entries */
    const double *entry_value;      /* row_start[rows] entries */
} cglpk_model;

typedef struct {
    int time_limit_ms;              /* > 0; applies to simplex and intopt */
    int use_interior;               /* LP only: glp_interior instead of simplex */
    int primal_simplex;             /* GLP_PRIMAL instead of GLP_DUALP (dual, then primal) */
    int presolve;                   /* LP presolver / MIP presolver */
    double mip_gap;                 /* relative MIP gap tolerance (>= 0) */
    int gomory_cuts, mir_cuts, cover_cuts, clique_cuts;
    int feasibility_pump;
    int proximity_search;
    int branching;                  /* GLP_BR_* */
    int backtracking;               /* GLP_BT_* */
    const double *incumbent;        /* cols values or NULL (MIP only; forces presolve off) */
    int root_at_incumbent;          /* the root LP starts from the basis at the incumbent */
    int has_stop_objective;         /* stop at first integer solution strictly better */
    double stop_objective;
    int message_level;              /* GLP_MSG_* */
    /* Asked often during branch-and-bound (MIPs only; NULL = never): a non-zero answer ends
     * the search at once (GLP_ESTOP), keeping the best integer solution found so far. */
    int (*should_stop)(void *context);
    void *stop_context;
    int stop_needs_solution;        /* honour should_stop only once an integer solution exists */
    /* Told each proven bound of a MIP as it tightens (the root LP's, then branch-and-bound's;
     * NULL = not told), on the calling thread, in the model's sense. */
    void (*bound_changed)(void *context, double bound);
    void *bound_context;
    /* MIPs only (0 = none): end the search (GLP_ESTOP) once branch-and-bound has made this many
     * nodes, keeping the best integer solution found. Unlike time_limit_ms it ends the search at
     * the same point on every machine and every run. */
    int node_limit;
} cglpk_options;

typedef struct {
    int glpk_code;                  /* return code of the last GLPK solver call */
    int stage;                      /* CGLPK_STAGE_* that produced glpk_code */
    int status;                     /* glp_get_status / glp_ipt_status / glp_mip_status */
    int is_mip;
    int has_objective;
    double objective;
    int has_bound;
    double bound;                   /* best proven bound, in the model's sense */
    int iterations;                 /* simplex iterations */
    int nodes;                      /* branch-and-bound nodes */
    int incumbent_used;             /* -1 never offered, 0 rejected by GLPK, 1 accepted */
    double *col_values;             /* caller-allocated, cols */
    double *row_duals;              /* caller-allocated, rows (LP only; else zeros) */
    double *col_duals;              /* caller-allocated, cols (LP only; reduced costs) */
    char *log;                      /* caller-allocated log buffer */
    size_t log_capacity;            /* its size in bytes (including the final NUL) */
    size_t log_length;              /* bytes written (without NUL) */
    int log_truncated;              /* 1 if the oldest output was dropped */
    char message[1024];             /* GLPK's error text on CGLPK_GLPK_ERROR */
} cglpk_result;

/* Solves an LP or MIP in one call. Returns a CGLPK_* result code. */
int cglpk_solve(const cglpk_model *model, const cglpk_options *options,
                cglpk_result *result);

/* Asked by cglpk_reoptimize after each optimal solve, with that solve's result: writes the
 * next objective coefficients (one per column) into objective and returns non-zero to solve
 * again, or returns 0 to end. It must not call GLPK (the session's problem is still alive). */
typedef int (*cglpk_next_objective)(void *context, const cglpk_result *result, double *objective);

/* Solves an LP (every column continuous; simplex only, no presolve), then again each time
 * next asks for another objective, from the previous optimal basis (the primal simplex:
 * changing only the objective keeps that basis primal feasible). options->time_limit_ms
 * applies to each solve. result holds the last solve's outcome. Returns a CGLPK_* code. */
int cglpk_reoptimize(const cglpk_model *model, const cglpk_options *options,
                     cglpk_next_objective next, void *context, cglpk_result *result);

/* Min-cost flow on a glp_graph. Nodes are 0-based. supply[i] > 0 is a source,
 * < 0 a sink. algorithm selects glp_mincost_relax4 (CGLPK_FLOW_RELAX4) or
 * glp_mincost_okalg (CGLPK_FLOW_OKALG). Note: Debian's GLPK 5.0 build disables
 * RELAX-IV ("relax4_inidat: sorry, this routine is temporarily disabled due to
 * licensing problems", a fatal GLPK error, recovered as CGLPK_GLPK_ERROR).
 * On CGLPK_OK, *glpk_code is the algorithm's return code (0, GLP_ENOPFS,
 * GLP_EDATA, GLP_ERANGE, GLP_EFAIL) and on 0 flows/total_cost hold the
 * solution. message receives GLPK's text on CGLPK_GLPK_ERROR. */
#define CGLPK_FLOW_RELAX4  0
#define CGLPK_FLOW_OKALG   1

typedef struct {
    int nodes;
    const int *supply;              /* nodes */
    int arcs;
    const int *tail;                /* arcs */
    const int *head;                /* arcs */
    const int *lower;               /* arcs */
    const int *upper;               /* arcs */
    const int *cost;                /* arcs */
} cglpk_flow;

int cglpk_mincost(const cglpk_flow *flow, int algorithm, int *glpk_code,
                  double *flows, double *total_cost,
                  char *message, size_t message_capacity);

/* Makes a deliberately invalid GLPK call (glp_add_rows with a negative
 * count) under the same protection. Returns CGLPK_GLPK_ERROR with GLPK's
 * message when recovery works. For tests only. */
int cglpk_provoke_error(char *message, size_t message_capacity);

/* The GLPK version string, e.g. "5.0". */
const char *cglpk_version(void);

#ifdef __cplusplus
}
#endif

#endif
