//! Symbol tables: which scope each name belongs to (CPython's `Python/symtable.c`).
//!
//! Pass 1 walks the AST and records, per scope, how each name is used. Pass 2 (`analyze`)
//! resolves every name to Local, Cell, Free, GlobalExplicit, GlobalImplicit or (in class
//! and module bodies) Name, given the names bound by enclosing function scopes.
//! Invariant: scopes are keyed by the address of their AST node, which is stable while the
//! compiler holds the `&Module`.

use std::collections::HashMap;

use crate::ast::*;

pub const DEF_LOCAL: u32 = 1;
pub const DEF_PARAM: u32 = 2;
pub const DEF_GLOBAL: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Local,
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
    /// Module and class bodies: LOAD_NAME / STORE_NAME.
    Name,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names in first-seen order with their flags.
    pub order: Vec<String>,
    pub flags: HashMap<String, u32>,
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub resolved: HashMap<String, Resolved>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub is_generator: bool,
    /// Class scope: some method uses `super` or `__class__`, so `__class__` is a cell.
    pub needs_class_cell: bool,
    pub line: usize,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>, line: usize) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            order: Vec::new(),
            flags: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            resolved: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
            line,
        }
    }
    pub fn lookup(&self, name: &str) -> Resolved {
        match self.resolved.get(name) {
            Some(r) => *r,
            None => match self.kind {
                ScopeKind::Module | ScopeKind::Class => Resolved::Name,
                _ => Resolved::GlobalImplicit,
            },
        }
    }
}

/// A symbol-table error: message and the byte offset it points at.
pub struct SymError {
    pub msg: String,
    pub pos: u32,
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_node: HashMap<usize, usize>,
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    cur: usize,
    err: Option<SymError>,
}

pub fn build(module: &Module) -> Result<SymbolTable, SymError> {
    let mut b = Builder { scopes: vec![Scope::new(ScopeKind::Module, "<module>", None, 1)], by_node: HashMap::new(), cur: 0, err: None };
    for s in &module.body {
        b.stmt(s);
    }
    if let Some(e) = b.err {
        return Err(e);
    }
    let mut st = SymbolTable { scopes: b.scopes, by_node: b.by_node };
    analyze(&mut st)?;
    Ok(st)
}

impl Builder {
    fn add(&mut self, name: &str, flag: u32, pos: u32) {
        let sc = &mut self.scopes[self.cur];
        let old = sc.flags.get(name).copied();
        if old.is_none() {
            sc.order.push(name.to_string());
        }
        let old = old.unwrap_or(0);
        if flag & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.err.is_none() {
            let what = if flag & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
            if old & DEF_PARAM != 0 {
                self.err = Some(SymError { msg: format!("name '{}' is parameter and {}", name, what), pos });
            } else if old & USE != 0 {
                self.err = Some(SymError { msg: format!("name '{}' is used prior to {} declaration", name, what), pos });
            } else if old & DEF_LOCAL != 0 {
                self.err = Some(SymError { msg: format!("name '{}' is assigned to before {} declaration", name, what), pos });
            }
        }
        self.scopes[self.cur].flags.insert(name.to_string(), old | flag);
    }

