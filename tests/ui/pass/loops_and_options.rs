use card_dsl::card;

fn main() {
    let items = vec!["a", "b"];
    let maybe: Option<card_dsl::Hr> = None;
    let card: card_dsl::Card = card! {
        <card>
            {items.iter().map(|s| card_dsl::Markdown::new(*s))}
            {maybe}
            <column_set><column><markdown>"x"</markdown></column></column_set>
        </card>
    };
    assert_eq!(card.to_value()["body"]["elements"].as_array().unwrap().len(), 3);
}
