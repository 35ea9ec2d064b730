use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card>
            <button><text>"Open"</text><behaviors><open_url default_url="example.com/d"/></behaviors></button>
        </card>
    };
}
