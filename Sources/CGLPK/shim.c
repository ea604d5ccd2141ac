#include "cglpk.h"

#include <glpk.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------ */
/* Session context: heap-allocated (not an automatic object of the function  */
/* that calls setjmp), so its fields are well defined after a longjmp.       */
/* ------------------------------------------------------------------------ */

typedef struct {
    jmp_buf jump;
    /* terminal output capture */
    char *log;
    size_t log_capacity;
    size_t log_length;
    int log_truncated;
    char message[1024];
    size_t message_length;
    /* scratch memory owned by the shim; freed on every path */
    int *index;            /* 1-based index scratch */
    double *value;         /* 1-based value scratch */
    double *incumbent;     /* 1-based incumbent copy */
    /* MIP callback state */
    int original_dir;
    int incumbent_offered;
    int incumbent_accepted;
    int has_stop;
    double stop_objective;
    int (*should_stop)(void *context);
    void *stop_context;
    int has_bound;
    double bound;
    void (*bound_changed)(void *context, double bound);
    void *bound_context;
    int stop_needs_solution;
    int node_limit;
    int nodes;
} session;

static void append_bounded(char *buffer, size_t capacity, size_t *length,
                           int *truncated, const char *s)
{
    if (buffer == NULL || capacity < 2) return;
    size_t room = capacity - 1;
    size_t n = strlen(s);
    if (n >= room) {
        /* keep only the tail of a huge chunk */
        memcpy(buffer, s + (n - room), room);
        *length = room;
        if (truncated) *truncated = 1;
        buffer[*length] = '\0';
        return;
    }
    if (*length + n > room) {
        if (truncated == NULL) return; /* fixed-size message: keep the head */
        /* drop the oldest part (at least half) and realign to a line start */
        size_t drop = *length + n - room;
        if (drop < room / 2) drop = room / 2;
        if (drop > *length) drop = *length;
        while (drop < *length && buffer[drop - 1] != '\n') drop++;
        memmove(buffer, buffer + drop, *length - drop);
        *length -= drop;
        *truncated = 1;
    }
    memcpy(buffer + *length, s, n);
    *length += n;
    buffer[*length] = '\0';
}

static int term_hook(void *info, const char *s)
{
    session *S = info;
    append_bounded(S->log, S->log_capacity, &S->log_length, &S->log_truncated, s);
    if (glp_at_error())
        append_bounded(S->message, sizeof S->message, &S->message_length, NULL, s);
    return 1; /* never let GLPK write to stdout */
}

static void error_hook(void *info)
{
    session *S = info;
    longjmp(S->jump, 1);
}

static session *session_new(char *log, size_t log_capacity)
{
    session *S = calloc(1, sizeof *S);
    if (S == NULL) return NULL;
    S->log = log;
    S->log_capacity = log_capacity;
    if (log != NULL && log_capacity > 0) log[0] = '\0';
    return S;
}

static void session_free(session *S)
{
    free(S->index);
    free(S->value);
    free(S->incumbent);
    free(S);
}

static void copy_message(const session *S, char *out, size_t capacity)
{
    if (out == NULL || capacity == 0) return;
    size_t n = S->message_length;
    if (n == 0) {
        const char *fallback = "GLPK reported a fatal error without a message";
        n = strlen(fallback);
        if (n >= capacity) n = capacity - 1;
        memcpy(out, fallback, n);
    } else {
        /* trim the trailing newline(s) */
        while (n > 0 && (S->message[n - 1] == '\n' || S->message[n - 1] == '\r')) n--;
        if (n >= capacity) n = capacity - 1;
        memcpy(out, S->message, n);
    }
    out[n] = '\0';
}

static double monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1.0e6;
}

/* ------------------------------------------------------------------------ */
/* LP / MIP                                                                  */
/* ------------------------------------------------------------------------ */

static int bound_type(double lower, double upper)
{
    int has_lower = lower > -HUGE_VAL, has_upper = upper < HUGE_VAL;
    if (has_lower && has_upper) return lower == upper ? GLP_FX : GLP_DB;
    if (has_lower) return GLP_LO;
    if (has_upper) return GLP_UP;
    return GLP_FR;
}

