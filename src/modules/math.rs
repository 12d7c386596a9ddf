//! The `math` module.

use dashu_int::ops::{BitTest, SquareRoot, UnsignedAbs};
use super::{module_dict, new_module};
use crate::builtins::def_in;
use crate::object::int::Int;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

pub(super) fn num(vm: &Vm, o: &ObjRef) -> PyResult<f64> {
    crate::builtins::float::float_from(vm, o).map_err(|e| {
        if e.is(&vm.exc_type("TypeError")) {
            vm.type_error(format!("must be real number, not {}", o.type_name()))
        } else {
            e
        }
    })
}

pub(super) fn domain(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("math domain error")
}

macro_rules! unary {
    ($name:ident, $f:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
            crate::builtins::arity(vm, stringify!($name), args, kw, 1, 1)?;
            let x = num(vm, &args[0])?;
            let r: f64 = $f(x);
            if r.is_nan() && !x.is_nan() {
                return Err(domain(vm));
            }
            if r.is_infinite() && x.is_finite() {
                return Err(vm.overflow_error("math range error"));
            }
            Ok(object::new_float(r))
        }
    };
}
unary!(sin, f64::sin);
unary!(cos, f64::cos);
unary!(tan, f64::tan);
unary!(asin, f64::asin);
unary!(acos, f64::acos);
unary!(atan, f64::atan);
unary!(sinh, f64::sinh);
unary!(cosh, f64::cosh);
unary!(tanh, f64::tanh);
unary!(exp, f64::exp);
unary!(fabs, f64::abs);

