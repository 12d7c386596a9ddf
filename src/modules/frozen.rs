//! Library modules written in Python and compiled into the binary ("frozen" modules).
//! Each entry is (module name, is a package, source). Importing one compiles its source
//! into a fresh module, as importing a `.py` file does.

use super::{module_dict, new_module};
use crate::builtins::dict::dict_set_str;
use crate::object::{self, ObjRef, PyResult};
use crate::vm::Vm;

pub const FROZEN: &[(&str, bool, &str)] = &[
    ("string", false, include_str!("lib/string.py")),
    ("itertools", false, include_str!("lib/itertools.py")),
    ("platform", false, include_str!("lib/platform.py")),
    ("bisect", false, include_str!("lib/bisect.py")),
    ("operator", false, include_str!("lib/operator.py")),
    ("functools", false, include_str!("lib/functools.py")),
    ("collections", false, include_str!("lib/collections.py")),
    ("random", false, include_str!("lib/random.py")),
    ("json", false, include_str!("lib/json.py")),
    ("abc", false, include_str!("lib/abc.py")),
    ("re", false, include_str!("lib/re.py")),
    ("heapq", false, include_str!("lib/heapq.py")),
    ("copy", false, include_str!("lib/copy.py")),
    ("typing", false, include_str!("lib/typing.py")),
    ("dataclasses", false, include_str!("lib/dataclasses.py")),
    ("enum", false, include_str!("lib/enum.py")),
    ("_ouro_sys", false, include_str!("lib/_ouro_sys.py")),
];

pub fn find(name: &str) -> Option<(bool, &'static str)> {
    FROZEN.iter().find(|(n, _, _)| *n == name).map(|(_, p, s)| (*p, *s))
}

/// Creates and runs frozen module `name`; it is in `sys.modules` while its body runs.
pub fn load(vm: &Vm, name: &str, is_pkg: bool, src: &str) -> PyResult {
    let m = new_module(vm, name);
    let d = module_dict(&m).clone();
    let filename = format!("<frozen {}>", name);
    dict_set_str(vm, &d, "__builtins__", vm.builtins.clone())?;
    if is_pkg {
        dict_set_str(vm, &d, "__path__", object::new_list(vec![]))?;
        dict_set_str(vm, &d, "__package__", object::new_str(name))?;
    } else {
        let pkg = name.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        dict_set_str(vm, &d, "__package__", object::new_str(pkg))?;
    }
    dict_set_str(vm, &vm.modules, name, m.clone())?;
    vm.register_source(&filename, src);
    let r = crate::run::compile_source(vm, src, &filename, crate::compiler::Mode::Exec).and_then(|code| {
        let frame = vm.make_namespace_frame(code, d.clone(), Some(d.clone()));
        vm.run_frame(frame)
    });
    if let Err(e) = r {
        let _ = vm.dict_del(&vm.modules, &object::new_str(name));
        return Err(e);
    }
    let _: Option<ObjRef> = None;
    Ok(m)
}
