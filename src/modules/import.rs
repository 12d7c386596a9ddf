//! The import system: `IMPORT_NAME`, `IMPORT_FROM`, `import *`, modules and packages
//! found on `sys.path`, relative imports, and `sys.modules` caching (a module is in
//! `sys.modules` before its body runs, so circular imports see it partially initialised).

use super::{builtin_module, module_dict, new_module};
use crate::builtins::dict::{dict_get_str, dict_set_str};
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

fn not_found(vm: &Vm, name: &str) -> crate::vm::PyErr {
    let e = vm.new_error("ModuleNotFoundError", &format!("No module named '{}'", name));
    if let Some(d) = vm.instance_dict(&e.exc) {
        let _ = dict_set_str(vm, &d, "name", object::new_str(name));
    }
    e
}

/// Resolves a relative module name against the importing module's package.
fn resolve_name(vm: &Vm, name: &str, globals: &ObjRef, level: usize) -> PyResult<String> {
    let package = match dict_get_str(vm, globals, "__package__")? {
        Some(p) if p.as_str().is_some() => p.as_str().unwrap().to_string(),
        _ => {
            let modname = dict_get_str(vm, globals, "__name__")?.and_then(|n| n.as_str().map(String::from)).unwrap_or_default();
            if dict_get_str(vm, globals, "__path__")?.is_some() {
                modname
            } else {
                modname.rsplit_once('.').map(|(a, _)| a.to_string()).unwrap_or_default()
            }
        }
    };
    if package.is_empty() {
        return Err(vm.new_error("ImportError", "attempted relative import with no known parent package"));
    }
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(vm.new_error("ImportError", "attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() { base } else { format!("{}.{}", base, name) })
}

fn sys_modules_get(vm: &Vm, name: &str) -> PyResult<Option<ObjRef>> {
    dict_get_str(vm, &vm.modules, name)
}

/// Imports one fully-qualified module whose parent (if any) is already imported.
fn import_one(vm: &Vm, full: &str) -> PyResult {
    if let Some(m) = sys_modules_get(vm, full)? {
        if m.is_none() {
            return Err(not_found(vm, full));
        }
        return Ok(m);
    }
    let (parent, short) = match full.rsplit_once('.') {
        Some((p, s)) => (Some(p), s),
        None => (None, full),
    };
    if parent.is_none() {
        if let Some(r) = builtin_module(vm, full) {
            let m = r?;
            dict_set_str(vm, &vm.modules, full, m.clone())?;
            return Ok(m);
        }
    } else if let Some((is_pkg, src)) = super::frozen::find(full) {
        let m = super::frozen::load(vm, full, is_pkg, src)?;
        if let Some(pm) = sys_modules_get(vm, parent.unwrap_or(""))? {
            vm.setattr(&pm, &object::str::intern(short), m.clone())?;
        }
        return Ok(m);
    }
    let search: Vec<String> = match parent {
        Some(p) => {
            let pm = sys_modules_get(vm, p)?.ok_or_else(|| not_found(vm, full))?;
            match vm.getattr_opt(&pm, "__path__")? {
                Some(path) => vm.collect(&path)?.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
                None => {
                    return Err(vm.new_error(
                        "ModuleNotFoundError",
                        &format!("No module named '{}'; '{}' is not a package", full, p),
                    ))
                }
            }
        }
        None => match super::sys::sys_attr(vm, "path") {
            Some(p) => vm.collect(&p)?.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
            None => vec![],
        },
    };
    for dir in search {
        let base = if dir.is_empty() { std::path::PathBuf::from(".") } else { std::path::PathBuf::from(&dir) };
        let pkg_init = base.join(short).join("__init__.py");
        let file = base.join(format!("{}.py", short));
        let (path, is_pkg) = if pkg_init.is_file() {
            (pkg_init, true)
        } else if file.is_file() {
            (file, false)
        } else {
            continue;
        };
        let m = load_module(vm, full, &path, is_pkg)?;
        if let Some(p) = parent {
            if let Some(pm) = sys_modules_get(vm, p)? {
                vm.setattr(&pm, &object::str::intern(short), m.clone())?;
            }
        }
        return Ok(m);
    }
    Err(not_found(vm, full))
}

fn load_module(vm: &Vm, full: &str, path: &std::path::Path, is_pkg: bool) -> PyResult {
    let src = std::fs::read_to_string(path).map_err(|e| vm.new_error("ImportError", &format!("cannot read {}: {}", path.display(), e)))?;
    let filename = path.to_string_lossy().to_string();
    let m = new_module(vm, full);
    let d = module_dict(&m).clone();
    dict_set_str(vm, &d, "__file__", object::new_str(&filename))?;
    dict_set_str(vm, &d, "__builtins__", vm.builtins.clone())?;
    if is_pkg {
        let dir = path.parent().map(|p| p.to_string_lossy().to_string()).unwrap_or_default();
        dict_set_str(vm, &d, "__path__", object::new_list(vec![object::new_string(dir)]))?;
        dict_set_str(vm, &d, "__package__", object::new_str(full))?;
    } else {
        let pkg = full.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        dict_set_str(vm, &d, "__package__", object::new_str(pkg))?;
    }
    dict_set_str(vm, &vm.modules, full, m.clone())?;
    vm.register_source(&filename, &src);
    let r = crate::run::compile_source(vm, &src, &filename, crate::compiler::Mode::Exec).and_then(|code| {
        let frame = vm.make_namespace_frame(code, d.clone(), Some(d.clone()));
        vm.run_frame(frame)
    });
    if let Err(e) = r {
        let _ = vm.dict_del(&vm.modules, &object::new_str(full));
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(sys_modules_get(vm, full)?.unwrap_or(m))
}

/// Imports `full` and all its parents, returning the innermost module.
pub fn import_dotted(vm: &Vm, full: &str) -> PyResult {
    let mut m = None;
    let mut prefix = String::new();
    for part in full.split('.') {
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(part);
        m = Some(import_one(vm, &prefix)?);
    }
    m.ok_or_else(|| vm.value_error("Empty module name"))
}

pub fn import_name(vm: &Vm, name: &ObjRef, fromlist: &ObjRef, level: &ObjRef, globals: &ObjRef) -> PyResult {
    let name = name.as_str().ok_or_else(|| vm.type_error("module name must be str"))?.to_string();
    let level = level.as_int().and_then(|i| i.as_i64()).unwrap_or(0);
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let full = if level > 0 { resolve_name(vm, &name, globals, level as usize)? } else { name.clone() };
    if full.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let module = import_dotted(vm, &full)?;
    let has_fromlist = !fromlist.is_none() && vm.truthy(fromlist)?;
    if !has_fromlist {
        if level == 0 {
            let first = full.split('.').next().unwrap_or("");
            return sys_modules_get(vm, first)?.ok_or_else(|| not_found(vm, first));
        }
        return Ok(module);
    }
    // from package import submodule: import submodules that are not attributes yet.
    if vm.getattr_opt(&module, "__path__")?.is_some() {
        for x in vm.collect(fromlist)? {
            let Some(xs) = x.as_str() else { continue };
            if xs == "*" {
                continue;
            }
            if vm.getattr_opt(&module, xs)?.is_none() {
                match import_one(vm, &format!("{}.{}", full, xs)) {
                    Ok(_) => {}
                    Err(e) if e.is(&vm.exc_type("ModuleNotFoundError")) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(module)
}

pub fn import_from(vm: &Vm, module: &ObjRef, name: &ObjRef) -> PyResult {
    let n = name.as_str().unwrap_or("");
    match vm.getattr(module, name) {
        Ok(v) => Ok(v),
        Err(e) if e.is(&vm.exc_type("AttributeError")) => {
            let modname = vm.getattr_opt(module, "__name__")?.and_then(|m| m.as_str().map(String::from)).unwrap_or_else(|| "<unknown module name>".into());
            if let Some(m) = sys_modules_get(vm, &format!("{}.{}", modname, n))? {
                return Ok(m);
            }
            let file = vm.getattr_opt(module, "__file__")?.and_then(|f| f.as_str().map(String::from));
            let loc = file.map(|f| format!(" ({})", f)).unwrap_or_else(|| " (unknown location)".into());
            let msg = if matches!(module.payload(), Payload::Module(_)) && vm.importing.borrow().contains(&modname) {
                format!("cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import){}", n, modname, loc)
            } else {
                format!("cannot import name '{}' from '{}'{}", n, modname, loc)
            };
            Err(vm.new_error("ImportError", &msg))
        }
        Err(e) => Err(e),
    }
}

pub fn import_star(vm: &Vm, module: &ObjRef, ns: &ObjRef) -> PyResult<()> {
    let d = match module.payload() {
        Payload::Module(m) => m.dict.clone(),
        _ => return Err(vm.type_error("import * from a non-module")),
    };
    let names: Vec<ObjRef> = match dict_get_str(vm, &d, "__all__")? {
        Some(all) => vm.collect(&all)?,
        None => crate::builtins::dict::dict_items(&d).into_iter().map(|(k, _)| k).filter(|k| !k.as_str().unwrap_or("_").starts_with('_')).collect(),
    };
    for n in names {
        let v = vm.getattr(module, &n)?;
        vm.setitem(ns, &n, v)?;
    }
    Ok(())
}
