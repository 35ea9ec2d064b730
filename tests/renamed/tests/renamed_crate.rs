//! `card!` and `element!` work when the crate is renamed in Cargo.toml (`cards = { package =
//! "card-dsl" }`): the generated code reaches the runtime through `$crate`, never by name.

#[test]
fn card_macro_works_under_another_crate_name() {
    let item = cards::element! { <hr/> };
    let card = cards::card! {
        <card>
            <header><title>"Renamed"</title></header>
            <markdown>"ok"</markdown>
            {item}
        </card>
    };
    let v = card.to_value();
    assert_eq!(v["header"]["title"]["content"], "Renamed");
    assert_eq!(v["body"]["elements"][1]["tag"], "hr");
    assert!(card.validate().is_ok());
}
