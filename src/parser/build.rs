//! AST construction helpers called from the grammar's actions, including CPython's checks
//! on assignment targets, call arguments and parameter lists.
//!
//! Invariant: every error is a `ParseError::User` carrying a specific CPython message and the
//! byte span of the offending node. Recursion over targets is bounded by the tokenizer's
//! bracket limit (each nesting level of a target needs a bracket).

use super::fstring::{self, FPart};
use super::PErr;
use crate::ast::*;
use crate::lexer::{StrLit, Tok};
use lalrpop_util::ParseError;

pub(crate) type R<T> = Result<T, ParseError<usize, Tok, PErr>>;

pub(crate) enum Top {
    Module(Vec<Stmt>),
    Expr(Expr),
}

pub(crate) enum ArgItem {
    Pos(Expr),
    /// An unparenthesized generator expression argument.
    Gen(Expr),
    Star(Expr),
    DStar(Keyword),
    Kw(Keyword),
}

pub(crate) enum ParamItem {
    Plain(Arg, Option<Expr>),
    Star(Option<Arg>, usize, usize),
    DStar(Arg, usize, usize),
    Slash(usize, usize),
}

pub(crate) fn err<T>(msg: impl Into<String>, start: usize, end: usize) -> R<T> {
    Err(ParseError::User { error: PErr::new(msg, start, end).specific() })
}

fn err_at<T>(msg: impl Into<String>, span: Span) -> R<T> {
    err(msg, span.start as usize, span.end as usize)
}

pub(crate) fn stmt(l: usize, r: usize, kind: StmtKind) -> Stmt {
    Stmt { span: Span::new(l, r), kind }
}

pub(crate) fn expr(l: usize, r: usize, kind: ExprKind) -> Expr {
    Expr { span: Span::new(l, r), kind }
}

pub(crate) fn tuple(l: usize, r: usize, mut v: Vec<Expr>, e: Option<Expr>) -> Expr {
    if let Some(e) = e {
        v.push(e);
    }
    expr(l, r, ExprKind::Tuple(v))
}

pub(crate) fn paren(e: Expr) -> R<Expr> {
    if matches!(e.kind, ExprKind::Starred(_)) {
        return err_at("cannot use starred expression here", e.span);
    }
    Ok(e)
}

pub(crate) fn raise(l: usize, r: usize, e: Option<(Expr, Option<Expr>)>) -> Stmt {
    let (exc, cause) = match e {
        Some((x, c)) => (Some(x), c),
        None => (None, None),
    };
    stmt(l, r, StmtKind::Raise { exc, cause })
}

/// CPython's name for an expression kind in error messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::True) => "True",
        ExprKind::Constant(Constant::False) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// `=` statements: starred elements allowed inside tuples and lists.
    Assign,
    /// `for`, `with ... as`, comprehension targets.
    For,
    Del,
}

/// Returns the first invalid sub-target of `e`, if any.
fn bad_target(e: &Expr, ctx: Ctx) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple(v) | ExprKind::List(v) => v.iter().find_map(|x| match &x.kind {
            ExprKind::Starred(inner) if ctx != Ctx::Del => bad_target(inner, ctx),
            _ => bad_target(x, ctx),
        }),
        _ => Some(e),
    }
}

fn target_msg(bad: &Expr, ctx: Ctx) -> String {
    match (&bad.kind, ctx) {
        (_, Ctx::Del) => format!("cannot delete {}", expr_name(bad)),
        (ExprKind::Yield(_) | ExprKind::YieldFrom(_), _) => "assignment to yield expression not possible".into(),
        _ => format!("cannot assign to {}", expr_name(bad)),
    }
}

