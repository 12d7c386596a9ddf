//! Out-of-line handlers for the instructions that build containers and strings
//! (displays, unpacking with a star, f-strings, the interactive echo).
//!
//! Invariant: each takes its operands off `f`'s value stack and pushes its result, as
//! the dispatch loop's own handlers do; an error leaves the operands already taken
//! released and the rest of the stack as it was (the unwinder truncates it).
//! They are kept out of the dispatch loop so that its hot handlers get the registers.

use super::{Frame, Vm};
use crate::bytecode::Op;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};

impl Vm {
    /// BUILD_SET, BUILD_MAP, BUILD_STRING, BUILD_SLICE with `arg` items.
    #[inline(never)]
    pub(super) fn op_build(&self, f: &mut Frame, op: Op, arg: usize) -> PyResult<()> {
        let v = match op {
            Op::BuildSet => {
                let at = f.stack.len() - arg;
                let s = object::new_empty_set(&builtin_types().set);
                for i in f.stack.drain_from(at) {
                    self.set_add(&s, i)?;
                }
                s
            }
            Op::BuildMap => {
                let at = f.stack.len() - 2 * arg;
                let d = object::new_dict();
                let mut it = f.stack.drain_from(at);
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&d, k, v)?;
                }
                d
            }
            Op::BuildString => {
                let items = f.stack.split_off(f.stack.len() - arg);
                let mut s = String::new();
                for i in &items {
                    s.push_str(i.as_str().unwrap_or(""));
                }
                object::new_string(s)
            }
            Op::BuildSlice => {
                let at = f.stack.len() - arg;
                Vm::new_slice(f.stack.drain_from(at))
            }
            _ => unreachable!("op_build called for {:?}", op),
        };
        f.stack.push(v);
        Ok(())
    }

    /// A slice of `parts`: start and stop, and the step when there is a third.
    pub(super) fn new_slice(mut parts: impl Iterator<Item = ObjRef>) -> ObjRef {
        let start = parts.next().expect("slice start");
        let stop = parts.next().expect("slice stop");
        let step = parts.next().unwrap_or_else(object::none);
        ObjRef::new(&builtin_types().slice, Payload::Slice { start, stop, step })
    }

    /// LIST_EXTEND, SET_UPDATE, DICT_UPDATE and DICT_MERGE: the container sits `arg`
    /// slots below the popped iterable or mapping.
    #[inline(never)]
    pub(super) fn op_extend(&self, f: &mut Frame, op: Op, arg: usize) -> PyResult<()> {
        let it = f.pop();
        let target = f.stack[f.stack.len() - arg].clone();
        match op {
            Op::ListExtend => {
                if let Err(e) = crate::builtins::list::list_extend(self, &target, &it) {
                    if e.is(&self.exc_type("TypeError")) && self.iter(&it).is_err() {
                        return Err(self.type_error(format!("Value after * must be an iterable, not {}", it.type_name())));
                    }
                    return Err(e);
                }
                Ok(())
            }
            Op::SetUpdate => crate::builtins::set::set_update(self, &target, &it),
            Op::DictMerge => {
                let func = f.stack[f.stack.len() - arg - 2].clone();
                self.dict_merge_kwargs(&target, &it, &func)
            }
            Op::DictUpdate => {
                if it.as_dict().is_none() && self.getattr_opt(&it, "keys").ok().flatten().is_none() {
                    return Err(self.type_error(format!("'{}' object is not a mapping", it.type_name())));
                }
                crate::builtins::dict::dict_update_from(self, &target, &it)
            }
            _ => unreachable!("op_extend called for {:?}", op),
        }
    }

    /// UNPACK_EX: `before` items, a list of the rest but `after`, then `after` items.
    #[inline(never)]
    pub(super) fn op_unpack_ex(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let seq = f.pop();
        let before = arg & 0xff;
        let after = arg >> 8;
        let items = self.unpack(&seq, before + after, Some(before))?;
        f.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// FORMAT_VALUE: conversion flag in the low bits, bit 2 for a format spec.
    #[inline(never)]
    pub(super) fn op_format_value(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let spec = if arg & 4 != 0 { Some(f.pop()) } else { None };
        let v = f.pop();
        let v = match arg & 3 {
            1 => self.str(&v)?,
            2 => self.repr(&v)?,
            3 => self.ascii(&v)?,
            _ => v,
        };
        let r = self.format(&v, spec.as_ref())?;
        f.stack.push(r);
        Ok(())
    }

    /// PRINT_EXPR, CPython's sys.displayhook: None is neither shown nor bound to `_`.
    #[inline(never)]
    pub(super) fn op_print_expr(&self, f: &mut Frame) -> PyResult<()> {
        let v = f.pop();
        if !v.is_none() {
            let r = self.repr(&v)?;
            self.write_stdout(r.as_str().unwrap_or(""));
            self.write_stdout("\n");
            self.setitem(&self.builtins, &object::str::intern("_"), v)?;
        }
        Ok(())
    }
}
