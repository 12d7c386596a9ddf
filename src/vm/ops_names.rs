//! Out-of-line handlers for the instructions that work on namespaces rather than fast
//! locals: module and class bodies (`*_NAME`), global stores and deletes, class-body
//! cell loads, imports, annotations, class and function creation, and the errors of
//! unbound locals and cells.
//!
//! Invariant: as in `ops_build`, operands come off `f`'s value stack and results go
//! on it; kept out of the dispatch loop, which runs them rarely.

use super::{Frame, Vm};
use crate::bytecode::CodeObject;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use super::PyErr;

impl Vm {
    /// The namespace `*_NAME` instructions use: the frame's locals, else its globals.
    fn name_namespace(f: &Frame) -> ObjRef {
        f.locals.clone().unwrap_or_else(|| f.globals().clone())
    }

    /// LOAD_NAME's common case, inline in the eval loop: `name` from a local namespace
    /// that is an exact dict, or, in module code (whose locals are its globals), from
    /// the builtins. None leaves the instruction to `op_load_name`, which goes on from
    /// where this stopped (the lookups here ran no code).
    #[inline(always)]
    pub(super) fn load_name_fast(&self, f: &Frame, name: &ObjRef) -> Option<ObjRef> {
        let l = f.locals.as_ref()?;
        if !l.ty().is(&builtin_types().dict) {
            return None;
        }
        match crate::builtins::dict::dict_get_name(l, name) {
            Some(v) => Some(v),
            None if l.is(f.globals()) => crate::builtins::dict::dict_get_name(&self.builtins, name),
            None => None,
        }
    }

