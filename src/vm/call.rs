//! Calls: argument binding for Python functions, native calls, bound methods, calling
//! types (`__new__` then `__init__`), and running a Python function from native code.
//!
//! Invariant: arguments arrive as a borrowed slice of positional values followed by the
//! values of the keywords named in `kwnames`; only what a callee keeps is incref'd.

use std::cell::RefCell;

use super::eval::Exit;
use super::{Frame, Vm};
use crate::bytecode::CodeFlags;
use crate::object::types::builtin_types;
use crate::object::{self, FunctionData, ObjRef, Payload, PyResult};

/// Frames kept for reuse (CPython keeps a free list of frame objects too).
const FRAME_POOL_SIZE: usize = 64;

thread_local! {
    static NATIVE_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static NATIVE_PANICS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many native functions have panicked on this thread (each became a SystemError);
/// any is an Ouro bug, which the fuzz targets report.
pub fn native_panics() -> u64 {
    NATIVE_PANICS.with(|n| n.get())
}

/// True while a native function runs (its panics become SystemError, see `call_native`).
pub fn in_native_call() -> bool {
    NATIVE_DEPTH.with(|d| d.get() > 0)
}

impl Vm {
    /// Calls `callable(*args, **kw)`; `args` ends with the values named by `kwnames`.
    pub fn call(&self, callable: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        match callable.payload() {
            Payload::Function(fd) => self.call_function_with(callable, fd, None, args, kwnames),
            // A module function's `__self__` is its module, which it does not receive.
            Payload::Builtin(b) => match &b.self_ {
                Some(s) if !matches!(s.payload(), Payload::Module(_)) => {
                    let mut v = Vec::with_capacity(args.len() + 1);
                    v.push(s.clone());
                    v.extend_from_slice(args);
                    self.call_native(b, &v, kwnames)
                }
                _ => self.call_native(b, args, kwnames),
            },
            Payload::BoundMethod { func, self_ } => self.call_with_self(func, self_, args, kwnames),
            Payload::Type(_) => self.call_type(callable, args, kwnames),
            _ => {
                let Some(c) = callable.type_data().lookup("__call__") else {
                    return Err(self.type_error(format!("'{}' object is not callable", callable.type_name())));
                };
                let mut v = Vec::with_capacity(args.len() + 1);
                v.push(callable.clone());
                v.extend_from_slice(args);
                self.call(&c, &v, kwnames)
            }
        }
    }

    /// Calls a native function. A native that fails an internal assertion (an argument
    /// it did not expect, say a missing one) must not take the interpreter down: the
    /// panic is turned into a Python SystemError naming the function.
    fn call_native(&self, b: &crate::object::BuiltinData, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        self.check_stack()?;
        let depth = self.depth.get();
        if b.recursion_checked {
            self.enter_recursion(" while calling a Python object")?;
        }
        let top = self.top_frame.get();
        NATIVE_DEPTH.with(|d| d.set(d.get() + 1));
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (b.func)(self, args, kwnames)));
        NATIVE_DEPTH.with(|d| d.set(d.get() - 1));
        match r {
            Ok(r) => {
                self.depth.set(depth);
                r
            }
            Err(_) => {
                NATIVE_PANICS.with(|n| n.set(n.get() + 1));
                self.depth.set(depth);
                self.top_frame.set(top);
                let name = match b.owner {
                    Some(o) => format!("{}.{}", o, b.name),
                    None => b.name.to_string(),
                };
                Err(self.new_error("SystemError", &format!("{}() was called with arguments it cannot handle ({} given)", name, args.len())))
            }
        }
    }

    pub fn call0(&self, callable: &ObjRef) -> PyResult {
        self.call(callable, &[], None)
    }
    pub fn call1(&self, callable: &ObjRef, a: ObjRef) -> PyResult {
        self.call(callable, &[a], None)
    }

    /// How call errors name a callable (CPython's `_PyObject_FunctionStr`): `mod.qualname()`
    /// unless the module is `builtins` or missing, `qualname()`, or `str(func)` without a
    /// `__qualname__`.
    pub fn function_str(&self, func: &ObjRef) -> PyResult<String> {
        let Some(q) = self.getattr_opt(func, "__qualname__")? else {
            return self.str_string(func);
        };
        let q = self.str_string(&q)?;
        match self.getattr_opt(func, "__module__")? {
            Some(m) if !m.is_none() && m.as_str() != Some("builtins") => Ok(format!("{}.{}()", self.str_string(&m)?, q)),
            _ => Ok(format!("{}()", q)),
        }
    }

    /// `func(*args, **kwargs)` with a tuple (or iterable) and an optional mapping.
    pub fn call_ex(&self, func: &ObjRef, args: &ObjRef, kwargs: Option<&ObjRef>) -> PyResult {
        let mut v: Vec<ObjRef> = match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => {
                // Only a type with no way to iterate gets CPython's check_args_iterable
                // message; errors raised by an `__iter__` itself propagate.
                let it = match self.iter(args) {
                    Ok(it) => it,
                    Err(e) if e.is(&self.exc_type("TypeError")) && args.type_data().lookup("__iter__").is_none() => {
                        return Err(self.type_error(format!("{} argument after * must be an iterable, not {}", self.function_str(func)?, args.type_name())));
                    }
                    Err(e) => return Err(e),
                };
                self.collect(&it)?
            }
        };
        let mut names = Vec::new();
        if let Some(kw) = kwargs {
            let Some(d) = kw.as_dict() else {
                return Err(self.type_error("argument after ** must be a mapping"));
            };
            let entries: Vec<(ObjRef, ObjRef)> = d.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
            for (k, val) in entries {
                if k.as_str().is_none() {
                    return Err(self.type_error("keywords must be strings"));
                }
                names.push(k);
                v.push(val);
            }
        }
        let kw = if names.is_empty() { None } else { Some(&names[..]) };
        self.call(func, &v, kw)
    }

    /// Calls `func` with `args` lent, as CPython's vectorcall passes a borrowed array:
    /// the call adds no references of its own to the arguments (the callee takes them).
    #[inline]
    pub fn call_lent<const N: usize>(&self, func: &ObjRef, args: [&ObjRef; N]) -> PyResult {
        self.call(func, crate::object::Lent::new(args).as_slice(), None)
    }

    /// Calls `func(first, *args)`; a Python function gets `first` (when given) as
    /// its first argument without an argument vector being built for it.
    pub fn call_with_self(&self, func: &ObjRef, first: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        if let Payload::Function(fd) = func.payload() {
            return self.call_function_with(func, fd, Some(first), args, kwnames);
        }
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(first.clone());
        v.extend_from_slice(args);
        self.call(func, &v, kwnames)
    }

    /// Calls a Python function with `first` (if any) followed by `args`. An exact
    /// positional call builds the frame straight from the borrowed arguments (new
    /// references go into its slots), as the eval loop's call does.
    fn call_function_with(&self, func: &ObjRef, fd: &FunctionData, first: Option<&ObjRef>, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        let n = args.len() + usize::from(first.is_some());
        if kwnames.is_none() && fd.shape.exact_args as usize == n {
            let frame = self.make_frame_positional(func, fd, first.into_iter().chain(args).cloned());
            return self.start_frame(frame, fd);
        }
        let mut v = Vec::with_capacity(n);
        v.extend(first.cloned());
        v.extend_from_slice(args);
        self.call_function(func, fd, v, kwnames)
    }

    /// Runs a Python function to completion from native code (a nested eval loop).
    pub fn call_function(&self, func: &ObjRef, fd: &FunctionData, args: Vec<ObjRef>, kwnames: Option<&[ObjRef]>) -> PyResult {
        let frame = self.make_frame(func, fd, args, kwnames)?;
        self.start_frame(frame, fd)
    }

    /// A new frame of `fd`'s code: a generator owning it, or the result of running it.
    fn start_frame(&self, frame: Box<Frame>, fd: &FunctionData) -> PyResult {
        if fd.shape.generator {
            return Ok(self.new_generator(frame));
        }
        self.run_frame(frame)
    }

    /// Runs a frame that does not yield to completion.
    pub fn run_frame(&self, frame: Box<Frame>) -> PyResult {
        let (r, f) = self.eval_frame(frame);
        self.recycle_frame(f);
        match r {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.runtime_error("yield outside a generator frame")),
            Err(e) => Err(e),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new_function(
        &self,
        code: ObjRef,
        globals: ObjRef,
        qualname: ObjRef,
        defaults: Option<ObjRef>,
        kwdefaults: Option<ObjRef>,
        closure: Option<ObjRef>,
        annotations: Option<ObjRef>,
    ) -> ObjRef {
        let c = code.as_code().expect("code");
        let doc = if c.flags & CodeFlags::OPTIMIZED != 0 && c.consts.first().map(|d| d.as_str().is_some()).unwrap_or(false) && c.name_str() != "<lambda>" {
            c.consts[0].clone()
        } else {
            object::none()
        };
        let module = crate::builtins::dict::dict_get_str(self, &globals, "__name__").ok().flatten().unwrap_or_else(object::none);
        let name = c.name.clone();
        let shape = crate::object::CallShape::of(c, closure.as_ref());
        let fd = FunctionData {
            code,
            globals,
            builtins: self.builtins.clone(),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults),
            closure,
            doc: RefCell::new(doc),
            module: RefCell::new(module),
            annotations: RefCell::new(annotations),
            shape,
        };
        ObjRef::new(&builtin_types().function, Payload::Function(Box::new(fd)))
    }

    /// Binds arguments to a new frame for `func` (CPython's `initialize_locals`). The
    /// argument values are moved into the frame's fast locals.
    pub fn make_frame(&self, func: &ObjRef, fd: &FunctionData, args: Vec<ObjRef>, kwnames: Option<&[ObjRef]>) -> PyResult<Box<Frame>> {
        let code = fd.code();
        let nkw = kwnames.map(|k| k.len()).unwrap_or(0);
        let npos = args.len() - nkw;
        let argcount = code.argcount as usize;
        let total = code.total_args();
        let mut frame = self.alloc_frame(Some(func.clone()), fd.code.clone(), None, None);
        let fast = &mut frame.fast;
        let has_varargs = code.flags & CodeFlags::VARARGS != 0;
        let has_varkw = code.flags & CodeFlags::VARKEYWORDS != 0;
        let qual = || fd.qualname.borrow().as_str().unwrap_or("?").to_string();
        let mut args = args;
        let kwvalues: Vec<ObjRef> = args.split_off(npos);
        let mut pos = args.into_iter();
        for slot in fast.iter_mut().take(argcount.min(npos)) {
            *slot = pos.next();
        }
        let extra: Vec<ObjRef> = pos.collect();
        let kwdict = if has_varkw { Some(object::new_dict()) } else { None };
        if has_varargs {
            fast[total] = Some(object::new_tuple(extra));
        } else if !extra.is_empty() {
            let ndef = fd.defaults.borrow().as_ref().and_then(|d| d.as_tuple().map(|t| t.len())).unwrap_or(0);
            let kwonly_given = kwnames
                .map(|names| names.iter().filter(|n| code.varnames[argcount..total].iter().any(|v| v.as_str() == n.as_str())).count())
                .unwrap_or(0);
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", argcount - ndef, argcount)
            } else {
                format!("{} positional argument{}", argcount, if argcount == 1 { "" } else { "s" })
            };
            let given = if kwonly_given > 0 {
                format!(
                    "{} positional argument{} (and {} keyword-only argument{})",
                    npos,
                    if npos == 1 { "" } else { "s" },
                    kwonly_given,
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                format!("{}", npos)
            };
            let verb = if npos == 1 && kwonly_given == 0 { "was" } else { "were" };
            return Err(self.type_error(format!("{}() takes {} but {} {} given", qual(), takes, given, verb)));
        }
        if let Some(names) = kwnames {
            let posonly = code.posonlyargcount as usize;
            let mut posonly_as_kw: Vec<String> = Vec::new();
            for (name, value) in names.iter().zip(kwvalues) {
                let ns = name.as_str().unwrap_or("");
                let idx = code.varnames[posonly..total].iter().position(|v| v.is(name) || v.as_str() == Some(ns)).map(|i| i + posonly);
                match idx {
                    Some(i) => {
                        if fast[i].is_some() {
                            return Err(self.type_error(format!("{}() got multiple values for argument '{}'", qual(), ns)));
                        }
                        fast[i] = Some(value);
                    }
                    None => match &kwdict {
                        Some(d) => self.dict_set(d, name.clone(), value)?,
                        None => {
                            if code.varnames[..posonly].iter().any(|v| v.as_str() == Some(ns)) {
                                posonly_as_kw.push(ns.to_string());
                                continue;
                            }
                            return Err(self.type_error(format!("{}() got an unexpected keyword argument '{}'", qual(), ns)));
                        }
                    },
                }
            }
            if !posonly_as_kw.is_empty() {
                return Err(self.type_error(format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    qual(),
                    posonly_as_kw.join(", ")
                )));
            }
        }
        if let Some(d) = kwdict {
            let i = total + usize::from(has_varargs);
            fast[i] = Some(d);
        }
        // Defaults for missing positional parameters.
        if npos < argcount {
            let defaults = fd.defaults.borrow().clone();
            let defs: &[ObjRef] = defaults.as_ref().and_then(|d| d.as_tuple()).unwrap_or(&[]);
            let first_default = argcount - defs.len();
            let mut missing = Vec::new();
            for i in npos..argcount {
                if fast[i].is_none() {
                    if i >= first_default {
                        fast[i] = Some(defs[i - first_default].clone());
                    } else {
                        missing.push(code.varnames[i].as_str().unwrap_or("").to_string());
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.type_error(format!(
                    "{}() missing {} required positional argument{}: {}",
                    qual(),
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    join_names(&missing)
                )));
            }
        }
        if total > argcount {
            let kwd = fd.kwdefaults.borrow().clone();
            let mut missing = Vec::new();
            for (i, slot) in fast.iter_mut().enumerate().take(total).skip(argcount) {
                if slot.is_none() {
                    let name = code.varnames[i].as_str().unwrap_or("");
                    let v = match &kwd {
                        Some(d) => crate::builtins::dict::dict_get_str(self, d, name)?,
                        None => None,
                    };
                    match v {
                        Some(v) => *slot = Some(v),
                        None => missing.push(name.to_string()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.type_error(format!(
                    "{}() missing {} required keyword-only argument{}: {}",
                    qual(),
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    join_names(&missing)
                )));
            }
        }
        init_cells(&mut frame.fast, fd.closure.as_ref(), code);
        Ok(frame)
    }

    /// `make_frame` for an exact positional call (`CallShape::exact_args` arguments, no
    /// keywords: they bind one-to-one to the parameters, no default is used): the
    /// arguments (new references) go straight into the new frame's slots.
    pub fn make_frame_positional(&self, func: &ObjRef, fd: &FunctionData, args: impl Iterator<Item = ObjRef>) -> Box<Frame> {
        let code = fd.code();
        let mut frame = self.alloc_frame(Some(func.clone()), fd.code.clone(), None, None);
        for (slot, v) in frame.fast.iter_mut().zip(args) {
            *slot = Some(v);
        }
        init_cells(&mut frame.fast, fd.closure.as_ref(), code);
        frame
    }

    /// The frame of an exact positional call (see `make_frame_positional`) of the function
    /// on `stack` at `base` (or at `base + 1`, above the NULL of a method call that found
    /// no bound method), with its `nargs` arguments on top: the arguments move, last
    /// first, into the frame's slots, and the frame takes over the stack's reference to
    /// the function (as CPython 3.11's CALL_PY_EXACT_ARGS does), so that the call costs
    /// the function no reference count changes. `code_obj` is the function's code (a new
    /// reference), `cells` its `CallShape::cells`. On return the stack is `base` high.
    #[inline(always)]
    pub fn make_frame_from_stack(&self, code_obj: ObjRef, cells: bool, stack: &mut crate::memory::value_stack::ValueStack, base: usize, nargs: usize) -> Box<Frame> {
        let mut frame = self.alloc_frame_slots(code_obj);
        for slot in frame.fast[..nargs].iter_mut().rev() {
            *slot = Some(stack.pop());
        }
        let func = stack.pop();
        if stack.len() > base {
            drop(stack.pop());
        }
        if cells {
            if let Payload::Function(fd) = func.payload() {
                fill_cells(&mut frame.fast, fd.closure.as_ref(), fd.code());
            }
        }
        std::mem::forget(std::mem::replace(&mut frame.func, Some(func)));
        frame
    }

    /// A frame for `code` from the frame free list (or a new one): `fast` holds
    /// `nlocalsplus` empty slots, everything else is reset. A function's frame takes a
    /// reference to the function (`func`) and borrows its globals; any other frame owns
    /// `globals` (exactly one of the two is given).
    pub fn alloc_frame(&self, func: Option<ObjRef>, code_obj: ObjRef, globals: Option<ObjRef>, locals: Option<ObjRef>) -> Box<Frame> {
        debug_assert!(func.is_some() != globals.is_some());
        let mut f = self.alloc_frame_slots(code_obj);
        std::mem::forget(std::mem::replace(&mut f.func, func));
        f.extras = globals.is_some() || locals.is_some();
        std::mem::forget(std::mem::replace(&mut f.own_globals, globals));
        std::mem::forget(std::mem::replace(&mut f.locals, locals));
        f
    }

    /// `alloc_frame` without its function, globals and locals, which are left empty for
    /// the caller to fill (as `alloc_frame` requires before the frame runs).
    #[inline(always)]
    fn alloc_frame_slots(&self, code_obj: ObjRef) -> Box<Frame> {
        let Some(mut f) = self.frame_pool.take() else {
            return Self::new_frame(code_obj);
        };
        // A pooled frame is as `recycle_frame` leaves it: every reference field empty
        // but `caller` (the next pooled frame), so the fields are overwritten without
        // running a destructor on their old values.
        std::mem::forget(self.frame_pool.replace(f.caller.take()));
        self.frame_pool_len.set(self.frame_pool_len.get() - 1);
        debug_assert!(f.func.is_none() && f.own_globals.is_none() && f.locals.is_none());
        let old = std::mem::replace(&mut f.code, Some(code_obj));
        debug_assert!(old.is_none());
        std::mem::forget(old);
        let code = f.code.as_ref().and_then(|c| c.as_code()).expect("frame code");
        // Released frames keep their (empty) slots: a frame of the same code
        // (recursion, a loop of calls) needs no resizing.
        let n = code.nlocalsplus();
        let len = f.fast.len();
        if len > n {
            // The slots cut off are empty: nothing to release.
            f.fast.truncate(n);
        } else if len < n {
            f.fast.extend(std::iter::repeat_n(None, n - len));
        }
        f.stack.reserve(code.stacksize as usize + crate::memory::value_stack::SLACK);
        f.pc = 0;
        f.lasti = 0;
        f
    }

    /// `alloc_frame` when the pool is empty: a frame made new.
    #[cold]
    #[inline(never)]
    fn new_frame(code_obj: ObjRef) -> Box<Frame> {
        let code = code_obj.as_code().expect("frame code");
        let (nlocals, stacksize) = (code.nlocalsplus(), code.stacksize as usize);
        Box::new(Frame {
            func: None,
            code: Some(code_obj),
            own_globals: None,
            locals: None,
            fast: vec![None; nlocals],
            stack: crate::memory::value_stack::ValueStack::with_capacity(stacksize + crate::memory::value_stack::SLACK),
            blocks: Vec::new(),
            pc: 0,
            lasti: 0,
            kwnames: None,
            pending_throw: None,
            frame_obj: None,
            back: std::ptr::null(),
            caller: None,
            gen: None,
            owner: None,
            extras: false,
        })
    }

    /// Returns a finished frame to the free list: its references are released first
    /// (locals first to last, as CPython clears a frame), with no borrow held while
    /// destructors run.
    #[inline(always)]
    pub fn recycle_frame(&self, mut f: Box<Frame>) {
        f.release();
        let n = self.frame_pool_len.get();
        if n < FRAME_POOL_SIZE {
            f.code = None;
            f.link(self.frame_pool.take());
            std::mem::forget(self.frame_pool.replace(Some(f)));
            self.frame_pool_len.set(n + 1);
        }
    }

    /// A frame for module code (or code given to `exec`/`eval`) with `locals` as its
    /// namespace; the frame owns a reference to `globals`.
    pub fn make_namespace_frame(&self, code: ObjRef, globals: ObjRef, locals: Option<ObjRef>) -> Box<Frame> {
        let mut frame = self.alloc_frame(None, code, Some(globals), locals);
        let c = frame.code.as_ref().and_then(|c| c.as_code()).expect("code");
        init_cells(&mut frame.fast, None, c);
        frame
    }

    /// A frame running a class body, the function `func`, with `ns` as its namespace
    /// (CPython's `__build_class__`: the frame refers to the function, not its globals).
    pub fn make_class_body_frame(&self, func: &ObjRef, fd: &FunctionData, ns: ObjRef) -> Box<Frame> {
        let c = fd.code();
        let mut frame = self.alloc_frame(Some(func.clone()), fd.code.clone(), None, Some(ns));
        init_cells(&mut frame.fast, fd.closure.as_ref(), c);
        frame
    }

    /// Calls a type object: `type(x)`, metaclass `__call__`, else `__new__` then `__init__`.
    pub fn call_type(&self, ty: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        let t = builtin_types();
        if ty.is(&t.type_) && args.len() == 1 && kwnames.is_none() {
            return Ok(ObjRef::from_borrowed(args[0].ty()));
        }
        if ty.is(&t.str) && args.len() == 1 && kwnames.is_none() {
            // `str(x)`: what `str.__new__` makes of one argument (`object.__init__`, which
            // follows, does nothing), as CPython's specialised call does.
            return self.str(&args[0]);
        }
        if ty.is(&t.range) && kwnames.is_none() {
            return crate::builtins::range::range_from_args(self, args);
        }
        // A metaclass with its own __call__.
        let meta = ty.ty();
        if !meta.is(&t.type_) {
            if let Some(c) = ty.type_data().lookup("__call__") {
                if !matches!(c.payload(), Payload::Builtin(_)) {
                    let mut v = vec![ty.clone()];
                    v.extend_from_slice(args);
                    return self.call(&c, &v, kwnames);
                }
            }
        }
        self.type_call_default(ty, args, kwnames)
    }

    /// `type.__call__`: `__new__` then, if it returned an instance, `__init__`.
    pub fn type_call_default(&self, ty: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        let td = ty.as_type().expect("type");
        // CPython hands a class call's arguments to `__new__` and `__init__` in one
        // tuple that lives for the whole call (tp_call's convention), so inside them each
        // argument has one reference more than its holders give it: this vector is it,
        // but for an exception made by BaseException's `__new__` from positional
        // arguments, whose `args` tuple is that tuple in CPython (and holds them here).
        let new = td.lookup("__new__");
        let args_in_exception = kwnames.is_none_or(|k| k.is_empty()) && crate::builtins::exception::is_exc_new(&new);
        let _args_tuple: Vec<ObjRef> = if args_in_exception { Vec::new() } else { args.to_vec() };
        if crate::builtins::object_type::is_object_new(&new) {
            // CPython's object_new and object_init, without going through two native
            // calls: object.__init__ only checks its arguments, which object.__new__
            // (called the slow way below when it must raise) checks as well.
            let init = td.lookup("__init__");
            let plain_init = crate::builtins::object_type::is_object_init(&init);
            let excess = !args.is_empty() || kwnames.is_some_and(|k| !k.is_empty());
            if !(excess && plain_init) {
                let obj = crate::builtins::object_type::new_instance(self, ty, td)?;
                if let (Some(init), false) = (init, plain_init) {
                    self.run_init(&init, &obj, args, kwnames)?;
                }
                return Ok(obj);
            }
        }
        let new = new.ok_or_else(|| self.type_error(format!("cannot create '{}' instances", td.name.borrow())))?;
        let new = match new.payload() {
            Payload::StaticMethod(f) => f.clone(),
            _ => new,
        };
        let obj = self.call_with_self(&new, ty, args, kwnames)?;
        if !obj.ty().is_subtype(ty) {
            return Ok(obj);
        }
        let init = obj.type_data().lookup("__init__");
        if !td.heap && obj.ty().is(ty) && crate::builtins::object_type::is_object_init(&init) {
            // A builtin type whose `__init__` is object's (`range`, `tuple`, `int`...):
            // given a `__new__` of the type's own, object.__init__ accepts any arguments
            // and does nothing, so it is not called.
            return Ok(obj);
        }
        if args_in_exception && crate::builtins::exception::init_would_repeat_new(self, &init, &obj) {
            return Ok(obj);
        }
        if let Some(init) = init {
            self.run_init(&init, &obj, args, kwnames)?;
        }
        Ok(obj)
    }

    /// Calls `init` (a class's `__init__`) on `obj`: TypeError unless it returns None.
    fn run_init(&self, init: &ObjRef, obj: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult<()> {
        let r = self.call_with_self(init, obj, args, kwnames)?;
        if !r.is_none() {
            return Err(self.type_error(format!("__init__() should return None, not '{}'", r.type_name())));
        }
        Ok(())
    }

    /// Binds a class attribute found by lookup to `obj` the way attribute access would.
    pub fn bind_descriptor(&self, attr: &ObjRef, obj: &ObjRef) -> PyResult {
        match attr.payload() {
            Payload::Function(_) => Ok(ObjRef::new(&builtin_types().method, Payload::BoundMethod { func: attr.clone(), self_: obj.clone() })),
            Payload::Builtin(b) if b.self_.is_none() => Ok(object::new_builtin_bound(b, obj.clone())),
            Payload::StaticMethod(f) => Ok(f.clone()),
            Payload::ClassMethod(f) => Ok(ObjRef::new(
                &builtin_types().method,
                Payload::BoundMethod { func: f.clone(), self_: ObjRef::from_borrowed(obj.ty()) },
            )),
            _ => {
                if let Some(get) = attr.type_data().lookup("__get__") {
                    let owner = ObjRef::from_borrowed(obj.ty());
                    return self.call(&get, &[attr.clone(), obj.clone(), owner], None);
                }
                Ok(attr.clone())
            }
        }
    }
}

/// Fills a new frame's cell slots: a fresh cell per cell variable (holding the
/// argument when the variable is a parameter) and the closure's cells after them.
#[inline(always)]
fn init_cells(fast: &mut [Option<ObjRef>], closure: Option<&ObjRef>, code: &crate::bytecode::CodeObject) {
    if !code.cell2arg.is_empty() || closure.is_some() {
        fill_cells(fast, closure, code);
    }
}

fn fill_cells(fast: &mut [Option<ObjRef>], closure: Option<&ObjRef>, code: &crate::bytecode::CodeObject) {
    let nvars = code.varnames.len();
    for (i, arg) in code.cell2arg.iter().enumerate() {
        let v = arg.and_then(|a| fast[a as usize].take());
        fast[nvars + i] = Some(object::new_cell(v));
    }
    if let Some(cl) = closure {
        let cells = cl.as_tuple().expect("closure tuple");
        let base = nvars + code.cellvars.len();
        for (i, c) in cells.iter().enumerate() {
            fast[base + i] = Some(c.clone());
        }
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython's missing-argument messages.
fn join_names(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}