static int is_better(int dir, double a, double b)
{
    return dir == GLP_MAX ? a > b : a < b;
}

static void mip_callback(glp_tree *T, void *info)
{
    session *S = info;
    int reason = glp_ios_reason(T);
    glp_prob *tp = glp_ios_get_prob(T);
    /* the MIP presolver always minimises: translate back to the model's sense */
    double sign = glp_get_obj_dir(tp) == S->original_dir ? 1.0 : -1.0;

    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(T, &active, &current, &total);
    if (total > S->nodes) S->nodes = total;

    int best = glp_ios_best_node(T);
    if (best != 0) {
        double b = glp_ios_node_bound(T, best);
        if (fabs(b) < DBL_MAX / 4) {
            b *= sign;
            /* the proven bound only ever tightens */
            if (!S->has_bound || is_better(S->original_dir, S->bound, b)) {
                S->bound = b;
                S->has_bound = 1;
                if (S->bound_changed != NULL) S->bound_changed(S->bound_context, b);
            }
        }
    }

    if (reason == GLP_IHEUR && S->incumbent != NULL && !S->incumbent_offered) {
        S->incumbent_offered = 1;
        S->incumbent_accepted = glp_ios_heur_sol(T, S->incumbent) == 0;
    }

    if (S->node_limit > 0 && total >= S->node_limit) {
        glp_ios_terminate(T);
        return;
    }

    if (S->should_stop != NULL && (!S->stop_needs_solution || glp_mip_status(tp) == GLP_FEAS)
        && S->should_stop(S->stop_context)) {
        glp_ios_terminate(T);
        return;
    }

    if (S->has_stop && glp_mip_status(tp) == GLP_FEAS) {
        double found = sign * glp_mip_obj_val(tp);
        if (is_better(S->original_dir, found, S->stop_objective))
            glp_ios_terminate(T);
    }
}

static int any_integer(const cglpk_model *m)
{
    for (int j = 0; j < m->cols; j++)
        if (m->col_kind[j] != CGLPK_CONTINUOUS) return 1;
    return 0;
}

static void load_model(session *S, glp_prob *P, const cglpk_model *m)
{
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    for (int j = 0; j < m->cols; j++) {
        int col = j + 1;
        if (m->col_names != NULL && m->col_names[j] != NULL)
            glp_set_col_name(P, col, m->col_names[j]);
        if (m->col_kind[j] == CGLPK_BINARY || m->col_kind[j] == CGLPK_INTEGER)
            glp_set_col_kind(P, col, GLP_IV);
        double lo = m->col_lower[j], up = m->col_upper[j];
        glp_set_col_bnds(P, col, bound_type(lo, up),
                         lo > -HUGE_VAL ? lo : 0.0, up < HUGE_VAL ? up : 0.0);
        glp_set_obj_coef(P, col, m->col_objective[j]);
    }
    for (int i = 0; i < m->rows; i++) {
        int row = i + 1;
        if (m->row_names != NULL && m->row_names[i] != NULL)
            glp_set_row_name(P, row, m->row_names[i]);
        double lo = m->row_lower[i], up = m->row_upper[i];
        glp_set_row_bnds(P, row, bound_type(lo, up),
                         lo > -HUGE_VAL ? lo : 0.0, up < HUGE_VAL ? up : 0.0);
        int begin = m->row_start[i], end = m->row_start[i + 1];
        int len = end - begin;
        for (int k = 0; k < len; k++) {
            S->index[k + 1] = m->entry_col[begin + k] + 1;
            S->value[k + 1] = m->entry_value[begin + k];
        }
        glp_set_mat_row(P, row, len, S->index, S->value);
    }
}

/* The simplex's solution (r->status already set): objective, values, duals, reduced costs. */
static void read_simplex_solution(glp_prob *P, const cglpk_model *m, cglpk_result *r)
{
    r->has_objective = r->status == GLP_OPT || r->status == GLP_FEAS;
    r->objective = glp_get_obj_val(P);
    for (int j = 0; j < m->cols; j++) {
        r->col_values[j] = glp_get_col_prim(P, j + 1);
        r->col_duals[j] = glp_get_col_dual(P, j + 1);
    }
    for (int i = 0; i < m->rows; i++)
        r->row_duals[i] = glp_get_row_dual(P, i + 1);
}

