//! `#[derive(CardAction)]`: names a bot's own type as a card action, so a button's value and the
//! handler that receives it are one Rust type (see `card_dsl::CardAction`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, LitStr};

/// Expands the derive: `impl CardAction for T { const NAME = …; }`, the name from
/// `#[card_action(name = "…")]` or the type's name in snake_case; `crate = "…"` names the path
/// to card-dsl when it is re-exported (`crate = "card_send::dsl"`).
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut name = None;
    let mut krate: syn::Path = syn::parse_quote!(::card_dsl);
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("card_action"))
    {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().is_empty() {
                    return Err(syn::Error::new(
                        lit.span(),
                        "a card action's name is not empty",
                    ));
                }
                name = Some(lit);
                Ok(())
            } else if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                krate = lit.parse()?;
                Ok(())
            } else {
                Err(meta.error("expected `name = \"…\"` or `crate = \"…\"`"))
            }
        });
        if let Err(e) = parsed {
            return e.to_compile_error();
        }
    }
    let ident = &input.ident;
    let name = name.unwrap_or_else(|| LitStr::new(&snake_case(&ident.to_string()), ident.span()));
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #krate::CardAction for #ident #ty_generics #where_clause {
            const NAME: &'static str = #name;
        }
    }
}

/// `LeaveDecision` → `leave_decision`, `HTTPRetry` → `http_retry`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.trim_start_matches("r#").chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn names_in_snake_case() {
        assert_eq!(snake_case("Decision"), "decision");
        assert_eq!(snake_case("LeaveDecision"), "leave_decision");
        assert_eq!(snake_case("HTTPRetry"), "http_retry");
        assert_eq!(snake_case("Stop2Run"), "stop2_run");
    }

    #[test]
    fn name_attribute_and_default() {
        let out = super::derive(quote::quote!(
            #[card_action(name = "approve")]
            enum Decision {
                A,
            }
        ));
        assert!(out.to_string().contains("\"approve\""), "{out}");
        let out = super::derive(quote::quote!(
            struct StopRun;
        ));
        assert!(out.to_string().contains("\"stop_run\""), "{out}");
        let out = super::derive(quote::quote!(
            #[card_action(nmae = "x")]
            struct S;
        ));
        assert!(out.to_string().contains("expected `name"), "{out}");
    }
}
