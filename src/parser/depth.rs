//! Expression depth limit.
//!
//! Invariant: a parsed tree whose expressions nest deeper than `MAX_EXPR_DEPTH` is rejected
//! (CPython fails such code with a RecursionError at compile time), and it is taken apart
//! with an explicit stack, so neither the check nor the drop recurses on expression depth.
//! Statement recursion is bounded by the tokenizer's indentation limit.

use crate::ast::*;

pub(crate) const MAX_EXPR_DEPTH: usize = 2000;

/// Pushes the direct sub-expressions of `k` (by reference).
fn child_refs<'a>(k: &'a ExprKind, out: &mut Vec<&'a Expr>) {
    match k {
        ExprKind::BoolOp { values, .. } => out.extend(values),
        ExprKind::NamedExpr { target, value } => out.extend([&**target, &**value]),
        ExprKind::BinOp { left, right, .. } => out.extend([&**left, &**right]),
        ExprKind::UnaryOp { operand, .. } => out.push(operand),
        ExprKind::Lambda { args, body } => {
            out.extend(&args.defaults);
            out.extend(args.kw_defaults.iter().flatten());
            out.push(body);
        }
        ExprKind::IfExp { test, body, orelse } => out.extend([&**test, &**body, &**orelse]),
        ExprKind::Dict { keys, values } => {
            out.extend(keys.iter().flatten());
            out.extend(values);
        }
        ExprKind::Set(v) | ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::JoinedStr(v) => out.extend(v),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            out.push(elt);
            comp_refs(generators, out);
        }
        ExprKind::DictComp { key, value, generators } => {
            out.extend([&**key, &**value]);
            comp_refs(generators, out);
        }
        ExprKind::Yield(v) => out.extend(v.as_deref()),
        ExprKind::YieldFrom(v) | ExprKind::Starred(v) => out.push(v),
        ExprKind::Compare { left, comparators, .. } => {
            out.push(left);
            out.extend(comparators);
        }
        ExprKind::Call { func, args, keywords } => {
            out.push(func);
            out.extend(args);
            out.extend(keywords.iter().map(|k| &k.value));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            out.push(value);
            out.extend(format_spec.as_deref());
        }
        ExprKind::Attribute { value, .. } => out.push(value),
        ExprKind::Subscript { value, slice } => out.extend([&**value, &**slice]),
        ExprKind::Slice { lower, upper, step } => {
            out.extend(lower.as_deref());
            out.extend(upper.as_deref());
            out.extend(step.as_deref());
        }
        ExprKind::Constant(_) | ExprKind::Name(_) => {}
    }
}

fn comp_refs<'a>(gens: &'a [Comprehension], out: &mut Vec<&'a Expr>) {
    for g in gens {
        out.push(&g.target);
        out.push(&g.iter);
        out.extend(&g.ifs);
    }
}

/// Moves the direct sub-expressions of `k` onto `out`.
fn take_children(k: ExprKind, out: &mut Vec<Expr>) {
    match k {
        ExprKind::BoolOp { values, .. } => out.extend(values),
        ExprKind::NamedExpr { target, value } => out.extend([*target, *value]),
        ExprKind::BinOp { left, right, .. } => out.extend([*left, *right]),
        ExprKind::UnaryOp { operand, .. } => out.push(*operand),
        ExprKind::Lambda { args, body } => {
            let args = *args;
            out.extend(args.defaults);
            out.extend(args.kw_defaults.into_iter().flatten());
            out.push(*body);
        }
        ExprKind::IfExp { test, body, orelse } => out.extend([*test, *body, *orelse]),
        ExprKind::Dict { keys, values } => {
            out.extend(keys.into_iter().flatten());
            out.extend(values);
        }
        ExprKind::Set(v) | ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::JoinedStr(v) => out.extend(v),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            out.push(*elt);
            take_comps(generators, out);
        }
        ExprKind::DictComp { key, value, generators } => {
            out.extend([*key, *value]);
            take_comps(generators, out);
        }
        ExprKind::Yield(v) => out.extend(v.map(|b| *b)),
        ExprKind::YieldFrom(v) | ExprKind::Starred(v) => out.push(*v),
        ExprKind::Compare { left, comparators, .. } => {
            out.push(*left);
            out.extend(comparators);
        }
        ExprKind::Call { func, args, keywords } => {
            out.push(*func);
            out.extend(args);
            out.extend(keywords.into_iter().map(|k| k.value));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            out.push(*value);
            out.extend(format_spec.map(|b| *b));
        }
        ExprKind::Attribute { value, .. } => out.push(*value),
        ExprKind::Subscript { value, slice } => out.extend([*value, *slice]),
        ExprKind::Slice { lower, upper, step } => {
            out.extend(lower.map(|b| *b));
            out.extend(upper.map(|b| *b));
            out.extend(step.map(|b| *b));
        }
        ExprKind::Constant(_) | ExprKind::Name(_) => {}
    }
}

fn take_comps(gens: Vec<Comprehension>, out: &mut Vec<Expr>) {
    for g in gens {
        out.push(g.target);
        out.push(g.iter);
        out.extend(g.ifs);
    }
}