/// Rejects more than one starred element in one tuple or list target.
fn multiple_starred(e: &Expr) -> R<()> {
    if let ExprKind::Tuple(v) | ExprKind::List(v) = &e.kind {
        if v.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count() > 1 {
            return err_at("multiple starred expressions in assignment", e.span);
        }
        for x in v {
            match &x.kind {
                ExprKind::Starred(inner) => multiple_starred(inner)?,
                _ => multiple_starred(x)?,
            }
        }
    }
    Ok(())
}

pub(crate) fn star_comprehension<T>(e: Expr) -> R<T> {
    err_at("iterable unpacking cannot be used in comprehension", e.span)
}

fn check_target(e: &Expr, ctx: Ctx) -> R<()> {
    if let ExprKind::Starred(_) = &e.kind {
        if ctx == Ctx::Del {
            return err_at("cannot delete starred", e.span);
        }
        return err_at("starred assignment target must be in a list or tuple", e.span);
    }
    match bad_target(e, ctx) {
        Some(bad) => err_at(target_msg(bad, ctx), bad.span),
        None if ctx != Ctx::Del => multiple_starred(e),
        None => Ok(()),
    }
}

fn no_star(e: &Expr) -> R<()> {
    if let ExprKind::Starred(_) = &e.kind {
        return err_at("can't use starred expression here", e.span);
    }
    Ok(())
}

pub(crate) fn delete(l: usize, r: usize, targets: Vec<Expr>) -> R<Stmt> {
    for t in &targets {
        check_target(t, Ctx::Del)?;
    }
    Ok(stmt(l, r, StmtKind::Delete(targets)))
}

pub(crate) fn expr_stmt(l: usize, r: usize, e: Expr) -> R<Stmt> {
    no_star(&e)?;
    Ok(stmt(l, r, StmtKind::Expr(e)))
}

/// True for expressions CPython's `bitwise_or` rule can produce (the ones its
/// "Maybe you meant '=='" hint applies to).
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        &e.kind,
        ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
            | ExprKind::Compare { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Starred(_)
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
            | ExprKind::List(_)
            | ExprKind::Tuple(_)
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant(Constant::None | Constant::True | Constant::False)
    )
}

pub(crate) fn assign(l: usize, r: usize, first: Expr, mut rest: Vec<Expr>) -> R<Stmt> {
    let value = rest.pop().unwrap_or_else(|| expr(r, r, ExprKind::Constant(Constant::None)));
    let mut targets = vec![first];
    targets.extend(rest);
    let n = targets.len();
    for (i, t) in targets.iter().enumerate() {
        if let ExprKind::Starred(_) = &t.kind {
            return err_at("starred assignment target must be in a list or tuple", t.span);
        }
        if let Some(bad) = bad_target(t, Ctx::Assign) {
            let mut msg = target_msg(bad, Ctx::Assign);
            let value_simple = match &value.kind {
                ExprKind::Tuple(v) => v.first().map_or(false, is_bitwise_or_level),
                _ => is_bitwise_or_level(&value),
            };
            if i + 1 == n && bad.span.end == t.span.end && is_bitwise_or_level(bad) && value_simple {
                msg.push_str(" here. Maybe you meant '==' instead of '='?");
            }
            return err_at(msg, bad.span);
        }
    }
    for t in &targets {
        multiple_starred(t)?;
    }
    no_star(&value)?;
    Ok(stmt(l, r, StmtKind::Assign { targets, value }))
}

pub(crate) fn aug_assign(l: usize, r: usize, t: Expr, op: BinOp, v: Expr) -> R<Stmt> {
    match &t.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        _ => {
            return err_at(format!("'{}' is an illegal expression for augmented assignment", expr_name(&t)), t.span)
        }
    }
    no_star(&v)?;
    Ok(stmt(l, r, StmtKind::AugAssign { target: t, op, value: v }))
}

