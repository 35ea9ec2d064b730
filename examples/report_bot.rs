//! A report bot as a real one is written: a card built from data (columns, select options and a
//! typed table, all from loops), an uploaded image used by its key, progress streamed into the
//! card, a reply in a thread, and a clean exit with every card delivered (`Client::close`).
//!
//! Runs against an embedded emulator by default (and checks there that every card arrived); with
//! `FEISHU_APP_ID`, `FEISHU_APP_SECRET` and `FEISHU_CHAT_ID` set, against Feishu.
//!
//! `cargo run --example report_bot`

use std::process::ExitCode;

use card_dsl::table::{TableBuilder, cell};
use card_dsl::{Card, HeaderTemplate, ImgKey, MessageContent, card, element};
use card_emulator::Emulator;
use card_send::{Client, ClientBuilder, MessageId};

mod common;

/// A 1 × 1 PNG, the bot's logo.
const LOGO_PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// One region's week.
struct Sales {
    region: &'static str,
    revenue: f64,
    deals: i64,
}

const WEEK: [Sales; 3] = [
    Sales {
        region: "North",
        revenue: 1250.5,
        deals: 12,
    },
    Sales {
        region: "South",
        revenue: 980.0,
        deals: 7,
    },
    Sales {
        region: "East",
        revenue: 640.25,
        deals: 4,
    },
];

/// The report after `checked` of the regions were reviewed.
fn report(logo: &ImgKey, checked: usize) -> Result<Card, Box<dyn std::error::Error>> {
    let mut table = TableBuilder::new();
    let region = table.column::<cell::Text>("region", "Region");
    let revenue = table.column::<cell::Number>("revenue", "Revenue");
    let deals = table.column::<cell::Number>("deals", "Deals");
    for s in &WEEK {
        table
            .row()
            .set(&region, s.region)
            .set(&revenue, s.revenue)
            .set(&deals, s.deals);
    }
    let data = table.data().map_err(|e| format!("{e:?}"))?;
    let done = checked == WEEK.len();
    let template = if done {
        HeaderTemplate::Green
    } else {
        HeaderTemplate::Blue
    };
    Ok(card! {
        <card>
            <header template={template}>
                <title>"Weekly sales"</title>
                <subtitle>{format!("reviewed {checked}/{} regions", WEEK.len())}</subtitle>
            </header>
            <column_set flex_mode="bisect">
                {WEEK.iter().map(|s| element! {
                    <column>
                        <markdown>{format!("**{}**\n{:.0} · {} deals", s.region, s.revenue, s.deals)}</markdown>
                    </column>
                })}
            </column_set>
            <img img_key={logo.clone()} scale_type="crop_center"/>
            <table page_size=5>{data}</table>
            <form name="follow_up">
                <select_static name="region">
                    <placeholder>"Region to review"</placeholder>
                    <options>
                        {WEEK.iter().map(|s| element! {
                            <select_option value={s.region.to_lowercase()}><text>{s.region}</text></select_option>
                        })}
                    </options>
                </select_static>
                <button name="review" type="primary" form_action_type="submit"><text>"Review"</text></button>
            </form>
        </card>
    })
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Feishu when FEISHU_APP_ID, FEISHU_APP_SECRET (FEISHU_BASE_URL for Lark) and FEISHU_CHAT_ID
    // are set; else an emulator embedded in this process, kept to check what arrived.
    let chat = std::env::var("FEISHU_CHAT_ID")
        .ok()
        .filter(|c| !c.is_empty());
    let (client, chat_id, emulator) = match (ClientBuilder::from_env(), chat) {
        (Some(feishu), Some(chat_id)) => (feishu.build()?, chat_id, None),
        _ => {
            let emu = Emulator::start().await?;
            let client = Client::builder().against(&emu).build()?;
            (client, emu.chat_id().to_owned(), Some(emu))
        }
    };

    // 1. Upload the logo; the key goes into the card.
    let logo = client.upload_image(&LOGO_PNG).await?;
    println!("1. uploaded the logo: {logo}");

    // 2. Send the report built from data.
    let id = client
        .send_card(chat_id.as_str(), &report(&logo, 0)?)
        .await?;
    println!("2. sent the report {id}");

    // 3. Stream progress into it, then drop the handle without flushing: close() below still
    //    delivers the final card.
    let updates = client.card_updates(id.clone());
    for checked in 1..=WEEK.len() {
        updates.set(report(&logo, checked)?)?;
    }
    println!(
        "3. set {} versions; dropping the handle",
        updates.set_count()
    );
    drop(updates);

    // 4. Reply in a thread, then answer inside it.
    let thread = client
        .reply_message(
            &id,
            &MessageContent::text("Details for each region below."),
            true,
        )
        .await?;
    let north = card! { <card><markdown>"**North** led with 12 deals."</markdown></card> };
    let inside = client
        .reply_card(&MessageId::new(thread.message_id.clone()), &north, false)
        .await?;
    println!(
        "4. replied in thread {}",
        inside.thread_id.as_deref().unwrap_or("(none)")
    );

    // 5. A clean exit: every pending card is delivered before the process ends.
    client.close().await?;
    println!("5. closed: every card delivered");

    if let Some(emu) = &emulator {
        let final_card = report(&logo, WEEK.len())?.to_content();
        let stored = emu.message(&id).ok_or("the emulator lost the report")?;
        if stored.content != final_card {
            return Err("the final report was not delivered".into());
        }
        if emu.image(logo.as_str()).as_deref() != Some(LOGO_PNG.as_slice()) {
            return Err("the emulator does not hold the uploaded logo".into());
        }
        let in_thread = emu.message(&inside.message_id).and_then(|m| m.thread_id);
        if in_thread.is_none() || in_thread != thread.thread_id {
            return Err("the answer is not in the reply's thread".into());
        }
        println!(
            "emulator: the report holds its final version after {} update(s); the logo and both replies are stored",
            stored.updates
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}
