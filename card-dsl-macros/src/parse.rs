//! Parses the markup, recovering from syntax errors as rstml does: a bad attribute, a stray
//! token, a mismatched or missing closing tag is recorded and parsing goes on, so the partial
//! tree is still checked and one build reports syntax and semantic errors together. Grammar:
//!
//! ```text
//! markup    := element
//! element   := '<' name attribute* '/>' | '<' name attribute* '>' child* '</' name '>'
//! attribute := ('raw:')? name '=' (literal | '{' expr '}')   (raw: a key the spec lacks)
//! child     := element | string-literal | '{' expr '}'
//! name      := identifier (keywords allowed: `type`)
//! ```

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Lit, Token};

use crate::ast::{Attribute, Child, Element, Value};

/// The parsed markup: the tree (partial after errors; `None` when not even a tag opened) and
/// every syntax error met on the way.
pub(crate) struct Parsed {
    pub(crate) root: Option<Element>,
    pub(crate) errors: Vec<syn::Error>,
}

/// Parses markup tokens, never failing: errors are collected beside the (partial) tree.
pub(crate) fn markup(tokens: TokenStream) -> Parsed {
    let mut errors = Vec::new();
    let parser = |input: ParseStream<'_>| {
        let root = if input.peek(Token![<]) {
            element(input, &mut errors, &mut Vec::new())
        } else {
            errors.push(input.error("expected markup starting with a tag, such as `<card>`"));
            None
        };
        if root.is_some() && !input.is_empty() {
            errors.push(input.error("unexpected tokens after the closing tag"));
        }
        // Consume the rest so that `parse2` does not add its own error.
        let _ = input.parse::<TokenStream>();
        Ok(root)
    };
    let root = parser.parse2(tokens).unwrap_or_default();
    Parsed { root, errors }
}

/// `<name attr…>children</name>` or `<name attr…/>`; `None` when the tag has no name.
///
/// `open` holds the names of the enclosing tags: a closing tag of one of them ends this element
/// too (reported as unclosed), so `<card><markdown>"x"</card>` reports one error, not two.
fn element(
    input: ParseStream<'_>,
    errors: &mut Vec<syn::Error>,
    open: &mut Vec<String>,
) -> Option<Element> {
    let lt: Token![<] = input.parse().ok()?;
    let name = match Ident::parse_any(input) {
        Ok(n) => n,
        Err(_) => {
            errors.push(syn::Error::new(lt.span, "expected a tag name after `<`"));
            skip_token(input);
            return None;
        }
    };
    let mut attrs = Vec::new();
    loop {
        if input.peek(Token![/]) && input.peek2(Token![>]) {
            let _ = input.parse::<Token![/]>();
            let _ = input.parse::<Token![>]>();
            return Some(Element {
                name,
                attrs,
                children: Vec::new(),
            });
        }
        if input.peek(Token![>]) {
            let _ = input.parse::<Token![>]>();
            break;
        }
        if input.is_empty() || input.peek(Token![<]) {
            errors.push(syn::Error::new(
                name.span(),
                format!("unclosed tag `<{name}>`: expected `>` or `/>`"),
            ));
            // Go on as if the tag were closed here.
            break;
        }
        match attribute(input) {
            Ok(a) => attrs.push(a),
            Err(e) => {
                errors.push(e);
                skip_to_next_attribute(input);
            }
        }
    }
    let mut children = Vec::new();
    loop {
        if input.is_empty() {
            errors.push(syn::Error::new(
                name.span(),
                format!("unclosed tag `<{name}>`: expected `</{name}>`"),
            ));
            break;
        }
        if input.peek(Token![<]) && input.peek2(Token![/]) {
            let ahead = input.fork();
            let _ = ahead.parse::<Token![<]>();
            let _ = ahead.parse::<Token![/]>();
            if let Ok(close) = Ident::parse_any(&ahead)
                && close != name
                && open.iter().any(|o| close == o.as_str())
            {
                // An enclosing tag closes: this one was left open.
                errors.push(syn::Error::new(
                    name.span(),
                    format!("unclosed tag `<{name}>`: expected `</{name}>` before `</{close}>`"),
                ));
                break;
            }
            let _ = input.parse::<Token![<]>();
            let _ = input.parse::<Token![/]>();
            match Ident::parse_any(input) {
                Ok(close) if close == name => {}
                Ok(close) => {
                    let mut e = syn::Error::new(
                        close.span(),
                        format!("expected `</{name}>`, found `</{close}>`"),
                    );
                    e.combine(syn::Error::new(
                        name.span(),
                        format!("unclosed tag `<{name}>`"),
                    ));
                    errors.push(e);
                }
                Err(e) => errors.push(e),
            }
            if input.peek(Token![>]) {
                let _ = input.parse::<Token![>]>();
            } else {
                errors.push(input.error(format!("expected `>` to close `</{name}`")));
            }
            break;
        }
        open.push(name.to_string());
        let next = child(input, errors, open);
        open.pop();
        match next {
            Some(c) => children.push(c),
            None => continue,
        }
    }
    Some(Element {
        name,
        attrs,
        children,
    })
}

/// `name=value`, `raw:name=value`.
fn attribute(input: ParseStream<'_>) -> syn::Result<Attribute> {
    let mut name = Ident::parse_any(input)
        .map_err(|e| syn::Error::new(e.span(), "expected an attribute name, `>` or `/>`"))?;
    let mut raw = None;
    if name == "raw" && input.peek(Token![:]) && !input.peek(Token![::]) {
        input.parse::<Token![:]>()?;
        raw = Some(name);
        name = Ident::parse_any(input).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a key after `raw:` (`raw:text_color=\"grey\"`)",
            )
        })?;
    }
    input.parse::<Token![=]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "expected `=` after attribute `{name}`: write `{name}=\"…\"` or `{name}={{expr}}`"
            ),
        )
    })?;
    let value = parse_value(input)?;
    Ok(Attribute { name, value, raw })
}

/// An element, quoted text or `{expr}`; `None` (error recorded, one token skipped) otherwise.
fn child(
    input: ParseStream<'_>,
    errors: &mut Vec<syn::Error>,
    open: &mut Vec<String>,
) -> Option<Child> {
    if input.peek(Token![<]) {
        return element(input, errors, open).map(Child::Element);
    }
    if input.peek(syn::LitStr) {
        return input.parse().ok().map(Child::Text);
    }
    if input.peek(syn::token::Brace)
        && let Ok(proc_macro2::TokenTree::Group(g)) = input.parse::<proc_macro2::TokenTree>()
    {
        return Some(Child::Expr(g));
    }
    errors.push(input.error(
        "expected an element `<…>`, a string literal (text must be quoted: `\"Hello\"`) or `{expr}`",
    ));
    skip_token(input);
    None
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

/// Skips one token tree (a group counts as one).
fn skip_token(input: ParseStream<'_>) {
    let _ = input.parse::<proc_macro2::TokenTree>();
}

/// After a bad attribute: skip to the next attribute name, `>` or `/>`, or the next tag. At
/// least one token goes when nothing of the attribute was consumed, so parsing always advances.
fn skip_to_next_attribute(input: ParseStream<'_>) {
    let stop = |input: ParseStream<'_>| {
        input.is_empty()
            || input.peek(Token![>])
            || (input.peek(Token![/]) && input.peek2(Token![>]))
            || input.peek(Token![<])
            || (input.peek(Ident::peek_any) && input.peek2(Token![=]))
    };
    if stop(input) {
        return;
    }
    while !stop(input) {
        skip_token(input);
    }
}