pub(crate) fn ann_assign(l: usize, r: usize, t: Expr, a: Expr, v: Option<Expr>) -> R<Stmt> {
    match &t.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        ExprKind::Tuple(_) => return err_at("only single target (not tuple) can be annotated", t.span),
        ExprKind::List(_) => return err_at("only single target (not list) can be annotated", t.span),
        _ => return err_at("illegal target for annotation", t.span),
    }
    if let Some(v) = &v {
        no_star(v)?;
    }
    // A parenthesized name starts after the statement's first byte (the parenthesis).
    let simple = matches!(t.kind, ExprKind::Name(_)) && t.span.start as usize == l;
    Ok(stmt(l, r, StmtKind::AnnAssign { target: t, annotation: a, value: v, simple }))
}

fn body_end(body: &[Stmt], default: usize) -> usize {
    body.last().map_or(default, |s| s.span.end as usize)
}

pub(crate) fn compound(l: usize, kind: StmtKind) -> Stmt {
    let end = match &kind {
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => body_end(orelse, body_end(body, l)),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            let h = handlers.last().map_or(body_end(body, l), |h| h.span.end as usize);
            body_end(finalbody, body_end(orelse, h))
        }
        StmtKind::With { body, .. } => body_end(body, l),
        StmtKind::FunctionDef(f) => body_end(&f.body, l),
        StmtKind::ClassDef(c) => body_end(&c.body, l),
        _ => l,
    };
    stmt(l, end, kind)
}

pub(crate) fn if_stmt(
    l: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    let mut orelse = orelse.unwrap_or_default();
    for (el, t, b) in elifs.into_iter().rev() {
        orelse = vec![compound(el, StmtKind::If { test: t, body: b, orelse })];
    }
    compound(l, StmtKind::If { test, body, orelse })
}

pub(crate) fn for_stmt(l: usize, t: Expr, iter: Expr, body: Vec<Stmt>, orelse: Option<Vec<Stmt>>) -> R<Stmt> {
    check_target(&t, Ctx::For)?;
    Ok(compound(l, StmtKind::For { target: t, iter, body, orelse: orelse.unwrap_or_default() }))
}

pub(crate) fn handler(l: usize, t: Option<(Expr, Option<String>)>, body: Vec<Stmt>) -> ExceptHandler {
    let (typ, name) = match t {
        Some((e, n)) => (Some(e), n),
        None => (None, None),
    };
    let end = body_end(&body, l);
    ExceptHandler { span: Span::new(l, end), typ, name, body }
}

pub(crate) fn with_stmt(l: usize, items: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt>) -> R<Stmt> {
    let mut out = Vec::with_capacity(items.len());
    for (context, vars) in items {
        if let Some(v) = &vars {
            check_target(v, Ctx::For)?;
        }
        out.push(WithItem { context, vars });
    }
    Ok(compound(l, StmtKind::With { items: out, body }))
}

pub(crate) fn decorate(d: Vec<Expr>, mut s: Stmt) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.decorators = d,
        StmtKind::ClassDef(c) => c.decorators = d,
        _ => {}
    }
    s
}

pub(crate) fn arg(l: usize, r: usize, name: String, annotation: Option<Expr>) -> Arg {
    Arg { span: Span::new(l, r), name, annotation }
}

