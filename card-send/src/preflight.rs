//! Pre-flight: checks a payload with card-validate before any request, so a card the server
//! would reject fails locally with the same typed error (no `log_id`: it never left the process).

use std::time::SystemTime;

use card_dsl::{Card, ChatButtonUpdate, MessageContent};
use card_validate::{Options, PayloadKind, Report};

use crate::{ApiError, platform};

pub use crate::platform::{MAX_EDITS, UPDATE_WINDOW};

/// What pre-flight stops: the validator's options (strict or not), and whether its warnings stop
/// a send too. Warnings that do not stop it are logged through `tracing` either way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// The validator's options.
    pub options: Options,
    /// Treat every warning as an error (off by default: the server takes what they describe).
    pub deny_warnings: bool,
}

/// A card for send or PATCH.
///
/// # Errors
///
/// The server's error (230099 with its sub-error, or 230025) for the first error finding (or the
/// first warning, when the policy denies warnings).
pub fn card(card: &Card, policy: Policy) -> Result<(), ApiError> {
    card_content(&card.to_content(), policy)
}

/// A card content string as sent (a card JSON or a template card).
///
/// # Errors
///
/// The server's error (230099 with its sub-error, or 230025) for the first error finding (or the
/// first warning, when the policy denies warnings).
pub fn card_content(content: &str, policy: Policy) -> Result<(), ApiError> {
    let report = card_validate::validate_str_with(content, policy.options);
    judge(&report, policy.deny_warnings)
}

/// Logs the report's warnings through `tracing` (target `card_send::preflight`), then gives its
/// first error; with `deny_warnings`, a warning stops it too.
///
/// # Errors
///
/// The [`ApiError`] of the first error finding, or of the first warning under `deny_warnings`.
pub fn judge(report: &Report, deny_warnings: bool) -> Result<(), ApiError> {
    for w in report.warnings() {
        tracing::warn!(
            target: "card_send::preflight",
            rule = w.rule().id,
            path = %w.path,
            denied = deny_warnings,
            "{w}"
        );
    }
    first_error(report)?;
    match report.warnings().next() {
        Some(w) if deny_warnings => Err(ApiError::from_finding(w)),
        _ => Ok(()),
    }
}

/// A text or post for the edit API.
///
/// # Errors
///
/// 230001 or 230025 for a text or post the edit API would refuse.
pub fn message(content: &MessageContent) -> Result<(), ApiError> {
    judge(&content.validate(), false)
}

/// A chat_button request body.
///
/// # Errors
///
/// 230001 for a chat_button body outside the documented limits.
pub fn chat_button(request: &ChatButtonUpdate) -> Result<(), ApiError> {
    let value = serde_json::to_value(request)
        .map_err(|e| ApiError::new(platform::INVALID_PARAM, e.to_string(), None))?;
    judge(
        &card_validate::validate_payload(PayloadKind::ChatButton, &value),
        false,
    )
}

/// A PATCH of a message sent at `sent_at`, at `now`.
///
/// # Errors
///
/// 230031 when `now` is more than 14 days after `sent_at`.
pub fn update_window(sent_at: SystemTime, now: SystemTime) -> Result<(), ApiError> {
    match now.duration_since(sent_at) {
        Ok(age) if age > UPDATE_WINDOW => Err(ApiError::new(
            platform::UPDATE_WINDOW_PASSED,
            format!(
                "Message can only be modified within 14 days after sending (sent {} days ago).",
                age.as_secs() / 86_400
            ),
            None,
        )),
        _ => Ok(()),
    }
}

/// An edit of a message already edited `edits` times.
///
/// # Errors
///
/// 230072 when the message was already edited 20 times.
pub fn edit_count(edits: u32) -> Result<(), ApiError> {
    if edits >= MAX_EDITS {
        return Err(ApiError::new(
            platform::EDIT_LIMIT_REACHED,
            format!("The message has reached the number of times it can be edited ({MAX_EDITS})."),
            None,
        ));
    }
    Ok(())
}

