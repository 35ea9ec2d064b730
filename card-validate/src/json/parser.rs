//! The RFC 8259 parser that builds a [`Node`] tree straight from text, with byte offsets and
//! the repeated keys it dropped. It accepts exactly what `serde_json::from_str` accepts.

use std::borrow::Cow;

use super::tree::{Entry, NO_POS, Node, Obj, V};

/// serde_json's default recursion limit (it accepts 127 nested containers).
const MAX_DEPTH: usize = 127;

/// Why the text is not JSON, and where (byte offset).
#[derive(Debug)]
pub(crate) struct ParseError {
    pub(crate) at: usize,
    pub(crate) msg: &'static str,
}

/// A parsed document: the tree, and the repeated keys that were dropped from it.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub(crate) root: Node<'a>,
    /// (offset of the dropped key, key): like serde_json (and the server's Go decoder), the
    /// last occurrence of a key wins; earlier ones are dropped and reported.
    pub(crate) duplicates: Vec<(u32, String)>,
}

/// Parses RFC 8259 JSON into a borrowed tree.
pub(crate) fn parse(text: &str) -> Result<Doc<'_>, ParseError> {
    if text.len() >= NO_POS as usize {
        return Err(ParseError {
            at: 0,
            msg: "input too large",
        });
    }
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
        duplicates: Vec::new(),
    };
    p.ws();
    let root = p.value()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(Doc {
        root,
        duplicates: p.duplicates,
    })
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
    duplicates: Vec<(u32, String)>,
}