/* The basis at a MIP's incumbent `x` (1-based), for its root LP: every row basic (the slack
 * basis, which is never singular) and every column nonbasic at the bound `x` holds it at (a
 * column between its bounds at its lower one). When `x` keeps every row and holds every column
 * at a bound (a 0-1 model's integer solution does), this basis is primal feasible and its
 * primal solution is `x`: the primal simplex starts at the incumbent, with no first phase. */
static void set_basis_at(glp_prob *P, const double *x)
{
    int cols = glp_get_num_cols(P), rows = glp_get_num_rows(P);
    for (int i = 1; i <= rows; i++) glp_set_row_stat(P, i, GLP_BS);
    for (int j = 1; j <= cols; j++) {
        /* glp_set_col_stat itself turns GLP_NL into GLP_NF, GLP_NU or GLP_NS for a free, an
         * upper-bounded or a fixed column */
        int at_upper = glp_get_col_type(P, j) == GLP_DB && x[j] >= glp_get_col_ub(P, j) - 1e-9;
        glp_set_col_stat(P, j, at_upper ? GLP_NU : GLP_NL);
    }
}

static void solve_session(session *S, const cglpk_model *m,
                          const cglpk_options *o, cglpk_result *r)
{
    double started = monotonic_ms();
    int is_mip = any_integer(m);
    r->is_mip = is_mip;

    glp_prob *P = glp_create_prob();
    load_model(S, P, m);
    S->original_dir = glp_get_obj_dir(P);
    S->bound_changed = o->bound_changed;
    S->bound_context = o->bound_context;

    int use_interior = o->use_interior && !is_mip && m->rows > 0 && m->cols > 0;
    int lp_code = 0;
    int lp_optimal = 0;

    if (use_interior) {
        glp_iptcp ipt;
        glp_init_iptcp(&ipt);
        ipt.msg_lev = o->message_level;
        lp_code = glp_interior(P, &ipt);
        r->stage = CGLPK_STAGE_INTERIOR;
        r->glpk_code = lp_code;
        r->status = glp_ipt_status(P);
        lp_optimal = lp_code == 0 && r->status == GLP_OPT;
    } else if (!is_mip || !o->presolve || o->incumbent != NULL) {
        /* LP, or the root LP relaxation of a MIP solved without presolve */
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = o->message_level;
        smcp.tm_lim = o->time_limit_ms;
        smcp.presolve = (!is_mip && o->presolve) ? GLP_ON : GLP_OFF;
        smcp.meth = o->primal_simplex ? GLP_PRIMAL : GLP_DUALP;
        if (is_mip && o->root_at_incumbent && S->incumbent != NULL) set_basis_at(P, S->incumbent);
        lp_code = glp_simplex(P, &smcp);
        if (lp_code == GLP_ENODFS && smcp.presolve == GLP_ON) {
            /* the presolver cannot tell unbounded from infeasible: ask the simplex */
            smcp.presolve = GLP_OFF;
            double remaining = (double)o->time_limit_ms - (monotonic_ms() - started);
            smcp.tm_lim = remaining < 1.0 ? 1 : (int)remaining;
            lp_code = glp_simplex(P, &smcp);
        }
        r->stage = CGLPK_STAGE_SIMPLEX;
        r->glpk_code = lp_code;
        r->status = glp_get_status(P);
        lp_optimal = lp_code == 0 && r->status == GLP_OPT;
    }

    if (!is_mip) {
        if (use_interior) {
            r->has_objective = lp_code == 0 && (r->status == GLP_OPT || r->status == GLP_FEAS);
            r->objective = glp_ipt_obj_val(P);
            for (int j = 0; j < m->cols; j++) {
                r->col_values[j] = glp_ipt_col_prim(P, j + 1);
                r->col_duals[j] = glp_ipt_col_dual(P, j + 1);
            }
            for (int i = 0; i < m->rows; i++)
                r->row_duals[i] = glp_ipt_row_dual(P, i + 1);
        } else {
            read_simplex_solution(P, m, r);
        }
        if (lp_optimal) {
            r->has_bound = 1;
            r->bound = r->objective;
        }
        r->iterations = glp_get_it_cnt(P);
        glp_delete_prob(P);
        return;
    }

    /* MIP */
    int run_intopt = r->stage == CGLPK_STAGE_NONE || lp_optimal;
    if (lp_optimal) {
        /* the LP relaxation optimum is a proven bound */
        S->has_bound = 1;
        S->bound = glp_get_obj_val(P);
        if (S->bound_changed != NULL) S->bound_changed(S->bound_context, S->bound);
    }
    if (run_intopt) {
        glp_iocp iocp;
        glp_init_iocp(&iocp);
        iocp.msg_lev = o->message_level;
        double elapsed = monotonic_ms() - started;
        double remaining = (double)o->time_limit_ms - elapsed;
        iocp.tm_lim = remaining < 1.0 ? 1 : (int)remaining;
        iocp.presolve = (o->presolve && o->incumbent == NULL) ? GLP_ON : GLP_OFF;
        iocp.mip_gap = o->mip_gap;
        iocp.gmi_cuts = o->gomory_cuts ? GLP_ON : GLP_OFF;
        iocp.mir_cuts = o->mir_cuts ? GLP_ON : GLP_OFF;
        iocp.cov_cuts = o->cover_cuts ? GLP_ON : GLP_OFF;
        iocp.clq_cuts = o->clique_cuts ? GLP_ON : GLP_OFF;
        iocp.fp_heur = o->feasibility_pump ? GLP_ON : GLP_OFF;
        iocp.ps_heur = o->proximity_search ? GLP_ON : GLP_OFF;
        if (o->branching >= GLP_BR_FFV && o->branching <= GLP_BR_PCH)
            iocp.br_tech = o->branching;
        if (o->backtracking >= GLP_BT_DFS && o->backtracking <= GLP_BT_BPH)
            iocp.bt_tech = o->backtracking;
        iocp.cb_func = mip_callback;
        iocp.cb_info = S;
        S->has_stop = o->has_stop_objective;
        S->stop_objective = o->stop_objective;
        S->should_stop = o->should_stop;
        S->stop_context = o->stop_context;
        S->stop_needs_solution = o->stop_needs_solution;
        S->node_limit = o->node_limit > 0 ? o->node_limit : 0;
        int code = glp_intopt(P, &iocp);
        if (code == GLP_ENODFS) {
            /* the MIP presolver found the relaxation dual infeasible: classify it with the
             * simplex (unbounded or infeasible relaxation) */
            glp_smcp smcp;
            glp_init_smcp(&smcp);
            smcp.msg_lev = o->message_level;
            smcp.meth = o->primal_simplex ? GLP_PRIMAL : GLP_DUALP;
            double left = (double)o->time_limit_ms - (monotonic_ms() - started);
            smcp.tm_lim = left < 1.0 ? 1 : (int)left;
            int lp = glp_simplex(P, &smcp);
            if (lp == 0 && (glp_get_status(P) == GLP_UNBND || glp_get_status(P) == GLP_NOFEAS)) {
                r->stage = CGLPK_STAGE_SIMPLEX;
                r->glpk_code = lp;
                r->status = glp_get_status(P);
                r->has_objective = 0;
                for (int j = 0; j < m->cols; j++) r->col_values[j] = 0.0;
                r->nodes = S->nodes;
                r->iterations = glp_get_it_cnt(P);
                glp_delete_prob(P);
                return;
            }
        }
        r->stage = CGLPK_STAGE_INTOPT;
        r->glpk_code = code;
        r->status = glp_mip_status(P);
        r->has_objective = r->status == GLP_OPT || r->status == GLP_FEAS;
        r->objective = glp_mip_obj_val(P);
        for (int j = 0; j < m->cols; j++)
            r->col_values[j] = glp_mip_col_val(P, j + 1);
        if (code == 0 && r->status == GLP_OPT) {
            r->has_bound = 1;           /* complete search: bound == optimum */
            r->bound = r->objective;
        } else if (r->status != GLP_NOFEAS && S->has_bound) {
            r->has_bound = 1;
            r->bound = S->bound;
            /* an incumbent is itself a bound on what remains to be proven */
            if (r->has_objective && is_better(S->original_dir, r->objective, r->bound))
                r->bound = r->objective;
        }
    } else {
        /* root LP not optimal: no integer solution was searched for */
        r->has_objective = 0;
        r->objective = 0.0;
        for (int j = 0; j < m->cols; j++) r->col_values[j] = 0.0;
    }
    r->nodes = S->nodes;
    r->incumbent_used = S->incumbent_offered ? S->incumbent_accepted : -1;
    r->iterations = glp_get_it_cnt(P);
    glp_delete_prob(P);
}

