//! Parses the markup. Grammar:
//!
//! ```text
//! markup    := element
//! element   := '<' name attribute* '/>' | '<' name attribute* '>' child* '</' name '>'
//! attribute := ('raw:')? name '=' (literal | '{' expr '}')   (raw: a key the spec lacks)
//! child     := element | string-literal | '{' expr '}'
//! name      := identifier (keywords allowed: `type`)
//! ```

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Lit, Token};

use crate::ast::{Attribute, Child, Element, Value};

impl Parse for Element {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.parse::<Token![<]>()?;
        let name = Ident::parse_any(input)?;
        let mut attrs = Vec::new();
        loop {
            if input.peek(Token![/]) {
                input.parse::<Token![/]>()?;
                input.parse::<Token![>]>()?;
                return Ok(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
            if input.peek(Token![>]) {
                input.parse::<Token![>]>()?;
                break;
            }
            if input.is_empty() {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unclosed tag `<{name}>`: expected `>` or `/>`"),
                ));
            }
            let mut attr_name = Ident::parse_any(input).map_err(|e| {
                syn::Error::new(e.span(), "expected an attribute name, `>` or `/>`")
            })?;
            let mut raw = None;
            if attr_name == "raw" && input.peek(Token![:]) && !input.peek(Token![::]) {
                input.parse::<Token![:]>()?;
                raw = Some(attr_name);
                attr_name = Ident::parse_any(input).map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "expected a key after `raw:` (`raw:text_color=\"grey\"`)",
                    )
                })?;
            }
            input.parse::<Token![=]>().map_err(|e| {
                syn::Error::new(e.span(), format!("expected `=` after attribute `{attr_name}`: write `{attr_name}=\"…\"` or `{attr_name}={{expr}}`"))
            })?;
            let value = parse_value(input)?;
            attrs.push(Attribute {
                name: attr_name,
                value,
                raw,
            });
        }
        let mut children = Vec::new();
        loop {
            if input.is_empty() {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unclosed tag `<{name}>`: expected `</{name}>`"),
                ));
            }
            if input.peek(Token![<]) && input.peek2(Token![/]) {
                input.parse::<Token![<]>()?;
                input.parse::<Token![/]>()?;
                let close = Ident::parse_any(input)?;
                input.parse::<Token![>]>()?;
                if close != name {
                    let mut e = syn::Error::new(
                        close.span(),
                        format!("expected `</{name}>`, found `</{close}>`"),
                    );
                    e.combine(syn::Error::new(
                        name.span(),
                        format!("unclosed tag `<{name}>`"),
                    ));
                    return Err(e);
                }
                return Ok(Element {
                    name,
                    attrs,
                    children,
                });
            }
            children.push(input.parse()?);
        }
    }
}

impl Parse for Child {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(Token![<]) {
            return Ok(Child::Element(input.parse()?));
        }
        if input.peek(syn::LitStr) {
            return Ok(Child::Text(input.parse()?));
        }
        if input.peek(syn::token::Brace)
            && let proc_macro2::TokenTree::Group(g) = input.parse::<proc_macro2::TokenTree>()?
        {
            return Ok(Child::Expr(g));
        }
        Err(input.error("expected an element `<…>`, a string literal (text must be quoted: `\"Hello\"`) or `{expr}`"))
    }
}

fn parse_value(input: ParseStream<'_>) -> syn::Result<Value> {
    if input.peek(syn::token::Brace) {
        let tt: proc_macro2::TokenTree = input.parse()?;
        if let proc_macro2::TokenTree::Group(g) = tt {
            return Ok(Value::Expr(g));
        }
    }
    if input.peek(Token![-]) {
        // Negative numbers: `-1` is two tokens.
        let minus: Token![-] = input.parse()?;
        let lit: Lit = input.parse()?;
        let text = format!("-{}", quote::ToTokens::to_token_stream(&lit));
        return match lit {
            Lit::Int(_) => Ok(Value::Lit(Lit::Int(syn::LitInt::new(&text, minus.span)))),
            Lit::Float(_) => Ok(Value::Lit(Lit::Float(syn::LitFloat::new(
                &text, minus.span,
            )))),
            _ => Err(syn::Error::new(minus.span, "expected a number after `-`")),
        };
    }
    input.parse::<Lit>().map(Value::Lit).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a literal (\"text\", 12, true) or `{expr}`",
        )
    })
}
