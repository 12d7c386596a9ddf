//! `help()`: signatures and one-line descriptions of the builtins, and of user
//! functions and classes (from their code objects and docstrings).
//!
//! There is no pydoc: `help(obj)` prints a short page in pydoc's shape
//! (`Help on built-in function len in module builtins:` …) and returns None.

use super::def_in;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

/// (name, signature, description) of each builtin function and type; signatures are
/// CPython 3.11's.
const TABLE: &[(&str, &str, &str)] = &[
    ("abs", "abs(x, /)", "Return the absolute value of the argument."),
    ("all", "all(iterable, /)", "Return True if bool(x) is True for all values x in the iterable."),
    ("any", "any(iterable, /)", "Return True if bool(x) is True for any x in the iterable."),
    ("ascii", "ascii(obj, /)", "Return an ASCII-only representation of an object."),
    ("bin", "bin(number, /)", "Return the binary representation of an integer."),
    ("bool", "bool(x) -> bool", "Returns True when the argument x is true, False otherwise."),
    ("bytearray", "bytearray(iterable_of_ints) -> bytearray", "Construct a mutable bytearray object."),
    ("bytes", "bytes(iterable_of_ints) -> bytes", "Construct an immutable array of bytes."),
    ("callable", "callable(obj, /)", "Return whether the object is callable (i.e., some kind of function)."),
    ("chr", "chr(i, /)", "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."),
    ("classmethod", "classmethod(function) -> method", "Convert a function to be a class method."),
    ("compile", "compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)", "Compile source into a code object that can be executed by exec() or eval()."),
    ("complex", "complex(real=0, imag=0)", "Create a complex number from a real part and an optional imaginary part."),
    ("delattr", "delattr(obj, name, /)", "Deletes the named attribute from the given object."),
    ("dict", "dict() -> new empty dictionary", "dict(mapping) or dict(iterable) or dict(**kwargs): a new dictionary."),
    ("dir", "dir([object]) -> list of strings", "Return the names in the current scope, or an alphabetized list of the attributes of the object."),
    ("divmod", "divmod(x, y, /)", "Return the tuple (x//y, x%y).  Invariant: div*y + mod == x."),
    ("enumerate", "enumerate(iterable, start=0)", "Return an enumerate object yielding (index, value) pairs."),
    ("eval", "eval(source, globals=None, locals=None, /)", "Evaluate the given source in the context of globals and locals."),
    ("exec", "exec(source, globals=None, locals=None, /)", "Execute the given source in the context of globals and locals."),
    ("exit", "exit(code=None)", "Exit the interpreter by raising SystemExit(code)."),
    ("filter", "filter(function or None, iterable) --> filter object", "Return an iterator yielding those items of iterable for which function(item) is true."),
    ("float", "float(x=0, /)", "Convert a string or number to a floating point number, if possible."),
    ("format", "format(value, format_spec='', /)", "Return value.__format__(format_spec)."),
    ("frozenset", "frozenset(iterable=(), /)", "Build an immutable unordered collection of unique elements."),
    ("getattr", "getattr(object, name[, default]) -> value", "Get a named attribute from an object; getattr(x, 'y') is equivalent to x.y."),
    ("globals", "globals()", "Return the dictionary containing the current scope's global variables."),
    ("hasattr", "hasattr(obj, name, /)", "Return whether the object has an attribute with the given name."),
    ("hash", "hash(obj, /)", "Return the hash value for the given object."),
    ("help", "help(object=None)", "Print a short description of the object: its signature and what it does."),
    ("hex", "hex(number, /)", "Return the hexadecimal representation of an integer."),
    ("id", "id(obj, /)", "Return the identity of an object."),
    ("input", "input(prompt='', /)", "Read a string from standard input.  The trailing newline is stripped."),
    ("int", "int([x]) -> integer", "Convert a number or string to an integer, or return 0 if no arguments are given."),
    ("isinstance", "isinstance(obj, class_or_tuple, /)", "Return whether an object is an instance of a class or of a subclass thereof."),
    ("issubclass", "issubclass(cls, class_or_tuple, /)", "Return whether 'cls' is derived from another class or is the same class."),
    ("iter", "iter(iterable) -> iterator", "Get an iterator from an object; iter(callable, sentinel) calls until sentinel."),
    ("len", "len(obj, /)", "Return the number of items in a container."),
    ("list", "list(iterable=(), /)", "Built-in mutable sequence."),
    ("locals", "locals()", "Return a dictionary containing the current scope's local variables."),
    ("map", "map(func, *iterables) --> map object", "Make an iterator that computes the function using arguments from each of the iterables."),
    ("max", "max(iterable, *[, default=obj, key=func]) -> value", "With a single iterable argument, return its biggest item; with two or more arguments, the largest."),
    ("min", "min(iterable, *[, default=obj, key=func]) -> value", "With a single iterable argument, return its smallest item; with two or more arguments, the smallest."),
    ("next", "next(iterator[, default])", "Return the next item from the iterator; default if it is exhausted, else raise StopIteration."),
    ("object", "object()", "The base class of the class hierarchy."),
    ("oct", "oct(number, /)", "Return the octal representation of an integer."),
    ("open", "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)", "Open file and return a stream (not supported by Ouro yet)."),
    ("ord", "ord(c, /)", "Return the Unicode code point for a one-character string."),
    ("pow", "pow(base, exp, mod=None)", "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments."),
    ("print", "print(*args, sep=' ', end='\\n', file=None, flush=False)", "Prints the values to a stream, or to sys.stdout by default."),
    ("property", "property(fget=None, fset=None, fdel=None, doc=None)", "Property attribute."),
    ("quit", "quit(code=None)", "Exit the interpreter by raising SystemExit(code)."),
    ("range", "range(stop) -> range object", "range(start, stop[, step]): an immutable sequence of integers from start to stop by step."),
    ("repr", "repr(obj, /)", "Return the canonical string representation of the object."),
    ("reversed", "reversed(sequence, /)", "Return a reverse iterator over the values of the given sequence."),
    ("round", "round(number, ndigits=None)", "Round a number to a given precision in decimal digits."),
    ("set", "set(iterable=(), /)", "Build an unordered collection of unique elements."),
    ("setattr", "setattr(obj, name, value, /)", "Sets the named attribute on the given object to the specified value."),
    ("slice", "slice(start, stop[, step])", "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2])."),
    ("sorted", "sorted(iterable, /, *, key=None, reverse=False)", "Return a new list containing all items from the iterable in ascending order."),
    ("staticmethod", "staticmethod(function) -> method", "Convert a function to be a static method."),
    ("str", "str(object='') -> str", "Create a new string object from the given object."),
    ("sum", "sum(iterable, /, start=0)", "Return the sum of a 'start' value (default: 0) plus an iterable of numbers."),
    ("super", "super(type, obj) -> bound super object", "super() is the same as super(__class__, <first argument>)."),
    ("tuple", "tuple(iterable=(), /)", "Built-in immutable sequence."),
    ("type", "type(object) -> the object's type", "type(name, bases, dict, **kwds) -> a new type."),
    ("vars", "vars([object]) -> dictionary", "Without arguments, equivalent to locals(); with an argument, equivalent to object.__dict__."),
    ("zip", "zip(*iterables, strict=False)", "Yield tuples of the items of the iterables until the shortest is exhausted."),
];

