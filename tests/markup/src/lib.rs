//! Every valid 2.0 card of the corpus and of production, printed as `card!` markup by
//! `card_validate::markup` at build time (see build.rs) and compiled here.
#![allow(deprecated)] // historical keys print as compile-time warnings

include!(concat!(env!("OUT_DIR"), "/cards.rs"));