fn arguments(items: Vec<ParamItem>) -> R<Arguments> {
    let mut a = Arguments::default();
    let (mut seen_slash, mut seen_star, mut seen_default) = (false, false, false);
    let mut bare_star: Option<(usize, usize)> = None;
    let mut names: Vec<String> = Vec::new();
    let mut check_dup = |arg: &Arg| -> R<()> {
        if names.contains(&arg.name) {
            return err_at(format!("duplicate argument '{}' in function definition", arg.name), arg.span);
        }
        names.push(arg.name.clone());
        Ok(())
    };
    for item in items {
        if let Some(k) = &a.kwarg {
            let span = match &item {
                ParamItem::Plain(x, _) => x.span,
                ParamItem::Star(_, l, r) | ParamItem::DStar(_, l, r) | ParamItem::Slash(l, r) => Span::new(*l, *r),
            };
            let _ = k;
            return err_at("arguments cannot follow var-keyword argument", span);
        }
        match item {
            ParamItem::Plain(arg, default) => {
                check_dup(&arg)?;
                if seen_star {
                    a.kwonly.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return err_at("non-default argument follows default argument", arg.span)
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            ParamItem::Slash(l, r) => {
                if seen_slash {
                    return err("/ may appear only once", l, r);
                }
                if seen_star {
                    return err("/ must be ahead of *", l, r);
                }
                if a.args.is_empty() {
                    return err("at least one argument must precede /", l, r);
                }
                seen_slash = true;
                a.posonly = std::mem::take(&mut a.args);
            }
            ParamItem::Star(arg, l, r) => {
                if seen_star {
                    return err("* argument may appear only once", l, r);
                }
                seen_star = true;
                match arg {
                    Some(arg) => {
                        check_dup(&arg)?;
                        a.vararg = Some(arg);
                    }
                    None => bare_star = Some((l, r)),
                }
            }
            ParamItem::DStar(arg, _, _) => {
                check_dup(&arg)?;
                a.kwarg = Some(arg);
            }
        }
    }
    if let Some((l, r)) = bare_star {
        if a.kwonly.is_empty() {
            return err("named arguments must follow bare *", l, r);
        }
    }
    Ok(a)
}

pub(crate) fn funcdef(l: usize, name: String, p: Vec<ParamItem>, returns: Option<Expr>, body: Vec<Stmt>) -> R<Stmt> {
    let args = arguments(p)?;
    Ok(compound(l, StmtKind::FunctionDef(Box::new(FunctionDef { name, args, body, decorators: vec![], returns }))))
}

pub(crate) fn lambda(l: usize, r: usize, p: Vec<ParamItem>, body: Expr) -> R<Expr> {
    let args = arguments(p)?;
    Ok(expr(l, r, ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }))
}

fn split_args(items: Vec<ArgItem>) -> R<(Vec<Expr>, Vec<Keyword>)> {
    let n = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let (mut seen_kw, mut seen_dstar) = (false, false);
    for item in items {
        let is_gen = matches!(item, ArgItem::Gen(_));
        match item {
            ArgItem::Pos(e) | ArgItem::Gen(e) => {
                if is_gen && n > 1 {
                    return err_at("Generator expression must be parenthesized", e.span);
                }
                // CPython places the caret just after the offending argument.
                let end = e.span.end as usize;
                if seen_dstar {
                    return err("positional argument follows keyword argument unpacking", end, end + 1);
                }
                if seen_kw {
                    return err("positional argument follows keyword argument", end, end + 1);
                }
                args.push(e);
            }
            ArgItem::Star(e) => {
                if seen_dstar {
                    return err_at("iterable argument unpacking follows keyword argument unpacking", e.span);
                }
                args.push(e);
            }
            ArgItem::DStar(k) => {
                seen_dstar = true;
                keywords.push(k);
            }
            ArgItem::Kw(k) => {
                if let Some(name) = &k.arg {
                    if keywords.iter().any(|o| o.arg.as_ref() == Some(name)) {
                        return err_at(format!("keyword argument repeated: {}", name), k.span);
                    }
                }
                seen_kw = true;
                keywords.push(k);
            }
        }
    }
    Ok((args, keywords))
}

pub(crate) fn call(l: usize, r: usize, f: Expr, items: Vec<ArgItem>) -> R<Expr> {
    let (args, keywords) = split_args(items)?;
    Ok(expr(l, r, ExprKind::Call { func: Box::new(f), args, keywords }))
}

pub(crate) fn classdef(l: usize, name: String, a: Option<Vec<ArgItem>>, body: Vec<Stmt>) -> R<Stmt> {
    if let Some(ArgItem::Gen(g)) = a.as_ref().and_then(|v| v.iter().find(|x| matches!(x, ArgItem::Gen(_)))) {
        return err_at("invalid syntax", g.span);
    }
    let (bases, keywords) = split_args(a.unwrap_or_default())?;
    Ok(compound(l, StmtKind::ClassDef(Box::new(ClassDef { name, bases, keywords, body, decorators: vec![] }))))
}

pub(crate) fn named_expr(l: usize, r: usize, t: Expr, v: Expr) -> R<Expr> {
    if !matches!(t.kind, ExprKind::Name(_)) {
        return err_at(format!("cannot use assignment expressions with {}", expr_name(&t)), t.span);
    }
    Ok(expr(l, r, ExprKind::NamedExpr { target: Box::new(t), value: Box::new(v) }))
}

pub(crate) fn boolop(l: usize, r: usize, op: BoolOp, first: Expr, rest: Vec<Expr>) -> Expr {
    let mut values = vec![first];
    values.extend(rest);
    expr(l, r, ExprKind::BoolOp { op, values })
}

pub(crate) fn compare(l: usize, r: usize, first: Expr, rest: Vec<(CmpOp, Expr)>) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    expr(l, r, ExprKind::Compare { left: Box::new(first), ops, comparators })
}

