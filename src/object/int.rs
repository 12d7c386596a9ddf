//! Arbitrary-precision integers: an inline `i64` with overflow-checked fast paths,
//! promoted to `IBig` when a result does not fit.
//!
//! Invariant: `Int::Big` never holds a value that fits in an `i64` (so equal values have
//! equal representations and small results hit the small-int cache).

use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::{IBig, UBig};
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Int {
    Small(i64),
    Big(Box<IBig>),
}

/// The modulus of CPython's numeric hash (2**61 - 1).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

impl Int {
    pub fn from_big(b: IBig) -> Int {
        match i64::try_from(&b) {
            Ok(s) => Int::Small(s),
            Err(_) => Int::Big(Box::new(b)),
        }
    }
    pub fn to_big(&self) -> IBig {
        match self {
            Int::Small(s) => IBig::from(*s),
            Int::Big(b) => (**b).clone(),
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Int::Small(s) => Some(*s),
            Int::Big(_) => None,
        }
    }
    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }
    pub fn is_negative(&self) -> bool {
        match self {
            Int::Small(s) => *s < 0,
            Int::Big(b) => b.signum() < IBig::ZERO,
        }
    }
    pub fn add(&self, o: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, o) {
            if let Some(r) = a.checked_add(*b) {
                return Int::Small(r);
            }
        }
        Int::from_big(self.to_big() + o.to_big())
    }
    pub fn sub(&self, o: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, o) {
            if let Some(r) = a.checked_sub(*b) {
                return Int::Small(r);
            }
        }
        Int::from_big(self.to_big() - o.to_big())
    }
    pub fn mul(&self, o: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, o) {
            if let Some(r) = a.checked_mul(*b) {
                return Int::Small(r);
            }
        }
        Int::from_big(self.to_big() * o.to_big())
    }
    pub fn neg(&self) -> Int {
        match self {
            Int::Small(a) => match a.checked_neg() {
                Some(r) => Int::Small(r),
                None => Int::from_big(-IBig::from(*a)),
            },
            Int::Big(b) => Int::from_big(-(**b).clone()),
        }
    }
    pub fn abs(&self) -> Int {
        if self.is_negative() { self.neg() } else { self.clone() }
    }
    /// Floor division; the caller has checked that `o` is not zero.
    pub fn floordiv(&self, o: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, o) {
            if let Some(q) = a.checked_div(*b) {
                let q = if (a % b != 0) && ((*a < 0) != (*b < 0)) { q - 1 } else { q };
                return Int::Small(q);
            }
        }
        let (q, _) = big_divmod(&self.to_big(), &o.to_big());
        Int::from_big(q)
    }
    /// Modulo with the sign of the divisor; the caller has checked that `o` is not zero.
    pub fn modulo(&self, o: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, o) {
            if let Some(r) = a.checked_rem(*b) {
                let r = if r != 0 && ((r < 0) != (*b < 0)) { r + b } else { r };
                return Int::Small(r);
            }
        }
        let (_, r) = big_divmod(&self.to_big(), &o.to_big());
        Int::from_big(r)
    }
    /// `self ** e` for a non-negative exponent.
    pub fn pow(&self, e: u64) -> Int {
        if let Int::Small(a) = self {
            if let Ok(e32) = u32::try_from(e) {
                if let Some(r) = a.checked_pow(e32) {
                    return Int::Small(r);
                }
            }
            if *a == 1 || *a == 0 {
                return Int::Small(if e == 0 { 1 } else { *a });
            }
            if *a == -1 {
                return Int::Small(if e % 2 == 0 { 1 } else { -1 });
            }
        }
        Int::from_big(self.to_big().pow(e as usize))
    }
    pub fn cmp(&self, o: &Int) -> Ordering {
        match (self, o) {
            (Int::Small(a), Int::Small(b)) => a.cmp(b),
            _ => self.to_big().cmp(&o.to_big()),
        }
    }
    pub fn bitand(&self, o: &Int) -> Int {
        match (self, o) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a & b),
            _ => Int::from_big(self.to_big() & o.to_big()),
        }
    }
    pub fn bitor(&self, o: &Int) -> Int {
        match (self, o) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a | b),
            _ => Int::from_big(self.to_big() | o.to_big()),
        }
    }
    pub fn bitxor(&self, o: &Int) -> Int {
        match (self, o) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a ^ b),
            _ => Int::from_big(self.to_big() ^ o.to_big()),
        }
    }
    pub fn invert(&self) -> Int {
        // ~x == -x - 1
        self.neg().sub(&Int::Small(1))
    }
    /// Left shift by a non-negative count.
    pub fn shl(&self, n: u64) -> Int {
        if let Int::Small(a) = self {
            if *a == 0 {
                return Int::Small(0);
            }
            if n < 63 {
                let r = a.checked_shl(n as u32).filter(|r| r >> n == *a);
                if let Some(r) = r {
                    return Int::Small(r);
                }
            }
        }
        Int::from_big(self.to_big() << n as usize)
    }
    /// Arithmetic (floor) right shift by a non-negative count.
    pub fn shr(&self, n: u64) -> Int {
        match self {
            Int::Small(a) => Int::Small(if n >= 64 { if *a < 0 { -1 } else { 0 } } else { a >> n }),
            Int::Big(b) => {
                let b = (**b).clone();
                if b.signum() < IBig::ZERO {
                    // floor(b / 2**n) for negatives: -((-b - 1) >> n) - 1
                    let m: IBig = -b - IBig::ONE;
                    Int::from_big(-(m >> n as usize) - IBig::ONE)
                } else {
                    Int::from_big(b >> n as usize)
                }
            }
        }
    }
    /// Conversion to float, `None` on overflow.
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            Int::Small(a) => Some(*a as f64),
            Int::Big(b) => {
                let f = big_to_f64(b);
                if f.is_finite() { Some(f) } else { None }
            }
        }
    }
    /// CPython's hash of an int: value modulo 2**61-1 with the sign kept, -1 becomes -2.
    #[inline(always)]
    pub fn hash(&self) -> i64 {
        let h = match self {
            Int::Small(a) => small_residue(*a),
            Int::Big(b) => big_residue(b),
        };
        if h == -1 {
            -2
        } else {
            h
        }
    }
    pub fn to_string_radix(&self, radix: u32) -> String {
        match self {
            Int::Small(a) if radix == 10 => a.to_string(),
            _ => {
                let b = self.to_big();
                let neg = b.signum() < IBig::ZERO;
                let mag: UBig = b.unsigned_abs();
                let s = mag.in_radix(radix).to_string();
                if neg { format!("-{}", s) } else { s }
            }
        }
    }
    /// Number of bits in the absolute value (`int.bit_length`).
    pub fn bit_length(&self) -> u64 {
        match self {
            Int::Small(a) => 64 - a.unsigned_abs().leading_zeros() as u64,
            Int::Big(b) => (&**b).unsigned_abs().bit_len() as u64,
        }
    }
}