const NO_ARGUMENT: &str = "Ouro's help prints the signature and a description of an object:
help(len), help(str.upper), help(my_function), help(MyClass), help('print').
There is no interactive help utility (pydoc is not available).
";

/// The table entry for a builtin name.
pub fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    TABLE.iter().find(|e| e.0 == name).map(|e| (e.1, e.2))
}

pub fn init(vm: &Vm) {
    def_in(vm, &vm.builtins, "help", help);
}

fn help(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "help", args, kw, 0, 1)?;
    let text = match args.first() {
        None => NO_ARGUMENT.to_string(),
        Some(o) => page(vm, o)?,
    };
    vm.write_stdout(&text);
    Ok(object::none())
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines().map(|l| if l.trim().is_empty() { format!("{}\n", prefix.trim_end()) } else { format!("{}{}\n", prefix, l) }).collect()
}

/// The docstring of a user function or class, dedented like `inspect.cleandoc`.
fn clean_doc(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().collect();
    let margin = lines.iter().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.trim().to_string());
        } else {
            out.push(l.get(margin..).unwrap_or("").trim_end().to_string());
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out.join("\n")
}

fn function_signature(vm: &Vm, f: &object::FunctionData) -> PyResult<String> {
    let c = f.code();
    let name = f.name.borrow().as_str().unwrap_or("?").to_string();
    let names: Vec<String> = c.varnames.iter().map(|n| n.as_str().unwrap_or("?").to_string()).collect();
    let npos = c.argcount as usize;
    let nkw = c.kwonlyargcount as usize;
    let defaults: Vec<ObjRef> = f.defaults.borrow().as_ref().and_then(|d| d.as_tuple().map(|t| t.to_vec())).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let first_default = npos.saturating_sub(defaults.len());
    for i in 0..npos.min(names.len()) {
        let mut p = names[i].clone();
        if i >= first_default {
            let d = vm.repr(&defaults[i - first_default])?;
            p = format!("{}={}", p, d.as_str().unwrap_or("?"));
        }
        parts.push(p);
        if c.posonlyargcount as usize == i + 1 {
            parts.push("/".into());
        }
    }
    let mut next = npos;
    let varargs = c.flags & 0x04 != 0;
    let varkw = c.flags & 0x08 != 0;
    let star_at = npos + nkw;
    if varargs {
        parts.push(format!("*{}", names.get(star_at).map(String::as_str).unwrap_or("args")));
    } else if nkw > 0 {
        parts.push("*".into());
    }
    let kwdefaults = f.kwdefaults.borrow().clone();
    for _ in 0..nkw {
        let Some(n) = names.get(next) else { break };
        let mut p = n.clone();
        if let Some(kd) = &kwdefaults {
            if let Some(v) = super::dict::dict_get_str(vm, kd, n)? {
                let d = vm.repr(&v)?;
                p = format!("{}={}", p, d.as_str().unwrap_or("?"));
            }
        }
        parts.push(p);
        next += 1;
    }
    if varkw {
        let at = star_at + usize::from(varargs);
        parts.push(format!("**{}", names.get(at).map(String::as_str).unwrap_or("kwargs")));
    }
    Ok(format!("{}({})", name, parts.join(", ")))
}