pub(crate) fn binop(l: usize, r: usize, a: Expr, op: BinOp, e: Expr) -> Expr {
    expr(l, r, ExprKind::BinOp { left: Box::new(a), op, right: Box::new(e) })
}

pub(crate) fn comprehension(target: Expr, iter: Expr, ifs: Vec<Expr>) -> R<Comprehension> {
    check_target(&target, Ctx::For)?;
    Ok(Comprehension { target, iter, ifs })
}

pub(crate) fn dict(l: usize, r: usize, items: Vec<(Option<Expr>, Expr)>) -> Expr {
    let (keys, values) = items.into_iter().unzip();
    expr(l, r, ExprKind::Dict { keys, values })
}

/// Concatenates adjacent string literals; f-strings make the result a `JoinedStr`.
pub(crate) fn strings(l: usize, r: usize, pieces: Vec<(usize, StrLit, usize)>) -> R<Expr> {
    let nbytes = pieces.iter().filter(|p| matches!(p.1, StrLit::Bytes(_))).count();
    if nbytes > 0 && nbytes < pieces.len() {
        return err("cannot mix bytes and nonbytes literals", r, r);
    }
    if nbytes > 0 {
        let mut out = Vec::new();
        for (_, p, _) in pieces {
            if let StrLit::Bytes(b) = p {
                out.extend(b);
            }
        }
        return Ok(expr(l, r, ExprKind::Constant(Constant::Bytes(out))));
    }
    let has_f = pieces.iter().any(|p| matches!(p.1, StrLit::FStr(_)));
    if !has_f {
        let mut s = String::new();
        for (_, p, _) in pieces {
            if let StrLit::Str(x) = p {
                s.push_str(&x);
            }
        }
        return Ok(expr(l, r, ExprKind::Constant(Constant::Str(s))));
    }
    let mut values: Vec<Expr> = Vec::new();
    let mut lit = String::new();
    for (_, p, pr) in pieces {
        match p {
            StrLit::Str(x) => lit.push_str(&x),
            StrLit::FStr(f) => {
                let parts = fstring::parse(&f, pr).map_err(|e| ParseError::User { error: e.specific() })?;
                for part in parts {
                    match part {
                        FPart::Lit(s) => lit.push_str(&s),
                        FPart::Field(e) => {
                            if !lit.is_empty() {
                                values.push(expr(l, r, ExprKind::Constant(Constant::Str(std::mem::take(&mut lit)))));
                            }
                            values.push(e);
                        }
                    }
                }
            }
            StrLit::Bytes(_) => {}
        }
    }
    if !lit.is_empty() {
        values.push(expr(l, r, ExprKind::Constant(Constant::Str(lit))));
    }
    Ok(expr(l, r, ExprKind::JoinedStr(values)))
}
