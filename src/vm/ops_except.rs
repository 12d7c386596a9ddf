//! Out-of-line handlers for `raise`, `except` matching and `with`, and the helpers
//! they share.
//!
//! Invariant: as in `ops_build`, operands come off `f`'s value stack and results go
//! on it. A `with` block's handler block is pushed after `__exit__`, so that the
//! unwinder leaves `__exit__` under the exception it pushes.

use super::{Block, Frame, PyErr, Vm};
use crate::object::{self, ObjRef, PyResult};

impl Vm {
    /// SETUP_WITH: looks up `__enter__`/`__exit__`, keeps the bound `__exit__` on the
    /// stack under a handler block, and pushes what `__enter__` returns.
    #[inline(never)]
    pub(super) fn op_setup_with(&self, f: &mut Frame, handler: u32) -> PyResult<()> {
        let mgr = f.pop();
        let (enter, exit) = self.context_methods(&mgr)?;
        f.stack.push(exit);
        f.blocks.push(Block { handler, level: f.stack.len() as u32 });
        let r = self.call(&enter, &[], None)?;
        f.stack.push(r);
        Ok(())
    }

    /// WITH_EXCEPT_START: calls `__exit__(type, exc, tb)` for the exception on top.
    #[inline(never)]
    pub(super) fn op_with_except_start(&self, f: &mut Frame) -> PyResult<()> {
        let n = f.stack.len();
        let exc = f.stack[n - 1].clone();
        let exit = f.stack[n - 3].clone();
        let tb = exc.as_exc().and_then(|d| d.traceback.borrow().clone()).unwrap_or_else(object::none);
        let ty = ObjRef::from_borrowed(exc.ty());
        let r = self.call(&exit, &[ty, exc, tb], None)?;
        f.stack.push(r);
        Ok(())
    }

    /// RAISE_VARARGS with `arg` operands: the exception to raise, and whether it is a
    /// bare `raise` re-raising the handled one (no new traceback entry).
    #[inline(never)]
    pub(super) fn op_raise(&self, f: &mut Frame, arg: usize) -> (PyErr, bool) {
        let r = match arg {
            0 => match self.exc_info.borrow().clone() {
                Some(e) => Ok((PyErr::new(e), true)),
                None => Ok((self.runtime_error("No active exception to reraise"), false)),
            },
            1 => {
                let exc = f.pop();
                self.make_raise(&exc, None).map(|e| (e, false))
            }
            _ => {
                let cause = f.pop();
                let exc = f.pop();
                self.make_raise(&exc, Some(cause)).map(|e| (e, false))
            }
        };
        r.unwrap_or_else(|e| (e, false))
    }

    /// JUMP_IF_NOT_EXC_MATCH's test: pops the type and the exception.
    #[inline(never)]
    pub(super) fn op_exc_match(&self, f: &mut Frame) -> PyResult<bool> {
        let ty = f.pop();
        let e = f.pop();
        self.exception_matches(&e, &ty)
    }

    /// Builds the exception `raise exc [from cause]` raises.
    fn make_raise(&self, exc: &ObjRef, cause: Option<ObjRef>) -> PyResult<PyErr> {
        let base = &crate::object::types::builtin_types().base_exception;
        let e = if exc.as_type().is_some() {
            if !exc.is_subtype(base) {
                return Err(self.type_error("exceptions must derive from BaseException"));
            }
            let inst = self.call(exc, &[], None)?;
            if !inst.is_instance(base) {
                return Err(self.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    self.repr(exc)?.as_str().unwrap_or(""),
                    inst.type_name()
                )));
            }
            inst
        } else if exc.is_instance(base) {
            exc.clone()
        } else {
            return Err(self.type_error("exceptions must derive from BaseException"));
        };
        if let Some(c) = cause {
            let d = e.as_exc().expect("exception");
            let c = if c.is_none() {
                None
            } else if c.as_type().is_some() && c.is_subtype(base) {
                Some(self.call(&c, &[], None)?)
            } else if c.is_instance(base) {
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
        let base = &crate::object::types::builtin_types().base_exception;
        let check = |t: &ObjRef| -> PyResult<bool> {
            if t.as_type().is_none() || !t.is_subtype(base) {
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
}