/// `a` in base 2, 8 or 16 (lower-case digits), with `prefix` after the sign, without
/// the formatting machinery: `hex()`, `oct()` and `bin()` of a small int, and the
/// digits of format specs and `%x`/`%o`.
pub fn small_pow2_radix(a: i64, radix: u32, prefix: &str) -> String {
    let shift = radix.trailing_zeros();
    let mask = (radix - 1) as u64;
    let mut m = a.unsigned_abs();
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b"0123456789abcdef"[(m & mask) as usize];
        m >>= shift;
        if m == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(1 + prefix.len() + buf.len() - i);
    if a < 0 {
        out.push('-');
    }
    out.push_str(prefix);
    out.extend(buf[i..].iter().map(|&b| b as char));
    out
}

/// Floor division and modulo of big integers (Python's sign rules).
pub fn big_divmod(a: &IBig, b: &IBig) -> (IBig, IBig) {
    let q = a / b;
    let r = a - &q * b;
    if r != IBig::ZERO && ((r.signum() < IBig::ZERO) != (b.signum() < IBig::ZERO)) {
        (q - IBig::ONE, r + b)
    } else {
        (q, r)
    }
}

/// Correctly rounded conversion of a big integer to f64 (inf when too large).
pub fn big_to_f64(b: &IBig) -> f64 {
    let neg = b.signum() < IBig::ZERO;
    let mag = b.unsigned_abs();
    let bits = mag.bit_len();
    let f = if bits <= 64 {
        u64::try_from(&mag).map(|v| v as f64).unwrap_or(f64::INFINITY)
    } else {
        // Keep 64 significant bits plus a sticky bit, then let the u64 -> f64
        // conversion round; scale by the dropped power of two.
        let shift = bits - 64;
        let top: UBig = &mag >> shift;
        let mut top = u64::try_from(&top).unwrap_or(u64::MAX);
        let rest_nonzero = (&mag & ((UBig::ONE << shift) - UBig::ONE)) != UBig::ZERO;
        if rest_nonzero {
            top |= 1;
        }
        if shift > 2000 {
            f64::INFINITY
        } else {
            (top as f64) * 2f64.powi(shift as i32)
        }
    };
    if neg { -f } else { f }
}

/// The residue `Int::hash` starts from, for a big int (out of line: ints that fit a
/// machine word are the rule).
#[inline(never)]
fn big_residue(b: &IBig) -> i64 {
    let m = IBig::from(HASH_MODULUS);
    let neg = b.signum() < IBig::ZERO;
    let r: IBig = (if neg { -b.clone() } else { b.clone() }) % m;
    let r = i64::try_from(&r).unwrap_or(0);
    if neg {
        -r
    } else {
        r
    }
}

/// The residue `Int::hash` starts from, for a machine-sized int.
#[inline(always)]
fn small_residue(a: i64) -> i64 {
    // Below the modulus (nearly every int) the value is its own residue: no division.
    let u = a.unsigned_abs();
    let m = if u < HASH_MODULUS as u64 { u as i64 } else { (u % HASH_MODULUS as u64) as i64 };
    if a < 0 {
        -m
    } else {
        m
    }
}
