//! Internal crate of `card-dsl`: the `card!` proc macro. Use `card-dsl`.
//!
//! Placeholder until the macro issue lands; it reads `card_validate::spec` at compile time.
#![forbid(unsafe_code)]
