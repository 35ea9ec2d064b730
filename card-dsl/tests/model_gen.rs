//! The model generator (`build/`, run by build.rs), tested piece by piece: what build.rs wrote
//! is what the generator makes, enums open and closed, dimension parsing order, constructors in
//! the model ABI's order, and the `Element` enum covering every list component.

#[allow(dead_code)]
#[path = "../build/mod.rs"]
mod model;

use card_validate::spec::{self, Severity, abi};
use syn::{ImplItem, Item};

fn file(tokens: proc_macro2::TokenStream) -> syn::File {
    syn::parse2(tokens).expect("the generator emits Rust items")
}

/// The parameter names of `Type::new` in generated items.
fn new_params(f: &syn::File) -> Vec<String> {
    f.items
        .iter()
        .filter_map(|i| match i {
            Item::Impl(imp) if imp.trait_.is_none() => Some(imp),
            _ => None,
        })
        .flat_map(|imp| imp.items.iter())
        .find_map(|i| match i {
            ImplItem::Fn(f) if f.sig.ident == "new" => Some(&f.sig),
            _ => None,
        })
        .expect("a `new`")
        .inputs
        .iter()
        .map(|arg| match arg {
            syn::FnArg::Typed(p) => {
                let pat = &p.pat;
                quote::quote!(#pat).to_string()
            }
            syn::FnArg::Receiver(_) => "self".to_owned(),
        })
        .collect()
}

#[test]
fn build_rs_wrote_what_the_generator_generates() {
    let written = include_str!(concat!(env!("OUT_DIR"), "/model.rs"));
    assert_eq!(written, model::generate());
    assert!(written.starts_with("// @generated"));
}

#[test]
fn an_open_enum_keeps_other_values_and_a_closed_one_refuses_them() {
    let open = spec::all_enums()
        .into_iter()
        .find(|e| e.unknown == Severity::Warning)
        .expect("an open enum");
    let text = model::pretty(model::string_enum(open));
    assert!(text.contains("Other(String)"), "{text}");
    assert!(
        text.contains("other => Self::Other(other.to_owned())"),
        "{text}"
    );

    let closed = spec::all_enums()
        .into_iter()
        .find(|e| e.unknown == Severity::Error)
        .expect("a closed enum");
    let text = model::pretty(model::string_enum(closed));
    assert!(!text.contains("Other(String)"), "{text}");
    assert!(text.contains("crate::UnknownValue::new("), "{text}");
    for v in closed.values {
        assert!(text.contains(&format!("{v:?} => Self::")), "{v}: {text}");
    }
}

#[test]
fn a_dimension_tries_pixels_before_a_size_pair_and_keeps_odd_spellings() {
    let d = &spec::IMG_SIZE;
    let text = model::pretty(model::dim(d));
    let px = text.find("literal::px(other)").expect("px parsing");
    let pair = text
        .find("literal::pair(other)")
        .expect("size pair parsing");
    assert!(px < pair, "{text}");
    assert!(text.contains("if v.to_json_string() == s"), "{text}");
}

#[test]
fn constructors_take_the_required_attributes_in_the_model_abis_order() {
    for c in spec::COMPONENTS.iter() {
        let f = file(model::component(c));
        let attrs = abi::component_attrs(c);
        let want: Vec<String> = abi::ctor_params(attrs.iter().copied())
            .iter()
            .map(|a| spec::naming::field_name(a.name))
            .collect();
        assert_eq!(new_params(&f), want, "<{}>", c.tag);
    }
}

#[test]
fn every_component_outside_columns_is_an_element_variant() {
    let f = file(model::element());
    let Some(Item::Enum(e)) = f.items.first() else {
        panic!("`Element` comes first")
    };
    let variants: Vec<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
    for c in spec::COMPONENTS.iter() {
        let name = spec::naming::type_name(c.tag);
        let listed = variants.contains(&name);
        assert_eq!(
            listed,
            c.placement != spec::Placement::Columns,
            "<{}> as `Element::{name}`",
            c.tag
        );
    }
    assert_eq!(variants.last().map(String::as_str), Some("Raw"));
}