    fn push(&mut self, key: usize, kind: ScopeKind, name: &str, line: usize) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, Some(self.cur), line));
        self.scopes[self.cur].children.push(id);
        self.by_node.insert(key, id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn body(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s);
        }
    }

    fn args_defaults(&mut self, a: &Arguments) {
        for d in &a.defaults {
            self.expr(d);
        }
        for d in a.kw_defaults.iter().flatten() {
            self.expr(d);
        }
    }
    fn args_annotations(&mut self, a: &Arguments) {
        for arg in a.posonly.iter().chain(a.args.iter()).chain(a.vararg.iter()).chain(a.kwonly.iter()).chain(a.kwarg.iter()) {
            if let Some(an) = &arg.annotation {
                self.expr(an);
            }
        }
    }
    fn params(&mut self, a: &Arguments) {
        for arg in a.posonly.iter().chain(a.args.iter()).chain(a.kwonly.iter()).chain(a.vararg.iter()).chain(a.kwarg.iter()) {
            self.add(&arg.name, DEF_PARAM, arg.span.start);
        }
        // CPython's parameter order: positional, keyword-only, *args, **kwargs.
        let sc = &mut self.scopes[self.cur];
        sc.params = a.posonly.iter().chain(a.args.iter()).chain(a.kwonly.iter()).chain(a.vararg.iter()).chain(a.kwarg.iter()).map(|x| x.name.clone()).collect();
    }

    fn stmt(&mut self, s: &Stmt) {
        let pos = s.span.start;
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.add(n, DEF_LOCAL | USE, target.span.start);
                } else {
                    self.expr(target);
                }
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                if let Some(v) = value {
                    self.expr(v);
                }
                if let ExprKind::Name(n) = &target.kind {
                    if value.is_some() || self.scopes[self.cur].kind != ScopeKind::Function {
                        self.add(n, DEF_LOCAL, target.span.start);
                    } else {
                        self.add(n, DEF_LOCAL, target.span.start);
                    }
                } else {
                    self.expr(target);
                }
                if self.scopes[self.cur].kind != ScopeKind::Function {
                    self.expr(annotation);
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.target(t);
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    self.add(n, DEF_GLOBAL, pos);
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    if self.scopes[self.cur].kind == ScopeKind::Module && self.err.is_none() {
                        self.err = Some(SymError { msg: "nonlocal declaration not allowed at module level".into(), pos });
                    }
                    self.add(n, DEF_NONLOCAL, pos);
                }
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.body(body);
                self.body(orelse);
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.expr(iter);
                self.target(target);
                self.body(body);
                self.body(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.body(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.add(n, DEF_LOCAL, h.span.start);
                    }
                    self.body(&h.body);
                }
                self.body(orelse);
                self.body(finalbody);
            }
            StmtKind::With { items, body } => {
                for it in items {
                    self.expr(&it.context);
                    if let Some(v) = &it.vars {
                        self.target(v);
                    }
                }
                self.body(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d);
                }
                self.args_defaults(&f.args);
                self.args_annotations(&f.args);
                if let Some(r) = &f.returns {
                    self.expr(r);
                }
                self.add(&f.name, DEF_LOCAL, pos);
                let prev = self.push(&**f as *const FunctionDef as usize, ScopeKind::Function, &f.name, 0);
                self.params(&f.args);
                self.body(&f.body);
                self.cur = prev;
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d);
                }
                for b in &c.bases {
                    self.expr(b);
                }
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                self.add(&c.name, DEF_LOCAL, pos);
                let prev = self.push(&**c as *const ClassDef as usize, ScopeKind::Class, &c.name, 0);
                self.body(&c.body);
                self.cur = prev;
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add(&bound, DEF_LOCAL, a.span.start);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.scopes[self.cur].kind != ScopeKind::Module && self.err.is_none() {
                            self.err = Some(SymError { msg: "import * only allowed at module level".into(), pos });
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.add(&bound, DEF_LOCAL, a.span.start);
                }
            }
        }
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.add(n, DEF_LOCAL, t.span.start),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn comprehension(&mut self, key: usize, name: &str, gens: &[Comprehension], elts: &[&Expr], is_gen: bool) {
        // The first iterable is evaluated in the enclosing scope.
        self.expr(&gens[0].iter);
        let prev = self.push(key, ScopeKind::Comprehension, name, 0);
        self.scopes[self.cur].is_generator = is_gen;
        self.add(".0", DEF_PARAM, 0);
        self.scopes[self.cur].params = vec![".0".to_string()];
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.cur = prev;
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    // Inside comprehensions the target binds in the nearest function scope.
                    let saved = self.cur;
                    while self.scopes[self.cur].kind == ScopeKind::Comprehension {
                        self.cur = self.scopes[self.cur].parent.unwrap_or(0);
                    }
                    self.add(n, DEF_LOCAL, target.span.start);
                    let target_scope = self.cur;
                    self.cur = saved;
                    if target_scope != saved {
                        // Mark it nonlocal-like in the comprehension: resolves as free.
                        let mut c = saved;
                        while c != target_scope {
                            let sc = &mut self.scopes[c];
                            if !sc.flags.contains_key(n) {
                                sc.order.push(n.clone());
                            }
                            let f = sc.flags.get(n).copied().unwrap_or(0);
                            let extra = if self.scopes[target_scope].kind == ScopeKind::Module { DEF_GLOBAL } else { DEF_NONLOCAL };
                            self.scopes[c].flags.insert(n.clone(), f | extra);
                            c = self.scopes[c].parent.unwrap_or(0);
                        }
                    }
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.args_defaults(args);
                let prev = self.push(e as *const Expr as usize, ScopeKind::Function, "<lambda>", 0);
                self.params(args);
                self.expr(body);
                self.cur = prev;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values.iter()) {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
                for i in items {
                    self.expr(i);
                }
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(e as *const Expr as usize, "<listcomp>", generators, &[elt], false),
            ExprKind::SetComp { elt, generators } => self.comprehension(e as *const Expr as usize, "<setcomp>", generators, &[elt], false),
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e as *const Expr as usize, "<genexpr>", generators, &[elt], true),
            ExprKind::DictComp { key, value, generators } => self.comprehension(e as *const Expr as usize, "<dictcomp>", generators, &[key, value], false),
            ExprKind::Yield(v) => {
                self.mark_generator(e.span.start);
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.mark_generator(e.span.start);
                self.expr(v);
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left);
                for c in comparators {
                    self.expr(c);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&k.value);
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value);
                if let Some(s) = format_spec {
                    self.expr(s);
                }
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p);
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Name(n) => {
                self.add(n, USE, e.span.start);
                if n == "super" || n == "__class__" {
                    // Zero-argument super() needs the __class__ cell of the enclosing class.
                    self.add("__class__", USE, e.span.start);
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }

    fn mark_generator(&mut self, pos: u32) {
        let sc = &mut self.scopes[self.cur];
        match sc.kind {
            ScopeKind::Function | ScopeKind::Comprehension => sc.is_generator = true,
            _ => {
                if self.err.is_none() {
                    self.err = Some(SymError { msg: "'yield' outside function".into(), pos });
                }
            }
        }
    }
}