impl<'a> Parser<'a> {
    fn err(&self, msg: &'static str) -> ParseError {
        ParseError {
            at: self.i.min(self.b.len()),
            msg,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, ParseError> {
        let pos = self.i as u32;
        let v = match self.b.get(self.i) {
            None => return Err(self.err("EOF while parsing a value")),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => V::Str(self.string()?),
            Some(b't') => self.lit(b"true", V::Bool(true))?,
            Some(b'f') => self.lit(b"false", V::Bool(false))?,
            Some(b'n') => self.lit(b"null", V::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.err("expected value")),
        };
        Ok(Node { pos, v })
    }

    fn lit(&mut self, word: &[u8], v: V<'a>) -> Result<V<'a>, ParseError> {
        for &c in word {
            if self.b.get(self.i) != Some(&c) {
                return Err(if self.i >= self.b.len() {
                    self.err("EOF while parsing a value")
                } else {
                    self.err("expected ident")
                });
            }
            self.i += 1;
        }
        Ok(v)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("recursion limit exceeded"));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<V<'a>, ParseError> {
        self.enter()?;
        self.i += 1;
        let mut entries = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            self.depth -= 1;
            return Ok(V::Obj(Obj { entries }));
        }
        loop {
            match self.b.get(self.i) {
                Some(b'"') => {}
                None => return Err(self.err("EOF while parsing an object")),
                Some(_) => return Err(self.err("key must be a string")),
            }
            let key_pos = self.i as u32;
            let key = self.string()?;
            self.ws();
            match self.b.get(self.i) {
                Some(b':') => self.i += 1,
                None => return Err(self.err("EOF while parsing an object")),
                Some(_) => return Err(self.err("expected `:`")),
            }
            self.ws();
            let node = self.value()?;
            entries.push(Entry { key, key_pos, node });
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                    if self.b.get(self.i) == Some(&b'}') {
                        return Err(self.err("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.i += 1;
                    self.depth -= 1;
                    self.drop_duplicates(&mut entries);
                    return Ok(V::Obj(Obj { entries }));
                }
                None => return Err(self.err("EOF while parsing an object")),
                Some(_) => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    /// Keeps only the last occurrence of each key.
    fn drop_duplicates(&mut self, entries: &mut Vec<Entry<'a>>) {
        let n = entries.len();
        if n < 2 {
            return;
        }
        if n <= 16 && !(0..n).any(|i| entries[i + 1..].iter().any(|e| e.key == entries[i].key)) {
            return; // the common case: no repeated key, no allocation
        }
        let mut dropped: Vec<usize> = if n <= 16 {
            // Small objects (nearly all of a card): compare pairwise, no allocation unless found.
            (0..n)
                .filter(|&i| entries[i + 1..].iter().any(|e| e.key == entries[i].key))
                .collect()
        } else {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key).then(a.cmp(&b)));
            order
                .windows(2)
                .filter(|w| entries[w[0]].key == entries[w[1]].key)
                .map(|w| w[0])
                .collect()
        };
        dropped.sort_unstable();
        for &i in dropped.iter().rev() {
            let e = entries.remove(i);
            self.duplicates.push((e.key_pos, e.key.into_owned()));
        }
    }

    fn array(&mut self) -> Result<V<'a>, ParseError> {
        self.enter()?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(V::Arr(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                    if self.b.get(self.i) == Some(&b']') {
                        return Err(self.err("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(V::Arr(items));
                }
                None => return Err(self.err("EOF while parsing a list")),
                Some(_) => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    /// A string starting at `"`: borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.i += 1;
        let start = self.i;
        let Some(rel) = memchr::memchr2(b'"', b'\\', &self.b[self.i..]) else {
            if let Some(c) = self.b[self.i..].iter().position(|c| *c < 0x20) {
                self.i += c;
                return Err(
                    self.err("control character (\\u0000-\\u001F) found while parsing a string")
                );
            }
            self.i = self.b.len();
            return Err(self.err("EOF while parsing a string"));
        };
        let end = self.i + rel;
        if let Some(c) = self.b[self.i..end].iter().position(|c| *c < 0x20) {
            self.i += c;
            return Err(
                self.err("control character (\\u0000-\\u001F) found while parsing a string")
            );
        }
        self.i = end;
        if self.b[end] == b'"' {
            self.i += 1;
            return Ok(Cow::Borrowed(&self.text[start..end]));
        }
        // An escape: finish the string the slow way.
        let mut out = String::with_capacity(end - start + 16);
        out.push_str(&self.text[start..end]);
        self.escaped(out).map(Cow::Owned)
    }

    fn escaped(&mut self, mut out: String) -> Result<String, ParseError> {
        loop {
            match self.b.get(self.i) {
                None => return Err(self.err("EOF while parsing a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        None => return Err(self.err("EOF while parsing a string")),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode()?;
                            out.push(c);
                            continue;
                        }
                        Some(_) => return Err(self.err("invalid escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(c) if *c < 0x20 => {
                    return Err(self
                        .err("control character (\\u0000-\\u001F) found while parsing a string"));
                }
                Some(_) => {
                    let rel = memchr::memchr2(b'"', b'\\', &self.b[self.i..])
                        .unwrap_or(self.b.len() - self.i);
                    let end = self.i + rel;
                    if let Some(c) = self.b[self.i..end].iter().position(|c| *c < 0x20) {
                        self.i += c;
                        return Err(self.err(
                            "control character (\\u0000-\\u001F) found while parsing a string",
                        ));
                    }
                    out.push_str(&self.text[self.i..end]);
                    self.i = end;
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.b.get(self.i) {
                None => return Err(self.err("EOF while parsing a string")),
                Some(c) => (*c as char)
                    .to_digit(16)
                    .ok_or_else(|| self.err("invalid escape"))?,
            };
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    fn unicode(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.b.get(self.i) != Some(&b'\\') || self.b.get(self.i + 1) != Some(&b'u') {
                    return Err(self.err("lone leading surrogate in hex escape"));
                }
                self.i += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.err("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.err("lone trailing surrogate in hex escape")),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.err("invalid unicode code point"))
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<V<'a>, ParseError> {
        let start = self.i;
        let neg = self.b[self.i] == b'-';
        if neg {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.b.get(self.i) {
                    return Err(self.err("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.err("EOF while parsing a value")),
            Some(_) => return Err(self.err("invalid number")),
        }
        let mut float = false;
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            float = true;
            if self.digits() == 0 {
                return Err(self.err(if self.i >= self.b.len() {
                    "EOF while parsing a value"
                } else {
                    "invalid number"
                }));
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            float = true;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err(if self.i >= self.b.len() {
                    "EOF while parsing a value"
                } else {
                    "invalid number"
                }));
            }
        }
        let s = &self.text[start..self.i];
        if !float {
            if neg {
                if let Ok(n) = s.parse::<i64>() {
                    return Ok(V::Int(n));
                }
            } else if let Ok(n) = s.parse::<u64>() {
                return Ok(match i64::try_from(n) {
                    Ok(i) => V::Int(i),
                    Err(_) => V::UInt(n),
                });
            }
        }
        match s.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(V::Float(f)),
            _ => Err(ParseError {
                at: start,
                msg: "number out of range",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Our parser and serde_json agree on what is JSON.
    #[test]
    fn accepts_what_serde_json_accepts() {
        let cases = [
            "{}",
            "[]",
            " 0 ",
            "-0",
            "1e5",
            "1E+5",
            "-1.5e-3",
            "18446744073709551615",
            "-9223372036854775808",
            "123456789012345678901234567890",
            "\"\\u00e9\\ud83d\\ude00\"",
            "{\"a\":[1,{\"b\":null}],\"c\":true}",
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\u{1}\"",
            "{1:2}",
            "[1 2]",
            "{\"a\" 1}",
            "1 2",
            "\"abc",
            "1e400",
            "\"\\u12\"",
            "[\"\\n\\t\\\"\\\\\\/\\b\\f\\r\"]",
            "\"é\"",
            "{\"a\":1}x",
            "nulls",
            "[true false]",
        ];
        for text in cases {
            let ours = parse(text).is_ok();
            let theirs = serde_json::from_str::<Value>(text).is_ok();
            assert_eq!(ours, theirs, "{text:?}: ours {ours}, serde_json {theirs}");
        }
        for depth in [126, 127, 128, 129] {
            let deep = "[".repeat(depth) + &"]".repeat(depth);
            assert_eq!(
                parse(&deep).is_ok(),
                serde_json::from_str::<Value>(&deep).is_ok(),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn the_last_of_repeated_keys_wins() {
        let text = "{\"a\": 1, \"b\": 2, \"a\": 3}";
        let doc = parse(text).unwrap();
        assert_eq!(doc.root.get("a").and_then(Node::as_i64), Some(3));
        assert_eq!(doc.root.as_object().unwrap().entries.len(), 2);
        assert_eq!(doc.duplicates, [(1, "a".to_owned())]);
        let many: String = (0..40)
            .map(|i| format!("\"k{}\": {i},", i % 20))
            .collect::<String>();
        let text = format!("{{{many}\"z\": 0}}");
        let doc = parse(&text).unwrap();
        assert_eq!(doc.root.as_object().unwrap().entries.len(), 21);
        assert_eq!(doc.root.get("k3").and_then(Node::as_i64), Some(23));
        assert_eq!(doc.duplicates.len(), 20);
    }

    #[test]
    fn values_and_positions() {
        let text = "{\"a\": [1, -2, 3.5, \"x\\ny\"], \"b\": {\"c\": null}}";
        let n = parse(text).unwrap().root;
        let a = n.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0].as_i64(), Some(1));
        assert_eq!(a[1].as_i64(), Some(-2));
        assert_eq!(a[2].as_f64(), Some(3.5));
        assert_eq!(a[3].as_str(), Some("x\ny"));
        assert_eq!((a[3].at().key, a[3].at().value), (NO_POS, 19));
        let b = n.get("b").unwrap().as_object().unwrap();
        let (_, at) = b.get_at("c").unwrap();
        let (k, v) = (at.key as usize, at.value as usize);
        assert_eq!((&text[k..k + 3], &text[v..v + 4]), ("\"c\"", "null"));
    }
}
