//! The task behind a [`super::CardStream`]: it fits the latest text, cuts it into cards, and
//! writes the frames (answer and process element) with the cures of the streaming codes.

use std::sync::Arc;
use std::time::Duration;

use super::cut::{CLOSE_ROOM, fits, room, split_point, table_room};
use super::{Shared, handover, images};
use crate::cardkit::{CardId, EntitySettings};
use crate::{Error, platform};

/// How often the task sends the latest text at most.
const PACE: Duration = Duration::from_millis(100);
/// Attempts for one text before its error is reported (re-arm, interaction, sequence).
const ATTEMPTS: u32 = 5;

/// What the current card shows.
#[derive(Default)]
struct Written {
    /// Bytes of the fitted answer closed into earlier cards.
    base: usize,
    /// The fence the current card opens again, when the last one was cut inside a code block.
    reopen: String,
    /// The answer element's text on the current card.
    answer: String,
    /// The process text's number last written to the current card.
    process: u64,
    /// The text's number last fitted in full: nothing to do until it changes.
    seen: u64,
}

pub(super) async fn run(shared: Arc<Shared>) {
    if let Err(e) = write(&shared).await {
        tracing::error!(card = %shared.current().0, error = %e, "streaming stopped");
        shared.state.send_modify(|s| s.1 = Some(e));
    }
}

async fn write(shared: &Arc<Shared>) -> Result<(), Error> {
    let mut w = Written {
        base: shared.start.0,
        reopen: shared.start.1.clone(),
        ..Written::default()
    };
    let room = room(&shared.template).saturating_sub(CLOSE_ROOM);
    let tables = shared
        .options
        .max_tables
        .map_or(usize::MAX, |n| n.max(1))
        .min(table_room(&shared.template));
    loop {
        let (raw, version, closed, process, process_version) = {
            let slot = shared.lock();
            let process = slot.process.clone();
            (
                slot.text.clone(),
                slot.version,
                slot.closed,
                process,
                slot.process_version,
            )
        };
        // The volatile element first: it is small, and tells the reader what is going on.
        if let (Some(element), Some(p)) = (&shared.options.process, process)
            && process_version != w.process
            && !p.is_empty()
        {
            send(shared, element, &p).await?;
            w.process = process_version;
        }
        if version == w.seen {
            if closed {
                return Ok(());
            }
            shared.wake.notified().await;
            continue;
        }
        // Every frame is the model's whole text so far, fitted (card_validate::fit), and held
        // at the first image still uploading.
        let mut fit = shared.options.fit.clone();
        fit.image_keys.extend(images::keys(shared));
        let fitted = card_validate::fit::fit_markdown(&raw, &fit);
        let held = images::hold(shared, &fitted.unkeyed);
        let mut text = fitted.text;
        if let Some(at) = held {
            text.truncate(at);
        }
        let current = format!("{}{}", w.reopen, text.get(w.base..).unwrap_or_default());
        let end = fits(&current, room, tables);
        if end < current.len() {
            let cut = split_point(&current, end, w.reopen.len());
            let last = format!("{}{}", &current[..cut.at], cut.close(&current));
            rotate(shared, &last).await?;
            w = Written {
                base: w.base + cut.at - w.reopen.len(),
                reopen: cut.reopen.map(|open| open + "\n").unwrap_or_default(),
                seen: w.seen,
                ..Written::default()
            };
            handover::save(shared, &raw, w.base, &w.reopen).await;
            tokio::time::sleep(PACE).await;
            continue;
        }
        // Append-only, a frame is the answer's complete lines while more may come; the last
        // frame is the whole text.
        let whole = closed && held.is_none();
        let frame = if shared.options.append_only && !whole {
            extend(&w.answer, &current)
        } else {
            &current
        };
        let full = frame.len() == current.len() && held.is_none();
        if frame != w.answer && !frame.is_empty() {
            send(shared, &shared.element, frame).await?;
            w.answer = frame.to_owned();
            handover::save(shared, &raw, w.base, &w.reopen).await;
        } else if !full {
            // Nothing new to show until more text (or an upload) comes.
            shared.wake.notified().await;
            continue;
        }
        if full {
            w.seen = version;
            shared.state.send_modify(|s| s.0 = version);
        }
        tokio::time::sleep(PACE).await;
    }
}

/// The frame of an append-only answer: the complete lines of `current` when they extend what
/// the card shows (or when the caller rewrote the text, which starts it over); else the text as
/// it is shown.
fn extend<'a>(shown: &'a str, current: &'a str) -> &'a str {
    let lines = &current[..current.rfind('\n').map_or(0, |i| i + 1)];
    let grows = lines.starts_with(shown) || !current.starts_with(shown);
    if grows && lines.len() >= shown.len() {
        lines
    } else {
        shown
    }
}

/// Closes the current card with `last` as its final text and goes on in a new entity of the same
/// card, sent to the same receiver.
async fn rotate(shared: &Shared, last: &str) -> Result<(), Error> {
    send(shared, &shared.element, last).await?;
    let (card, _) = shared.current();
    drop_process(shared, &card).await?;
    let off = EntitySettings {
        streaming_mode: Some(false),
        summary: None,
    };
    shared.client.card_entity_settings(&card, &off).await?;
    let id = shared.client.create_card_entity(&shared.template).await?;
    let message = shared
        .client
        .send_card_entity(shared.to.clone(), &id)
        .await?;
    tracing::info!(from = %card, to = %id, "the answer goes on in a new card");
    shared
        .cards
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((id, message));
    Ok(())
}

/// Deletes the process element of a card whose answer is complete (its status is over).
pub(super) async fn drop_process(shared: &Shared, card: &CardId) -> Result<(), Error> {
    match &shared.options.process {
        Some(element) => shared.client.delete_element(card, element).await,
        None => Ok(()),
    }
}

/// Writes one text into `element` of the current card, handling the codes that have a cure.
async fn send(shared: &Shared, element: &str, text: &str) -> Result<(), Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (card, _) = shared.current();
        let result = shared.client.stream_text(&card, element, text).await;
        let code = match &result {
            Ok(()) => return Ok(()),
            Err(e) => e.code(),
        };
        if attempt >= ATTEMPTS {
            return result;
        }
        match code {
            // Streaming mode closed itself (its 10 minutes): switch it on again.
            Some(platform::ENTITY_STREAMING_CLOSED | platform::ENTITY_STREAMING_TIMEOUT) => {
                let on = EntitySettings {
                    streaming_mode: Some(true),
                    summary: None,
                };
                shared.client.card_entity_settings(&card, &on).await?;
            }
            // A user is interacting with the card: wait and retry.
            Some(platform::ENTITY_IN_INTERACTION) => {
                tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
            }
            // The sequence fell behind (another writer): the next call takes a higher one.
            Some(platform::ENTITY_SEQUENCE) => {}
            _ => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::extend;

    #[test]
    fn an_append_only_frame_grows_by_whole_lines() {
        // The line being written waits.
        assert_eq!(extend("", "one\ntw"), "one\n");
        assert_eq!(extend("one\n", "one\ntwo <a"), "one\n");
        assert_eq!(extend("one\n", "one\ntwo\nth"), "one\ntwo\n");
        // A text the caller rewrote starts over, by whole lines.
        assert_eq!(extend("one\ntwo\n", "uno\ndos\ntr"), "uno\ndos\n");
    }
}
