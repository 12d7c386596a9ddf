//! The dispatch loop.
//!
//! Invariant: `f` is the running frame; its callers within this loop invocation are
//! parked, each in the `caller` of the frame it called (the loop's first frame has
//! none); `Vm::top_frame` is `f` and each frame's `back` the one below it; `f`'s value
//! stack is held by the loop in a local (`stack`), every other frame's is its own. Every
//! instruction continues with the next one, switches `f` to a callee or back to its
//! caller, or ends `run` with an `Action`: the loop's first frame returned or yielded,
//! or an error to unwind to the innermost handler block of the innermost frame that has
//! one.

use super::attr_site::AttrLoad;
use super::{Block, Frame, GenState, PyErr, Resumed, Vm};
use crate::bytecode::opcodes::INPLACE_FLAG;
use crate::bytecode::Op;
use crate::memory::{operand_at, operand_at_mut};
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload};

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
    /// Puts `f` on top of the chain of running frames (see `Vm::top_frame`).
    #[inline]
    fn enter_frame(&self, f: &mut Frame) {
        f.back = self.top_frame.get();
        self.top_frame.set(f);
    }

    /// Takes `f`, the top of the chain of running frames, off it and leaves its
    /// recursion level.
    #[inline]
    fn leave_frame(&self, f: &Frame) {
        self.leave_recursion();
        self.top_frame.set(f.back);
    }

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
        let mut f = frame;
        self.enter_frame(&mut f);
        let mut pending = f.pending_throw.take().map(|e| Action::Error(e, false));
        loop {
            let action = match pending.take() {
                Some(a) => a,
                None => {
                    let (a, running) = self.run(f);
                    f = running;
                    debug_assert!(f.stack.has_block(), "the eval loop left without putting the value stack back");
                    a
                }
            };
            match action {
                Action::Return(v) => {
                    debug_assert!(f.caller.is_none());
                    self.leave_frame(&f);
                    return (Ok(Exit::Return(v)), f);
                }
                Action::Yield(v) => {
                    self.leave_frame(&f);
                    return (Ok(Exit::Yield(v)), f);
                }
                Action::Error(e, reraise) => match self.unwind(&mut f, e, reraise) {
                    Ok(()) => {}
                    Err(e) => return (Err(e), f),
                },
            }
        }
    }

    /// Finds a handler for `e` in `f` or its callers within this loop. On success `f`
    /// is the frame whose handler runs next. On failure every frame of this loop has
    /// been left.
    fn unwind(&self, f: &mut Box<Frame>, mut e: PyErr, reraise: bool) -> Result<(), PyErr> {
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
            self.leave_frame(f);
            match f.caller.take() {
                None => return Err(e),
                Some(caller) => {
                    let done = std::mem::replace(f, caller);
                    // A generator's frame resumed in this loop raised: its resumer gets
                    // the error `gen_resume` gives.
                    if self.end_callee(done).is_some() {
                        e = self.generator_error(e);
                    }
                    self.add_traceback(&e.exc, f);
                }
            }
        }
    }

    /// Recycles `done`, a callee that returned or raised, and when it was a generator's
    /// frame resumed in this loop, ends the generator and says what resumed it.
    #[inline(always)]
    fn end_callee(&self, mut done: Box<Frame>) -> Option<Resumed> {
        let gen = done.gen.take();
        self.recycle_frame(done);
        let (gen, resumed) = gen?;
        self.finish_inline_frame(&gen);
        Some(resumed)
    }

    /// Runs `f` until the frame this loop started with returns or yields, or an
    /// exception needs unwinding. A Python-to-Python call parks the caller in the
    /// callee's `caller` and switches `f` to the callee here, and a return switches
    /// back, without leaving this function.
    fn run(&self, mut f: Box<Frame>) -> (Action, Box<Frame>) {
        // The frame is owned here (not borrowed from the caller) so that the loop
        // reaches it through one pointer, not two.
        'frame: loop {
            // Not a borrow of `f` (see `running_code`): `f` goes to out-of-line handlers.
            let code = crate::memory::running_code(&f.code);
            let instrs = &code.instrs[..];
            // The next instruction's index lives in a local while the loop runs; `f.pc` is
            // written back only where the frame is left to be resumed (a call, a yield).
            // An error resumes at a handler the unwinder picks, a return never resumes.
            let mut pc = f.pc;
            // The running frame's value stack is held here while the loop runs, where
            // its top can stay in a register, and not in the frame (which holds an empty
            // stack meanwhile). It goes back into the frame whenever the frame is left
            // (`leave!`, a call, a return) and around every out-of-line handler that
            // is given the frame (`synced!`): nothing else reads the value stack of a
            // running frame (the collector visits only suspended generators' frames).
            let mut stack = f.stack.take();
            // Runs `$e`, a handler given the frame, with the value stack in the frame.
            macro_rules! synced {
                ($e:expr) => {{
                    f.stack.swap_in(&mut stack);
                    let r = $e;
                    stack.swap_in(&mut f.stack);
                    r
                }};
            }
            // Ends `run` with `$a`, the value stack back in the frame.
            macro_rules! leave {
                ($a:expr) => {{
                    let a = $a;
                    f.stack.swap_in(&mut stack);
                    return (a, f);
                }};
            }
            // Parks `f` (its `pc` already set) in `$frame`, a callee whose recursion
            // level is entered, and runs `$frame`.
            macro_rules! enter_callee {
                ($frame:expr) => {{
                    f.stack.swap_in(&mut stack);
                    let caller = std::mem::replace(&mut f, $frame);
                    f.link(Some(caller));
                    self.enter_frame(&mut f);
                    continue 'frame;
                }};
            }
            // `f` (its `pc` set to resume at) yields `$v`. The loop's first frame ends
            // the loop with it. A generator's frame resumed in this loop goes back to
            // its generator and the value to its resumer, which, at a YIELD_FROM, yields
            // it in turn (and so on up a chain of `yield from`s).
            macro_rules! yield_value {
                ($v:expr) => {{
                    let v = $v;
                    if f.gen.is_none() {
                        leave!(Action::Yield(v));
                    }
                    f.stack.swap_in(&mut stack);
                    loop {
                        let Some((gen, resumed)) = f.gen.take() else {
                            return (Action::Yield(v), f);
                        };
                        self.leave_frame(&f);
                        let caller = f.caller.take().expect("an inline generator frame has its resumer");
                        let done = std::mem::replace(&mut f, caller);
                        self.suspend_inline_frame(&gen, done);
                        if resumed == Resumed::ForIter {
                            f.stack.push(v);
                            continue 'frame;
                        }
                    }
                }};
            }
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => leave!(Action::Error(e, false)),
                    }
                };
            }
            macro_rules! pop {
                () => {
                    stack.pop()
                };
            }
            // A test's result: when a conditional jump comes next (as after most tests),
            // takes it here instead of pushing a bool for it to pop (CPython 3.11's
            // COMPARE_OP_*_JUMP specializations do the same).
            macro_rules! test_result {
                ($b:expr) => {{
                    let b: bool = $b;
                    // A test falls through, so `pc` is inside the code.
                    let next = crate::memory::instr_at(instrs, pc);
                    match next.op {
                        Op::PopJumpIfFalse => pc = if b { pc + 1 } else { next.arg as usize },
                        Op::PopJumpIfTrue => pc = if b { next.arg as usize } else { pc + 1 },
                        _ => stack.push(object::new_bool(b)),
                    }
                }};
            }
            // Stores `$v` in local `$i`, then releases the value it replaces (whose
            // finalizer, if it runs, sees the local already rebound).
            macro_rules! store_fast {
                ($i:expr, $v:expr) => {{
                    let v = $v;
                    let old = operand_at_mut(&mut f.fast, $i).replace(v);
                    drop(old);
                }};
            }
            // Pushes local `i` (UnboundLocalError if it is unbound).
            macro_rules! load_fast {
                ($i:expr) => {
                    match operand_at(&f.fast, $i) {
                        Some(v) => {
                            let v = v.clone();
                            stack.push(v)
                        }
                        None => leave!(Action::Error(self.unbound_local(code, $i), false)),
                    }
                };
            }
            // A fused instruction's second half: steps onto the next instruction and
            // yields its operand.
            macro_rules! next_arg {
                () => {{
                    let next = crate::memory::instr_at(instrs, pc);
                    f.lasti = pc;
                    pc += 1;
                    next.arg as usize
                }};
            }
            // The attribute instructions' sites are `code.caches[pc - 1]`: between an
            // instruction's dispatch (or a fused one's `next_arg!`) and its next jump,
            // `pc - 1` is `f.lasti`, the index of the instruction running (of a fused
            // instruction's second half, whose site it is).
            //
            // Pushes attribute `names[$name]` of `$o` (owned: a counted reference holds
            // the object during the lookup, as the value stack would). A property's
            // getter runs as a callee of `f`, returning into it as a call would: its
            // result is pushed where the attribute's value goes.
            macro_rules! load_attr {
                ($o:expr, $name:expr) => {{
                    let o = $o;
                    let site = operand_at(&code.caches, pc - 1);
                    if let Some(v) = site.values_hit(&o) {
                        drop(o);
                        stack.push(v);
                        continue;
                    }
                    match tri!(self.load_attr_site(site, &o, operand_at(&code.names, $name))) {
                        AttrLoad::Value(v) => {
                            drop(o);
                            stack.push(v);
                        }
                        AttrLoad::Getter(g) => {
                            let frame = tri!(self.getter_frame(&g, o));
                            f.pc = pc;
                            enter_callee!(frame);
                        }
                    }
                }};
            }
            // Continues at `$target`; a backward jump is a safe point (every loop passes
            // one), reported at the jump.
            macro_rules! jump_to {
                ($target:expr) => {{
                    let target: usize = $target;
                    let backward = target < pc;
                    pc = target;
                    if backward {
                        if let Some(e) = self.safe_point() {
                            leave!(Action::Error(e, false));
                        }
                    }
                }};
            }
            macro_rules! top {
                () => {
                    stack.top()
                };
            }
            loop {
                let ins = crate::memory::instr_at(instrs, pc);
                f.lasti = pc;
                debug_assert!(ins.depth == u16::MAX || stack.len() == ins.depth as usize, "{:?} at {pc} starts at depth {}, the compiler says {}", ins.op, stack.len(), ins.depth);
                pc += 1;
                let arg = ins.arg as usize;
                match ins.op {
                    Op::Nop => {
                        // Not empty: an empty arm would jump straight back to the
                        // dispatch above, making it a loop of one block, which LLVM
                        // will not copy into the handlers' ends (.cargo/config.toml).
                        std::hint::black_box(pc);
                    }
                    Op::PopTop => {
                        pop!();
                    }
                    Op::RotTwo => {
                        let n = stack.len();
                        stack.swap(n - 1, n - 2);
                    }
                    Op::RotThree => stack.rotate_top(2),
                    Op::RotFour => stack.rotate_top(3),
                    Op::DupTop => {
                        let v = top!().clone();
                        stack.push(v);
                    }
                    Op::DupTopTwo => {
                        let n = stack.len();
                        let a = stack[n - 2].clone();
                        let b = stack[n - 1].clone();
                        stack.push(a);
                        stack.push(b);
                    }
                    Op::LoadConst => stack.push(operand_at(&code.consts, arg).clone()),
                    Op::LoadFast => load_fast!(arg),
                    Op::StoreFast => {
                        store_fast!(arg, pop!());
                    }
                    Op::LoadFastLoadFast => {
                        load_fast!(arg);
                        let b = next_arg!();
                        load_fast!(b);
                    }
                    Op::LoadFastLoadConst => {
                        load_fast!(arg);
                        let b = next_arg!();
                        stack.push(operand_at(&code.consts, b).clone());
                    }
                    Op::StoreFastLoadFast => {
                        store_fast!(arg, pop!());
                        let b = next_arg!();
                        load_fast!(b);
                    }
                    Op::LoadFastLoadAttr | Op::LoadFastLoadAttrIsConst => {
                        let Some(o) = operand_at(&f.fast, arg) else {
                            leave!(Action::Error(self.unbound_local(code, arg), false));
                        };
                        // The commonest hit reads the local in place (no code runs before
                        // the value is pushed); its site is the next instruction's.
                        if let Some(v) = operand_at(&code.caches, pc).values_hit(o) {
                            if ins.op == Op::LoadFastLoadAttrIsConst {
                                // The fusion made sure of the LOAD_CONST and IS_OP after the
                                // LOAD_ATTR.
                                let (c, invert) = (crate::memory::instr_at(instrs, pc + 1).arg, crate::memory::instr_at(instrs, pc + 2).arg == 1);
                                let r = v.is(operand_at::<ObjRef>(&code.consts, c as usize)) != invert;
                                // The instance still holds the value: no code runs.
                                drop(v);
                                f.lasti = pc + 2;
                                pc += 3;
                                test_result!(r);
                                continue;
                            }
                            f.lasti = pc;
                            pc += 1;
                            stack.push(v);
                            continue;
                        }
                        // Any other lookup holds the local by a counted reference, as
                        // the value stack would hold it.
                        let o = o.clone();
                        let b = next_arg!();
                        load_attr!(o, b);
                    }
                    Op::LoadFastStoreAttr => {
                        let Some(o) = operand_at(&f.fast, arg).clone() else {
                            leave!(Action::Error(self.unbound_local(code, arg), false));
                        };
                        let b = next_arg!();
                        let v = pop!();
                        tri!(self.store_attr_site(operand_at(&code.caches, pc - 1), &o, &code.names, b, v));
                    }
                    Op::StoreFastStoreFast => {
                        store_fast!(arg, pop!());
                        let b = next_arg!();
                        store_fast!(b, pop!());
                    }
                    Op::LoadFastLoadMethod => {
                        let Some(o) = operand_at(&f.fast, arg).clone() else {
                            leave!(Action::Error(self.unbound_local(code, arg), false));
                        };
                        let b = next_arg!();
                        let (m, s) = tri!(self.load_method_site(operand_at(&code.caches, pc - 1), o, &code.names, b));
                        stack.push(m);
                        stack.push(s);
                    }
                    Op::DeleteFast => {
                        if operand_at(&f.fast, arg).is_none() {
                            leave!(Action::Error(self.unbound_local(code, arg), false));
                        }
                        let old = operand_at_mut(&mut f.fast, arg).take();
                        drop(old);
                    }
                    Op::LoadName => match self.load_name_fast(&f, operand_at(&code.names, arg)) {
                        Some(v) => stack.push(v),
                        None => tri!(synced!(self.op_load_name(&mut f, arg))),
                    },
                    Op::StoreName => {
                        if let Err(v) = self.store_name_fast(&f, operand_at(&code.names, arg), pop!()) {
                            stack.push(v);
                            tri!(synced!(self.op_store_name(&mut f, arg)));
                        }
                    }
                    Op::DeleteName => tri!(synced!(self.op_delete_name(&mut f, arg))),
                    Op::LoadGlobal => {
                        // `global_sites` has one entry per name.
                        let site = operand_at(&code.global_sites, arg);
                        let v = match site.get(f.globals(), &self.builtins) {
                            Some(v) => v,
                            None => {
                                let name = operand_at(&code.names, arg);
                                let v = tri!(synced!(self.load_global(&mut f, name)));
                                site.fill(f.globals(), &self.builtins, name, &v);
                                v
                            }
                        };
                        stack.push(v);
                    }
                    Op::StoreGlobal => tri!(synced!(self.op_store_global(&mut f, arg))),
                    Op::DeleteGlobal => tri!(synced!(self.op_delete_global(&mut f, arg))),
                    Op::LoadClassDeref => tri!(synced!(self.op_load_class_deref(&mut f, arg))),
                    Op::LoadDeref => {
                        let cell = operand_at(&f.fast, code.varnames.len() + arg).as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!("deref slot holds a cell") };
                        let v = c.borrow().clone();
                        match v {
                            Some(v) => stack.push(v),
                            None => leave!(Action::Error(self.unbound_deref(code, arg), false)),
                        }
                    }
                    Op::StoreDeref => {
                        let v = pop!();
                        let cell = operand_at(&f.fast, code.varnames.len() + arg).as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!() };
                        let old = c.borrow_mut().replace(v);
                        drop(old);
                    }
                    Op::DeleteDeref => {
                        let cell = operand_at(&f.fast, code.varnames.len() + arg).as_ref().expect("cell slot");
                        let Payload::Cell(c) = cell.payload() else { unreachable!() };
                        let old = c.borrow_mut().take();
                        drop(old);
                    }
                    Op::LoadClosure => {
                        let cell = operand_at(&f.fast, code.varnames.len() + arg).clone().expect("cell slot");
                        stack.push(cell);
                    }
                    Op::LoadAttr => {
                        let o = pop!();
                        load_attr!(o, arg);
                    }
                    Op::StoreAttr => {
                        let o = pop!();
                        let v = pop!();
                        tri!(self.store_attr_site(operand_at(&code.caches, pc - 1), &o, &code.names, arg, v));
                    }
                    Op::DeleteAttr => {
                        let o = pop!();
                        tri!(self.delattr(&o, operand_at(&code.names, arg)));
                    }
                    Op::LoadMethod => {
                        let o = pop!();
                        let (m, s) = tri!(self.load_method_site(operand_at(&code.caches, pc - 1), o, &code.names, arg));
                        stack.push(m);
                        stack.push(s);
                    }
                    Op::BinarySubscr => {
                        let k = pop!();
                        let o = pop!();
                        if let Some(v) = Vm::subscr_fast_path(&o, &k) {
                            stack.push(v);
                            continue;
                        }
                        let v = tri!(self.getitem(&o, &k));
                        stack.push(v);
                    }
                    Op::DupTopTwoBinarySubscr => {
                        // The container and the key stay where they are, held by the stack
                        // during the lookup as DUP_TOP_TWO's copies would hold them.
                        next_arg!();
                        let n = stack.len();
                        let v = match Vm::subscr_fast_path(&stack[n - 2], &stack[n - 1]) {
                            Some(v) => v,
                            None => tri!(self.getitem(&stack[n - 2], &stack[n - 1])),
                        };
                        stack.push(v);
                    }
                    Op::BuildSliceBinarySubscr => {
                        next_arg!();
                        let at = stack.len() - arg;
                        let none = object::none();
                        let parts = [&stack[at], &stack[at + 1], stack.get(at + 2).unwrap_or(&none)];
                        let v = match self.slice_fast_path(&stack[at - 1], parts) {
                            Some(r) => tri!(r),
                            None => {
                                let k = Vm::new_slice(stack.drain_from(at));
                                tri!(self.getitem(&stack[at - 1], &k))
                            }
                        };
                        stack.truncate(at - 1);
                        stack.push(v);
                    }
                    Op::BuildSliceStoreSubscr => {
                        next_arg!();
                        let step = if arg == 3 { pop!() } else { object::none() };
                        let stop = pop!();
                        let start = pop!();
                        let o = pop!();
                        let v = pop!();
                        let r = match self.store_slice_fast_path(&o, [&start, &stop, &step], v) {
                            Ok(r) => r,
                            Err(v) => self.setitem(&o, &Vm::new_slice([start, stop, step].into_iter()), v),
                        };
                        tri!(r);
                    }
                    Op::StoreSubscr | Op::RotThreeStoreSubscr => {
                        // STORE_SUBSCR finds [v, o, k]; ROT_THREE + STORE_SUBSCR finds
                        // [o, k, v], and stores without rotating v down first.
                        let (o, k, v) = if ins.op == Op::StoreSubscr {
                            let k = pop!();
                            let o = pop!();
                            (o, k, pop!())
                        } else {
                            next_arg!();
                            let v = pop!();
                            let k = pop!();
                            (pop!(), k, v)
                        };
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
                        let mut b = pop!();
                        let op = (ins.arg & 15) as u8;
                        // Numbers are combined in place of the left operand's slot.
                        let slot = stack.top_mut();
                        if super::binary::number_fast_path(slot, &mut b, op) {
                            continue;
                        }
                        let a = pop!();
                        let v = if ins.arg & INPLACE_FLAG != 0 { tri!(self.inplace_op(a, &b, op)) } else { tri!(self.binary_op(&a, &b, op)) };
                        stack.push(v);
                    }
                    Op::LoadConstBinaryOp => {
                        let bop = next_arg!() as u32;
                        let op = (bop & 15) as u8;
                        let slot = stack.top_mut();
                        if super::binary::number_fast_path_const(slot, operand_at(&code.consts, arg), op) {
                            continue;
                        }
                        // Python code may see the operand: hold it by a counted reference,
                        // as the value stack would.
                        let b = operand_at(&code.consts, arg).clone();
                        let a = pop!();
                        let v = if bop & INPLACE_FLAG != 0 { tri!(self.inplace_op(a, &b, op)) } else { tri!(self.binary_op(&a, &b, op)) };
                        stack.push(v);
                    }
                    Op::UnaryPositive | Op::UnaryNegative | Op::UnaryInvert => {
                        let a = pop!();
                        let v = tri!(self.unary_op(&a, ins.op));
                        stack.push(v);
                    }
                    Op::UnaryNot => {
                        let a = pop!();
                        let t = tri!(self.truthy(&a));
                        stack.push(object::new_bool(!t));
                    }
                    Op::CompareOp => {
                        let b = pop!();
                        let a = pop!();
                        if let Some(o) = super::compare::number_order(&a, &b) {
                            test_result!(super::compare::cmp_arg_holds(ins.arg, o));
                            continue;
                        }
                        let op = super::compare::CmpOp::from_arg(ins.arg);
                        let v = tri!(self.rich_compare(&a, &b, op));
                        drop(a);
                        drop(b);
                        let s = crate::object::types::singletons();
                        if v.is(&s.true_) || v.is(&s.false_) {
                            test_result!(v.is(&s.true_));
                        } else {
                            stack.push(v);
                        }
                    }
                    // The fused triples (see the table): the first part runs alone
                    // unless both operands are numbers.
                    Op::LoadFastLoadFastBinaryOp | Op::LoadFastLoadConstBinaryOp => {
                        // The fusion made sure of the two instructions after this one.
                        let (second, third) = (crate::memory::instr_at(instrs, pc), crate::memory::instr_at(instrs, pc + 1));
                        let b = if ins.op == Op::LoadFastLoadFastBinaryOp { operand_at(&f.fast, second.arg as usize).as_ref() } else { Some(operand_at(&code.consts, second.arg as usize)) };
                        if let (Some(a), Some(b)) = (operand_at(&f.fast, arg), b) {
                            if let Some(v) = super::binary::number_result(a, b, (third.arg & 15) as u8) {
                                f.lasti = pc + 1;
                                pc += 2;
                                stack.push(v);
                                continue;
                            }
                        }
                        load_fast!(arg);
                        if ins.op == Op::LoadFastLoadFastBinaryOp {
                            let b = next_arg!();
                            load_fast!(b);
                        }
                    }
                    Op::LoadFastLoadFastCompareOp | Op::LoadFastLoadConstCompareOp => {
                        let (second, third) = (crate::memory::instr_at(instrs, pc), crate::memory::instr_at(instrs, pc + 1));
                        let b = if ins.op == Op::LoadFastLoadFastCompareOp { operand_at(&f.fast, second.arg as usize).as_ref() } else { Some(operand_at(&code.consts, second.arg as usize)) };
                        if let (Some(a), Some(b)) = (operand_at(&f.fast, arg), b) {
                            if let Some(o) = super::compare::number_order(a, b) {
                                f.lasti = pc + 1;
                                pc += 2;
                                test_result!(super::compare::cmp_arg_holds(third.arg, o));
                                continue;
                            }
                        }
                        load_fast!(arg);
                        let b = next_arg!();
                        if ins.op == Op::LoadFastLoadFastCompareOp {
                            load_fast!(b);
                        } else {
                            stack.push(operand_at(&code.consts, b).clone());
                        }
                    }
                    Op::IsOp => {
                        let b = pop!();
                        let a = pop!();
                        test_result!(a.is(&b) != (arg == 1));
                    }
                    Op::LoadConstIsOp => {
                        let invert = next_arg!() == 1;
                        let a = pop!();
                        test_result!(a.is(operand_at::<ObjRef>(&code.consts, arg)) != invert);
                    }
                    Op::ContainsOp => {
                        let b = pop!();
                        let a = pop!();
                        let r = match super::protocols::contains_plain(&b, &a) {
                            Some(r) => r,
                            None => tri!(self.contains(&b, &a)),
                        };
                        drop(a);
                        drop(b);
                        test_result!(r != (arg == 1));
                    }
                    Op::Jump => jump_to!(arg),
                    Op::StoreFastJump => {
                        store_fast!(arg, pop!());
                        let target = next_arg!();
                        jump_to!(target);
                    }
                    Op::PopTopJump => {
                        pop!();
                        let target = next_arg!();
                        jump_to!(target);
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
                        stack.push(it);
                    }
                    Op::ForIter | Op::ForIterStoreFast => {
                        let n = match Vm::next_fast(top!()) {
                            Some(n) => n,
                            None => {
                                if matches!(top!().payload(), Payload::Generator(_)) {
                                    // Resumes after the FOR_ITER: the item is pushed there,
                                    // for the fused form's STORE_FAST to run alone.
                                    if let Some(frame) = self.take_inline_frame(top!(), None, Resumed::ForIter) {
                                        f.pc = pc;
                                        enter_callee!(frame);
                                    }
                                }
                                tri!(self.next(top!()))
                            }
                        };
                        match n {
                            Some(v) if ins.op == Op::ForIterStoreFast => {
                                let local = next_arg!();
                                store_fast!(local, v);
                            }
                            Some(v) => stack.push(v),
                            None => {
                                pop!();
                                pc = arg;
                            }
                        }
                    }
                    Op::BuildTuple => {
                        let items = stack.split_off(stack.len() - arg);
                        stack.push(object::new_tuple(items));
                    }
                    Op::BuildList => {
                        let items = stack.split_off(stack.len() - arg);
                        stack.push(object::new_list(items));
                    }
                    Op::BuildSet | Op::BuildMap | Op::BuildString | Op::BuildSlice => tri!(synced!(self.op_build(&mut f, ins.op, arg))),
                    Op::ListAppend => {
                        let v = pop!();
                        let l = &stack[stack.len() - arg];
                        l.as_list().expect("list").borrow_mut().push(v);
                    }
                    Op::SetAdd => {
                        let v = pop!();
                        let s = stack[stack.len() - arg].clone();
                        tri!(self.set_add(&s, v));
                    }
                    Op::MapAdd => {
                        let v = pop!();
                        let k = pop!();
                        let d = stack[stack.len() - arg].clone();
                        tri!(self.dict_set(&d, k, v));
                    }
                    Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::DictMerge => tri!(synced!(self.op_extend(&mut f, ins.op, arg))),
                    Op::ListToTuple => {
                        let l = pop!();
                        let items = l.as_list().expect("list").borrow().clone();
                        stack.push(object::new_tuple(items));
                    }
                    Op::UnpackSequence => {
                        let seq = pop!();
                        if Vm::unpack_exact(&seq, arg, &mut stack) {
                            continue;
                        }
                        let items = tri!(self.unpack(&seq, arg, None));
                        stack.extend(items.into_iter().rev());
                    }
                    Op::UnpackEx => tri!(synced!(self.op_unpack_ex(&mut f, arg))),
                    Op::KwNames => {
                        f.kwnames = Some(operand_at(&code.consts, arg).clone());
                        f.extras = true;
                    }
                    Op::CallFunction | Op::CallMethod => {
                        if let Some(e) = self.safe_point() {
                            leave!(Action::Error(e, false));
                        }
                        let kwnames = f.kwnames.take();
                        let n = stack.len();
                        // Where the callable (and, for a method call, the slot below it) starts.
                        let base = n - arg - if ins.op == Op::CallMethod { 2 } else { 1 };
                        let (callable_at, args_at) = if ins.op == Op::CallMethod {
                            if stack[n - arg - 2].is_null() { (n - arg - 1, n - arg) } else { (n - arg - 2, n - arg - 1) }
                        } else {
                            (n - arg - 1, n - arg)
                        };
                        // A Python function: its call shape, and Some(its code) for an
                        // exact positional call, whose frame takes the arguments and the
                        // function off the stack.
                        let function = match stack[callable_at].payload() {
                            Payload::Function(fd) => Some((fd.shape, (kwnames.is_none() && fd.shape.exact_args as usize == n - args_at).then(|| fd.code.clone()))),
                            _ => None,
                        };
                        if let Some((shape, exact)) = function {
                            let frame = match exact {
                                Some(code_obj) => self.make_frame_from_stack(code_obj, shape.cells, &mut stack, base, n - args_at),
                                None => {
                                    let callable = stack[callable_at].clone();
                                    let Payload::Function(fd) = callable.payload() else { unreachable!("tested above") };
                                    let args: Vec<ObjRef> = stack.split_off(args_at);
                                    stack.truncate(base);
                                    let kw = kwnames.as_ref().and_then(|k| k.as_tuple());
                                    tri!(self.make_frame(&callable, fd, args, kw))
                                }
                            };
                            if shape.generator {
                                stack.push(self.new_generator(frame));
                                continue;
                            }
                            if let Err(e) = self.enter_recursion("") {
                                // The call instruction itself raised.
                                drop(frame);
                                leave!(Action::Error(e, false));
                            }
                            f.pc = pc;
                            enter_callee!(frame);
                        }
                        let callable = stack[callable_at].clone();
                        if let (Payload::Builtin(b), None, 1) = (callable.payload(), &kwnames, n - args_at) {
                            if crate::builtins::functions::is_len(b) {
                                let r = self.len(&stack[args_at]);
                                drop(callable);
                                stack.truncate(base);
                                stack.push(object::new_int(tri!(r) as i64));
                                continue;
                            }
                        }
                        let kw = kwnames.as_ref().and_then(|k| k.as_tuple());
                        let r = self.call(&callable, &stack[args_at..], kw);
                        drop(callable);
                        stack.truncate(base);
                        let v = tri!(r);
                        stack.push(v);
                    }
                    Op::CallFunctionEx => {
                        let kwargs = if arg & 1 != 0 { Some(pop!()) } else { None };
                        let args = pop!();
                        let func = pop!();
                        let v = tri!(self.call_ex(&func, &args, kwargs.as_ref()));
                        stack.push(v);
                    }
                    Op::MakeFunction => synced!(self.op_make_function(&mut f, arg)),
                    Op::ReturnValue | Op::LoadFastReturnValue => {
                        let v = if ins.op == Op::LoadFastReturnValue {
                            let Some(v) = operand_at(&f.fast, arg).clone() else {
                                leave!(Action::Error(self.unbound_local(code, arg), false));
                            };
                            // The RETURN_VALUE runs.
                            f.lasti = pc;
                            v
                        } else {
                            pop!()
                        };
                        let Some(caller) = f.caller.take() else {
                            leave!(Action::Return(v));
                        };
                        self.leave_frame(&f);
                        f.stack.swap_in(&mut stack);
                        let done = std::mem::replace(&mut f, caller);
                        let Some(resumed) = self.end_callee(done) else {
                            f.stack.push(v);
                            continue 'frame;
                        };
                        // A generator's frame resumed in this loop returned: its
                        // resumer's FOR_ITER ends the loop or its YIELD_FROM has `v` for
                        // its value.
                        drop(f.stack.pop());
                        match resumed {
                            Resumed::ForIter => f.pc = f.code().instrs[f.pc - 1].arg as usize,
                            Resumed::YieldFrom => {
                                f.stack.push(v);
                                f.pc += 1;
                            }
                        }
                        continue 'frame;
                    }
                    Op::YieldValue => {
                        let v = pop!();
                        f.pc = pc;
                        yield_value!(v);
                    }
                    Op::GetYieldFromIter => {
                        let o = pop!();
                        if matches!(o.payload(), Payload::Generator(_)) {
                            stack.push(o);
                        } else {
                            let it = tri!(self.iter(&o));
                            stack.push(it);
                        }
                    }
                    Op::YieldFrom => {
                        let v = pop!();
                        if let Some(frame) = self.take_inline_frame(top!(), Some(&v), Resumed::YieldFrom) {
                            drop(v);
                            // Runs again when the generator yields (see `YieldValue`).
                            f.pc = pc - 1;
                            enter_callee!(frame);
                        }
                        let it = top!().clone();
                        match tri!(self.send(&it, v)) {
                            super::iter::SendResult::Yielded(y) => {
                                // Re-run YieldFrom when resumed with the sent value.
                                f.pc = pc - 1;
                                yield_value!(y);
                            }
                            super::iter::SendResult::Returned(r) => {
                                pop!();
                                stack.push(r);
                            }
                        }
                    }
                    Op::ImportName => tri!(synced!(self.op_import_name(&mut f, arg))),
                    Op::ImportFrom => tri!(synced!(self.op_import_from(&mut f, arg))),
                    Op::ImportStar => tri!(synced!(self.op_import_star(&mut f))),
                    Op::SetupFinally => {
                        f.blocks.push(Block { handler: ins.arg, level: stack.len() as u32 });
                    }
                    Op::SetupWith => tri!(synced!(self.op_setup_with(&mut f, ins.arg))),
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
                        leave!(Action::Error(PyErr::new(e), true));
                    }
                    Op::PopExceptReraise => {
                        let e = pop!();
                        let prev = pop!();
                        let old = self.exc_info.replace(if prev.is_none() { None } else { Some(prev) });
                        drop(old);
                        leave!(Action::Error(PyErr::new(e), true));
                    }
                    Op::JumpIfNotExcMatch => {
                        if !tri!(synced!(self.op_exc_match(&mut f))) {
                            pc = arg;
                        }
                    }
                    Op::WithExceptStart => tri!(synced!(self.op_with_except_start(&mut f))),
                    Op::RaiseVarargs => {
                        let (e, reraise) = synced!(self.op_raise(&mut f, arg));
                        leave!(Action::Error(e, reraise));
                    }
                    Op::LoadBuildClass => tri!(synced!(self.op_load_build_class(&mut f))),
                    Op::LoadAssertionError => stack.push(self.exc_type("AssertionError")),
                    Op::SetupAnnotations => tri!(synced!(self.op_setup_annotations(&mut f))),
                    Op::FormatValue => tri!(synced!(self.op_format_value(&mut f, arg))),
                    Op::PrintExpr => tri!(synced!(self.op_print_expr(&mut f))),
                }
            }
        }
    }

    /// The frame of a property's getter (see `AttrLoad::Getter`) called with `obj`, a
    /// recursion level entered for it, as for a call.
    fn getter_frame(&self, getter: &ObjRef, obj: ObjRef) -> Result<Box<Frame>, PyErr> {
        let Payload::Function(fd) = getter.payload() else { unreachable!("a getter the site checked") };
        self.enter_recursion("")?;
        let mut frame = self.make_frame_positional(getter, fd, std::iter::once(obj.clone()));
        frame.owner = Some(obj);
        frame.extras = true;
        Ok(frame)
    }

    /// Creates a generator object owning `frame`.
    pub fn new_generator(&self, frame: Box<Frame>) -> ObjRef {
        let Some(Payload::Function(fd)) = frame.func.as_ref().map(|func| func.payload()) else {
            unreachable!("a generator's frame runs a function")
        };
        let (code, name, qualname) = (fd.code.clone(), fd.name.borrow().clone(), fd.qualname.borrow().clone());
        let st = GenState { code, frame: Some(frame), running: false, started: false, name, qualname, exc_state: None };
        ObjRef::new(&builtin_types().generator, Payload::Generator(Box::new(std::cell::RefCell::new(st))))
    }
}
