//! The quickstart's cards, shared with the `preview_quickstart` example that draws them.

use card_dsl::{Card, HeaderTemplate, card};

/// The answer the quickstart streams.
pub const ANSWER: &str = "Card JSON 2.0 puts every component under body.elements, drops the 1.0 note and action \
    tags, and requires update_multi to be true, so a card can be updated for everyone who received \
    it. card-send keeps to the platform's limits while it streams: at most five updates a second \
    to one message, fifty a second and a thousand a minute for the app, and only the latest \
    version of a card is ever sent.";

/// The answer card with its first `shown` words; green when `done`.
pub fn answer_card(words: &[&str], shown: usize, done: bool) -> Card {
    let text = words[..shown].join(" ");
    let status = if done { "answered" } else { "typing…" };
    let template = if done {
        HeaderTemplate::Green
    } else {
        HeaderTemplate::Blue
    };
    card! {
        <card>
            <header template={template}>
                <title>"What changed in card JSON 2.0?"</title>
                <subtitle>{format!("{status} · {shown}/{} words", words.len())}</subtitle>
            </header>
            <markdown>{text}</markdown>
            <hr/>
            <markdown text_size="notation">"streamed by card-send"</markdown>
        </card>
    }
}

/// The card an answer is streamed into (a CardKit entity; `answer` is the streamed element).
pub fn streaming_card() -> Card {
    card! {
        <card>
            <header template="blue"><title>"Streaming answer"</title></header>
            <markdown element_id="answer">"…"</markdown>
        </card>
    }
}

/// A card pre-flight refuses: an image given by URL instead of an uploaded image key.
pub const BAD_CARD: &str = r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://example.com/cat.png"}]}}"#;
