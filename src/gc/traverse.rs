//! Per-type traversal and clearing (CPython's `tp_traverse` / `tp_clear`).
//!
//! Invariant: `traverse` visits each reference the object owns at most once, in
//! CPython's order for the type (`gc.get_referents` shows it). A container that is
//! mutably borrowed by running Rust code is not traversed: the collector then treats the
//! objects it refers to as reachable, which is always safe.

use crate::memory::PyObject;
use crate::object::{IterState, ObjRef, Payload};

/// Flag bit on a dict's GC head: the dict holds an instance's attributes and has not
/// been exposed as `__dict__` (it is then part of the instance, as CPython 3.11's inline
/// values are: never tracked itself, its values traversed by the instance).
pub const MANAGED_DICT: usize = 8;

pub fn is_managed_dict(d: &PyObject) -> bool {
    d.gc_head().map(|h| h.flags.get() & MANAGED_DICT != 0).unwrap_or(false)
}

fn visit_opt<F: FnMut(&PyObject) + ?Sized>(o: &Option<ObjRef>, visit: &mut F) {
    if let Some(o) = o {
        visit(o);
    }
}

fn visit_dict_entries<F: FnMut(&PyObject) + ?Sized>(d: &PyObject, values_only: bool, visit: &mut F) {
    let Some(t) = d.as_dict() else { return };
    let Ok(t) = t.try_borrow() else { return };
    let str_keys = values_only || t.iter().all(|e| e.key.as_str().is_some());
    for e in t.iter() {
        visit(&e.value);
        if !str_keys {
            visit(&e.key);
        }
    }
}

