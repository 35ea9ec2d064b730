//! JSON for the validator: a borrowed tree with byte offsets ([`tree`]) and the parser that
//! builds it from text ([`parser`]).
//!
//! `validate_str` parses text straight into the tree: strings and keys borrow from the text (only
//! escaped ones are copied), objects are vectors in document order, and every node knows where it
//! starts, so findings get their line and column without a second pass. `validate` borrows the
//! same tree from a `serde_json::Value` (without positions). The parser accepts exactly RFC 8259
//! JSON, as `serde_json::from_str` does (same recursion limit); a test and the fuzz target check
//! that the two agree.

mod parser;
mod tree;

pub(crate) use parser::parse;
pub(crate) use tree::{NO_POS, Node, Obj, V};