/* Runs body(S, arg) with GLPK's output captured and its fatal errors caught (they return
 * here by longjmp, with GLPK's message in result), then frees every GLPK object and the
 * hooks, so the next call starts afresh. */
static int run_protected(session *S, void (*body)(session *, void *), void *arg, cglpk_result *result)
{
    int code = CGLPK_OK;
    if (setjmp(S->jump) == 0) {
        glp_term_hook(term_hook, S);
        glp_error_hook(error_hook, S);
        glp_term_out(GLP_ON);
        body(S, arg);
    } else {
        code = CGLPK_GLPK_ERROR;
        copy_message(S, result->message, sizeof result->message);
    }
    glp_free_env();
    result->log_length = S->log_length;
    result->log_truncated = S->log_truncated;
    return code;
}

typedef struct {
    const cglpk_model *model;
    const cglpk_options *options;
    cglpk_result *result;
} solve_args;

static void solve_body(session *S, void *arg)
{
    solve_args *a = arg;
    solve_session(S, a->model, a->options, a->result);
}

static int model_is_sane(const cglpk_model *m)
{
    if (m->rows < 0 || m->cols < 0) return 0;
    if (m->cols > 0 && (!m->col_lower || !m->col_upper || !m->col_objective || !m->col_kind))
        return 0;
    if (m->rows > 0 && (!m->row_lower || !m->row_upper)) return 0;
    if (!m->row_start) return m->rows == 0;
    if (m->row_start[0] != 0) return 0;
    for (int i = 0; i < m->rows; i++) {
        if (m->row_start[i + 1] < m->row_start[i]) return 0;
        if (m->row_start[i + 1] - m->row_start[i] > m->cols) return 0;
    }
    if (m->row_start[m->rows] > 0 && (!m->entry_col || !m->entry_value)) return 0;
    return 1;
}

