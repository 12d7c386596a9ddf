//! Iteration: `iter()`, `next()` for the builtin iterators, and generators (resume,
//! send, throw, close).
//!
//! Invariant: a generator's frame is owned by its `GenState` while suspended and by the
//! eval loop while running (`running` is true then); it is dropped when the generator
//! finishes. The generator's RefCell is never borrowed while its frame runs.

use super::eval::Exit;
use super::{PyErr, Vm};
use crate::object::types::builtin_types;
use crate::object::{self, DictViewKind, IterState, ObjRef, Payload, PyResult};

pub enum SendResult {
    Yielded(ObjRef),
    Returned(ObjRef),
}

impl Vm {
    pub fn iter(&self, o: &ObjRef) -> PyResult {
        let t = builtin_types();
        let td = o.type_data();
        if td.heap {
            if let Some(f) = td.lookup("__iter__") {
                if !matches!(f.payload(), Payload::Builtin(_)) {
                    if f.is_none() {
                        return Err(self.type_error(format!("'{}' object is not iterable", o.type_name())));
                    }
                    let it = self.call(&f, std::slice::from_ref(&o), None)?;
                    if it.type_data().lookup("__next__").is_none() && !matches!(it.payload(), Payload::Iter(_) | Payload::Generator(_)) {
                        return Err(self.type_error(format!("iter() returned non-iterator of type '{}'", it.type_name())));
                    }
                    return Ok(it);
                }
            }
        }
        let mk = |ty: &ObjRef, st: IterState| ObjRef::new(ty, Payload::Iter(Box::new(std::cell::RefCell::new(st))));
        Ok(match o.payload() {
            Payload::List(_) => mk(&t.list_iterator, IterState::Seq { seq: o.clone(), index: 0 }),
            Payload::Tuple(_) => mk(&t.tuple_iterator, IterState::Seq { seq: o.clone(), index: 0 }),
            Payload::Bytes(_) | Payload::ByteArray(_) => mk(&t.iterator, IterState::Seq { seq: o.clone(), index: 0 }),
            Payload::Str(_) => mk(&t.str_iterator, IterState::Str { s: o.clone(), pos: 0 }),
            Payload::Range { start, stop, step } => {
                let n = crate::builtins::range::range_len(*start, *stop, *step);
                mk(&t.range_iterator, IterState::Range { next: *start, step: *step, remaining: n })
            }
            Payload::Dict(d) => {
                let len = d.borrow().len();
                mk(&t.dict_keyiterator, IterState::DictKeys { dict: o.clone(), pos: 0, len, remaining: len, kind: DictViewKind::Keys })
            }
            Payload::DictView { dict, kind } => {
                let len = dict.as_dict().map(|d| d.borrow().len()).unwrap_or(0);
                let ty = match kind {
                    DictViewKind::Keys => &t.dict_keyiterator,
                    DictViewKind::Values => &t.dict_valueiterator,
                    DictViewKind::Items => &t.dict_itemiterator,
                };
                mk(ty, IterState::DictKeys { dict: dict.clone(), pos: 0, len, remaining: len, kind: *kind })
            }
            Payload::Set(s) => {
                let len = s.borrow().len();
                mk(&t.set_iterator, IterState::SetIter { set: o.clone(), pos: 0, len })
            }
            Payload::Iter(_) | Payload::Generator(_) => o.clone(),
            _ => {
                if let Some(f) = td.lookup("__iter__") {
                    if !f.is_none() {
                        return self.call(&f, std::slice::from_ref(&o), None);
                    }
                }
                if td.lookup("__getitem__").is_some() {
                    return Ok(mk(&t.iterator, IterState::GetItem { obj: o.clone(), index: 0 }));
                }
                return Err(self.type_error(format!("'{}' object is not iterable", o.type_name())));
            }
        })
    }