/// Depth of the deepest expression nesting below `e` (1 for a leaf).
pub(crate) fn expr_depth(e: &Expr) -> usize {
    let mut max = 0;
    let mut stack = vec![(e, 1usize)];
    let mut kids = Vec::new();
    while let Some((x, d)) = stack.pop() {
        max = max.max(d);
        kids.clear();
        child_refs(&x.kind, &mut kids);
        stack.extend(kids.iter().map(|k| (*k, d + 1)));
    }
    max
}

/// Drops `e` without recursing on its depth.
pub(crate) fn dismantle(e: Expr) {
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        take_children(x.kind, &mut stack);
    }
}

/// Calls `f` on every top-level expression of `s` and its nested statements.
fn stmt_exprs<'a>(s: &'a Stmt, f: &mut dyn FnMut(&'a Expr)) {
    let body = |b: &'a [Stmt], f: &mut dyn FnMut(&'a Expr)| b.iter().for_each(|s| stmt_exprs(s, f));
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => f(e),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(&mut *f);
            f(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target);
            f(value);
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            f(target);
            f(annotation);
            value.iter().for_each(&mut *f);
        }
        StmtKind::Delete(v) => v.iter().for_each(&mut *f),
        StmtKind::If { test, body: b, orelse } | StmtKind::While { test, body: b, orelse } => {
            f(test);
            body(b, f);
            body(orelse, f);
        }
        StmtKind::For { target, iter, body: b, orelse } => {
            f(target);
            f(iter);
            body(b, f);
            body(orelse, f);
        }
        StmtKind::Try { body: b, handlers, orelse, finalbody } => {
            body(b, f);
            for h in handlers {
                h.typ.iter().for_each(&mut *f);
                body(&h.body, f);
            }
            body(orelse, f);
            body(finalbody, f);
        }
        StmtKind::With { items, body: b } => {
            for i in items {
                f(&i.context);
                i.vars.iter().for_each(&mut *f);
            }
            body(b, f);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().for_each(&mut *f);
            cause.iter().for_each(&mut *f);
        }
        StmtKind::Assert { test, msg } => {
            f(test);
            msg.iter().for_each(&mut *f);
        }
        StmtKind::FunctionDef(d) => {
            d.decorators.iter().for_each(&mut *f);
            let a = &d.args;
            for arg in a.posonly.iter().chain(&a.args).chain(&a.vararg).chain(&a.kwonly).chain(&a.kwarg) {
                arg.annotation.iter().for_each(&mut *f);
            }
            a.defaults.iter().for_each(&mut *f);
            a.kw_defaults.iter().flatten().for_each(&mut *f);
            d.returns.iter().for_each(&mut *f);
            body(&d.body, f);
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().for_each(&mut *f);
            c.bases.iter().for_each(&mut *f);
            c.keywords.iter().for_each(|k| f(&k.value));
            body(&c.body, f);
        }
        _ => {}
    }
}

/// Byte span of the first expression nested deeper than the limit, if any.
pub(crate) fn too_deep(body: &[Stmt]) -> Option<Span> {
    let mut found = None;
    for s in body {
        stmt_exprs(s, &mut |e| {
            if found.is_none() && expr_depth(e) > MAX_EXPR_DEPTH {
                found = Some(e.span);
            }
        });
    }
    found
}

/// Drops a module body that may hold over-deep expressions.
pub(crate) fn dismantle_stmts(body: Vec<Stmt>) {
    // Collect every expression by value first, then drop them iteratively.
    let mut exprs = Vec::new();
    let mut stmts = body;
    while let Some(s) = stmts.pop() {
        match s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => exprs.push(e),
            StmtKind::Assign { targets, value } => {
                exprs.extend(targets);
                exprs.push(value);
            }
            StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                exprs.extend([target, annotation]);
                exprs.extend(value);
            }
            StmtKind::Delete(v) => exprs.extend(v),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                exprs.push(test);
                stmts.extend(body);
                stmts.extend(orelse);
            }
            StmtKind::For { target, iter, body, orelse } => {
                exprs.extend([target, iter]);
                stmts.extend(body);
                stmts.extend(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                stmts.extend(body);
                for h in handlers {
                    exprs.extend(h.typ);
                    stmts.extend(h.body);
                }
                stmts.extend(orelse);
                stmts.extend(finalbody);
            }
            StmtKind::With { items, body } => {
                for i in items {
                    exprs.push(i.context);
                    exprs.extend(i.vars);
                }
                stmts.extend(body);
            }
            StmtKind::Raise { exc, cause } => {
                exprs.extend(exc);
                exprs.extend(cause);
            }
            StmtKind::Assert { test, msg } => {
                exprs.push(test);
                exprs.extend(msg);
            }
            StmtKind::FunctionDef(d) => {
                let d = *d;
                exprs.extend(d.decorators);
                let a = d.args;
                for arg in a.posonly.into_iter().chain(a.args).chain(a.vararg).chain(a.kwonly).chain(a.kwarg) {
                    exprs.extend(arg.annotation);
                }
                exprs.extend(a.defaults);
                exprs.extend(a.kw_defaults.into_iter().flatten());
                exprs.extend(d.returns);
                stmts.extend(d.body);
            }
            StmtKind::ClassDef(c) => {
                let c = *c;
                exprs.extend(c.decorators);
                exprs.extend(c.bases);
                exprs.extend(c.keywords.into_iter().map(|k| k.value));
                stmts.extend(c.body);
            }
            _ => {}
        }
    }
    for e in exprs {
        dismantle(e);
    }
}