/* What both entry points ask of their arguments (the NULL checks and reset_result first). */
static int arguments_fit(const cglpk_model *model, const cglpk_options *options, const cglpk_result *result)
{
    if (!model_is_sane(model) || options->time_limit_ms <= 0) return 0;
    if (model->cols > 0 && (result->col_values == NULL || result->col_duals == NULL)) return 0;
    if (model->rows > 0 && result->row_duals == NULL) return 0;
    return 1;
}

/* A session writing its log into result's buffer, with its per-column scratch arrays; NULL
 * when out of memory. */
static session *session_for(const cglpk_model *model, cglpk_result *result)
{
    session *S = session_new(result->log, result->log_capacity);
    if (S == NULL) return NULL;
    S->index = malloc(sizeof(int) * (size_t)(model->cols + 1));
    S->value = malloc(sizeof(double) * (size_t)(model->cols + 1));
    if (S->index == NULL || S->value == NULL) {
        session_free(S);
        return NULL;
    }
    return S;
}

static void reset_result(cglpk_result *result)
{
    result->glpk_code = 0;
    result->stage = CGLPK_STAGE_NONE;
    result->status = 0;
    result->is_mip = 0;
    result->has_objective = 0;
    result->objective = 0.0;
    result->has_bound = 0;
    result->bound = 0.0;
    result->iterations = 0;
    result->nodes = 0;
    result->incumbent_used = -1;
    result->log_length = 0;
    result->log_truncated = 0;
    result->message[0] = '\0';
}