/// Resolves every scope's names (CPython's `analyze_block`).
fn analyze(st: &mut SymbolTable) -> Result<(), SymError> {
    analyze_scope(st, 0, &[], &mut Vec::new())?;
    Ok(())
}

/// `bound`: names bound in enclosing function scopes (visible as free variables).
/// Returns through `free_out` the free names this scope needs from its parents.
fn analyze_scope(st: &mut SymbolTable, id: usize, bound: &[String], free_out: &mut Vec<String>) -> Result<(), SymError> {
    let kind = st.scopes[id].kind;
    let names = st.scopes[id].order.clone();
    let mut resolved: HashMap<String, Resolved> = HashMap::new();
    let mut local: Vec<String> = Vec::new();
    for n in &names {
        let f = st.scopes[id].flags[n];
        let r = if f & DEF_GLOBAL != 0 {
            Resolved::GlobalExplicit
        } else if f & DEF_NONLOCAL != 0 {
            if !bound.contains(n) {
                return Err(SymError { msg: format!("no binding for nonlocal '{}' found", n), pos: 0 });
            }
            Resolved::Free
        } else if f & (DEF_LOCAL | DEF_PARAM) != 0 {
            local.push(n.clone());
            match kind {
                ScopeKind::Module | ScopeKind::Class => Resolved::Name,
                _ => Resolved::Local,
            }
        } else if bound.contains(n) && kind != ScopeKind::Module {
            Resolved::Free
        } else {
            match kind {
                ScopeKind::Module | ScopeKind::Class => Resolved::Name,
                _ => Resolved::GlobalImplicit,
            }
        };
        resolved.insert(n.clone(), r);
    }
    // Names visible to children as free variables.
    let mut child_bound: Vec<String> = bound.to_vec();
    match kind {
        ScopeKind::Function | ScopeKind::Comprehension => {
            for n in &local {
                if !child_bound.contains(n) {
                    child_bound.push(n.clone());
                }
            }
            // A global declaration hides outer bindings from children.
            for (n, r) in &resolved {
                if *r == Resolved::GlobalExplicit {
                    child_bound.retain(|x| x != n);
                }
            }
        }
        ScopeKind::Class => {
            child_bound.push("__class__".to_string());
        }
        ScopeKind::Module => {}
    }
    let children = st.scopes[id].children.clone();
    let mut child_free: Vec<String> = Vec::new();
    for c in children {
        analyze_scope(st, c, &child_bound, &mut child_free)?;
    }
    let mut cellvars = Vec::new();
    let mut freevars: Vec<String> = Vec::new();
    for n in &child_free {
        match kind {
            ScopeKind::Function | ScopeKind::Comprehension => {
                match resolved.get(n) {
                    Some(Resolved::Local) => {
                        resolved.insert(n.clone(), Resolved::Cell);
                        if !cellvars.contains(n) {
                            cellvars.push(n.clone());
                        }
                    }
                    Some(Resolved::Cell) => {}
                    Some(Resolved::Free) => {
                        if !freevars.contains(n) {
                            freevars.push(n.clone());
                        }
                    }
                    Some(Resolved::GlobalExplicit) => {}
                    _ => {
                        // Passes through this scope to a child.
                        resolved.insert(n.clone(), Resolved::Free);
                        if !freevars.contains(n) {
                            freevars.push(n.clone());
                        }
                    }
                }
            }
            ScopeKind::Class => {
                if n == "__class__" {
                    st.scopes[id].needs_class_cell = true;
                    if !cellvars.contains(n) {
                        cellvars.push(n.clone());
                    }
                } else if !freevars.contains(n) {
                    // The class body passes the name through; its own uses read the namespace first.
                    freevars.push(n.clone());
                }
            }
            ScopeKind::Module => {}
        }
    }
    for n in &names {
        if resolved.get(n) == Some(&Resolved::Free) && !freevars.contains(n) {
            freevars.push(n.clone());
        }
    }
    if kind == ScopeKind::Class {
        // Names the class body itself uses that are free resolve via LOAD_CLASSDEREF.
        for n in &names {
            if resolved.get(n) == Some(&Resolved::Name) && bound.contains(n) && st.scopes[id].flags[n] & (DEF_LOCAL | DEF_PARAM) == 0 {
                resolved.insert(n.clone(), Resolved::Free);
                if !freevars.contains(n) {
                    freevars.push(n.clone());
                }
            }
        }
    }
    // The names we need from outside: our free variables (minus __class__ served by a class).
    for n in &freevars {
        if !free_out.contains(n) {
            free_out.push(n.clone());
        }
    }
    // Sort cells by CPython's rule (sorted by name); frees likewise.
    cellvars.sort();
    freevars.sort();
    let sc = &mut st.scopes[id];
    sc.resolved = resolved;
    sc.cellvars = cellvars;
    sc.freevars = freevars;
    Ok(())
}