fn str_of(o: &ObjRef) -> Option<String> {
    o.as_str().map(String::from)
}

/// The help page of one object.
fn page(vm: &Vm, o: &ObjRef) -> PyResult<String> {
    if let Some(name) = o.as_str() {
        // help('len') describes the builtin of that name.
        if let Some((sig, desc)) = lookup(name) {
            let kind = if matches!(super::dict::dict_get_str(vm, &vm.builtins, name)?.as_ref().map(|b| b.payload()), Some(Payload::Type(_))) { "class" } else { "built-in function" };
            return Ok(format!("Help on {} {} in module builtins:\n\n{}\n    {}\n\n", kind, name, sig, desc));
        }
        return Ok(format!("No Python documentation found for {}.\n", vm.repr(o)?.as_str().unwrap_or("?")));
    }
    match o.payload() {
        Payload::Builtin(b) => {
            let (sig, desc) = match b.owner {
                None => lookup(b.name).map(|(s, d)| (s.to_string(), d.to_string())),
                Some(_) => None,
            }
            .unwrap_or_else(|| (format!("{}(...)", b.name), b.doc.lines().next().unwrap_or("").to_string()));
            let place = match b.owner {
                Some(t) => format!("method {} of {} objects", b.name, t),
                None => format!("function {} in module builtins", b.name),
            };
            let mut s = format!("Help on built-in {}:\n\n{}\n", place, sig);
            if !desc.is_empty() {
                s.push_str(&indent(&desc, "    "));
            }
            s.push('\n');
            Ok(s)
        }
        Payload::Function(f) => {
            let sig = function_signature(vm, f)?;
            let module = str_of(&f.module.borrow()).unwrap_or_else(|| "__main__".into());
            let name = str_of(&f.name.borrow()).unwrap_or_default();
            let mut s = format!("Help on function {} in module {}:\n\n{}\n", name, module, sig);
            if let Some(d) = str_of(&f.doc.borrow()) {
                s.push_str(&indent(&clean_doc(&d), "    "));
            }
            s.push('\n');
            Ok(s)
        }
        Payload::Type(td) => {
            let name = td.name.borrow().clone();
            if !td.heap {
                if let Some((sig, desc)) = lookup(&name) {
                    return Ok(format!("Help on class {} in module builtins:\n\nclass {}\n |  {}\n |  \n |  {}\n\n", name, name, sig, desc));
                }
            }
            let module = td.lookup_own("__module__").and_then(|m| str_of(&m)).unwrap_or_else(|| "builtins".into());
            let bases: Vec<String> = td.bases.borrow().iter().filter_map(|b| b.as_type().map(|t| t.name.borrow().clone())).collect();
            let mut s = format!("Help on class {} in module {}:\n\nclass {}({})\n", name, module, name, bases.join(", "));
            if let Some(d) = td.lookup_own("__doc__").and_then(|d| str_of(&d)) {
                s.push_str(&indent(&clean_doc(&d), " |  "));
                s.push_str(" |  \n");
            }
            let mut methods: Vec<String> = Vec::new();
            for (k, v) in super::dict::dict_items(td.dict()) {
                if let (Some(n), Payload::Function(f)) = (k.as_str(), v.payload()) {
                    if !n.starts_with('_') || n == "__init__" {
                        methods.push(function_signature(vm, f)?);
                    }
                }
            }
            if !methods.is_empty() {
                s.push_str(" |  Methods defined here:\n |  \n");
                for m in methods {
                    s.push_str(&format!(" |  {}\n |  \n", m));
                }
            }
            s.push('\n');
            Ok(s)
        }
        Payload::Module(m) => {
            let name = super::dict::dict_get_str(vm, &m.dict, "__name__")?.and_then(|n| str_of(&n)).unwrap_or_default();
            let mut names: Vec<String> = super::dict::dict_items(&m.dict).into_iter().filter_map(|(k, _)| str_of(&k)).filter(|n| !n.starts_with('_')).collect();
            names.sort();
            Ok(format!("Help on module {}:\n\nNAME\n    {}\n\nCONTENTS\n{}\n", name, name, indent(&names.join("\n"), "    ")))
        }
        _ => {
            // An instance: describe its class.
            let t = o.type_data();
            let name = t.name.borrow().clone();
            match lookup(&name) {
                Some((sig, desc)) if !t.heap => Ok(format!("Help on {} object:\n\nclass {}\n |  {}\n |  \n |  {}\n\n", name, name, sig, desc)),
                _ => Ok(format!("Help on {} object:\n\nclass {}\n\n", name, name)),
            }
        }
    }
}
