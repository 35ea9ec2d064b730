use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><interactive_container><interactive_container><interactive_container><interactive_container><interactive_container><interactive_container><markdown>"deep"</markdown></interactive_container></interactive_container></interactive_container></interactive_container></interactive_container></interactive_container></card>
    };
}