int cglpk_solve(const cglpk_model *model, const cglpk_options *options,
                cglpk_result *result)
{
    if (model == NULL || options == NULL || result == NULL) return CGLPK_BAD_INPUT;
    reset_result(result);
    if (!arguments_fit(model, options, result)) return CGLPK_BAD_INPUT;

    session *S = session_for(model, result);
    if (S == NULL) return CGLPK_NO_MEMORY;
    if (options->incumbent != NULL) {
        S->incumbent = malloc(sizeof(double) * (size_t)(model->cols + 1));
        if (S->incumbent == NULL) {
            session_free(S);
            return CGLPK_NO_MEMORY;
        }
        S->incumbent[0] = 0.0;
        memcpy(S->incumbent + 1, options->incumbent, sizeof(double) * (size_t)model->cols);
    }

    solve_args args = { model, options, result };
    int code = run_protected(S, solve_body, &args, result);
    session_free(S);
    return code;
}

/* ------------------------------------------------------------------------ */
/* LP re-optimisation with changing objectives                               */
/* ------------------------------------------------------------------------ */

static void reoptimize_session(session *S, const cglpk_model *m, const cglpk_options *o,
                               cglpk_next_objective next, void *context, double *objective,
                               cglpk_result *r)
{
    glp_prob *P = glp_create_prob();
    load_model(S, P, m);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = o->message_level;
    smcp.presolve = GLP_OFF;  /* the presolver would drop the basis */
    smcp.meth = GLP_PRIMAL;
    for (;;) {
        smcp.tm_lim = o->time_limit_ms;
        int code = glp_simplex(P, &smcp);
        r->stage = CGLPK_STAGE_SIMPLEX;
        r->glpk_code = code;
        r->status = glp_get_status(P);
        read_simplex_solution(P, m, r);
        int optimal = code == 0 && r->status == GLP_OPT;
        r->has_bound = optimal;
        r->bound = optimal ? r->objective : 0.0;
        r->iterations = glp_get_it_cnt(P);
        if (!optimal || !next(context, r, objective)) break;
        for (int j = 0; j < m->cols; j++) glp_set_obj_coef(P, j + 1, objective[j]);
    }
    glp_delete_prob(P);
}

typedef struct {
    const cglpk_model *model;
    const cglpk_options *options;
    cglpk_next_objective next;
    void *context;
    double *objective;
    cglpk_result *result;
} reoptimize_args;

static void reoptimize_body(session *S, void *arg)
{
    reoptimize_args *a = arg;
    reoptimize_session(S, a->model, a->options, a->next, a->context, a->objective, a->result);
}

int cglpk_reoptimize(const cglpk_model *model, const cglpk_options *options,
                     cglpk_next_objective next, void *context, cglpk_result *result)
{
    if (model == NULL || options == NULL || result == NULL || next == NULL) return CGLPK_BAD_INPUT;
    reset_result(result);
    if (!arguments_fit(model, options, result) || any_integer(model)) return CGLPK_BAD_INPUT;

    session *S = session_for(model, result);
    if (S == NULL) return CGLPK_NO_MEMORY;
    double *objective = malloc(sizeof(double) * (size_t)(model->cols + 1));
    if (objective == NULL) {
        session_free(S);
        return CGLPK_NO_MEMORY;
    }

    reoptimize_args args = { model, options, next, context, objective, result };
    int code = run_protected(S, reoptimize_body, &args, result);
    free(objective);
    session_free(S);
    return code;
}

/* ------------------------------------------------------------------------ */
/* Min-cost flow                                                             */
/* ------------------------------------------------------------------------ */

typedef struct { double rhs; } flow_vertex;
typedef struct { double low, cap, cost, x; } flow_arc;

