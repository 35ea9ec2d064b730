//! Internal crate of `card-dsl`: the `card!` proc macro. Use `card_dsl::card!`.
//!
//! A pipeline of four stages, each in its own module:
//! `parse` (markup tokens → `ast`, with recovery: a partial tree and every syntax error),
//! `check` (ast + `card_validate::spec` and its rule layer → the typed `ir` and every error at
//! its span), `codegen` (ir → builder calls on the model; no lookups, no errors). Every error is
//! reported in one build, and the expansion always has the right type.
#![forbid(unsafe_code)]

mod action;
mod ast;
mod check;
mod codegen;
mod ir;
mod parse;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use proc_macro2::{TokenStream as TokenStream2, TokenTree};

/// `card_impl!($crate; <card>…</card>)`: called by `card_dsl::card!`, which passes its `$crate`.
#[doc(hidden)]
#[proc_macro]
pub fn card_impl(input: TokenStream) -> TokenStream {
    expand(input.into()).into()
}

/// `#[derive(CardAction)]`: see `card_dsl::CardAction`.
#[proc_macro_derive(CardAction, attributes(card_action))]
pub fn derive_card_action(input: TokenStream) -> TokenStream {
    action::derive(input.into()).into()
}

/// `element_impl!($crate; <tag …>…</tag>)`: called by `card_dsl::element!`.
#[doc(hidden)]
#[proc_macro]
pub fn element_impl(input: TokenStream) -> TokenStream {
    expand_element(input.into()).into()
}

fn expand_element(input: TokenStream2) -> TokenStream2 {
    let (root, markup) = split_root(input);
    let parsed = parse::markup(markup);
    let mut checker = check::Checker::new(parsed.errors);
    // A partial tree is still checked, so syntax and semantic errors come in one build.
    let value = match &parsed.root {
        Some(el) => checker.element(el),
        None => ir::Value::Missing,
    };
    let codegen = codegen::Codegen::new(root);
    let value = codegen.element(&value);
    if checker.errors.is_empty() {
        if checker.warnings.is_empty() {
            return value;
        }
        let warnings = codegen.warnings(&checker.warnings);
        return quote::quote!({ #warnings #value });
    }
    // The element's type is unknown after an error; `unreachable!()` has every type, and it never
    // runs because the build stops at the errors.
    let errors = checker.errors.iter().map(syn::Error::to_compile_error);
    quote::quote!({ #(#errors)* ::core::unreachable!() })
}

fn split_root(input: TokenStream2) -> (TokenStream2, TokenStream2) {
    let mut tokens = input.into_iter();
    let mut root = TokenStream2::new();
    for tt in tokens.by_ref() {
        if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';') {
            break;
        }
        root.extend([tt]);
    }
    (root, tokens.collect())
}

fn expand(input: TokenStream2) -> TokenStream2 {
    let (root, markup) = split_root(input);
    let parsed = parse::markup(markup);
    let mut checker = check::Checker::new(parsed.errors);
    let card = parsed.root.as_ref().map(|el| checker.card(el));
    if !checker.errors.is_empty() {
        let errors = checker.errors.iter().map(syn::Error::to_compile_error);
        return quote::quote! {{
            #(#errors)*
            #root::Card::new()
        }};
    }
    let codegen = codegen::Codegen::new(root.clone());
    let warnings = codegen.warnings(&checker.warnings);
    match card {
        Some(card) if warnings.is_empty() => codegen.card(&card),
        Some(card) => {
            let card = codegen.card(&card);
            quote::quote!({ #warnings #card })
        }
        None => quote::quote!(#root::Card::new()),
    }
}
