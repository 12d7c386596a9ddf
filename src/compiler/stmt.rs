//! Statement compilation, including the handler-block layout of try/except/finally and
//! with (see DESIGN.md §6 and the VM's unwinding in vm/exceptions.rs):
//!
//! Entering a handler leaves `[..., previously handled exception, new exception]` on the
//! stack with the new one as the handled exception; `PopExcept` restores the previous one.

use super::symtable::ScopeKind;
use super::{CompileError, Compiler, FBlock, Mode, NameCtx};
use crate::ast::*;
use crate::bytecode::Op;
use crate::object;

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    pub(crate) fn body(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> R {
        self.set_line(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.mode == Mode::Interactive && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit(Op::PrintExpr, 0);
                } else if let ExprKind::Constant(_) = e.kind {
                    // A constant statement (docstring or `...`) compiles to nothing.
                } else {
                    self.expr(e)?;
                    self.emit(Op::PopTop, 0);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::DupTop, 0);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                if *simple && self.scope_kind() != ScopeKind::Function {
                    if let ExprKind::Name(n) = &target.kind {
                        // __annotations__[name] = annotation
                        self.expr(annotation)?;
                        let i = self.name_index("__annotations__");
                        self.emit(Op::LoadName, i);
                        self.load_const(object::str::intern(n));
                        self.emit(Op::StoreSubscr, 0);
                    }
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.break_continue(true, s.span)?,
            StmtKind::Continue => self.break_continue(false, s.span)?,
            StmtKind::Return(v) => {
                if !matches!(self.scope_kind(), ScopeKind::Function) {
                    return self.err("'return' outside function", s.span);
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const_none(),
                }
                self.unwind_all(true)?;
                self.set_line(s.span);
                self.emit(Op::ReturnValue, 0);
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let els = self.new_label();
                self.jump_if(test, false, els)?;
                self.body(body)?;
                if !orelse.is_empty() {
                    self.emit_jump(Op::Jump, end);
                }
                self.bind(els);
                self.body(orelse)?;
                self.bind(end);
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let brk = self.new_label();
                let els = self.new_label();
                self.bind(top);
                self.jump_if(test, false, els)?;
                self.unit().fblocks.push(FBlock::Loop { cont: top, brk, is_for: false });
                self.body(body)?;
                self.unit().fblocks.pop();
                self.emit_jump(Op::Jump, top);
                self.bind(els);
                self.body(orelse)?;
                self.bind(brk);
            }
            StmtKind::For { target, iter, body, orelse } => {
                let top = self.new_label();
                let exit = self.new_label();
                let brk = self.new_label();
                self.iter_operand(iter)?;
                self.emit(Op::GetIter, 0);
                self.bind(top);
                self.set_line(s.span);
                self.emit_jump(Op::ForIter, exit);
                self.store_target(target)?;
                self.unit().fblocks.push(FBlock::Loop { cont: top, brk, is_for: true });
                self.body(body)?;
                self.unit().fblocks.pop();
                self.emit_jump(Op::Jump, top);
                self.bind(exit);
                self.body(orelse)?;
                self.bind(brk);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With { items, body } => self.with(items, body, 0)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_line(s.span);
                self.emit(Op::RaiseVarargs, n);
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::CallFunction, 1);
                }
                self.set_line(s.span);
                self.emit(Op::RaiseVarargs, 1);
                self.bind(end);
            }
            StmtKind::FunctionDef(f) => self.function_def(f, s.span)?,
            StmtKind::ClassDef(c) => self.class_def(c, s.span)?,
            StmtKind::Import(names) => {
                for a in names {
                    self.load_const(object::new_int(0));
                    self.load_const_none();
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportName, i);
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the innermost module.
                            for part in a.name.split('.').skip(1) {
                                let i = self.name_index(part);
                                self.emit(Op::ImportFrom, i);
                                self.emit(Op::RotTwo, 0);
                                self.emit(Op::PopTop, 0);
                            }
                            self.name_op(asname, NameCtx::Store);
                        }
                        None => {
                            let first = a.name.split('.').next().unwrap_or("").to_string();
                            self.name_op(&first, NameCtx::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.load_const(object::new_int(*level as i64));
                let fromlist: Vec<_> = names.iter().map(|a| object::str::intern(&a.name)).collect();
                self.load_const(object::new_tuple(fromlist));
                let m = module.clone().unwrap_or_default();
                let i = self.name_index(&m);
                self.emit(Op::ImportName, i);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Op::ImportStar, 0);
                } else {
                    for a in names {
                        let i = self.name_index(&a.name);
                        self.emit(Op::ImportFrom, i);
                        let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                        self.name_op(&bound, NameCtx::Store);
                    }
                    self.emit(Op::PopTop, 0);
                }
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> R {
        let arg = super::expr::binop_arg(op) | crate::bytecode::opcodes::INPLACE_FLAG;
        match &target.kind {
            ExprKind::Name(n) => {
                self.name_op(n, NameCtx::Load);
                self.expr(value)?;
                self.set_line(target.span);
                self.emit(Op::BinaryOp, arg);
                self.name_op(n, NameCtx::Store);
            }
            // `x.a op= v` on a local `x` with a `v` of names, constants, attributes and
            // operators: `x` is loaded again for the store instead of kept on the stack
            // under the value (DUP_TOP, ROT_TWO), which fuses into LOAD_FAST_LOAD_ATTR
            // and LOAD_FAST_STORE_ATTR. Such a `v` cannot rebind `x` (the code it may
            // run, a getter or an operator's method, has its own frame; only a walrus
            // here could), so both loads see the same object. While `v` is evaluated
            // the instance is held by the local alone, one reference fewer than
            // CPython's stack holds, which only `sys.getrefcount` in that code can see.
            ExprKind::Attribute { value: obj, attr } if matches!(&obj.kind, ExprKind::Name(n) if self.resolve(n) == super::symtable::Resolved::Local) && cannot_rebind(value) => {
                let ExprKind::Name(n) = &obj.kind else { unreachable!("tested above") };
                let i = self.name_index(attr);
                self.name_op(n, NameCtx::Load);
                self.emit(Op::LoadAttr, i);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.name_op(n, NameCtx::Load);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::DupTop, 0);
                let i = self.name_index(attr);
                self.emit(Op::LoadAttr, i);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::RotTwo, 0);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Op::DupTopTwo, 0);
                self.emit(Op::BinarySubscr, 0);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::RotThree, 0);
                self.emit(Op::StoreSubscr, 0);
            }
            _ => return self.err("'expression' is an illegal expression for augmented assignment", target.span),
        }
        Ok(())
    }

    pub(crate) fn store_target(&mut self, t: &'a Expr) -> R {
        let old = self.set_line(t.span);
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, NameCtx::Store),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::StoreSubscr, 0);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    Some(si) => {
                        if items.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count() > 1 {
                            return self.err("multiple starred expressions in assignment", t.span);
                        }
                        let after = items.len() - si - 1;
                        self.emit(Op::UnpackEx, (si as u32) | ((after as u32) << 8));
                    }
                    None => {
                        self.emit(Op::UnpackSequence, items.len() as u32);
                    }
                }
                for it in items {
                    match &it.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(it)?,
                    }
                }
            }
            ExprKind::Starred(_) => return self.err("starred assignment target must be in a list or tuple", t.span),
            _ => return self.err("cannot assign to expression", t.span),
        }
        self.line = old;
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> R {
        self.set_line(t.span);
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, NameCtx::Del),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Op::DeleteAttr, i);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::DeleteSubscr, 0);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => return self.err("cannot delete expression", t.span),
        }
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, span: Span) -> R {
        let word = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
        let Some(pos) = self.unit().fblocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. })) else {
            return self.err(word, span);
        };
        let saved = self.unit().fblocks.clone();
        // Unwind the blocks inside the loop, innermost first.
        while self.unit().fblocks.len() > pos + 1 {
            let b = self.unit().fblocks.pop().unwrap();
            self.unwind_block(&b, false)?;
        }
        let FBlock::Loop { cont, brk, is_for } = self.unit().fblocks[pos].clone() else { unreachable!() };
        if is_break {
            if is_for {
                self.emit(Op::PopTop, 0);
            }
            self.emit_jump(Op::Jump, brk);
        } else {
            self.emit_jump(Op::Jump, cont);
        }
        self.unit().fblocks = saved;
        Ok(())
    }

    /// Emits the code that leaves every open block (for `return`); `preserve` keeps TOS.
    fn unwind_all(&mut self, preserve: bool) -> R {
        let saved = self.unit().fblocks.clone();
        while let Some(b) = self.unit().fblocks.pop() {
            self.unwind_block(&b, preserve)?;
        }
        self.unit().fblocks = saved;
        Ok(())
    }

    /// Emits the code that leaves block `b` (CPython's `compiler_unwind_fblock`). The block
    /// has already been popped from `fblocks`, so a `finally` body compiled here does not
    /// unwind itself again.
    fn unwind_block(&mut self, b: &FBlock<'a>, preserve: bool) -> R {
        match b {
            FBlock::Loop { is_for, .. } => {
                if *is_for {
                    if preserve {
                        self.emit(Op::RotTwo, 0);
                    }
                    self.emit(Op::PopTop, 0);
                }
            }
            FBlock::TryExcept => {
                self.emit(Op::PopBlock, 0);
            }
            FBlock::FinallyTry { body } => {
                self.emit(Op::PopBlock, 0);
                self.body(body)?;
            }
            FBlock::FinallyEnd => {
                // Stack: [prev, exc] (+ TOS when preserving).
                self.emit(Op::PopBlock, 0);
                if preserve {
                    self.emit(Op::RotThree, 0);
                }
                self.emit(Op::PopTop, 0);
                self.emit(Op::PopExcept, 0);
            }
            FBlock::HandlerCleanup { name } => {
                self.emit(Op::PopBlock, 0);
                if preserve {
                    self.emit(Op::RotTwo, 0);
                }
                self.emit(Op::PopExcept, 0);
                if let Some(n) = name {
                    self.clear_handler_name(n);
                }
            }
            FBlock::With => {
                self.emit(Op::PopBlock, 0);
                if preserve {
                    self.emit(Op::RotTwo, 0);
                }
                self.load_const_none();
                self.load_const_none();
                self.load_const_none();
                self.emit(Op::CallFunction, 3);
                self.emit(Op::PopTop, 0);
            }
        }
        Ok(())
    }

    /// `except E as name:` leaves no binding behind: `name = None; del name`.
    fn clear_handler_name(&mut self, name: &str) {
        self.load_const_none();
        self.name_op(name, NameCtx::Store);
        self.name_op(name, NameCtx::Del);
    }

    /// Removes the `n` stack items just below TOS (the exceptions a cleanup handler
    /// no longer needs), keeping TOS.
    fn drop_below_top(&mut self, n: usize) {
        for _ in 0..n {
            self.emit(Op::RotTwo, 0);
            self.emit(Op::PopTop, 0);
        }
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt]) -> R {
        let handler = self.new_label();
        let els = self.new_label();
        let end = self.new_label();
        self.emit_jump(Op::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.body(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.emit_jump(Op::Jump, els);
        self.bind(handler);
        // Stack: [prev, exc]
        for h in handlers {
            self.set_line(h.span);
            let next = self.new_label();
            if let Some(t) = &h.typ {
                self.emit(Op::DupTop, 0);
                self.expr(t)?;
                self.emit_jump(Op::JumpIfNotExcMatch, next);
            }
            match &h.name {
                Some(n) => self.name_op(n, NameCtx::Store),
                None => {
                    self.emit(Op::PopTop, 0);
                }
            }
            // Stack: [prev]. A cleanup block restores `prev` if the body raises.
            let cleanup = self.new_label();
            self.emit_jump(Op::SetupFinally, cleanup);
            self.unit().fblocks.push(FBlock::HandlerCleanup { name: h.name.clone() });
            self.body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock, 0);
            self.emit(Op::PopExcept, 0);
            if let Some(n) = &h.name {
                self.clear_handler_name(n);
            }
            self.emit_jump(Op::Jump, end);
            // Cleanup: [prev, handled, new] -> drop handled, clear the name, restore prev, re-raise new.
            self.bind(cleanup);
            self.emit(Op::RotTwo, 0);
            self.emit(Op::PopTop, 0);
            if let Some(n) = &h.name {
                self.clear_handler_name(n);
            }
            self.emit(Op::PopExceptReraise, 0);
            self.bind(next);
        }
        // No handler matched: [prev, exc] -> restore prev and re-raise.
        self.emit(Op::PopExceptReraise, 0);
        self.bind(els);
        self.body(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn try_finally(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt], finalbody: &'a [Stmt]) -> R {
        let exc_path = self.new_label();
        let end = self.new_label();
        self.emit_jump(Op::SetupFinally, exc_path);
        self.unit().fblocks.push(FBlock::FinallyTry { body: finalbody });
        if handlers.is_empty() {
            self.body(body)?;
            self.body(orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.body(finalbody)?;
        self.emit_jump(Op::Jump, end);
        // Exception path: [prev, exc]
        self.bind(exc_path);
        let cleanup = self.new_label();
        self.emit_jump(Op::SetupFinally, cleanup);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.body(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, 0);
        self.emit(Op::PopExceptReraise, 0);
        // The finally body raised: [prev, exc, handled, new] -> [prev, new], re-raise new.
        self.bind(cleanup);
        self.drop_below_top(2);
        self.emit(Op::PopExceptReraise, 0);
        self.bind(end);
        Ok(())
    }

    fn with(&mut self, items: &'a [WithItem], body: &'a [Stmt], idx: usize) -> R {
        if idx == items.len() {
            return self.body(body);
        }
        let item = &items[idx];
        let handler = self.new_label();
        let end = self.new_label();
        self.expr(&item.context)?;
        self.emit_jump(Op::SetupWith, handler);
        match &item.vars {
            Some(v) => self.store_target(v)?,
            None => {
                self.emit(Op::PopTop, 0);
            }
        }
        self.unit().fblocks.push(FBlock::With);
        self.with(items, body, idx + 1)?;
        self.unit().fblocks.pop();
        // Normal exit: exit(None, None, None).
        self.emit(Op::PopBlock, 0);
        self.load_const_none();
        self.load_const_none();
        self.load_const_none();
        self.emit(Op::CallFunction, 3);
        self.emit(Op::PopTop, 0);
        self.emit_jump(Op::Jump, end);
        // Exceptional exit: [exit, prev, exc] -> call exit(type, exc, tb); true suppresses.
        self.bind(handler);
        let cleanup = self.new_label();
        self.emit_jump(Op::SetupFinally, cleanup);
        self.emit(Op::WithExceptStart, 0);
        let reraise = self.new_label();
        self.emit_jump(Op::PopJumpIfFalse, reraise);
        // Suppressed: [exit, prev, exc]
        self.emit(Op::PopBlock, 0);
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::PopTop, 0);
        self.emit_jump(Op::Jump, end);
        self.bind(reraise);
        self.emit(Op::PopBlock, 0);
        self.emit(Op::PopExceptReraise, 0);
        // __exit__ itself raised: [exit, prev, exc, handled, new] -> [exit, prev, new]
        self.bind(cleanup);
        self.drop_below_top(2);
        self.emit(Op::PopExceptReraise, 0);
        self.bind(end);
        Ok(())
    }

    fn function_def(&mut self, f: &'a FunctionDef, span: Span) -> R {
        for d in &f.decorators {
            self.expr(d)?;
        }
        self.set_line(span);
        let key = f as *const FunctionDef as usize;
        self.make_function(key, &f.name, &f.args, FuncBody::Stmts(&f.body), span, f.returns.as_ref())?;
        for _ in &f.decorators {
            self.emit(Op::CallFunction, 1);
        }
        self.name_op(&f.name, NameCtx::Store);
        Ok(())
    }

    fn class_def(&mut self, c: &'a ClassDef, span: Span) -> R {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.set_line(span);
        self.emit(Op::LoadBuildClass, 0);
        let key = c as *const ClassDef as usize;
        let scope = self.st.by_node[&key];
        let qualname = self.child_qualname(&c.name);
        let line = self.line_of(span);
        self.enter_unit(scope, &c.name, &qualname, line);
        self.line = line;
        // __module__ = __name__; __qualname__ = '...'
        let i = self.name_index("__name__");
        self.emit(Op::LoadName, i);
        let i = self.name_index("__module__");
        self.emit(Op::StoreName, i);
        self.load_const(object::new_str(&qualname));
        let i = self.name_index("__qualname__");
        self.emit(Op::StoreName, i);
        if let Some(doc) = docstring(&c.body) {
            self.load_const(object::new_str(doc));
            let i = self.name_index("__doc__");
            self.emit(Op::StoreName, i);
        }
        if has_annotations(&c.body) {
            self.emit(Op::SetupAnnotations, 0);
        }
        self.body(&c.body)?;
        if self.st.scopes[scope].needs_class_cell {
            let i = self.deref_index("__class__");
            self.emit(Op::LoadClosure, i);
            self.emit(Op::DupTop, 0);
            let n = self.name_index("__classcell__");
            self.emit(Op::StoreName, n);
        } else {
            self.load_const_none();
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.exit_unit();
        self.set_line(span);
        let free = self.st.scopes[scope].freevars.clone();
        self.emit_closure_and_make(code, &free, 0, &qualname)?;
        self.load_const(object::new_str(&c.name));
        for b in &c.bases {
            self.expr(b)?;
        }
        let mut n = 2 + c.bases.len() as u32;
        if !c.keywords.is_empty() {
            let names: Vec<_> = c.keywords.iter().map(|k| object::new_str(k.arg.as_deref().unwrap_or(""))).collect();
            for k in &c.keywords {
                self.expr(&k.value)?;
            }
            n += c.keywords.len() as u32;
            let i = self.add_const(object::new_tuple(names));
            self.emit(Op::KwNames, i);
        }
        self.emit(Op::CallFunction, n);
        for _ in &c.decorators {
            self.emit(Op::CallFunction, 1);
        }
        self.name_op(&c.name, NameCtx::Store);
        Ok(())
    }

    pub(crate) fn child_qualname(&self, name: &str) -> String {
        let u = self.units.last().unwrap();
        let sc = &self.st.scopes[u.scope];
        match sc.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Compiles a function body into a code object and emits MakeFunction for it,
    /// with defaults, keyword defaults, annotations and closure as needed.
    pub(crate) fn make_function(&mut self, key: usize, name: &str, args: &'a Arguments, body: FuncBody<'a>, span: Span, returns: Option<&'a Expr>) -> R {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple, args.defaults.len() as u32);
            flags |= 1;
        }
        let kwd: Vec<(&Arg, &Expr)> = args.kwonly.iter().zip(args.kw_defaults.iter()).filter_map(|(a, d)| d.as_ref().map(|d| (a, d))).collect();
        if !kwd.is_empty() {
            for (a, d) in &kwd {
                self.load_const(object::str::intern(&a.name));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap, kwd.len() as u32);
            flags |= 2;
        }
        let mut ann = 0;
        for a in args.posonly.iter().chain(args.args.iter()).chain(args.vararg.iter()).chain(args.kwonly.iter()).chain(args.kwarg.iter()) {
            if let Some(an) = &a.annotation {
                self.load_const(object::str::intern(&a.name));
                self.expr(an)?;
                ann += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(object::str::intern("return"));
            self.expr(r)?;
            ann += 1;
        }
        if ann > 0 {
            self.emit(Op::BuildMap, ann);
            flags |= 4;
        }
        let scope = self.st.by_node[&key];
        let qualname = self.child_qualname(name);
        let line = self.line_of(span);
        self.enter_unit(scope, name, &qualname, line);
        {
            let u = self.unit();
            u.argcount = (args.posonly.len() + args.args.len()) as u32;
            u.posonlyargcount = args.posonly.len() as u32;
            u.kwonlyargcount = args.kwonly.len() as u32;
            if args.vararg.is_some() {
                u.flags |= crate::bytecode::CodeFlags::VARARGS;
            }
            if args.kwarg.is_some() {
                u.flags |= crate::bytecode::CodeFlags::VARKEYWORDS;
            }
        }
        match body {
            FuncBody::Stmts(b) => {
                // The docstring is the first constant (None when absent), as in CPython.
                match docstring(b) {
                    Some(d) => self.add_const(object::new_str(d)),
                    None => self.add_const(object::none()),
                };
                self.body(b)?;
                self.load_const_none();
                self.emit(Op::ReturnValue, 0);
            }
            FuncBody::Expr(e) => {
                self.add_const(object::none());
                self.expr(e)?;
                self.emit(Op::ReturnValue, 0);
            }
        }
        let code = self.exit_unit();
        self.set_line(span);
        let free = self.st.scopes[scope].freevars.clone();
        self.emit_closure_and_make(code, &free, flags, &qualname)
    }

    /// Pushes the closure tuple (if `free` is not empty), the code and qualname, then MakeFunction.
    pub(crate) fn emit_closure_and_make(&mut self, code: object::ObjRef, free: &[String], mut flags: u32, qualname: &str) -> R {
        if !free.is_empty() {
            for n in free {
                let i = self.deref_index(n);
                self.emit(Op::LoadClosure, i);
            }
            self.emit(Op::BuildTuple, free.len() as u32);
            flags |= 8;
        }
        self.load_const(code);
        self.load_const(object::new_str(qualname));
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }
}

pub(crate) enum FuncBody<'b> {
    Stmts(&'b [Stmt]),
    Expr(&'b Expr),
}

fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr { kind: ExprKind::Constant(Constant::Str(s)), .. })) => Some(s),
        _ => None,
    }
}

/// Whether a module or class body holds an annotated assignment anywhere outside nested
/// function and class bodies (CPython's `find_ann`): such a body starts by creating
/// `__annotations__`.
pub(crate) fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            has_annotations(body) || has_annotations(orelse) || has_annotations(finalbody) || handlers.iter().any(|h| has_annotations(&h.body))
        }
        _ => false,
    })
}

/// Whether evaluating `e` can run no code that rebinds a local of the running frame: `e`
/// is made of names, constants, attribute loads and operators only (no assignment
/// expression, no call, no comprehension or lambda, no yield).
fn cannot_rebind(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => true,
        ExprKind::Attribute { value, .. } => cannot_rebind(value),
        ExprKind::UnaryOp { operand, .. } => cannot_rebind(operand),
        ExprKind::BinOp { left, right, .. } => cannot_rebind(left) && cannot_rebind(right),
        _ => false,
    }
}