    /// STORE_NAME's common case, inline in the eval loop: binds `name` to `v` in a
    /// namespace that is an exact dict; `Err(v)` leaves the store to `op_store_name`.
    #[inline(always)]
    pub(super) fn store_name_fast(&self, f: &Frame, name: &ObjRef, v: ObjRef) -> Result<(), ObjRef> {
        let ns = f.locals.as_ref().unwrap_or(f.globals());
        if !ns.ty().is(&builtin_types().dict) {
            return Err(v);
        }
        crate::builtins::dict::dict_set_name(ns, name, v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn op_load_name(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let v = self.load_name(f, &f.code().names[arg])?;
        f.stack.push(v);
        Ok(())
    }

    /// STORE_NAME into a namespace that is not an exact dict (`store_name_fast` took
    /// the rest): the mapping's `__setitem__`.
    #[inline(never)]
    pub(super) fn op_store_name(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let v = f.pop();
        let ns = f.locals.as_ref().unwrap_or(f.globals()).clone();
        self.setitem(&ns, &f.code().names[arg], v)
    }

    #[inline(never)]
    pub(super) fn op_delete_name(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let ns = Vm::name_namespace(f);
        let name = &f.code().names[arg];
        match self.delitem(&ns, name) {
            Err(e) if e.is(&self.exc_type("KeyError")) => Err(self.name_error(name.as_str().unwrap_or(""))),
            r => r,
        }
    }

    #[inline(never)]
    pub(super) fn op_store_global(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let v = f.pop();
        self.setitem(&f.globals().clone(), &f.code().names[arg], v)
    }

    #[inline(never)]
    pub(super) fn op_delete_global(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let name = &f.code().names[arg];
        if self.delitem(&f.globals().clone(), name).is_err() {
            return Err(self.name_error(name.as_str().unwrap_or("")));
        }
        Ok(())
    }

    /// LOAD_CLASSDEREF: the class body's namespace first, then the cell.
    #[inline(never)]
    pub(super) fn op_load_class_deref(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let code = f.code();
        let name = self.deref_name(code, arg);
        if let Some(l) = &f.locals {
            if let Some(v) = crate::builtins::dict::dict_get_str(self, l, name.as_str().unwrap_or(""))? {
                f.stack.push(v);
                return Ok(());
            }
        }
        let cell = f.fast[code.varnames.len() + arg].as_ref().expect("cell slot");
        let Payload::Cell(c) = cell.payload() else { unreachable!("deref slot holds a cell") };
        let v = c.borrow().clone();
        match v {
            Some(v) => {
                f.stack.push(v);
                Ok(())
            }
            None => Err(self.unbound_deref(code, arg)),
        }
    }

    /// The error for reading an empty cell or free variable slot `arg`.
    #[cold]
    #[inline(never)]
    pub(super) fn unbound_deref(&self, code: &CodeObject, arg: usize) -> PyErr {
        let name = self.deref_name(code, arg);
        let n = name.as_str().unwrap_or("?");
        if arg < code.cellvars.len() {
            self.new_error("UnboundLocalError", &format!("cannot access local variable '{}' where it is not associated with a value", n))
        } else {
            self.new_error("NameError", &format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", n))
        }
    }

    /// The error for reading or deleting an unbound fast local `arg`.
    #[cold]
    #[inline(never)]
    pub(super) fn unbound_local(&self, code: &CodeObject, arg: usize) -> PyErr {
        let name = code.varnames[arg].as_str().unwrap_or("?");
        self.new_error("UnboundLocalError", &format!("cannot access local variable '{}' where it is not associated with a value", name))
    }

    pub(super) fn deref_name(&self, code: &CodeObject, i: usize) -> ObjRef {
        if i < code.cellvars.len() { code.cellvars[i].clone() } else { code.freevars[i - code.cellvars.len()].clone() }
    }

    #[inline(never)]
    pub(super) fn op_import_name(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let fromlist = f.pop();
        let level = f.pop();
        let m = crate::modules::import::import_name(self, &f.code().names[arg], &fromlist, &level, f.globals())?;
        f.stack.push(m);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn op_import_from(&self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let m = f.stack.last().expect("stack underflow").clone();
        let v = crate::modules::import::import_from(self, &m, &f.code().names[arg])?;
        f.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn op_import_star(&self, f: &mut Frame) -> PyResult<()> {
        let m = f.pop();
        let ns = Vm::name_namespace(f);
        crate::modules::import::import_star(self, &m, &ns)
    }

    #[inline(never)]
    pub(super) fn op_setup_annotations(&self, f: &mut Frame) -> PyResult<()> {
        let ns = Vm::name_namespace(f);
        if crate::builtins::dict::dict_get_str(self, &ns, "__annotations__")?.is_none() {
            self.setitem(&ns, &object::str::intern("__annotations__"), object::new_dict())?;
        }
        Ok(())
    }

    #[inline(never)]
    pub(super) fn op_load_build_class(&self, f: &mut Frame) -> PyResult<()> {
        match crate::builtins::dict::dict_get_str(self, &self.builtins, "__build_class__")? {
            Some(v) => {
                f.stack.push(v);
                Ok(())
            }
            None => Err(self.new_error("NameError", "__build_class__ not found")),
        }
    }

    /// MAKE_FUNCTION: qualname and code on top, then the optional parts `arg` flags.
    #[inline(never)]
    pub(super) fn op_make_function(&self, f: &mut Frame, arg: usize) {
        let qualname = f.pop();
        let fcode = f.pop();
        let closure = if arg & 8 != 0 { Some(f.pop()) } else { None };
        let annotations = if arg & 4 != 0 { Some(f.pop()) } else { None };
        let kwdefaults = if arg & 2 != 0 { Some(f.pop()) } else { None };
        let defaults = if arg & 1 != 0 { Some(f.pop()) } else { None };
        let func = self.new_function(fcode, f.globals().clone(), qualname, defaults, kwdefaults, closure, annotations);
        f.stack.push(func);
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

    /// LOAD_NAME past `load_name_fast`, which found nothing: an exact-dict local
    /// namespace has been searched (and, in module code, whose locals are its globals,
    /// the builtins too).
    pub(super) fn load_name(&self, f: &Frame, name: &ObjRef) -> PyResult {
        debug_assert!(self.load_name_fast(f, name).is_none(), "load_name after a hit of load_name_fast");
        if let Some(l) = &f.locals {
            if l.ty().is(&builtin_types().dict) {
                if l.is(f.globals()) {
                    return Err(self.name_error_suggest(f, name.as_str().unwrap_or("")));
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

    pub(super) fn load_global(&self, f: &Frame, name: &ObjRef) -> PyResult {
        if let Some(v) = crate::builtins::dict::dict_get_name(f.globals(), name) {
            return Ok(v);
        }
        self.load_builtin(f, name)
    }

    /// The builtin `name`, or the NameError for a name found nowhere.
    fn load_builtin(&self, f: &Frame, name: &ObjRef) -> PyResult {
        match crate::builtins::dict::dict_get_name(&self.builtins, name) {
            Some(v) => Ok(v),
            None => Err(self.name_error_suggest(f, name.as_str().unwrap_or(""))),
        }
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
}