/// Visits the references `obj` owns.
pub fn traverse<F: FnMut(&PyObject) + ?Sized>(obj: &PyObject, visit: &mut F) {
    let heap = obj.ty().as_type().map(|t| t.heap).unwrap_or(false);
    // subtype_traverse's order: an instance's `__slots__` values, its attributes (inline
    // values, a managed dict's values, or the dict object), the heap type, then the
    // base layout's references.
    if let Payload::Object(v) = obj.payload() {
        if let Ok(v) = v.try_borrow() {
            // Slots, then the inline values after them (see `object::values`).
            for x in v.iter().flatten() {
                visit(x);
            }
        }
    }
    if let Some(d) = obj.dict() {
        if !matches!(obj.payload(), Payload::Function(_) | Payload::Exception(_) | Payload::Type(_) | Payload::Module(_)) {
            if is_managed_dict(&d) {
                visit_dict_entries(&d, true, visit);
            } else {
                visit(&d);
            }
        }
    }
    if heap {
        visit(obj.ty());
    }
    match obj.payload() {
        Payload::Tuple(items) => {
            for i in items.iter().rev() {
                visit(i);
            }
        }
        Payload::List(l) => {
            if let Ok(v) = l.try_borrow() {
                for i in v.iter().rev() {
                    visit(i);
                }
            }
        }
        Payload::Dict(_) => visit_dict_entries(obj, false, visit),
        Payload::Set(s) => {
            if let Ok(t) = s.try_borrow() {
                for (_, k) in t.iter() {
                    visit(k);
                }
            }
        }
        Payload::Slice { start, stop, step } => {
            visit(start);
            visit(stop);
            visit(step);
        }
        Payload::Function(f) => {
            visit(&f.code);
            visit(&f.globals);
            visit(&f.builtins);
            if let Ok(m) = f.module.try_borrow() {
                visit(&m);
            }
            if let Ok(d) = f.defaults.try_borrow() {
                visit_opt(&d, visit);
            }
            if let Ok(d) = f.kwdefaults.try_borrow() {
                visit_opt(&d, visit);
            }
            if let Ok(d) = f.doc.try_borrow() {
                visit(&d);
            }
            if let Ok(n) = f.name.try_borrow() {
                visit(&n);
            }
            if let Some(d) = obj.dict() {
                visit(&d);
            }
            visit_opt(&f.closure, visit);
            if let Ok(a) = f.annotations.try_borrow() {
                visit_opt(&a, visit);
            }
            if let Ok(q) = f.qualname.try_borrow() {
                visit(&q);
            }
        }
        Payload::Builtin(b) => visit_opt(&b.self_, visit),
        Payload::BoundMethod { func, self_ } => {
            visit(func);
            visit(self_);
        }
        Payload::Cell(c) => {
            if let Ok(v) = c.try_borrow() {
                visit_opt(&v, visit);
            }
        }
        Payload::Type(td) => {
            if td.heap {
                visit(td.dict());
                if let Ok(m) = td.mro.try_borrow() {
                    // The MRO's first entry is the type itself: CPython's tuple holds it too.
                    for t in m.iter() {
                        visit(t);
                    }
                }
                if let Ok(b) = td.bases.try_borrow() {
                    for t in b.iter() {
                        visit(t);
                    }
                }
            }
        }
        Payload::Module(m) => visit(&m.dict),
        Payload::Exception(e) => {
            if let Some(d) = obj.dict() {
                visit(&d);
            }
            if let Ok(a) = e.args.try_borrow() {
                visit(&a);
            }
            if let Ok(t) = e.traceback.try_borrow() {
                visit_opt(&t, visit);
            }
            if let Ok(c) = e.cause.try_borrow() {
                visit_opt(&c, visit);
            }
            if let Ok(c) = e.context.try_borrow() {
                visit_opt(&c, visit);
            }
        }
        Payload::Iter(st) => {
            if let Ok(st) = st.try_borrow() {
                match &*st {
                    IterState::Seq { seq, .. } => visit(seq),
                    IterState::Str { s, .. } => visit(s),
                    IterState::DictKeys { dict, .. } => visit(dict),
                    IterState::SetIter { set, .. } => visit(set),
                    IterState::GetItem { obj, .. } => visit(obj),
                    IterState::Callable { func, sentinel } => {
                        visit(func);
                        visit(sentinel);
                    }
                    IterState::Reversed { seq, .. } => visit(seq),
                    IterState::Enumerate { it, count } => {
                        visit(it);
                        visit(count);
                    }
                    IterState::Zip { its, .. } => {
                        for i in its {
                            visit(i);
                        }
                    }
                    IterState::Map { func, its } => {
                        visit(func);
                        for i in its {
                            visit(i);
                        }
                    }
                    IterState::Filter { func, it } => {
                        visit(func);
                        visit(it);
                    }
                    IterState::Range { .. } | IterState::Exhausted => {}
                }
            }
        }
        // CPython's gen_traverse and _PyFrame_Traverse order: the generator's code and
        // names, then its frame (frame object, locals, function, code, fast locals, value
        // stack), then the saved exception.
        Payload::Generator(g) => {
            if let Ok(g) = g.try_borrow() {
                visit(&g.code);
                visit(&g.name);
                visit(&g.qualname);
                if let Some(f) = &g.frame {
                    visit_opt(&f.frame_obj, visit);
                    visit_opt(&f.locals, visit);
                    visit_opt(&f.func, visit);
                    visit_opt(&f.own_globals, visit);
                    visit_opt(&f.code, visit);
                    for v in f.fast.iter().flatten() {
                        visit(v);
                    }
                    for v in f.stack.iter() {
                        visit(v);
                    }
                }
                visit_opt(&g.exc_state, visit);
            }
        }
        Payload::Property(p) => {
            if let Ok(parts) = p.parts.try_borrow() {
                visit_opt(&parts.fget, visit);
                visit_opt(&parts.fset, visit);
                visit_opt(&parts.fdel, visit);
                visit_opt(&parts.doc, visit);
            }
            visit_opt(&p.name.borrow(), visit);
        }
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => visit(f),
        Payload::Super { ty, obj: o, obj_type } => {
            visit(ty);
            visit_opt(o, visit);
            visit_opt(obj_type, visit);
        }
        Payload::Traceback(t) => {
            visit_opt(&t.next, visit);
            visit(&t.frame);
        }
        Payload::Frame(f) => {
            if let Ok(l) = f.locals.try_borrow() {
                for v in l.iter().flatten() {
                    visit(v);
                }
            }
            if let Some(s) = &f.snapshot {
                visit(&s.globals);
                visit_opt(&s.back, visit);
                visit(&s.locals);
            }
        }
        Payload::DictView { dict, .. } => visit(dict),
        Payload::MappingProxy(m) => visit(m),
        Payload::File(f) => {
            if let Ok(f) = f.try_borrow() {
                visit(&f.name);
            }
        }
        Payload::Member(m) => visit(&m.owner),
        Payload::WeakRef(w) => {
            if let Ok(c) = w.callback.try_borrow() {
                visit_opt(&c, visit);
            }
        }
        _ => {}
    }
}

