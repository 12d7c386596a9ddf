//! The dispatch loop.
//!
//! Invariant: `f` is the running frame; `frames` holds its callers within this loop
//! invocation (innermost last). Every instruction either continues with the next one, or
//! produces an `Action` that transfers control: a call pushes a frame, a return pops one,
//! an error unwinds to the innermost handler block of the innermost frame that has one.

use super::{Block, Frame, GenState, PyErr, Vm};
use crate::bytecode::opcodes::INPLACE_FLAG;
use crate::bytecode::Op;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};

pub enum Exit {
    Return(ObjRef),
    Yield(ObjRef),
}

enum Action {
    /// The outermost frame of this loop returned.
    Return(ObjRef),
    Yield(ObjRef),
    /// An exception; `true` when re-raised (no new traceback entry for this frame).
    Error(PyErr, bool),
}

impl Vm {
    /// What the eval loop does at a safe point (a backward jump or a call): run a
    /// requested collection, then report a pending KeyboardInterrupt or an exceeded
    /// `-X max-memory` / `-X max-steps` limit as the exception to raise here.
    #[inline(always)]
    fn safe_point(&self) -> Option<PyErr> {
        if !crate::gc::pending() && !crate::signals::interrupted() && !crate::memory::limits::limited() {
            return None;
        }
        self.safe_point_slow()
    }

    #[cold]
    #[inline(never)]
    fn safe_point_slow(&self) -> Option<PyErr> {
        if crate::gc::pending() {
            crate::gc::collect_generations(self);
        }
        if crate::signals::take_interrupt() {
            return Some(self.new_error_args("KeyboardInterrupt", vec![]));
        }
        match crate::memory::limits::check()? {
            crate::memory::limits::Exceeded::Memory => Some(self.new_error("MemoryError", "")),
            crate::memory::limits::Exceeded::Steps => {
                Some(self.new_error("RuntimeError", &format!("step limit exceeded (-X max-steps={})", crate::memory::limits::max_steps())))
            }
        }
    }

    /// Runs `frame` and the Python frames it calls until it returns, yields or raises.
    /// The frame is handed back (a generator keeps it to resume later).
    pub fn eval_frame(&self, frame: Box<Frame>) -> (Result<Exit, PyErr>, Box<Frame>) {
        if let Err(e) = self.check_stack().and_then(|_| self.enter_recursion("")) {
            let mut frame = frame;
            self.add_traceback(&e.exc, &mut frame);
            frame.pending_throw = None;
            return (Err(e), frame);
        }
        let mut frames: Vec<Box<Frame>> = Vec::new();
        let mut f = frame;
        self.frame_stack.borrow_mut().push(&*f as *const Frame);
        let mut pending = f.pending_throw.take().map(|e| Action::Error(e, false));
        loop {
            let action = match pending.take() {
                Some(a) => a,
                None => self.run(&mut f, &mut frames),
            };
            match action {
                Action::Return(v) => {
                    debug_assert!(frames.is_empty());
                    self.leave_recursion();
                    self.frame_stack.borrow_mut().pop();
                    return (Ok(Exit::Return(v)), f);
                }
                Action::Yield(v) => {
                    self.leave_recursion();
                    self.frame_stack.borrow_mut().pop();
                    return (Ok(Exit::Yield(v)), f);
                }
                Action::Error(e, reraise) => match self.unwind(&mut f, &mut frames, e, reraise) {
                    Ok(()) => {}
                    Err(e) => return (Err(e), f),
                },
            }
        }
    }

    /// Finds a handler for `e` in `f` or its callers. On success `f` is the frame whose
    /// handler runs next. On failure every frame of this loop has been left.
    fn unwind(&self, f: &mut Box<Frame>, frames: &mut Vec<Box<Frame>>, e: PyErr, reraise: bool) -> Result<(), PyErr> {
        if !reraise {
            self.add_traceback(&e.exc, f);
        }
        loop {
            if let Some(b) = f.blocks.pop() {
                f.stack.truncate(b.level as usize);
                let prev = self.exc_info.replace(Some(e.exc.clone()));
                f.stack.push(prev.unwrap_or_else(object::none));
                f.stack.push(e.exc);
                f.pc = b.handler as usize;
                return Ok(());
            }
            self.leave_recursion();
            self.frame_stack.borrow_mut().pop();
            match frames.pop() {
                None => return Err(e),
                Some(caller) => {
                    let done = std::mem::replace(f, caller);
                    self.recycle_frame(done);
                    self.add_traceback(&e.exc, f);
                }
            }
        }
    }