/// The first error of a report, as the server would send it (230099 with its sub-error, 230025,
/// or 230001), built from the finding's fields and keeping the whole finding.
///
/// # Errors
///
/// The [`ApiError`] of the first error finding.
pub fn first_error(report: &Report) -> Result<(), ApiError> {
    match report.first_error() {
        Some(d) => Err(ApiError::from_finding(d)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_card_the_server_would_reject_fails_locally_with_the_same_error() {
        let card = card_dsl::card! { <card><markdown>"ok"</markdown></card> };
        assert!(super::card(&card, Policy::default()).is_ok());
        let bad = Card::from_json(
            r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://x/y.png"}]}}"#,
        )
        .unwrap();
        let e = super::card(&bad, Policy::default()).unwrap_err();
        assert_eq!(e.code, 230099);
        let sub = e.card.as_deref().unwrap();
        assert_eq!(sub.err_code, 200570);
        assert_eq!(
            sub.err_path.as_deref(),
            Some("ROOT -> body -> elements -> [0](tag: img)")
        );
        assert_eq!(sub.err_msg, "card contains invalid image keys");
        assert_eq!(e.log_id, None);
        // The whole finding is kept: its rule and help reach the caller.
        let d = e.finding.as_deref().unwrap();
        assert_eq!(d.rule, &card_validate::rules::IMAGE_KEY);
        assert!(e.to_string().contains("help: upload the image"), "{e}");
    }

    #[test]
    fn oversized_content_is_230025() {
        let big = card_dsl::Markdown::new("x".repeat(31 * 1024));
        let card = Card::new().body(card_dsl::Body::new().elements(vec![big.into()]));
        assert_eq!(
            super::card(&card, Policy::default()).unwrap_err().code,
            230025
        );
        let text = MessageContent::text("y".repeat(151 * 1024));
        assert_eq!(message(&text).unwrap_err().code, 230025);
        assert!(message(&MessageContent::text("fine")).is_ok());
    }

    #[test]
    fn chat_button_and_message_state_limits() {
        let request = ChatButtonUpdate::new("oc_1").user_ids(Vec::<String>::new());
        let e = chat_button(&request).unwrap_err();
        assert_eq!(e.code, 230001);
        assert!(e.msg.contains("1 to 20"), "{e}");
        let sent = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert!(update_window(sent, sent + Duration::from_secs(13 * 86_400)).is_ok());
        let e = update_window(sent, sent + Duration::from_secs(15 * 86_400)).unwrap_err();
        assert_eq!(e.code, 230031);
        assert!(!e.is_retryable());
        assert!(edit_count(19).is_ok());
        assert_eq!(edit_count(20).unwrap_err().code, 230072);
    }

    #[test]
    fn the_window_ends_at_exactly_14_days() {
        let sent = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert!(update_window(sent, sent + UPDATE_WINDOW).is_ok());
        let e = update_window(sent, sent + UPDATE_WINDOW + Duration::from_secs(1)).unwrap_err();
        assert!(e.msg.contains("sent 14 days ago"), "{e}");
        // A clock behind the send time is not "too late".
        assert!(update_window(sent, sent - Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn warnings_pass_unless_denied() {
        let text = r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","text_algin":"left"}]}}"#;
        assert!(card_content(text, Policy::default()).is_ok());
        let denied = Policy {
            deny_warnings: true,
            ..Policy::default()
        };
        let e = card_content(text, denied).unwrap_err();
        assert_eq!(
            e.finding.as_deref().map(|d| d.rule),
            Some(&card_validate::rules::UNKNOWN_PROPERTY)
        );
        let strict = Policy {
            options: Options::default().strict(true),
            ..Policy::default()
        };
        assert!(card_content(text, strict).is_err());
        // An error is reported before any warning, denied or not.
        let both = r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","text_algin":"left"},{"tag":"img","img_key":"x"}]}}"#;
        let e = card_content(both, denied).unwrap_err();
        assert_eq!(
            e.finding.as_deref().map(|d| d.rule),
            Some(&card_validate::rules::IMAGE_KEY)
        );
    }
}
