//! The long connection's frame (`pbbp2.Frame` of the official SDKs) in protobuf, encoded and
//! decoded with prost's field codecs: `SeqID`=1, `LogID`=2, `service`=3, `method`=4 (0 control,
//! 1 data), `headers`=5 (`{key=1, value=2}`), `PayloadEncoding`=6, `PayloadType`=7,
//! `payload`=8, `LogIDNew`=9.
//!
//! The two `Message` impls are written out, not derived: `prost-derive` is built on syn 2, and
//! the workspace keeps one syn (3) in its normal dependency graph.

use prost::bytes::{Buf, BufMut};
use prost::encoding::{DecodeContext, WireType, bytes, int32, message, skip_field, string, uint64};
use prost::{DecodeError, Message};

/// A control frame (ping, pong).
pub(crate) const CONTROL: i32 = 0;
/// A data frame (an event or a card callback, and the bot's answer to it).
pub(crate) const DATA: i32 = 1;

/// One header of a frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Header {
    pub(crate) key: String,
    pub(crate) value: String,
}

impl Message for Header {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        string::encode(1, &self.key, buf);
        string::encode(2, &self.value, buf);
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        match tag {
            1 => string::merge(wire_type, &mut self.key, buf, ctx),
            2 => string::merge(wire_type, &mut self.value, buf, ctx),
            _ => skip_field(wire_type, tag, buf, ctx),
        }
    }

    fn encoded_len(&self) -> usize {
        string::encoded_len(1, &self.key) + string::encoded_len(2, &self.value)
    }

    fn clear(&mut self) {
        *self = Header::default();
    }
}

/// A frame of the long connection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Frame {
    pub(crate) seq_id: u64,
    pub(crate) log_id: u64,
    pub(crate) service: i32,
    pub(crate) method: i32,
    pub(crate) headers: Vec<Header>,
    pub(crate) payload_encoding: String,
    pub(crate) payload_type: String,
    pub(crate) payload: Vec<u8>,
    pub(crate) log_id_new: String,
}

impl Frame {
    /// The value of header `key`.
    pub(crate) fn header(&self, key: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.key == key)
            .map(|h| h.value.as_str())
    }

    /// A control frame of `kind` (`ping`) for `service`.
    pub(crate) fn control(service: i32, kind: &str) -> Frame {
        Frame {
            service,
            method: CONTROL,
            headers: vec![Header {
                key: "type".into(),
                value: kind.into(),
            }],
            ..Frame::default()
        }
    }
}

impl Message for Frame {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        // SeqID, LogID, service and method are `required` in the schema: always written.
        uint64::encode(1, &self.seq_id, buf);
        uint64::encode(2, &self.log_id, buf);
        int32::encode(3, &self.service, buf);
        int32::encode(4, &self.method, buf);
        for h in &self.headers {
            message::encode(5, h, buf);
        }
        if !self.payload_encoding.is_empty() {
            string::encode(6, &self.payload_encoding, buf);
        }
        if !self.payload_type.is_empty() {
            string::encode(7, &self.payload_type, buf);
        }
        if !self.payload.is_empty() {
            bytes::encode(8, &self.payload, buf);
        }
        if !self.log_id_new.is_empty() {
            string::encode(9, &self.log_id_new, buf);
        }
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        match tag {
            1 => uint64::merge(wire_type, &mut self.seq_id, buf, ctx),
            2 => uint64::merge(wire_type, &mut self.log_id, buf, ctx),
            3 => int32::merge(wire_type, &mut self.service, buf, ctx),
            4 => int32::merge(wire_type, &mut self.method, buf, ctx),
            5 => {
                let mut h = Header::default();
                message::merge(wire_type, &mut h, buf, ctx)?;
                self.headers.push(h);
                Ok(())
            }
            6 => string::merge(wire_type, &mut self.payload_encoding, buf, ctx),
            7 => string::merge(wire_type, &mut self.payload_type, buf, ctx),
            8 => bytes::merge(wire_type, &mut self.payload, buf, ctx),
            9 => string::merge(wire_type, &mut self.log_id_new, buf, ctx),
            _ => skip_field(wire_type, tag, buf, ctx),
        }
    }

    fn encoded_len(&self) -> usize {
        uint64::encoded_len(1, &self.seq_id)
            + uint64::encoded_len(2, &self.log_id)
            + int32::encoded_len(3, &self.service)
            + int32::encoded_len(4, &self.method)
            + message::encoded_len_repeated(5, &self.headers)
            + if self.payload_encoding.is_empty() {
                0
            } else {
                string::encoded_len(6, &self.payload_encoding)
            }
            + if self.payload_type.is_empty() {
                0
            } else {
                string::encoded_len(7, &self.payload_type)
            }
            + if self.payload.is_empty() {
                0
            } else {
                bytes::encoded_len(8, &self.payload)
            }
            + if self.log_id_new.is_empty() {
                0
            } else {
                string::encoded_len(9, &self.log_id_new)
            }
    }

    fn clear(&mut self) {
        *self = Frame::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_matches_the_schema_bytes() {
        let f = Frame {
            seq_id: 1,
            log_id: 2,
            service: 3,
            method: DATA,
            headers: vec![Header {
                key: "type".into(),
                value: "event".into(),
            }],
            payload: b"{}".to_vec(),
            ..Frame::default()
        };
        let bytes = f.encode_to_vec();
        // Field 1 varint 1, field 2 varint 2, field 3 varint 3, field 4 varint 1, then the
        // header as a length-delimited field 5: {1: "type", 2: "event"}, then payload (8).
        assert_eq!(
            bytes,
            [
                8, 1, 16, 2, 24, 3, 32, 1, 42, 13, 10, 4, b't', b'y', b'p', b'e', 18, 5, b'e',
                b'v', b'e', b'n', b't', 66, 2, b'{', b'}'
            ]
        );
        assert_eq!(Frame::decode(bytes.as_slice()).unwrap(), f);
        assert_eq!(f.header("type"), Some("event"));
        assert!(Frame::decode(&[0xff, 0xff][..]).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Arbitrary bytes from the socket are an error or a frame, never a panic; a decoded
        /// frame encodes and decodes to itself.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            if let Ok(f) = Frame::decode(bytes.as_slice()) {
                proptest::prop_assert_eq!(Frame::decode(f.encode_to_vec().as_slice()).unwrap(), f);
            }
        }
    }
}