static void flow_session(const cglpk_flow *f, int algorithm, int *glpk_code,
                         double *flows, double *total_cost)
{
    glp_graph *G = glp_create_graph(sizeof(flow_vertex), sizeof(flow_arc));
    if (f->nodes > 0) glp_add_vertices(G, f->nodes);
    for (int i = 0; i < f->nodes; i++) {
        flow_vertex *v = G->v[i + 1]->data;
        v->rhs = (double)f->supply[i];
    }
    glp_arc **arcs = NULL;
    if (f->arcs > 0) {
        /* glp_alloc memory belongs to the environment and is released by
         * glp_free_env() even if GLPK fails half-way */
        arcs = glp_alloc(f->arcs, sizeof(glp_arc *));
    }
    for (int k = 0; k < f->arcs; k++) {
        glp_arc *a = glp_add_arc(G, f->tail[k] + 1, f->head[k] + 1);
        flow_arc *d = a->data;
        d->low = (double)f->lower[k];
        d->cap = (double)f->upper[k];
        d->cost = (double)f->cost[k];
        d->x = 0.0;
        arcs[k] = a;
    }
    double sol = 0.0;
    if (algorithm == CGLPK_FLOW_OKALG)
        *glpk_code = glp_mincost_okalg(G, offsetof(flow_vertex, rhs),
                                       offsetof(flow_arc, low), offsetof(flow_arc, cap),
                                       offsetof(flow_arc, cost), &sol,
                                       offsetof(flow_arc, x), -1);
    else
        *glpk_code = glp_mincost_relax4(G, offsetof(flow_vertex, rhs),
                                        offsetof(flow_arc, low), offsetof(flow_arc, cap),
                                        offsetof(flow_arc, cost), 0, &sol,
                                        offsetof(flow_arc, x), -1);
    *total_cost = sol;
    for (int k = 0; k < f->arcs; k++) {
        flow_arc *d = arcs[k]->data;
        flows[k] = *glpk_code == 0 ? d->x : 0.0;
    }
    if (arcs != NULL) glp_free(arcs);
    glp_delete_graph(G);
}

int cglpk_mincost(const cglpk_flow *flow, int algorithm, int *glpk_code,
                  double *flows, double *total_cost,
                  char *message, size_t message_capacity)
{
    if (message != NULL && message_capacity > 0) message[0] = '\0';
    if (flow == NULL || glpk_code == NULL || total_cost == NULL) return CGLPK_BAD_INPUT;
    if (flow->nodes < 0 || flow->arcs < 0) return CGLPK_BAD_INPUT;
    if (flow->nodes > 0 && flow->supply == NULL) return CGLPK_BAD_INPUT;
    if (flow->arcs > 0 && (!flow->tail || !flow->head || !flow->lower ||
                           !flow->upper || !flow->cost || !flows))
        return CGLPK_BAD_INPUT;
    *glpk_code = 0;
    *total_cost = 0.0;

    session *S = session_new(NULL, 0);
    if (S == NULL) return CGLPK_NO_MEMORY;
    int code = CGLPK_OK;
    if (setjmp(S->jump) == 0) {
        glp_term_hook(term_hook, S);
        glp_error_hook(error_hook, S);
        flow_session(flow, algorithm, glpk_code, flows, total_cost);
    } else {
        code = CGLPK_GLPK_ERROR;
        copy_message(S, message, message_capacity);
    }
    glp_free_env();
    session_free(S);
    return code;
}

/* ------------------------------------------------------------------------ */
/* Test hook                                                                 */
/* ------------------------------------------------------------------------ */

static void provoke_session(void)
{
    glp_prob *P = glp_create_prob();
    glp_add_rows(P, -1); /* invalid: GLPK calls glp_error -> abort() */
    glp_delete_prob(P);
}

int cglpk_provoke_error(char *message, size_t message_capacity)
{
    if (message != NULL && message_capacity > 0) message[0] = '\0';
    session *S = session_new(NULL, 0);
    if (S == NULL) return CGLPK_NO_MEMORY;
    int code = CGLPK_OK;
    if (setjmp(S->jump) == 0) {
        glp_term_hook(term_hook, S);
        glp_error_hook(error_hook, S);
        provoke_session();
    } else {
        code = CGLPK_GLPK_ERROR;
        copy_message(S, message, message_capacity);
    }
    glp_free_env();
    session_free(S);
    return code;
}

const char *cglpk_version(void)
{
    return glp_version();
}
