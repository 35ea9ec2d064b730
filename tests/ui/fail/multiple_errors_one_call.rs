use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><note>"a"</note><markdwn>"b"</markdwn><button type="shiny"/><img img_key="xxx"/></card>
    };
}
