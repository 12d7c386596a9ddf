//! Expression compilation: operators, calls, displays, comprehensions, f-strings.

use super::stmt::FuncBody;
use super::{CompileError, Compiler, NameCtx};
use crate::ast::*;
use crate::bytecode::Op;
use crate::object;

type R = Result<(), CompileError>;

/// BinaryOp operand for an AST operator (CPython 3.11's NB_* numbering).
pub(crate) fn binop_arg(op: BinOp) -> u32 {
    match op {
        BinOp::Add => 0,
        BinOp::BitAnd => 1,
        BinOp::FloorDiv => 2,
        BinOp::LShift => 3,
        BinOp::MatMult => 4,
        BinOp::Mult => 5,
        BinOp::Mod => 6,
        BinOp::BitOr => 7,
        BinOp::Pow => 8,
        BinOp::RShift => 9,
        BinOp::Sub => 10,
        BinOp::Div => 11,
        BinOp::BitXor => 12,
    }
}

fn cmp_arg(op: CmpOp) -> Option<u32> {
    Some(match op {
        CmpOp::Lt => 0,
        CmpOp::LtE => 1,
        CmpOp::Eq => 2,
        CmpOp::NotEq => 3,
        CmpOp::Gt => 4,
        CmpOp::GtE => 5,
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    pub(crate) fn constant(&self, c: &Constant) -> object::ObjRef {
        match c {
            Constant::None => object::none(),
            Constant::True => object::new_bool(true),
            Constant::False => object::new_bool(false),
            Constant::Ellipsis => object::ellipsis(),
            Constant::Int(i) => object::new_bigint(i.clone()),
            Constant::Float(f) => object::new_float(*f),
            Constant::Complex(im) => object::ObjRef::new(&object::types::builtin_types().complex, object::Payload::Complex(0.0, *im)),
            Constant::Str(s) => {
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    object::str::intern(s)
                } else {
                    object::new_str(s)
                }
            }
            Constant::Bytes(b) => object::new_bytes(b.clone()),
        }
    }

    pub(crate) fn expr(&mut self, e: &'a Expr) -> R {
        let old = self.set_line(e.span);
        self.expr_inner(e)?;
        self.line = old;
        Ok(())
    }

    fn expr_inner(&mut self, e: &'a Expr) -> R {
        if matches!(e.kind, ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } | ExprKind::Tuple(_)) {
            if let Some(v) = super::fold::fold(self, e) {
                self.load_const(v);
                return Ok(());
            }
        }
        match &e.kind {
            ExprKind::Constant(c) => {
                let v = self.constant(c);
                self.load_const(v);
            }
            ExprKind::Name(n) => self.name_op(n, NameCtx::Load),
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jop = if *op == BoolOp::And { Op::JumpIfFalseOrPop } else { Op::JumpIfTrueOrPop };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.emit_jump(jop, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::DupTop, 0);
                self.store_target(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::BinaryOp, binop_arg(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(
                    match op {
                        UnaryOp::Invert => Op::UnaryInvert,
                        UnaryOp::Not => Op::UnaryNot,
                        UnaryOp::UAdd => Op::UnaryPositive,
                        UnaryOp::USub => Op::UnaryNegative,
                    },
                    0,
                );
            }
            ExprKind::Lambda { args, body } => {
                let key = e as *const Expr as usize;
                self.make_function(key, "<lambda>", args, FuncBody::Expr(body), e.span, None)?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                let els = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, els)?;
                self.expr(body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(els);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => {
                let mut n = 0u32;
                let mut built = false;
                for (k, v) in keys.iter().zip(values.iter()) {
                    match k {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            n += 1;
                        }
                        None => {
                            if !built || n > 0 {
                                self.emit(Op::BuildMap, n);
                                if built {
                                    self.emit(Op::DictUpdate, 1);
                                }
                                built = true;
                                n = 0;
                            }
                            self.expr(v)?;
                            self.emit(Op::DictUpdate, 1);
                        }
                    }
                }
                if !built || n > 0 {
                    self.emit(Op::BuildMap, n);
                    if built {
                        self.emit(Op::DictUpdate, 1);
                    }
                }
            }
            ExprKind::Set(items) => self.sequence(items, Op::BuildSet)?,
            ExprKind::List(items) => self.sequence(items, Op::BuildList)?,
            ExprKind::Tuple(items) => {
                if !items.is_empty() && items.iter().all(|i| matches!(i.kind, ExprKind::Constant(_))) {
                    let vals: Vec<_> = items
                        .iter()
                        .map(|i| match &i.kind {
                            ExprKind::Constant(c) => self.constant(c),
                            _ => unreachable!(),
                        })
                        .collect();
                    self.load_const(object::new_tuple(vals));
                } else {
                    self.sequence(items, Op::BuildTuple)?;
                }
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(e, "<listcomp>", generators, CompKind::List(elt))?,
            ExprKind::SetComp { elt, generators } => self.comprehension(e, "<setcomp>", generators, CompKind::Set(elt))?,
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, "<genexpr>", generators, CompKind::Gen(elt))?,
            ExprKind::DictComp { key, value, generators } => self.comprehension(e, "<dictcomp>", generators, CompKind::Dict(key, value))?,
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const_none(),
                }
                self.emit(Op::YieldValue, 0);
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v)?;
                self.emit(Op::GetYieldFromIter, 0);
                self.load_const_none();
                self.emit(Op::YieldFrom, 0);
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.expr(left)?;
                // The last operand of `in`/`not in` ending the chain is an iterable
                // operand (a display of constants is one constant).
                let last_in = matches!(ops.last(), Some(CmpOp::In | CmpOp::NotIn));
                if ops.len() == 1 {
                    if last_in {
                        self.iter_operand(&comparators[0])?;
                    } else {
                        self.expr(&comparators[0])?;
                    }
                    self.emit_cmp(ops[0]);
                } else {
                    let cleanup = self.new_label();
                    let end = self.new_label();
                    for (i, (op, c)) in ops.iter().zip(comparators.iter()).enumerate() {
                        if last_in && i + 1 == ops.len() {
                            self.iter_operand(c)?;
                        } else {
                            self.expr(c)?;
                        }
                        if i + 1 < ops.len() {
                            self.emit(Op::DupTop, 0);
                            self.emit(Op::RotThree, 0);
                            self.emit_cmp(*op);
                            self.emit_jump(Op::JumpIfFalseOrPop, cleanup);
                        } else {
                            self.emit_cmp(*op);
                        }
                    }
                    self.emit_jump(Op::Jump, end);
                    self.bind(cleanup);
                    self.emit(Op::RotTwo, 0);
                    self.emit(Op::PopTop, 0);
                    self.bind(end);
                }
            }
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords)?,
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.expr(value)?;
                let mut flags = match conversion {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    flags |= 4;
                }
                self.emit(Op::FormatValue, flags);
            }
            ExprKind::JoinedStr(parts) => {
                if parts.is_empty() {
                    self.load_const(object::new_str(""));
                } else {
                    for p in parts {
                        self.expr(p)?;
                    }
                    if parts.len() > 1 || !matches!(parts[0].kind, ExprKind::Constant(_)) {
                        self.emit(Op::BuildString, parts.len() as u32);
                    }
                }
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Op::LoadAttr, i);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::BinarySubscr, 0);
            }
            ExprKind::Starred(_) => return self.err("can't use starred expression here", e.span),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const_none(),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => {
                        self.emit(Op::BuildSlice, 2);
                    }
                }
            }
        }
        Ok(())
    }

    fn emit_cmp(&mut self, op: CmpOp) {
        match op {
            CmpOp::Is => self.emit(Op::IsOp, 0),
            CmpOp::IsNot => self.emit(Op::IsOp, 1),
            CmpOp::In => self.emit(Op::ContainsOp, 0),
            CmpOp::NotIn => self.emit(Op::ContainsOp, 1),
            _ => self.emit(Op::CompareOp, cmp_arg(op).unwrap()),
        };
    }

    /// An iterable operand (of `for`, of a comprehension's `for`, or the right one of
    /// `in`): a list or set display of constants is one constant, a tuple or a
    /// frozenset, as CPython's AST optimizer makes it.
    pub(crate) fn iter_operand(&mut self, e: &'a Expr) -> R {
        let folded = match &e.kind {
            ExprKind::Set(items) => super::fold::const_items(self, items).and_then(|v| super::fold::const_frozenset(&v)),
            ExprKind::List(items) => super::fold::const_items(self, items).map(object::new_tuple),
            _ => None,
        };
        match folded {
            Some(v) => {
                self.load_const(v);
                Ok(())
            }
            None => self.expr(e),
        }
    }

    /// Builds a list/tuple/set display, handling `*iterable` items.
    fn sequence(&mut self, items: &'a [Expr], build: Op) -> R {
        if build == Op::BuildSet && items.len() > 2 {
            // A set display of constants: an empty set updated from a frozenset
            // constant (CPython's order; see `fold::const_frozenset`).
            if let Some(fs) = super::fold::const_items(self, items).and_then(|v| super::fold::const_frozenset(&v)) {
                self.emit(Op::BuildSet, 0);
                self.load_const(fs);
                self.emit(Op::SetUpdate, 1);
                return Ok(());
            }
        }
        if !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            for i in items {
                self.expr(i)?;
            }
            self.emit(build, items.len() as u32);
            return Ok(());
        }
        let (b, ext) = if build == Op::BuildSet { (Op::BuildSet, Op::SetUpdate) } else { (Op::BuildList, Op::ListExtend) };
        let mut n = 0;
        let mut built = false;
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                if !built {
                    self.emit(b, n);
                    built = true;
                    n = 0;
                } else if n > 0 {
                    self.emit(b, n);
                    self.emit(ext, 1);
                    n = 0;
                }
                self.expr(inner)?;
                self.emit(ext, 1);
            } else {
                self.expr(i)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(b, n);
            self.emit(ext, 1);
        }
        if build == Op::BuildTuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> R {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) || keywords.iter().any(|k| k.arg.is_none());
        if starred {
            self.expr(func)?;
            match args {
                // A lone `*x` is passed as is: CALL_FUNCTION_EX converts it (and names
                // the function if it is not iterable), as CPython 3.11 compiles it.
                [Expr { kind: ExprKind::Starred(inner), .. }] => self.expr(inner)?,
                _ => self.sequence(args, Op::BuildTuple)?,
            }
            if !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
                // sequence() emitted BuildTuple already
            }
            let mut flags = 0;
            if !keywords.is_empty() {
                flags = 1;
                let mut n = 0;
                let mut built = false;
                for k in keywords {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(object::str::intern(name));
                            self.expr(&k.value)?;
                            n += 1;
                        }
                        None => {
                            if !built {
                                self.emit(Op::BuildMap, n);
                                built = true;
                            } else if n > 0 {
                                self.emit(Op::BuildMap, n);
                                self.emit(Op::DictMerge, 1);
                            }
                            n = 0;
                            self.expr(&k.value)?;
                            self.emit(Op::DictMerge, 1);
                        }
                    }
                }
                if n > 0 || !built {
                    self.emit(Op::BuildMap, n);
                    if built {
                        self.emit(Op::DictMerge, 1);
                    }
                }
            }
            self.set_line(func.span);
            self.emit(Op::CallFunctionEx, flags);
            return Ok(());
        }
        let method = if let ExprKind::Attribute { value, attr } = &func.kind {
            self.expr(value)?;
            let i = self.name_index(attr);
            let old = self.line;
            self.line = self.line_of(func.span).max(self.lines_end_line(value));
            self.emit(Op::LoadMethod, i);
            self.line = old;
            true
        } else {
            self.expr(func)?;
            false
        };
        for a in args {
            self.expr(a)?;
        }
        for k in keywords {
            self.expr(&k.value)?;
        }
        let n = (args.len() + keywords.len()) as u32;
        if !keywords.is_empty() {
            let names: Vec<_> = keywords.iter().map(|k| object::str::intern(k.arg.as_deref().unwrap_or(""))).collect();
            let i = self.add_const(object::new_tuple(names));
            self.emit(Op::KwNames, i);
        }
        self.emit(if method { Op::CallMethod } else { Op::CallFunction }, n);
        Ok(())
    }

    fn lines_end_line(&self, e: &Expr) -> u32 {
        self.lines.line(e.span.end.saturating_sub(1) as usize) as u32
    }

    /// Jumps to `target` if the truth of `test` equals `when`; falls through otherwise.
    pub(crate) fn jump_if(&mut self, test: &'a Expr, when: bool, target: super::Label) -> R {
        match &test.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, !when, target),
            ExprKind::BoolOp { op, values } => {
                let is_and = *op == BoolOp::And;
                if is_and != when {
                    // `a and b` jumping when false / `a or b` jumping when true: any operand decides.
                    for v in values {
                        self.jump_if(v, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    for (i, v) in values.iter().enumerate() {
                        if i + 1 < values.len() {
                            self.jump_if(v, !when, skip)?;
                        } else {
                            self.jump_if(v, when, target)?;
                        }
                    }
                    self.bind(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(test)?;
        self.emit_jump(if when { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, target);
        Ok(())
    }

    fn comprehension(&mut self, e: &'a Expr, name: &str, gens: &'a [Comprehension], kind: CompKind<'a>) -> R {
        let key = e as *const Expr as usize;
        let scope = self.st.by_node[&key];
        let qualname = self.child_qualname(name);
        let line = self.line_of(e.span);
        self.enter_unit(scope, name, &qualname, line);
        self.line = line;
        self.unit().argcount = 1;
        match kind {
            CompKind::List(_) => {
                self.emit(Op::BuildList, 0);
            }
            CompKind::Set(_) => {
                self.emit(Op::BuildSet, 0);
            }
            CompKind::Dict(..) => {
                self.emit(Op::BuildMap, 0);
            }
            CompKind::Gen(_) => {}
        }
        self.comp_gen(gens, 0, &kind)?;
        if matches!(kind, CompKind::Gen(_)) {
            self.load_const_none();
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.exit_unit();
        self.line = line;
        let free = self.st.scopes[scope].freevars.clone();
        self.emit_closure_and_make(code, &free, 0, &qualname)?;
        self.iter_operand(&gens[0].iter)?;
        self.emit(Op::GetIter, 0);
        self.emit(Op::CallFunction, 1);
        Ok(())
    }

    fn comp_gen(&mut self, gens: &'a [Comprehension], i: usize, kind: &CompKind<'a>) -> R {
        let g = &gens[i];
        let top = self.new_label();
        let exit = self.new_label();
        if i == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.iter_operand(&g.iter)?;
            self.emit(Op::GetIter, 0);
        }
        self.bind(top);
        self.emit_jump(Op::ForIter, exit);
        self.store_target(&g.target)?;
        for c in &g.ifs {
            self.jump_if(c, false, top)?;
        }
        if i + 1 < gens.len() {
            self.comp_gen(gens, i + 1, kind)?;
        } else {
            // Depth of the accumulator below the loop iterators: one per generator.
            let depth = (gens.len() + 1) as u32;
            match kind {
                CompKind::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend, depth);
                }
                CompKind::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd, depth);
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd, depth);
                }
                CompKind::Gen(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue, 0);
                    self.emit(Op::PopTop, 0);
                }
            }
        }
        self.emit_jump(Op::Jump, top);
        self.bind(exit);
        Ok(())
    }
}

enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Gen(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}
