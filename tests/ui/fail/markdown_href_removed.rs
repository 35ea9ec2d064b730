use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><markdown href={()}>"x"</markdown></card>
    };
}
