//! The UTF-16 and UTF-32 codecs (`utf-16`, `utf-16-le`, `utf-16-be`, and the same for 32),
//! with CPython's byte-order marks, error messages and the 'strict', 'replace' and
//! 'ignore' handlers. The utf-8, ascii and latin-1 codecs live with `str` (str.rs).

/// A wide codec: code-unit size (2 or 4) and byte order (None: the plain codec, which
/// writes a little-endian BOM and reads an optional BOM).
#[derive(Clone, Copy)]
pub struct Wide {
    pub unit: usize,
    pub big: Option<bool>,
}

impl Wide {
    /// The codec for a normalized encoding name (lowercase, without '-' and '_').
    pub fn lookup(key: &str) -> Option<Wide> {
        let (unit, rest) = if let Some(r) = key.strip_prefix("utf16") {
            (2, r)
        } else if let Some(r) = key.strip_prefix("utf32") {
            (4, r)
        } else {
            return None;
        };
        let big = match rest {
            "" => None,
            "le" => Some(false),
            "be" => Some(true),
            _ => return None,
        };
        Some(Wide { unit, big })
    }

    fn name(self, big: bool) -> String {
        format!("utf-{}-{}", self.unit * 8, if big { "be" } else { "le" })
    }

    fn put(self, out: &mut Vec<u8>, v: u32, big: bool) {
        if self.unit == 2 {
            let b = (v as u16).to_le_bytes();
            out.extend(if big { [b[1], b[0]] } else { b });
        } else {
            out.extend(if big { v.to_be_bytes() } else { v.to_le_bytes() });
        }
    }

    fn get(self, b: &[u8], big: bool) -> u32 {
        match (self.unit, big) {
            (2, false) => u16::from_le_bytes([b[0], b[1]]) as u32,
            (2, true) => u16::from_be_bytes([b[0], b[1]]) as u32,
            (_, false) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            (_, true) => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        }
    }

    /// Encodes `x` (Rust strings hold no lone surrogates, so this cannot fail).
    pub fn encode(self, x: &str) -> Vec<u8> {
        let big = self.big.unwrap_or(false);
        let mut out = Vec::with_capacity(x.len() * self.unit + self.unit);
        if self.big.is_none() {
            self.put(&mut out, 0xfeff, false);
        }
        for c in x.chars() {
            if self.unit == 2 {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    self.put(&mut out, *u as u32, big);
                }
            } else {
                self.put(&mut out, c as u32, big);
            }
        }
        out
    }

    /// Decodes `data`; on malformed input returns Err((codec name, start, end, reason))
    /// unless `errors` is 'replace' (U+FFFD) or 'ignore'.
    pub fn decode(self, data: &[u8], errors: &str) -> Result<String, (String, usize, usize, &'static str)> {
        let mut big = self.big.unwrap_or(false);
        let mut i = 0;
        if self.big.is_none() && data.len() >= self.unit {
            match self.get(data, false) {
                0xfeff => i = self.unit,
                v if v == self.swapped_bom() => {
                    big = true;
                    i = self.unit;
                }
                _ => {}
            }
        }
        let mut out = String::with_capacity(data.len() / self.unit);
        while i < data.len() {
            let bad = |start: usize, end: usize, reason: &'static str| (start, end, reason);
            let (err, next) = if data.len() - i < self.unit {
                (Some(bad(i, data.len(), "truncated data")), data.len())
            } else {
                let v = self.get(&data[i..], big);
                if self.unit == 4 {
                    match char::from_u32(v) {
                        Some(c) => {
                            out.push(c);
                            (None, i + 4)
                        }
                        None if v > 0x10ffff => (Some(bad(i, i + 4, "code point not in range(0x110000)")), i + 4),
                        None => (Some(bad(i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)")), i + 4),
                    }
                } else if !(0xd800..0xe000).contains(&v) {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    (None, i + 2)
                } else if v >= 0xdc00 {
                    (Some(bad(i, i + 2, "illegal encoding")), i + 2)
                } else if data.len() - i < 4 {
                    (Some(bad(i, data.len(), "unexpected end of data")), data.len())
                } else {
                    let lo = self.get(&data[i + 2..], big);
                    if (0xdc00..0xe000).contains(&lo) {
                        out.push(char::from_u32(0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00)).unwrap_or('\u{fffd}'));
                        (None, i + 4)
                    } else {
                        (Some(bad(i, i + 2, "illegal UTF-16 surrogate")), i + 2)
                    }
                }
            };
            if let Some((start, end, reason)) = err {
                match errors {
                    "replace" => out.push('\u{fffd}'),
                    "ignore" => {}
                    _ => return Err((self.name(big), start, end, reason)),
                }
            }
            i = next;
        }
        Ok(out)
    }

    fn swapped_bom(self) -> u32 {
        if self.unit == 2 {
            0xfffe
        } else {
            0xfffe_0000
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Wide;

    #[test]
    fn round_trips_and_boms() {
        let u16 = Wide::lookup("utf16").expect("utf-16");
        assert_eq!(u16.encode("h\u{1f600}"), b"\xff\xfeh\x00=\xd8\x00\xde");
        assert_eq!(u16.decode(b"\xfe\xff\x00a", "strict").as_deref(), Ok("a"));
        let u32be = Wide::lookup("utf32be").expect("utf-32-be");
        assert_eq!(u32be.decode(&u32be.encode("x\u{e9}\u{1f600}"), "strict").as_deref(), Ok("x\u{e9}\u{1f600}"));
        assert_eq!(Wide::lookup("utf16le").expect("le").decode(b"\x00\xd8a\x00b\x00", "replace").as_deref(), Ok("\u{fffd}ab"));
        assert_eq!(Wide::lookup("utf16le").expect("le").decode(b"\x00\xdc", "strict"), Err(("utf-16-le".to_string(), 0, 2, "illegal encoding")));
        assert!(Wide::lookup("utf8").is_none());
    }
}
