// A card action on a button, by value and by variable; the same type routed by `Actions`.
use card_dsl::CardAction;

#[derive(serde::Serialize, serde::Deserialize, CardAction)]
#[serde(tag = "decision")]
enum Decision {
    Approve { request: u64 },
}

fn main() {
    let d = Decision::Approve { request: 2 };
    let card = card_dsl::card! {
        <card>
            <button><text>"A"</text><behaviors><callback action={Decision::Approve { request: 1 }}/></behaviors></button>
            <button><text>"B"</text><behaviors><callback action={d}/></behaviors></button>
        </card>
    };
    let v = card.to_value();
    assert_eq!(v["body"]["elements"][1]["behaviors"][0]["value"]["data"]["request"], 2);
    assert!(matches!(d, Decision::Approve { request: 2 }), "borrowed, not moved");
    let actions = card_callback::Actions::new().on(|d: Decision, _| async move {
        let Decision::Approve { request } = d;
        card_callback::Answer::new().toast(card_callback::Toast::info(request.to_string()))
    });
    assert_eq!(actions.names(), ["decision"]);
}