/// Drops the references `obj` owns that can form cycles (CPython's `tp_clear`). The
/// released references are dropped only after every borrow is over.
pub fn clear(obj: &PyObject) {
    let mut dropped: Vec<ObjRef> = Vec::new();
    // An instance's slots and inline values go before its dict (subtype_clear's order).
    if !matches!(obj.payload(), Payload::Type(_) | Payload::Module(_) | Payload::Object(_)) {
        if let Some(d) = obj.set_dict(None) {
            dropped.push(d);
        }
    }
    match obj.payload() {
        Payload::List(l) => {
            if let Ok(mut v) = l.try_borrow_mut() {
                dropped.extend(std::mem::take(&mut *v));
            }
        }
        Payload::Dict(d) => {
            if let Ok(mut t) = d.try_borrow_mut() {
                for e in t.take_all() {
                    dropped.push(e.key);
                    dropped.push(e.value);
                }
            }
        }
        Payload::Set(s) => {
            if let Ok(mut t) = s.try_borrow_mut() {
                for slot in t.clear() {
                    if let crate::object::set::Slot::Active(_, k) = slot {
                        dropped.push(k);
                    }
                }
            }
        }
        Payload::Cell(c) => {
            if let Ok(mut v) = c.try_borrow_mut() {
                dropped.extend(v.take());
            }
        }
        Payload::Object(slots) => {
            if let Ok(mut v) = slots.try_borrow_mut() {
                for x in v.iter_mut() {
                    dropped.extend(x.take());
                }
            }
            dropped.extend(obj.set_dict(None));
        }
        Payload::Function(f) => {
            for cell in [&f.defaults, &f.kwdefaults, &f.annotations] {
                if let Ok(mut v) = cell.try_borrow_mut() {
                    dropped.extend(v.take());
                }
            }
        }
        Payload::Exception(e) => {
            if let Ok(mut a) = e.args.try_borrow_mut() {
                dropped.push(std::mem::replace(&mut *a, crate::object::new_tuple(vec![])));
            }
            for cell in [&e.traceback, &e.cause, &e.context] {
                if let Ok(mut v) = cell.try_borrow_mut() {
                    dropped.extend(v.take());
                }
            }
        }
        Payload::Type(td) if td.heap => {
            crate::object::types::type_modified(td);
            // The MRO starts with the type itself: clearing it breaks that self-cycle.
            if let Ok(mut m) = td.mro.try_borrow_mut() {
                dropped.extend(std::mem::take(&mut *m));
            }
            if let Some(t) = td.dict().as_dict() {
                if let Ok(mut t) = t.try_borrow_mut() {
                    for e in t.take_all() {
                        dropped.push(e.key);
                        dropped.push(e.value);
                    }
                }
            }
        }
        Payload::Module(m) => {
            if let Some(t) = m.dict.as_dict() {
                if let Ok(mut t) = t.try_borrow_mut() {
                    for e in t.take_all() {
                        dropped.push(e.key);
                        dropped.push(e.value);
                    }
                }
            }
        }
        Payload::Iter(st) => {
            if let Ok(mut st) = st.try_borrow_mut() {
                let old = std::mem::replace(&mut *st, IterState::Exhausted);
                drop_later(old, &mut dropped);
            }
        }
        Payload::Generator(g) => {
            if let Ok(mut g) = g.try_borrow_mut() {
                let f = g.frame.take();
                let e = g.exc_state.take();
                drop(g);
                drop(f);
                drop(e);
            }
        }
        Payload::WeakRef(w) => {
            if let Ok(mut c) = w.callback.try_borrow_mut() {
                dropped.extend(c.take());
            }
        }
        Payload::Frame(f) => {
            if let Ok(mut l) = f.locals.try_borrow_mut() {
                dropped.extend(std::mem::take(&mut *l).into_iter().flatten());
            }
        }
        _ => {}
    }
    drop(dropped);
}

fn drop_later(st: IterState, out: &mut Vec<ObjRef>) {
    match st {
        IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => out.push(seq),
        IterState::Str { s, .. } => out.push(s),
        IterState::DictKeys { dict, .. } => out.push(dict),
        IterState::SetIter { set, .. } => out.push(set),
        IterState::GetItem { obj, .. } => out.push(obj),
        IterState::Callable { func, sentinel } => {
            out.push(func);
            out.push(sentinel);
        }
        IterState::Enumerate { it, count } => {
            out.push(it);
            out.push(count);
        }
        IterState::Zip { its, .. } => out.extend(its),
        IterState::Map { func, its } => {
            out.push(func);
            out.extend(its);
        }
        IterState::Filter { func, it } => {
            out.push(func);
            out.push(it);
        }
        IterState::Range { .. } | IterState::Exhausted => {}
    }
}