fn sqrt(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "sqrt", args, kw, 1, 1)?;
    let x = num(vm, &args[0])?;
    if x < 0.0 {
        return Err(domain(vm));
    }
    Ok(object::new_float(x.sqrt()))
}
fn log(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "log", args, kw, 1, 2)?;
    let ln = |o: &ObjRef| -> PyResult<f64> {
        if let Some(Int::Big(b)) = o.as_int() {
            if b.signum() > dashu_int::IBig::ZERO {
                let bits = (&**b).unsigned_abs().bit_len();
                let shift = bits.saturating_sub(60);
                let top = crate::object::int::big_to_f64(&(&**b >> shift));
                return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
            }
        }
        let x = num(vm, o)?;
        if x <= 0.0 {
            return Err(domain(vm));
        }
        Ok(x.ln())
    };
    let r = ln(&args[0])?;
    match args.get(1) {
        Some(b) => {
            let lb = ln(b)?;
            if lb == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            Ok(object::new_float(r / lb))
        }
        None => Ok(object::new_float(r)),
    }
}
fn log2(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "log2", args, kw, 1, 1)?;
    let x = num(vm, &args[0])?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(object::new_float(x.log2()))
}
fn log10(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "log10", args, kw, 1, 1)?;
    let x = num(vm, &args[0])?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(object::new_float(x.log10()))
}
fn pow(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "pow", args, kw, 2, 2)?;
    let (x, y) = (num(vm, &args[0])?, num(vm, &args[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(object::new_float(r))
}
fn atan2(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "atan2", args, kw, 2, 2)?;
    Ok(object::new_float(num(vm, &args[0])?.atan2(num(vm, &args[1])?)))
}
fn hypot(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let mut acc = 0.0f64;
    for a in args {
        acc = acc.hypot(num(vm, a)?);
    }
    Ok(object::new_float(acc))
}
fn to_int_op(vm: &Vm, args: &[ObjRef], name: &str, f: fn(f64) -> f64, dunder: &str) -> PyResult {
    crate::builtins::arity(vm, name, args, None, 1, 1)?;
    let x = &args[0];
    if let Some(i) = x.as_int() {
        return Ok(object::new_int_value(i.clone()));
    }
    if let Some(m) = x.type_data().lookup_str(dunder) {
        if !matches!(x.payload(), Payload::Float(_)) {
            return vm.call(&m, std::slice::from_ref(&x), None);
        }
    }
    let v = num(vm, x)?;
    Ok(object::new_int_value(crate::builtins::float::float_to_int(vm, f(v))?))
}
fn floor(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    to_int_op(vm, args, "floor", f64::floor, "__floor__")
}
fn ceil(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    to_int_op(vm, args, "ceil", f64::ceil, "__ceil__")
}
fn trunc(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    to_int_op(vm, args, "trunc", f64::trunc, "__trunc__")
}
fn isnan(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(num(vm, &args[0])?.is_nan()))
}
fn isinf(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(num(vm, &args[0])?.is_infinite()))
}
fn isfinite(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(num(vm, &args[0])?.is_finite()))
}
fn isclose(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = crate::builtins::parse_args(vm, "isclose", args, kw, &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let x = num(vm, a[0].as_ref().unwrap())?;
    let y = num(vm, a[1].as_ref().unwrap())?;
    let rel = a[2].as_ref().map(|v| num(vm, v)).transpose()?.unwrap_or(1e-9);
    let abs = a[3].as_ref().map(|v| num(vm, v)).transpose()?.unwrap_or(0.0);
    if x == y {
        return Ok(object::new_bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(object::new_bool(false));
    }
    let d = (x - y).abs();
    Ok(object::new_bool(d <= (rel * y.abs()).max(rel * x.abs()) || d <= abs))
}
fn copysign(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(num(vm, &args[0])?.copysign(num(vm, &args[1])?)))
}
fn fmod(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (x, y) = (num(vm, &args[0])?, num(vm, &args[1])?);
    if y == 0.0 {
        return Err(domain(vm));
    }
    Ok(object::new_float(x % y))
}
fn degrees(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(num(vm, &args[0])?.to_degrees()))
}
fn radians(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(num(vm, &args[0])?.to_radians()))
}
fn factorial(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(n) = args[0].as_int() else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", args[0].type_name())));
    };
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = n.as_i64().unwrap_or(0);
    let mut r = Int::Small(1);
    for i in 2..=n {
        r = r.mul(&Int::Small(i));
    }
    Ok(object::new_int_value(r))
}
fn gcd(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let mut g = Int::Small(0);
    for a in args {
        let mut b = vm.index(a)?.abs();
        let mut x = g.clone();
        while !b.is_zero() {
            let r = x.modulo(&b);
            x = b;
            b = r;
        }
        g = x;
    }
    Ok(object::new_int_value(g))
}
fn isqrt(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let n = vm.index(&args[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    let b = n.to_big().unsigned_abs();
    let r = dashu_int::IBig::from(b.sqrt());
    Ok(object::new_bigint(r))
}
fn prod(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = crate::builtins::parse_args(vm, "prod", args, kw, &["iterable", "start"], 1)?;
    let mut acc = a[1].clone().unwrap_or_else(|| object::new_int(1));
    for x in vm.collect(a[0].as_ref().unwrap())? {
        acc = vm.binary_op(&acc, &x, crate::vm::binary::MUL)?;
    }
    Ok(acc)
}
fn fsum(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    // Shewchuk's exact summation, as CPython's math.fsum.
    let mut partials: Vec<f64> = Vec::new();
    for x in vm.collect(&args[0])? {
        let mut x = num(vm, &x)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(object::new_float(hi))
}

pub fn make(vm: &Vm) -> PyResult {
    let m = new_module(vm, "math");
    let d = module_dict(&m).clone();
    let fns: &[(&'static str, object::NativeFn)] = &[
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("atan2", atan2),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("exp", exp),
        ("fabs", fabs),
        ("sqrt", sqrt),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("pow", pow),
        ("hypot", hypot),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("isclose", isclose),
        ("copysign", copysign),
        ("fmod", fmod),
        ("degrees", degrees),
        ("radians", radians),
        ("factorial", factorial),
        ("gcd", gcd),
        ("isqrt", isqrt),
        ("prod", prod),
        ("fsum", fsum),
    ];
    for (n, f) in fns.iter().chain(super::math_more::FUNCTIONS) {
        def_in(vm, &m, n, *f);
    }
    for (n, v) in [("pi", std::f64::consts::PI), ("e", std::f64::consts::E), ("tau", std::f64::consts::TAU), ("inf", f64::INFINITY), ("nan", f64::NAN)] {
        vm.dict_set(&d, object::str::intern(n), object::new_float(v))?;
    }
    Ok(m)
}