    /// `next(it)`; Ok(None) when exhausted (no StopIteration object is created for
    /// builtin iterators and generators).
    pub fn next(&self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        match it.payload() {
            Payload::Iter(st) => self.iter_next(it, st),
            Payload::Generator(_) => match self.gen_resume(it, None, None)? {
                SendResult::Yielded(v) => Ok(Some(v)),
                SendResult::Returned(_) => Ok(None),
            },
            _ => {
                let Some(f) = it.type_data().lookup("__next__") else {
                    return Err(self.type_error(format!("'{}' object is not an iterator", it.type_name())));
                };
                match self.call(&f, std::slice::from_ref(&it), None) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is(&self.exc_type("StopIteration")) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `FOR_ITER`'s commonest iterators, inline in the eval loop: the next item of an
    /// iterator over a sequence or a range, Some(None) when it is exhausted, or None
    /// for any other iterator, which `next` serves.
    #[inline(always)]
    pub fn next_fast(it: &ObjRef) -> Option<Option<ObjRef>> {
        let Payload::Iter(st) = it.payload() else { return None };
        step_sequence(st.try_borrow_mut().ok()?).ok()
    }

    fn iter_next(&self, it: &ObjRef, st: &std::cell::RefCell<IterState>) -> PyResult<Option<ObjRef>> {
        let mut s = match step_sequence(st.borrow_mut()) {
            Ok(item) => return Ok(item),
            Err(s) => s,
        };
        match &mut *s {
            IterState::Seq { .. } | IterState::Range { .. } => unreachable!("step_sequence serves sequences and ranges"),
            IterState::Str { s: so, pos } => {
                let d = so.as_str_data().expect("str");
                if *pos >= d.s.len() {
                    return Ok(None);
                }
                let c = d.s[*pos..].chars().next().expect("char");
                *pos += c.len_utf8();
                let mut buf = [0u8; 4];
                Ok(Some(object::new_str(c.encode_utf8(&mut buf))))
            }
            IterState::DictKeys { dict, pos, len, remaining, kind } => {
                let d = dict.as_dict().expect("dict");
                let t = d.borrow();
                if t.len() != *len {
                    *len = usize::MAX;
                    return Err(self.runtime_error("dictionary changed size during iteration"));
                }
                match t.next_entry(*pos) {
                    Some(_) if *remaining == 0 => {
                        // Like CPython, the iterator is exhausted after this error. The
                        // dict reference is released after the state borrow ends.
                        drop(t);
                        let old = std::mem::replace(&mut *s, IterState::Exhausted);
                        drop(s);
                        drop(old);
                        Err(self.runtime_error("dictionary keys changed during iteration"))
                    }
                    Some((p, e)) => {
                        *pos = p + 1;
                        *remaining -= 1;
                        Ok(Some(match kind {
                            DictViewKind::Keys => e.key.clone(),
                            DictViewKind::Values => e.value.clone(),
                            DictViewKind::Items => object::new_tuple(vec![e.key.clone(), e.value.clone()]),
                        }))
                    }
                    None => Ok(None),
                }
            }
            IterState::SetIter { set, pos, len } => {
                let t = set.as_set().expect("set").borrow();
                if t.len() != *len {
                    *len = usize::MAX;
                    return Err(self.runtime_error("Set changed size during iteration"));
                }
                match t.next_at(*pos) {
                    Some((p, k)) => {
                        *pos = p + 1;
                        Ok(Some(k.clone()))
                    }
                    None => Ok(None),
                }
            }
            IterState::Exhausted => Ok(None),
            _ => {
                // The remaining kinds call back into Python: take the state out first.
                let state = std::mem::replace(&mut *s, IterState::Exhausted);
                drop(s);
                let (r, state) = self.iter_next_slow(it, state);
                *st.borrow_mut() = state;
                r
            }
        }
    }

    fn iter_next_slow(&self, _it: &ObjRef, mut state: IterState) -> (PyResult<Option<ObjRef>>, IterState) {
        let r = match &mut state {
            IterState::GetItem { obj, index } => match self.getitem(obj, &object::new_int(*index as i64)) {
                Ok(v) => {
                    *index += 1;
                    Ok(Some(v))
                }
                Err(e) if e.is(&self.exc_type("IndexError")) || e.is(&self.exc_type("StopIteration")) => return (Ok(None), IterState::Exhausted),
                Err(e) => Err(e),
            },
            IterState::Callable { func, sentinel } => match self.call(func, &[], None) {
                Ok(v) => match self.eq(&v, sentinel) {
                    Ok(true) => return (Ok(None), IterState::Exhausted),
                    Ok(false) => Ok(Some(v)),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            },
            IterState::Reversed { seq, index } => {
                if *index < 0 {
                    return (Ok(None), IterState::Exhausted);
                }
                match self.getitem(seq, &object::new_int(*index as i64)) {
                    Ok(v) => {
                        *index -= 1;
                        Ok(Some(v))
                    }
                    Err(e) if e.is(&self.exc_type("IndexError")) => return (Ok(None), IterState::Exhausted),
                    Err(e) => Err(e),
                }
            }
            IterState::Enumerate { it, count } => match self.next(it) {
                Ok(Some(v)) => {
                    let c = count.clone();
                    match self.binary_op(count, &object::new_int(1), super::binary::ADD) {
                        Ok(n) => *count = n,
                        Err(e) => return (Err(e), state),
                    }
                    Ok(Some(object::new_tuple(vec![c, v])))
                }
                Ok(None) => return (Ok(None), IterState::Exhausted),
                Err(e) => Err(e),
            },
            IterState::Zip { its, strict } => {
                let mut items = Vec::with_capacity(its.len());
                let mut result: PyResult<Option<ObjRef>> = Ok(None);
                let mut done = false;
                for (i, it) in its.iter().enumerate() {
                    match self.next(it) {
                        Ok(Some(v)) => {
                            if done {
                                result = Err(self.value_error(format!("zip() argument {} is longer than argument{} 1{}", i + 1, if i > 1 { "s" } else { "" }, if i > 1 { format!("-{}", i) } else { String::new() })));
                                break;
                            }
                            items.push(v)
                        }
                        Ok(None) => {
                            if *strict && i > 0 && !done {
                                result = Err(self.value_error(format!("zip() argument {} is shorter than argument{} 1{}", i + 1, if i > 1 { "s" } else { "" }, if i > 1 { format!("-{}", i) } else { String::new() })));
                                break;
                            }
                            done = true;
                            if !*strict {
                                break;
                            }
                        }
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                match result {
                    Err(e) => Err(e),
                    Ok(_) if done || items.len() < its.len() => return (Ok(None), IterState::Exhausted),
                    Ok(_) => Ok(Some(object::new_tuple(items))),
                }
            }
            IterState::Map { func, its } => {
                let mut args = Vec::with_capacity(its.len());
                let mut out = None;
                for it in its.iter() {
                    match self.next(it) {
                        Ok(Some(v)) => args.push(v),
                        Ok(None) => {
                            out = Some(Ok(None));
                            break;
                        }
                        Err(e) => {
                            out = Some(Err(e));
                            break;
                        }
                    }
                }
                match out {
                    Some(Ok(None)) => return (Ok(None), IterState::Exhausted),
                    Some(r) => r,
                    None => self.call(func, &args, None).map(Some),
                }
            }
            IterState::Filter { func, it } => loop {
                match self.next(it) {
                    Ok(Some(v)) => {
                        let keep = if func.is_none() { self.truthy(&v) } else { self.call(func, std::slice::from_ref(&v), None).and_then(|r| self.truthy(&r)) };
                        match keep {
                            Ok(true) => break Ok(Some(v)),
                            Ok(false) => continue,
                            Err(e) => break Err(e),
                        }
                    }
                    Ok(None) => return (Ok(None), IterState::Exhausted),
                    Err(e) => break Err(e),
                }
            },
            _ => Ok(None),
        };
        (r, state)
    }

    /// Sends `v` into the iterator `it` (YIELD_FROM).
    pub fn send(&self, it: &ObjRef, v: ObjRef) -> PyResult<SendResult> {
        if let Payload::Generator(_) = it.payload() {
            return self.gen_resume(it, Some(v), None);
        }
        if v.is_none() {
            // A class's `__next__` may finish with a value (`raise StopIteration(v)`).
            if it.type_data().heap {
                if let Some(nx) = it.type_data().lookup("__next__") {
                    return match self.call(&nx, std::slice::from_ref(&it), None) {
                        Ok(x) => Ok(SendResult::Yielded(x)),
                        Err(e) if e.is(&self.exc_type("StopIteration")) => Ok(SendResult::Returned(stop_value(&e))),
                        Err(e) => Err(e),
                    };
                }
            }
            return match self.next(it)? {
                Some(x) => Ok(SendResult::Yielded(x)),
                None => Ok(SendResult::Returned(object::none())),
            };
        }
        let m = self.getattr_str(it, "send")?;
        match self.call(&m, &[v], None) {
            Ok(x) => Ok(SendResult::Yielded(x)),
            Err(e) if e.is(&self.exc_type("StopIteration")) => Ok(SendResult::Returned(stop_value(&e))),
            Err(e) => Err(e),
        }
    }

    /// Resumes a generator with a sent value or a thrown exception.
    pub fn gen_resume(&self, gen: &ObjRef, value: Option<ObjRef>, throw: Option<PyErr>) -> PyResult<SendResult> {
        let Payload::Generator(cell) = gen.payload() else { unreachable!("generator") };
        let mut st = cell.borrow_mut();
        if st.running {
            return Err(self.value_error("generator already executing"));
        }
        let Some(mut frame) = st.frame.take() else {
            drop(st);
            if let Some(e) = throw {
                return Err(e);
            }
            return Ok(SendResult::Returned(object::none()));
        };
        if !st.started {
            if let Some(v) = &value {
                if !v.is_none() && throw.is_none() {
                    st.frame = Some(frame);
                    return Err(self.type_error("can't send non-None value to a just-started generator"));
                }
            }
        } else if throw.is_none() {
            frame.stack.push(value.unwrap_or_else(object::none));
        }
        // A thrown exception goes to the sub-iterator of a suspended `yield from` first.
        let mut throw = throw;
        if let Some(e) = throw.take() {
            let at_yield_from = st.started && frame.code().instrs.get(frame.pc).map(|i| i.op == crate::bytecode::Op::YieldFrom).unwrap_or(false);
            if at_yield_from {
                let sub = frame.stack.last().cloned().expect("delegate");
                st.running = true;
                drop(st);
                let r = self.throw_into(&sub, e);
                let mut st2 = cell.borrow_mut();
                st2.running = false;
                match r {
                    Ok(SendResult::Yielded(y)) => {
                        st2.frame = Some(frame);
                        return Ok(SendResult::Yielded(y));
                    }
                    Ok(SendResult::Returned(v)) => {
                        frame.stack.pop();
                        frame.stack.push(v);
                        frame.pc += 1;
                        st = st2;
                    }
                    Err(e2) => {
                        frame.stack.pop();
                        frame.pc += 1;
                        st = st2;
                        throw = Some(e2);
                    }
                }
            } else {
                throw = Some(e);
            }
        }
        st.started = true;
        st.running = true;
        let saved = st.exc_state.take();
        drop(st);
        let outer = self.exc_info.borrow().clone();
        if let Some(s) = saved {
            *self.exc_info.borrow_mut() = Some(s);
        }
        frame.extras |= throw.is_some();
        frame.pending_throw = throw;
        let (r, frame) = self.eval_frame(frame);
        let inner = self.exc_info.replace(outer.clone());
        let mut st = cell.borrow_mut();
        st.running = false;
        match r {
            Ok(Exit::Yield(v)) => {
                st.exc_state = match (&inner, &outer) {
                    (Some(i), Some(o)) if i.is(o) => None,
                    _ => inner,
                };
                st.frame = Some(frame);
                Ok(SendResult::Yielded(v))
            }
            Ok(Exit::Return(v)) => {
                drop(st);
                // The finished frame goes back to the free list, as a call's does.
                self.recycle_frame(frame);
                Ok(SendResult::Returned(v))
            }
            Err(e) => {
                drop(st);
                self.recycle_frame(frame);
                Err(self.generator_error(e))
            }
        }
    }

    /// What a generator's caller sees of `e`, an exception its frame raised: a
    /// StopIteration becomes a RuntimeError caused by it (PEP 479).
    pub fn generator_error(&self, e: PyErr) -> PyErr {
        if !e.is(&self.exc_type("StopIteration")) {
            return e;
        }
        let re = self.runtime_error("generator raised StopIteration");
        if let Some(d) = re.exc.as_exc() {
            *d.cause.borrow_mut() = Some(e.exc.clone());
            *d.context.borrow_mut() = Some(e.exc.clone());
            d.suppress_context.set(true);
        }
        re
    }

    /// The frame of generator `gen`, taken to run inside the running eval loop (as
    /// CPython 3.12's FOR_ITER_GEN and SEND_GEN run it), with `value` (None's object
    /// when None) sent in, a recursion level entered for it and `Frame::gen` naming
    /// the generator and what `resumed` it; the generator is marked running. None when `gen_resume` must resume it instead: not a generator,
    /// running or finished, an exception state saved with it or one being handled by
    /// the resumer, a value other than None for a generator not yet started, or the
    /// recursion limit reached (`gen_resume` raises whatever applies).
    #[inline(always)]
    pub fn take_inline_frame(&self, gen: &ObjRef, value: Option<&ObjRef>, resumed: super::Resumed) -> Option<Box<super::Frame>> {
        let Payload::Generator(cell) = gen.payload() else { return None };
        if self.depth.get() >= self.recursion_limit.get() || self.exc_info.borrow().is_some() {
            return None;
        }
        let mut st = cell.try_borrow_mut().ok()?;
        if st.running || st.exc_state.is_some() || (!st.started && value.is_some_and(|v| !v.is_none())) {
            return None;
        }
        let mut frame = st.frame.take()?;
        if st.started {
            frame.stack.push(value.cloned().unwrap_or_else(object::none));
        }
        st.started = true;
        st.running = true;
        self.depth.set(self.depth.get() + 1);
        frame.gen = Some((gen.clone(), resumed));
        frame.extras = true;
        Some(frame)
    }

    /// Hands back to `gen` its frame, which yielded inside the eval loop (see
    /// `take_inline_frame`): the exception it was handling, if any, is saved with it
    /// and the resumer's (none) is current again, as `gen_resume` leaves them.
    pub fn suspend_inline_frame(&self, gen: &ObjRef, frame: Box<super::Frame>) {
        let Payload::Generator(cell) = gen.payload() else { unreachable!("an inline frame's generator") };
        let inner = self.exc_info.take();
        let mut st = cell.borrow_mut();
        st.running = false;
        st.exc_state = inner;
        st.frame = Some(frame);
    }

    /// Ends `gen`, whose frame returned or raised inside the eval loop: the resumer's
    /// exception state (none) is current again.
    pub fn finish_inline_frame(&self, gen: &ObjRef) {
        let Payload::Generator(cell) = gen.payload() else { unreachable!("an inline frame's generator") };
        drop(self.exc_info.take());
        cell.borrow_mut().running = false;
    }

    /// `it.throw(e)` for a generator or any iterator with a `throw` method.
    pub fn throw_into(&self, it: &ObjRef, e: PyErr) -> PyResult<SendResult> {
        if let Payload::Generator(_) = it.payload() {
            return self.gen_resume(it, None, Some(e));
        }
        match self.getattr_opt(it, "throw")? {
            Some(m) => match self.call(&m, &[e.exc.clone()], None) {
                Ok(v) => Ok(SendResult::Yielded(v)),
                Err(e2) if e2.is(&self.exc_type("StopIteration")) => Ok(SendResult::Returned(stop_value(&e2))),
                Err(e2) => Err(e2),
            },
            None => Err(e),
        }
    }

    /// `gen.close()`.
    pub fn gen_close(&self, gen: &ObjRef) -> PyResult<()> {
        let Payload::Generator(cell) = gen.payload() else { return Ok(()) };
        {
            let mut st = cell.borrow_mut();
            if st.frame.is_none() {
                return Ok(());
            }
            if !st.started {
                let f = st.frame.take();
                drop(st);
                drop(f);
                return Ok(());
            }
        }
        let exit = self.new_error_args("GeneratorExit", vec![]);
        match self.gen_resume(gen, None, Some(exit)) {
            Ok(SendResult::Yielded(_)) => Err(self.runtime_error("generator ignored GeneratorExit")),
            Ok(SendResult::Returned(_)) => Ok(()),
            Err(e) if e.is(&self.exc_type("GeneratorExit")) || e.is(&self.exc_type("StopIteration")) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// Steps an iterator over a sequence or a range, whose state `s` borrows: Ok(the next
/// item, or None once exhausted); Err(s) back for any other iterator. An exhausted
/// sequence iterator lets go of its sequence after its state no longer holds it (the
/// items' finalizers may use the iterator).
#[inline(always)]
fn step_sequence(mut s: std::cell::RefMut<'_, IterState>) -> Result<Option<ObjRef>, std::cell::RefMut<'_, IterState>> {
    match &mut *s {
        IterState::Range { next, step, remaining } => {
            if *remaining == 0 {
                return Ok(None);
            }
            let v = *next;
            *remaining -= 1;
            *next = next.wrapping_add(*step);
            Ok(Some(object::new_int(v)))
        }
        IterState::Seq { seq, index } => {
            let v = match seq.payload() {
                Payload::List(l) => l.borrow().get(*index).cloned(),
                Payload::Tuple(t) => t.get(*index).cloned(),
                Payload::Bytes(b) => b.get(*index).map(|x| object::new_int(*x as i64)),
                Payload::ByteArray(b) => b.borrow().get(*index).map(|x| object::new_int(*x as i64)),
                _ => None,
            };
            if v.is_some() {
                *index += 1;
                return Ok(v);
            }
            let done = std::mem::replace(&mut *s, IterState::Exhausted);
            drop(s);
            drop(done);
            Ok(None)
        }
        _ => Err(s),
    }
}

/// The value carried by a StopIteration (its first argument, or None).
pub fn stop_value(e: &PyErr) -> ObjRef {
    super::exceptions::exc_args(&e.exc).into_iter().next().unwrap_or_else(object::none)
}
