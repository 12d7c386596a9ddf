//! Structure-aware fuzzing: the input drives a generator of Python-like programs
//! (classes with dunder methods, containers and reference cycles, closures,
//! generators, exceptions, `del`, weakrefs and explicit collections), run with a
//! collection at every safe point (gcstress). The programs are mostly valid, so they get
//! past the parser into the VM, the object model and the collector. Ouro must not
//! crash, leak or panic inside a native function.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["a", "b", "c", "d", "x", "y"];
const DUNDERS: &[&str] = &[
    "__eq__", "__hash__", "__repr__", "__str__", "__len__", "__iter__", "__next__", "__getitem__", "__setitem__",
    "__delitem__", "__contains__", "__bool__", "__lt__", "__add__", "__radd__", "__call__", "__getattr__",
    "__setattr__", "__del__", "__enter__", "__exit__", "__index__", "__int__", "__init__", "__new__",
];
const BODIES: &[&str] = &[
    "return self", "return 1", "return 0", "return True", "return None", "return NotImplemented",
    "return iter([1, 2])", "raise ValueError('v')", "raise StopIteration", "return len(G)", "G.append(self)",
    "return object.__new__(self) if isinstance(self, type) else self", "return repr(G)", "self.z = self",
    "gc.collect()", "return hash(1)",
];

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    out: String,
    depth: usize,
}

fn pick<'s>(u: &mut Unstructured, items: &[&'s str]) -> Result<&'s str> {
    Ok(items[u.choose_index(items.len())?])
}

fn line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"    ".repeat(indent));
    out.push_str(text);
    out.push('\n');
}

impl Gen<'_, '_> {
    fn expr(&mut self) -> Result<String> {
        self.depth += 1;
        let e = if self.depth > 4 {
            self.atom()?
        } else {
            match self.u.int_in_range(0..=11)? {
                0..=3 => self.atom()?,
                4 => format!("[{}, {}]", self.expr()?, self.expr()?),
                5 => format!("({},)", self.expr()?),
                6 => format!("{{{}: {}}}", self.atom()?, self.expr()?),
                7 => format!("{} {} {}", self.atom()?, pick(self.u, &["+", "==", "<", "in", "is", "and", "or", "*"])?, self.atom()?),
                8 => format!("C{}()", self.u.int_in_range(0..=2)?),
                9 => format!("[{} for i in range({})]", self.expr()?, self.u.int_in_range(0..=5)?),
                10 => format!("{}({})", pick(self.u, &["repr", "str", "len", "list", "tuple", "set", "sorted", "hash", "bool", "iter", "id", "type"])?, self.expr()?),
                _ => format!("(lambda q: {})({})", self.expr()?, self.atom()?),
            }
        };
        self.depth -= 1;
        Ok(e)
    }

