//! The delayed update of a clicked card (`POST /open-apis/interactive/v1/card/update`) with the
//! callback's token: within 30 minutes of the click, at most 2 times, after the answer.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_dsl::Card;
use serde_json::json;

use super::Client;
use crate::Endpoint;
use crate::callback::{Answer, AnswerCard, CardActionEvent};
use crate::error::pre;
use crate::routes::{self};
use crate::transport::Call;
use crate::{ApiError, Error, platform};

impl Client {
    /// Answers a callback within its 3 seconds whatever the handler takes: runs `handler`, and
    /// when it is not done 2.5 s in, answers with `fallback` (a toast you choose) and hands the
    /// handler's card, when it comes, to a delayed update — sent after the deadline, so after the
    /// answer, as the delayed-update page requires. A late handler's failure is logged.
    pub async fn answer_within_deadline<F>(
        &self,
        event: &CardActionEvent,
        fallback: Answer,
        handler: F,
    ) -> Answer
    where
        F: std::future::Future<Output = Answer> + Send + 'static,
    {
        let started = tokio::time::Instant::now();
        let budget = platform::CALLBACK_DEADLINE - ANSWER_MARGIN;
        let mut task = tokio::spawn(handler);
        match tokio::time::timeout(budget, &mut task).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => {
                tracing::error!(error = %e, "the callback handler failed; answered with the fallback");
                fallback
            }
            Err(_) => {
                let client = self.clone();
                let event = event.clone();
                tokio::spawn(async move {
                    let Ok(answer) = task.await else {
                        tracing::error!("the late callback handler failed");
                        return;
                    };
                    // The delayed update goes after the answer: wait out the deadline.
                    tokio::time::sleep_until(started + platform::CALLBACK_DEADLINE).await;
                    let card = match answer.card_value() {
                        Some(AnswerCard::Raw(v)) => Card::from_json(&v.to_string()),
                        _ => return,
                    };
                    let result = match card {
                        Ok(card) => client.delayed_update(&event, &card).await,
                        Err(e) => {
                            tracing::error!(error = %e, "the late answer's card is not a 2.0 card");
                            return;
                        }
                    };
                    if let Err(e) = result {
                        tracing::error!(error = %e, "the late answer's delayed update failed");
                    }
                });
                fallback
            }
        }
    }

    /// Replaces the clicked card for everyone (a shared card) with `card`, using the callback's
    /// token. Call it after the callback was answered: an update sent before the answer can be
    /// reverted by it (the delayed-update page).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] before any request for a card the server would reject, a token more
    /// than 30 minutes after the click (300030) or already used twice (300040); [`Error::Api`]
    /// with the delayed-update page's codes; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn delayed_update(&self, event: &CardActionEvent, card: &Card) -> Result<(), Error> {
        let content = card.to_content();
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::DelayedUpdate))?;
        let clicked = click_time(&event.header.create_time).unwrap_or_else(SystemTime::now);
        // With a shared store, the token's uses are counted across every replica.
        let shared = match &self.config().store {
            Some(store) => Some(
                store
                    .next(
                        &format!("delayed:{}", event.token),
                        platform::CALLBACK_TOKEN_LIFETIME,
                    )
                    .await
                    .map_err(|e| Error::Store(e.0))?,
            ),
            None => None,
        };
        self.inner
            .callback_tokens
            .take(&event.token, clicked, SystemTime::now(), shared)
            .map_err(pre(Endpoint::DelayedUpdate))?;
        let card: serde_json::Value =
            serde_json::from_str(&content).map_err(|e| Error::Decode {
                endpoint: Endpoint::DelayedUpdate,
                message: e.to_string(),
            })?;
        let call = Call {
            body: Some(json!({ "token": event.token, "card": card })),
            ..Call::to(&routes::DELAYED_UPDATE, &[])
        };
        self.inner.transport.run(&call).await?;
        Ok(())
    }
}

/// How long before the platform's 3 s the fallback answer goes out (network and serialization).
const ANSWER_MARGIN: Duration = Duration::from_millis(500);

/// The click's time from the event's `create_time` (microseconds since the epoch).
fn click_time(create_time: &str) -> Option<SystemTime> {
    let micros: u64 = create_time.parse().ok()?;
    Some(UNIX_EPOCH + Duration::from_micros(micros))
}

/// Uses of each callback token this client made, for the local checks.
#[derive(Default)]
pub(crate) struct CallbackTokens(std::sync::Mutex<std::collections::HashMap<String, u32>>);

impl CallbackTokens {
    /// Takes one use of `token` (clicked at `clicked`) at `now`; `shared` is the use's number
    /// counted in the shared store, when there is one (else this client counts).
    fn take(
        &self,
        token: &str,
        clicked: SystemTime,
        now: SystemTime,
        shared: Option<u64>,
    ) -> Result<(), ApiError> {
        let age = now.duration_since(clicked).unwrap_or_default();
        if age > platform::CALLBACK_TOKEN_LIFETIME {
            return Err(ApiError::new(
                platform::CALLBACK_TOKEN_EXPIRED,
                format!(
                    "更新卡片token失效: the click was {} min ago; a token updates the card for 30 min",
                    age.as_secs() / 60
                ),
                None,
            ));
        }
        let mut uses = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = uses.entry(token.to_owned()).or_default();
        let used = shared.map_or(*n, |k| {
            u32::try_from(k.saturating_sub(1)).unwrap_or(u32::MAX)
        });
        if used >= platform::CALLBACK_TOKEN_USES {
            return Err(ApiError::new(
                platform::CALLBACK_TOKEN_USED_UP,
                format!(
                    "更新卡片token使用超过限制次数: this token already updated the card {} times",
                    platform::CALLBACK_TOKEN_USES
                ),
                None,
            ));
        }
        *n += 1;
        Ok(())
    }
}
