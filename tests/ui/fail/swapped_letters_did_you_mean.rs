// Did-you-mean counts a swap of two letters as one edit.
use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><button tpye="primary"><text>"x"</text></button></card>
    };
}
