//! The long connection's frame as the platform writes it: `pbbp2.Frame` of the official SDKs'
//! `.proto` (`SeqID`=1, `LogID`=2 uint64; `service`=3, `method`=4 int32; `headers`=5, each
//! `{key=1, value=2}`; `PayloadEncoding`=6, `PayloadType`=7 string; `payload`=8 bytes;
//! `LogIDNew`=9 string). The protobuf codec is the emulator's own, from the wire-format
//! spec (varints and length-delimited fields), not the client's prost code: a mistake on either
//! side shows up end to end.

/// `method` of a control frame (ping, pong).
pub(crate) const CONTROL: i32 = 0;
/// `method` of a data frame (an event, and the bot's answer to it).
pub(crate) const DATA: i32 = 1;

const VARINT: u8 = 0;
const LEN: u8 = 2;

/// A frame: only the fields the emulator reads or writes are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Frame {
    pub(crate) service: i32,
    pub(crate) method: i32,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) payload: Vec<u8>,
}

impl Frame {
    /// A control frame of this `type` (ping, pong).
    pub(crate) fn control(service: i32, kind: &str) -> Frame {
        Frame {
            service,
            method: CONTROL,
            headers: vec![("type".into(), kind.into())],
            payload: Vec::new(),
        }
    }

    /// The first header named `key`.
    pub(crate) fn header(&self, key: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The frame's bytes. `SeqID` and `LogID` are 0, which protobuf omits.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.payload.len() + 64);
        // int32 fields are varints of their 64-bit two's complement (so negatives take 10 bytes).
        key(&mut out, 3, VARINT);
        varint(&mut out, i64::from(self.service) as u64);
        key(&mut out, 4, VARINT);
        varint(&mut out, i64::from(self.method) as u64);
        for (k, v) in &self.headers {
            let mut h = Vec::with_capacity(k.len() + v.len() + 4);
            bytes(&mut h, 1, k.as_bytes());
            bytes(&mut h, 2, v.as_bytes());
            bytes(&mut out, 5, &h);
        }
        bytes(&mut out, 8, &self.payload);
        out
    }

    /// Reads a frame; `None` for bytes that are not one (truncated, bad wire type, bad UTF-8).
    pub(crate) fn decode(mut buf: &[u8]) -> Option<Frame> {
        let mut f = Frame::default();
        while !buf.is_empty() {
            let (field, value) = next(&mut buf)?;
            match (field, value) {
                (3, Field::Varint(v)) => f.service = v as i32,
                (4, Field::Varint(v)) => f.method = v as i32,
                (5, Field::Bytes(mut h)) => {
                    let (mut k, mut v) = (String::new(), String::new());
                    while !h.is_empty() {
                        match next(&mut h)? {
                            (1, Field::Bytes(b)) => k = String::from_utf8(b.to_vec()).ok()?,
                            (2, Field::Bytes(b)) => v = String::from_utf8(b.to_vec()).ok()?,
                            _ => {}
                        }
                    }
                    f.headers.push((k, v));
                }
                (8, Field::Bytes(b)) => f.payload = b.to_vec(),
                _ => {}
            }
        }
        Some(f)
    }
}

enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

/// The next field of `buf`: its number and value; `None` when the bytes end early or the wire
/// type is one a frame does not use (fixed32/64 are skipped).
fn next<'a>(buf: &mut &'a [u8]) -> Option<(u64, Field<'a>)> {
    let k = read_varint(buf)?;
    let field = k >> 3;
    let value = match k & 7 {
        0 => Field::Varint(read_varint(buf)?),
        2 => {
            let n = usize::try_from(read_varint(buf)?).ok()?;
            let (b, rest) = (buf.get(..n)?, buf.get(n..)?);
            *buf = rest;
            Field::Bytes(b)
        }
        1 | 5 => {
            let n = if k & 7 == 1 { 8 } else { 4 };
            *buf = buf.get(n..)?;
            Field::Bytes(&[])
        }
        _ => return None,
    };
    Some((field, value))
}

fn read_varint(buf: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for i in 0..10 {
        let (&b, rest) = buf.split_first()?;
        *buf = rest;
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn key(out: &mut Vec<u8>, field: u64, wire: u8) {
    varint(out, (field << 3) | u64::from(wire));
}

fn bytes(out: &mut Vec<u8>, field: u64, b: &[u8]) {
    key(out, field, LEN);
    varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes protobuf gives this frame, worked out by hand from the wire-format spec.
    #[test]
    fn a_data_frame_is_the_protobuf_bytes_of_pbbp2() {
        let f = Frame {
            service: 7,
            method: DATA,
            headers: vec![("type".into(), "event".into())],
            payload: b"{}".to_vec(),
        };
        let expected = [
            0x18, 7, // service = 7
            0x20, 1, // method = 1
            0x2a, 13, 0x0a, 4, b't', b'y', b'p', b'e', 0x12, 5, b'e', b'v', b'e', b'n', b't', 0x42,
            2, b'{', b'}', // payload
        ];
        assert_eq!(f.encode(), expected);
        assert_eq!(Frame::decode(&expected), Some(f));
    }

    #[test]
    fn bad_bytes_are_refused_not_a_panic() {
        assert_eq!(Frame::decode(&[0x2a, 50, 1]), None);
        assert_eq!(Frame::decode(&[0xff; 11]), None);
        assert_eq!(Frame::decode(&[0x0b]), None);
        // A negative int32 round-trips through its 10-byte varint.
        let f = Frame {
            service: -1,
            ..Frame::default()
        };
        assert_eq!(Frame::decode(&f.encode()), Some(f));
    }
}
