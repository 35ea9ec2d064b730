//! Internal crate of `card-dsl`: the `card!` proc macro. Use `card_dsl::card!`.
//!
//! The markup is parsed with recovery (`parse`: a partial tree and every syntax error), checked
//! against `card_validate::spec` and its rule layer and lowered to card-dsl builder calls
//! (`lower`). Every error is reported in one build at its span, and the expansion
//! always has type `card_dsl::Card`.
#![forbid(unsafe_code)]

mod ast;
mod lower;
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

/// `element_impl!($crate; <tag …>…</tag>)`: called by `card_dsl::element!`.
#[doc(hidden)]
#[proc_macro]
pub fn element_impl(input: TokenStream) -> TokenStream {
    expand_element(input.into()).into()
}

fn expand_element(input: TokenStream2) -> TokenStream2 {
    let (root, markup) = split_root(input);
    let mut lower = lower::Lower::new(root);
    let parsed = parse::markup(markup);
    lower.errors.extend(parsed.errors);
    // A partial tree is still checked, so syntax and semantic errors come in one build.
    let value = match &parsed.root {
        Some(el) => lower.element(el),
        None => quote::quote!(::core::unreachable!()),
    };
    if lower.errors.is_empty() {
        return value;
    }
    // The element's type is unknown after an error; `unreachable!()` has every type, and it never
    // runs because the build stops at the errors.
    let errors = lower.errors.iter().map(syn::Error::to_compile_error);
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
    let mut lower = lower::Lower::new(root.clone());
    let parsed = parse::markup(markup);
    lower.errors.extend(parsed.errors);
    // A partial tree is still checked, so syntax and semantic errors come in one build.
    let value = match &parsed.root {
        Some(el) => lower.card(el),
        None => quote::quote!(#root::Card::new()),
    };
    if lower.errors.is_empty() {
        return value;
    }
    let errors = lower.errors.iter().map(syn::Error::to_compile_error);
    quote::quote! {{
        #(#errors)*
        #root::Card::new()
    }}
}