    fn atom(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=6)? {
            0 => pick(self.u, NAMES)?.to_string(),
            1 => self.u.int_in_range(-300i64..=300)?.to_string(),
            2 => format!("{:?}", pick(self.u, &["", "s", "abc", "é", "\\n"])?),
            3 => pick(self.u, &["None", "True", "False", "1.5", "2**70", "b'xy'", "G"])?.to_string(),
            4 => format!("C{}()", self.u.int_in_range(0..=2)?),
            5 => format!("{}.z", pick(self.u, NAMES)?),
            _ => format!("{}[{}]", pick(self.u, NAMES)?, self.u.int_in_range(-2..=2)?),
        })
    }

    fn class(&mut self, n: usize) -> Result<()> {
        let base = pick(self.u, &["", "(C0)", "(Exception)", "(list)", "(dict)", "(int)"])?;
        let base = if n == 0 && base == "(C0)" { "" } else { base };
        line(&mut self.out, 0, &format!("class C{}{}:", n, base));
        let methods = self.u.int_in_range(0..=3)?;
        line(&mut self.out, 1, "z = None");
        for _ in 0..methods {
            let name = pick(self.u, DUNDERS)?;
            let body = pick(self.u, BODIES)?;
            line(&mut self.out, 1, &format!("def {}(self, *args):", name));
            line(&mut self.out, 2, body);
        }
        Ok(())
    }

    fn stmt(&mut self, indent: usize) -> Result<()> {
        let target = pick(self.u, NAMES)?;
        match self.u.int_in_range(0..=13)? {
            0..=2 => {
                let e = self.expr()?;
                line(&mut self.out, indent, &format!("{} = {}", target, e));
            }
            3 => {
                let e = self.expr()?;
                line(&mut self.out, indent, &format!("print({})", e));
            }
            4 => line(&mut self.out, indent, &format!("{}.z = {}", target, pick(self.u, NAMES)?)),
            5 => line(&mut self.out, indent, &format!("del {}", target)),
            6 => line(&mut self.out, indent, &format!("gc.collect({})", self.u.int_in_range(0..=2)?)),
            7 => {
                let e = self.expr()?;
                line(&mut self.out, indent, &format!("for i in {}:", e));
                self.stmt(indent + 1)?;
            }
            8 if indent < 3 => {
                line(&mut self.out, indent, "try:");
                self.stmt(indent + 1)?;
                line(&mut self.out, indent, &format!("except {} as e:", pick(self.u, &["Exception", "TypeError", "ValueError", "BaseException"])?));
                line(&mut self.out, indent + 1, &format!("{} = e", pick(self.u, NAMES)?));
            }
            9 => {
                let e = self.expr()?;
                line(&mut self.out, indent, &format!("{}.append({})", pick(self.u, &["G", "a", "b"])?, e));
            }
            10 => line(&mut self.out, indent, &format!("W.append(weakref.ref({}, lambda r: G.append(r)))", pick(self.u, NAMES)?)),
            11 if indent < 3 => {
                line(&mut self.out, indent, &format!("def f{}(p):", indent));
                line(&mut self.out, indent + 1, &format!("yield {}", pick(self.u, NAMES)?));
                line(&mut self.out, indent + 1, "yield p");
                line(&mut self.out, indent, &format!("{} = list(f{}({}))", target, indent, pick(self.u, NAMES)?));
            }
            12 => line(&mut self.out, indent, &format!("{} = [{}]; {}.append({})", target, pick(self.u, NAMES)?, target, target)),
            _ => {
                let e = self.expr()?;
                line(&mut self.out, indent, &format!("{}[{}] = {}", pick(self.u, &["G", "a", "b"])?, self.u.int_in_range(-1..=1)?, e));
            }
        }
        Ok(())
    }

    fn program(&mut self) -> Result<()> {
        line(&mut self.out, 0, "import gc, weakref");
        line(&mut self.out, 0, "G = []");
        line(&mut self.out, 0, "W = []");
        for n in NAMES {
            line(&mut self.out, 0, &format!("{} = None", n));
        }
        for n in 0..self.u.int_in_range(0..=3)? {
            self.class(n)?;
        }
        for n in self.u.int_in_range(0..=2)?..3 {
            line(&mut self.out, 0, &format!("class C{}: pass", n));
        }
        while !self.u.is_empty() && self.out.len() < 4000 {
            // Each top-level statement runs on its own, so one error does not end the program.
            line(&mut self.out, 0, "try:");
            self.stmt(1)?;
            line(&mut self.out, 0, "except BaseException as e:");
            line(&mut self.out, 1, "print(type(e).__name__)");
        }
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut g = Gen { u: &mut u, out: String::new(), depth: 0 };
    let _ = g.program();
    let src = g.out;
    let limits = ouro::run::Sandbox { max_steps: 20_000, max_memory: 256 << 20, gc_stress: true };
    let r = ouro::run::run_sandboxed(&src, &limits);
    assert_eq!(r.leaked, (0, 0), "leak\n--- source\n{}\n--- output\n{}", src, r.output);
    assert_eq!(r.native_panics, 0, "native panic\n--- source\n{}\n--- output\n{}", src, r.output);
});