    /// Runs `f` until its outermost frame returns or yields, or an exception needs
    /// unwinding. A Python-to-Python call parks the caller on `frames` and switches `f`
    /// to the callee here, and a return switches back, without leaving this function.
    fn run(&self, f: &mut Box<Frame>, frames: &mut Vec<Box<Frame>>) -> Action {
        'frame: loop {
            let code = f.code.as_code().expect("frame code");
            let instrs = &code.instrs[..];
            // The next instruction's index lives in a local while the loop runs; `f.pc` is
            // written back only where the frame is left to be resumed (a call, a yield).
            // An error resumes at a handler the unwinder picks, a return never resumes.
            let mut pc = f.pc;
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => return Action::Error(e, false),
                    }
                };
            }
            macro_rules! pop {
                () => {
                    f.stack.pop().expect("stack underflow")
                };
            }
            macro_rules! top {
                () => {
                    f.stack.last().expect("stack underflow")
                };
            }
            loop {
                let ins = instrs[pc];
                f.lasti = pc;
                pc += 1;
                let arg = ins.arg as usize;
                match ins.op {
                    Op::Nop => {}
                    Op::PopTop => {
                        pop!();
                    }
                    Op::RotTwo => {
                        let n = f.stack.len();
                        f.stack.swap(n - 1, n - 2);
                    }
                    Op::RotThree => {
                        let v = pop!();
                        let n = f.stack.len();
                        f.stack.insert(n - 2, v);
                    }
                    Op::RotFour => {
                        let v = pop!();
                        let n = f.stack.len();
                        f.stack.insert(n - 3, v);
                    }
                    Op::DupTop => {
                        let v = top!().clone();
                        f.stack.push(v);
                    }
                    Op::DupTopTwo => {
                        let n = f.stack.len();
                        let a = f.stack[n - 2].clone();
                        let b = f.stack[n - 1].clone();
                        f.stack.push(a);
                        f.stack.push(b);
                    }
                    Op::LoadConst => f.stack.push(code.consts[arg].clone()),
                    Op::LoadFast => match &f.fast[arg] {
                        Some(v) => {
                            let v = v.clone();
                            f.stack.push(v)
                        }
                        None => {
                            let name = code.varnames[arg].as_str().unwrap_or("?").to_string();
                            return Action::Error(self.new_error("UnboundLocalError", &format!("cannot access local variable '{}' where it is not associated with a value", name)), false);
                        }
                    },
                    Op::StoreFast => {
                        let v = pop!();
                        let old = f.fast[arg].replace(v);
                        drop(old);
                    }
                    Op::DeleteFast => {
                        if f.fast[arg].is_none() {
                            let name = code.varnames[arg].as_str().unwrap_or("?").to_string();
                            return Action::Error(self.new_error("UnboundLocalError", &format!("cannot access local variable '{}' where it is not associated with a value", name)), false);
                        }
                        let old = f.fast[arg].take();
                        drop(old);
                    }
                    Op::LoadName => {
                        let name = &code.names[arg];
                        let v = tri!(self.load_name(f, name));
                        f.stack.push(v);
                    }
                    Op::StoreName => {
                        let v = pop!();
                        let ns = f.locals.as_ref().unwrap_or(f.globals());
                        if ns.ty().is(&builtin_types().dict) {
                            crate::builtins::dict::dict_set_name(ns, &code.names[arg], v);
                        } else {
                            let ns = ns.clone();
                            tri!(self.setitem(&ns, &code.names[arg], v));
                        }
                    }
                    Op::DeleteName => {
                        let ns = f.locals.clone().unwrap_or_else(|| f.globals().clone());
                        let name = &code.names[arg];
                        if let Err(e) = self.delitem(&ns, name) {
                            if e.is(&self.exc_type("KeyError")) {
                                return Action::Error(self.name_error(name.as_str().unwrap_or("")), false);
                            }
                            return Action::Error(e, false);
                        }
                    }
                    Op::LoadGlobal => {
                        let site = &code.global_sites[arg];
                        let v = match site.get(f.globals(), &self.builtins) {
                            Some(v) => v,
                            None => {
                                let v = tri!(self.load_global(f, &code.names[arg]));
                                site.fill(f.globals(), &self.builtins, &v);
                                v
                            }
                        };
                        f.stack.push(v);
                    }
                    Op::StoreGlobal => {
                        let v = pop!();
                        tri!(self.setitem(&f.globals().clone(), &code.names[arg], v));
                    }
                    Op::DeleteGlobal => {
                        let name = &code.names[arg];
                        if self.delitem(&f.globals().clone(), name).is_err() {
                            return Action::Error(self.name_error(name.as_str().unwrap_or("")), false);
                        }
                    }
                    Op::LoadDeref | Op::LoadClassDeref => {
                        let idx = code.varnames.len() + arg;
                        if ins.op == Op::LoadClassDeref {
                            let name = self.deref_name(code, arg);
                            if let Some(l) = &f.locals {
                                if let Some(v) = tri!(crate::builtins::dict::dict_get_str(self, l, name.as_str().unwrap_or(""))) {
                                    f.stack.push(v);
                                    continue;
                                }
                            }
                        }
                        let cell = f.fast[idx].as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!("deref slot holds a cell") };
                        let v = c.borrow().clone();
                        match v {
                            Some(v) => f.stack.push(v),
                            None => {
                                let name = self.deref_name(code, arg);
                                let n = name.as_str().unwrap_or("?");
                                let msg = if arg < code.cellvars.len() {
                                    format!("cannot access local variable '{}' where it is not associated with a value", n)
                                } else {
                                    format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", n)
                                };
                                let kind = if arg < code.cellvars.len() { "UnboundLocalError" } else { "NameError" };
                                return Action::Error(self.new_error(kind, &msg), false);
                            }
                        }
                    }
                    Op::StoreDeref => {
                        let v = pop!();
                        let cell = f.fast[code.varnames.len() + arg].as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!() };
                        let old = c.borrow_mut().replace(v);
                        drop(old);
                    }
                    Op::DeleteDeref => {
                        let cell = f.fast[code.varnames.len() + arg].as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!() };
                        let old = c.borrow_mut().take();
                        drop(old);
                    }
                    Op::LoadClosure => {
                        let cell = f.fast[code.varnames.len() + arg].clone().expect("cell slot");
                        f.stack.push(cell);
                    }
                    Op::LoadAttr => {
                        let o = pop!();
                        let v = tri!(self.load_attr_site(&code.caches[f.lasti], &o, &code.names[arg]));
                        drop(o);
                        f.stack.push(v);
                    }
                    Op::StoreAttr => {
                        let o = pop!();
                        let v = pop!();
                        tri!(self.store_attr_site(&code.caches[f.lasti], &o, &code.names[arg], v));
                    }
                    Op::DeleteAttr => {
                        let o = pop!();
                        tri!(self.delattr(&o, &code.names[arg]));
                    }
                    Op::LoadMethod => {
                        let o = pop!();
                        let (m, s) = tri!(self.load_method_site(&code.caches[f.lasti], o, &code.names[arg]));
                        f.stack.push(m);
                        f.stack.push(s);
                    }
                    Op::BinarySubscr => {
                        let k = pop!();
                        let o = pop!();
                        if let Some(v) = Vm::subscr_fast_path(&o, &k) {
                            f.stack.push(v);
                            continue;
                        }
                        let v = tri!(self.getitem(&o, &k));
                        f.stack.push(v);
                    }
                    Op::StoreSubscr => {
                        let k = pop!();
                        let o = pop!();
                        let v = pop!();
                        if let Err(v) = Vm::store_subscr_fast_path(&o, &k, v) {
                            tri!(self.setitem(&o, &k, v));
                        }
                    }
                    Op::DeleteSubscr => {
                        let k = pop!();
                        let o = pop!();
                        tri!(self.delitem(&o, &k));
                    }
                    Op::BinaryOp => {
                        let b = pop!();
                        let a = pop!();
                        let op = (ins.arg & 15) as u8;
                        if let Some(v) = super::binary::number_fast_path(&a, &b, op) {
                            f.stack.push(v);
                            continue;
                        }
                        let v = if ins.arg & INPLACE_FLAG != 0 { tri!(self.inplace_op(a, &b, op)) } else { tri!(self.binary_op(&a, &b, op)) };
                        f.stack.push(v);
                    }
                    Op::UnaryPositive | Op::UnaryNegative | Op::UnaryInvert => {
                        let a = pop!();
                        let v = tri!(self.unary_op(&a, ins.op));
                        f.stack.push(v);
                    }
                    Op::UnaryNot => {
                        let a = pop!();
                        let t = tri!(self.truthy(&a));
                        f.stack.push(object::new_bool(!t));
                    }
                    Op::CompareOp => {
                        let b = pop!();
                        let a = pop!();
                        let op = super::compare::CmpOp::from_arg(ins.arg);
                        if let (Some(crate::object::Int::Small(x)), Some(crate::object::Int::Small(y))) = (a.as_int(), b.as_int()) {
                            let t = builtin_types();
                            if a.ty().is(&t.int) && b.ty().is(&t.int) {
                                f.stack.push(object::new_bool(op.test(x.cmp(y))));
                                continue;
                            }
                        }
                        let v = tri!(self.rich_compare(&a, &b, op));
                        f.stack.push(v);
                    }
                    Op::IsOp => {
                        let b = pop!();
                        let a = pop!();
                        f.stack.push(object::new_bool(a.is(&b) != (arg == 1)));
                    }
                    Op::ContainsOp => {
                        let b = pop!();
                        let a = pop!();
                        let r = tri!(self.contains(&b, &a));
                        f.stack.push(object::new_bool(r != (arg == 1)));
                    }
                    Op::Jump => {
                        pc = arg;
                        if let Some(e) = self.safe_point() {
                            return Action::Error(e, false);
                        }
                    }
                    Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                        let v = pop!();
                        let s = crate::object::types::singletons();
                        let t = if v.is(&s.true_) {
                            true
                        } else if v.is(&s.false_) {
                            false
                        } else {
                            tri!(self.truthy(&v))
                        };
                        if t == (ins.op == Op::PopJumpIfTrue) {
                            pc = arg;
                        }
                    }
                    Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                        let t = tri!(self.truthy(top!()));
                        if t == (ins.op == Op::JumpIfTrueOrPop) {
                            pc = arg;
                        } else {
                            pop!();
                        }
                    }
                    Op::GetIter => {
                        let o = pop!();
                        let it = tri!(self.iter(&o));
                        f.stack.push(it);
                    }
                    Op::ForIter => {
                        let n = tri!(self.next(top!()));
                        match n {
                            Some(v) => f.stack.push(v),
                            None => {
                                pop!();
                                pc = arg;
                            }
                        }
                    }
                    Op::BuildTuple => {
                        let items = f.stack.split_off(f.stack.len() - arg);
                        f.stack.push(object::new_tuple(items));
                    }
                    Op::BuildList => {
                        let items = f.stack.split_off(f.stack.len() - arg);
                        f.stack.push(object::new_list(items));
                    }
                    Op::BuildSet => {
                        let items = f.stack.split_off(f.stack.len() - arg);
                        let s = object::new_set(Default::default());
                        for i in items {
                            tri!(self.set_add(&s, i));
                        }
                        f.stack.push(s);
                    }
                    Op::BuildMap => {
                        let items = f.stack.split_off(f.stack.len() - 2 * arg);
                        let d = object::new_dict();
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            tri!(self.dict_set(&d, k, v));
                        }
                        f.stack.push(d);
                    }
                    Op::BuildString => {
                        let items = f.stack.split_off(f.stack.len() - arg);
                        let mut s = String::new();
                        for i in &items {
                            s.push_str(i.as_str().unwrap_or(""));
                        }
                        f.stack.push(object::new_string(s));
                    }
                    Op::BuildSlice => {
                        let step = if arg == 3 { pop!() } else { object::none() };
                        let stop = pop!();
                        let start = pop!();
                        f.stack.push(ObjRef::new(&builtin_types().slice, Payload::Slice { start, stop, step }));
                    }
                    Op::ListAppend => {
                        let v = pop!();
                        let l = &f.stack[f.stack.len() - arg];
                        l.as_list().expect("list").borrow_mut().push(v);
                    }
                    Op::SetAdd => {
                        let v = pop!();
                        let s = f.stack[f.stack.len() - arg].clone();
                        tri!(self.set_add(&s, v));
                    }
                    Op::MapAdd => {
                        let v = pop!();
                        let k = pop!();
                        let d = f.stack[f.stack.len() - arg].clone();
                        tri!(self.dict_set(&d, k, v));
                    }
                    Op::ListExtend => {
                        let it = pop!();
                        let l = f.stack[f.stack.len() - arg].clone();
                        if let Err(e) = crate::builtins::list::list_extend(self, &l, &it) {
                            if e.is(&self.exc_type("TypeError")) && self.iter(&it).is_err() {
                                return Action::Error(self.type_error(format!("Value after * must be an iterable, not {}", it.type_name())), false);
                            }
                            return Action::Error(e, false);
                        }
                    }
                    Op::SetUpdate => {
                        let it = pop!();
                        let s = f.stack[f.stack.len() - arg].clone();
                        tri!(crate::builtins::set::set_update(self, &s, &it));
                    }
                    Op::DictUpdate | Op::DictMerge => {
                        let m = pop!();
                        let d = f.stack[f.stack.len() - arg].clone();
                        if ins.op == Op::DictMerge {
                            let func = f.stack[f.stack.len() - arg - 2].clone();
                            tri!(self.dict_merge_kwargs(&d, &m, &func));
                        } else {
                            if m.as_dict().is_none() && self.getattr_opt(&m, "keys").ok().flatten().is_none() {
                                return Action::Error(self.type_error(format!("'{}' object is not a mapping", m.type_name())), false);
                            }
                            tri!(crate::builtins::dict::dict_update_from(self, &d, &m));
                        }
                    }
                    Op::ListToTuple => {
                        let l = pop!();
                        let items = l.as_list().expect("list").borrow().clone();
                        f.stack.push(object::new_tuple(items));
                    }
                    Op::UnpackSequence => {
                        let seq = pop!();
                        let items = tri!(self.unpack(&seq, arg, None));
                        f.stack.extend(items.into_iter().rev());
                    }
                    Op::UnpackEx => {
                        let seq = pop!();
                        let before = arg & 0xff;
                        let after = arg >> 8;
                        let items = tri!(self.unpack(&seq, before + after, Some(before)));
                        f.stack.extend(items.into_iter().rev());
                    }
                    Op::KwNames => f.kwnames = Some(code.consts[arg].clone()),
                    Op::CallFunction | Op::CallMethod => {
                        if let Some(e) = self.safe_point() {
                            return Action::Error(e, false);
                        }
                        let kwnames = f.kwnames.take();
                        let n = f.stack.len();
                        let (callable_at, args_at) = if ins.op == Op::CallMethod {
                            if f.stack[n - arg - 2].is_null() { (n - arg - 1, n - arg) } else { (n - arg - 2, n - arg - 1) }
                        } else {
                            (n - arg - 1, n - arg)
                        };
                        let callable = f.stack[callable_at].clone();
                        if let Payload::Function(fd) = callable.payload() {
                            let frame = if kwnames.is_none() && Vm::is_exact_positional_call(fd.code(), n - args_at) {
                                let frame = self.make_frame_positional(&callable, fd, f.stack.drain(args_at..));
                                f.stack.truncate(n - arg - if ins.op == Op::CallMethod { 2 } else { 1 });
                                frame
                            } else {
                                let args: Vec<ObjRef> = f.stack.drain(args_at..).collect();
                                f.stack.truncate(n - arg - if ins.op == Op::CallMethod { 2 } else { 1 });
                                let kw = kwnames.as_ref().and_then(|k| k.as_tuple());
                                tri!(self.make_frame(&callable, fd, args, kw))
                            };
                            if fd.code().is_generator() {
                                f.stack.push(self.new_generator(frame, fd));
                                continue;
                            }
                            drop(callable);
                            if let Err(e) = self.enter_recursion("") {
                                // The call instruction itself raised.
                                drop(frame);
                                return Action::Error(e, false);
                            }
                            f.pc = pc;
                            let caller = std::mem::replace(f, frame);
                            frames.push(caller);
                            self.frame_stack.borrow_mut().push(&**f as *const Frame);
                            continue 'frame;
                        }
                        let kw = kwnames.as_ref().and_then(|k| k.as_tuple());
                        let r = self.call(&callable, &f.stack[args_at..], kw);
                        drop(callable);
                        f.stack.truncate(n - arg - if ins.op == Op::CallMethod { 2 } else { 1 });
                        let v = tri!(r);
                        f.stack.push(v);
                    }
                    Op::CallFunctionEx => {
                        let kwargs = if arg & 1 != 0 { Some(pop!()) } else { None };
                        let args = pop!();
                        let func = pop!();
                        let v = tri!(self.call_ex(&func, &args, kwargs.as_ref()));
                        f.stack.push(v);
                    }
                    Op::MakeFunction => {
                        let qualname = pop!();
                        let fcode = pop!();
                        let closure = if arg & 8 != 0 { Some(pop!()) } else { None };
                        let annotations = if arg & 4 != 0 { Some(pop!()) } else { None };
                        let kwdefaults = if arg & 2 != 0 { Some(pop!()) } else { None };
                        let defaults = if arg & 1 != 0 { Some(pop!()) } else { None };
                        let func = self.new_function(fcode, f.globals().clone(), qualname, defaults, kwdefaults, closure, annotations);
                        f.stack.push(func);
                    }
                    Op::ReturnValue => {
                        let v = pop!();
                        let Some(caller) = frames.pop() else {
                            return Action::Return(v);
                        };
                        self.leave_recursion();
                        self.frame_stack.borrow_mut().pop();
                        let done = std::mem::replace(f, caller);
                        self.recycle_frame(done);
                        f.stack.push(v);
                        continue 'frame;
                    }
                    Op::YieldValue => {
                        let v = pop!();
                        f.pc = pc;
                        return Action::Yield(v);
                    }
                    Op::GetYieldFromIter => {
                        let o = pop!();
                        if matches!(o.payload(), Payload::Generator(_)) {
                            f.stack.push(o);
                        } else {
                            let it = tri!(self.iter(&o));
                            f.stack.push(it);
                        }
                    }
                    Op::YieldFrom => {
                        let v = pop!();
                        let it = top!().clone();
                        match tri!(self.send(&it, v)) {
                            super::iter::SendResult::Yielded(y) => {
                                // Re-run YieldFrom when resumed with the sent value.
                                f.pc = pc - 1;
                                return Action::Yield(y);
                            }
                            super::iter::SendResult::Returned(r) => {
                                pop!();
                                f.stack.push(r);
                            }
                        }
                    }
                    Op::ImportName => {
                        let fromlist = pop!();
                        let level = pop!();
                        let m = tri!(crate::modules::import::import_name(self, &code.names[arg], &fromlist, &level, f.globals()));
                        f.stack.push(m);
                    }
                    Op::ImportFrom => {
                        let m = top!().clone();
                        let v = tri!(crate::modules::import::import_from(self, &m, &code.names[arg]));
                        f.stack.push(v);
                    }
                    Op::ImportStar => {
                        let m = pop!();
                        let ns = f.locals.clone().unwrap_or_else(|| f.globals().clone());
                        tri!(crate::modules::import::import_star(self, &m, &ns));
                    }
                    Op::SetupFinally => {
                        f.blocks.push(Block { handler: ins.arg, level: f.stack.len() as u32 });
                    }
                    Op::SetupWith => {
                        let mgr = pop!();
                        let (enter, exit) = tri!(self.context_methods(&mgr));
                        f.stack.push(exit);
                        f.blocks.push(Block { handler: ins.arg, level: f.stack.len() as u32 });
                        let r = tri!(self.call(&enter, &[], None));
                        f.stack.push(r);
                    }
                    Op::PopBlock => {
                        f.blocks.pop();
                    }
                    Op::PopExcept => {
                        let prev = pop!();
                        let old = self.exc_info.replace(if prev.is_none() { None } else { Some(prev) });
                        drop(old);
                    }
                    Op::Reraise => {
                        let e = pop!();
                        return Action::Error(PyErr::new(e), true);
                    }
                    Op::PopExceptReraise => {
                        let e = pop!();
                        let prev = pop!();
                        let old = self.exc_info.replace(if prev.is_none() { None } else { Some(prev) });
                        drop(old);
                        return Action::Error(PyErr::new(e), true);
                    }
                    Op::JumpIfNotExcMatch => {
                        let ty = pop!();
                        let e = pop!();
                        let m = tri!(self.exception_matches(&e, &ty));
                        if !m {
                            pc = arg;
                        }
                    }
                    Op::WithExceptStart => {
                        let n = f.stack.len();
                        let exc = f.stack[n - 1].clone();
                        let exit = f.stack[n - 3].clone();
                        let tb = exc.as_exc().and_then(|d| d.traceback.borrow().clone()).unwrap_or_else(object::none);
                        let ty = ObjRef::from_borrowed(exc.ty());
                        let r = tri!(self.call(&exit, &[ty, exc, tb], None));
                        f.stack.push(r);
                    }
                    Op::RaiseVarargs => {
                        let (e, reraise) = match arg {
                            0 => match self.exc_info.borrow().clone() {
                                Some(e) => (PyErr::new(e), true),
                                None => (self.runtime_error("No active exception to reraise"), false),
                            },
                            1 => {
                                let exc = pop!();
                                (tri!(self.make_raise(&exc, None)), false)
                            }
                            _ => {
                                let cause = pop!();
                                let exc = pop!();
                                (tri!(self.make_raise(&exc, Some(cause))), false)
                            }
                        };
                        return Action::Error(e, reraise);
                    }
                    Op::LoadBuildClass => {
                        let v = tri!(crate::builtins::dict::dict_get_str(self, &self.builtins, "__build_class__"));
                        match v {
                            Some(v) => f.stack.push(v),
                            None => return Action::Error(self.new_error("NameError", "__build_class__ not found"), false),
                        }
                    }
                    Op::LoadAssertionError => f.stack.push(self.exc_type("AssertionError")),
                    Op::SetupAnnotations => {
                        let ns = f.locals.clone().unwrap_or_else(|| f.globals().clone());
                        if tri!(crate::builtins::dict::dict_get_str(self, &ns, "__annotations__")).is_none() {
                            tri!(self.setitem(&ns, &object::str::intern("__annotations__"), object::new_dict()));
                        }
                    }
                    Op::FormatValue => {
                        let spec = if arg & 4 != 0 { Some(pop!()) } else { None };
                        let v = pop!();
                        let v = match arg & 3 {
                            1 => tri!(self.str(&v)),
                            2 => tri!(self.repr(&v)),
                            3 => tri!(self.ascii(&v)),
                            _ => v,
                        };
                        let r = tri!(self.format(&v, spec.as_ref()));
                        f.stack.push(r);
                    }
                    Op::PrintExpr => {
                        // CPython's sys.displayhook: None is neither shown nor bound to `_`.
                        let v = pop!();
                        if !v.is_none() {
                            let r = tri!(self.repr(&v));
                            self.write_stdout(r.as_str().unwrap_or(""));
                            self.write_stdout("\n");
                            tri!(self.setitem(&self.builtins, &object::str::intern("_"), v));
                        }
                    }
                }
            }
        }
    }

    fn deref_name(&self, code: &crate::bytecode::CodeObject, i: usize) -> ObjRef {
        if i < code.cellvars.len() { code.cellvars[i].clone() } else { code.freevars[i - code.cellvars.len()].clone() }
    }

    pub fn name_error(&self, name: &str) -> PyErr {
        let e = self.new_error("NameError", &format!("name '{}' is not defined", name));
        if let Some(d) = e.exc.dict().or_else(|| {
            e.exc.set_dict(Some(object::new_dict()));
            e.exc.dict()
        }) {
            let _ = self.setitem(&d, &object::str::intern("name"), object::new_str(name));
        }
        e
    }

    fn load_name(&self, f: &Frame, name: &ObjRef) -> PyResult {
        if let Some(l) = &f.locals {
            if l.ty().is(&builtin_types().dict) {
                if let Some(v) = crate::builtins::dict::dict_get_name(l, name) {
                    return Ok(v);
                }
            } else {
                match self.getitem(l, name) {
                    Ok(v) => return Ok(v),
                    Err(e) if e.is(&self.exc_type("KeyError")) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        self.load_global(f, name)
    }

    fn load_global(&self, f: &Frame, name: &ObjRef) -> PyResult {
        if let Some(v) = crate::builtins::dict::dict_get_name(f.globals(), name) {
            return Ok(v);
        }
        if let Some(v) = crate::builtins::dict::dict_get_name(&self.builtins, name) {
            return Ok(v);
        }
        Err(self.name_error_suggest(f, name.as_str().unwrap_or("")))
    }

    /// NameError with CPython's "Did you mean" suggestion (locals, then globals, then
    /// builtins), kept aside for the traceback printer as CPython 3.11 does.
    fn name_error_suggest(&self, f: &Frame, name: &str) -> PyErr {
        let keys = |d: Option<&ObjRef>| -> Vec<String> {
            d.and_then(|d| d.as_dict().map(|t| t.borrow().iter().filter_map(|e| e.key.as_str().map(String::from)).collect())).unwrap_or_default()
        };
        let mut locals: Vec<String> = keys(f.locals.as_ref());
        if f.locals.is_none() {
            let code = f.code();
            for (i, v) in code.varnames.iter().enumerate() {
                if f.fast[i].is_some() {
                    locals.push(v.as_str().unwrap_or("").to_string());
                }
            }
        }
        let e = self.name_error(name);
        let s = crate::builtins::suggest::best_match(name, &locals)
            .or_else(|| crate::builtins::suggest::best_match(name, &keys(Some(f.globals()))))
            .or_else(|| crate::builtins::suggest::best_match(name, &keys(Some(&self.builtins))));
        if let (Some(s), Some(d)) = (s, e.exc.as_exc()) {
            *d.suggestion.borrow_mut() = Some(s);
        }
        e
    }

    /// Builds the exception `raise exc [from cause]` raises.
    fn make_raise(&self, exc: &ObjRef, cause: Option<ObjRef>) -> PyResult<PyErr> {
        let base = self.exc_type("BaseException");
        let e = if exc.as_type().is_some() {
            if !exc.is_subtype(&base) {
                return Err(self.type_error("exceptions must derive from BaseException"));
            }
            let inst = self.call(exc, &[], None)?;
            if !inst.is_instance(&base) {
                return Err(self.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    self.repr(exc)?.as_str().unwrap_or(""),
                    inst.type_name()
                )));
            }
            inst
        } else if exc.is_instance(&base) {
            exc.clone()
        } else {
            return Err(self.type_error("exceptions must derive from BaseException"));
        };
        if let Some(c) = cause {
            let d = e.as_exc().expect("exception");
            let c = if c.is_none() {
                None
            } else if c.as_type().is_some() && c.is_subtype(&base) {
                Some(self.call(&c, &[], None)?)
            } else if c.is_instance(&base) {
                Some(c)
            } else {
                return Err(self.type_error("exception causes must derive from BaseException"));
            };
            *d.cause.borrow_mut() = c;
            d.suppress_context.set(true);
        }
        self.set_context(&e);
        Ok(PyErr::new(e))
    }

    pub fn exception_matches(&self, e: &ObjRef, ty: &ObjRef) -> PyResult<bool> {
        let base = self.exc_type("BaseException");
        let check = |t: &ObjRef| -> PyResult<bool> {
            if t.as_type().is_none() || !t.is_subtype(&base) {
                return Err(self.type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            Ok(e.is_instance(t))
        };
        if let Some(items) = ty.as_tuple() {
            let mut any = false;
            for t in items {
                if check(t)? {
                    any = true;
                }
            }
            return Ok(any);
        }
        check(ty)
    }

    fn context_methods(&self, mgr: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        let td = mgr.type_data();
        let enter = td.lookup("__enter__");
        let exit = td.lookup("__exit__");
        match (enter, exit) {
            (Some(en), Some(ex)) => Ok((self.bind_descriptor(&en, mgr)?, self.bind_descriptor(&ex, mgr)?)),
            (None, _) => Err(self.type_error(format!("'{}' object does not support the context manager protocol", mgr.type_name()))),
            (_, None) => Err(self.type_error(format!("'{}' object does not support the context manager protocol (missed __exit__ method)", mgr.type_name()))),
        }
    }

    /// Creates a generator object owning `frame`.
    pub fn new_generator(&self, frame: Box<Frame>, fd: &crate::object::FunctionData) -> ObjRef {
        let st = GenState {
            code: fd.code.clone(),
            frame: Some(frame),
            running: false,
            started: false,
            name: fd.name.borrow().clone(),
            qualname: fd.qualname.borrow().clone(),
            exc_state: None,
        };
        ObjRef::new(&builtin_types().generator, Payload::Generator(Box::new(std::cell::RefCell::new(st))))
    }
}
