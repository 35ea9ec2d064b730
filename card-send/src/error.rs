//! Typed API errors: the code, message and log id the server sent, whether a retry can help, and
//! for 230099 the parsed card-content sub-error.

use std::fmt;
use std::sync::Arc;

use crate::Endpoint;
use crate::platform::{self, Retry};

/// An error response from the open platform (`{"code": …, "msg": …, "error": {"log_id": …}}`),
/// or the same error predicted by pre-flight (then `finding` holds the validator's whole finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The response code (230020, 230099 …).
    pub code: u32,
    /// The server's message.
    pub msg: String,
    /// The request's log id, for Feishu support.
    pub log_id: Option<String>,
    /// For 230099: the card-content sub-error (boxed: errors travel in `Result`s). Parsed from
    /// `msg` for server replies; taken from the finding's fields for pre-flight errors.
    pub card: Option<Box<CardContentError>>,
    /// For pre-flight errors: the validator's finding (rule, evidence, pointer, line and column,
    /// help). `None` for replies from the server.
    pub finding: Option<Box<card_validate::Diagnostic>>,
    /// What the client suspects the cause is, when the reply alone would not say (a chat's name
    /// sent as an id, say).
    pub hint: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.finding {
            // The validator's one voice: `error[230099/200570 image-key]: … (at PATH)`, help.
            Some(d) => write!(f, "{d}"),
            None => {
                write!(f, "{}: {}", self.code, self.msg)?;
                if let Some(l) = &self.log_id {
                    write!(f, " (log_id {l})")?;
                }
                if let Some(h) = &self.hint {
                    write!(f, "; hint: {h}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// Builds an error from a response's fields, parsing the 230099 sub-error.
    pub fn new(code: u32, msg: impl Into<String>, log_id: Option<String>) -> Self {
        let msg = msg.into();
        let card = (code == card_validate::codes::CARD_CONTENT)
            .then(|| CardContentError::parse(&msg))
            .flatten()
            .map(Box::new);
        ApiError {
            code,
            msg,
            log_id,
            card,
            finding: None,
            hint: None,
        }
    }

    /// The error the server would answer for a validator finding, built from the finding's
    /// fields (no text is parsed back); the finding is kept whole, help included.
    pub fn from_finding(d: &card_validate::Diagnostic) -> Self {
        let msg = d.server_message();
        let card = d
            .sub_code
            .filter(|_| d.code == card_validate::codes::CARD_CONTENT)
            .map(|sub| {
                Box::new(CardContentError {
                    err_code: sub,
                    err_path: Some(d.path.clone()),
                    err_msg: card_validate::codes::err_msg(sub)
                        .unwrap_or(&d.message)
                        .to_owned(),
                    error_value: None,
                })
            });
        ApiError {
            code: d.code,
            msg,
            log_id: None,
            card,
            finding: Some(Box::new(d.clone())),
            hint: None,
        }
    }

    /// What a retry can do for this error (unknown codes are not retried).
    pub fn retry(&self) -> Retry {
        platform::lookup(self.code).map_or(Retry::Never, |c| c.retry)
    }

    /// Whether retrying with backoff can help (230020 and the generic rate limit).
    pub fn is_retryable(&self) -> bool {
        self.retry() == Retry::Backoff
    }

    /// Whether the token must be refreshed (then the request is retried once).
    pub fn is_token_invalid(&self) -> bool {
        self.retry() == Retry::RefreshToken
    }

    /// The documented meaning of the code, if it is one the seeds document.
    pub fn description(&self) -> Option<&'static str> {
        platform::lookup(self.code).map(|c| c.text)
    }
}

/// The sub-error of a 230099 reply:
/// `Failed to create card content, ext=ErrCode: <sub>; [ErrPath: <path>; ]ErrMsg: <text>; [ErrorValue: <value>; ]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardContentError {
    /// The sub-code (200621, 200861, 11310 …).
    pub err_code: u32,
    /// `ROOT -> body -> elements -> [1](tag: action)`, when the server gives one.
    pub err_path: Option<String>,
    /// The sub-error message.
    pub err_msg: String,
    /// The offending value, when given (it can span lines and contain `;`).
    pub error_value: Option<String>,
}

impl CardContentError {
    /// Parses the `ext=` part of a 230099 message; `None` when it has no `ErrCode`.
    pub fn parse(msg: &str) -> Option<Self> {
        let after = |label: &str| msg.find(label).map(|i| msg[i + label.len()..].trim_start());
        let err_code = after("ErrCode:")?
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()?;
        // ErrPath and ErrMsg end at the next `;`; ErrorValue runs to the end (it may hold `;`),
        // minus the trailing `; ` and a `code:230099` suffix some replies add.
        let field = |label: &str| {
            after(label).map(|rest| rest.split(';').next().unwrap_or("").trim().to_owned())
        };
        let err_path = field("ErrPath:").filter(|p| !p.is_empty());
        let err_msg = field("ErrMsg:").unwrap_or_default();
        let error_value = after("ErrorValue:").map(|rest| {
            let mut v = rest.trim_end();
            if let Some(i) = v.rfind("; code:") {
                v = &v[..i];
            }
            v.trim_end_matches(|c: char| c == ';' || c.is_whitespace())
                .to_owned()
        });
        Some(CardContentError {
            err_code,
            err_path,
            err_msg,
            error_value,
        })
    }
}

/// Everything a call can fail with. Cheap to clone (transport causes are shared), so the
/// coalescing handle can hand the same error to every waiter.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-zero code.
    #[error("{endpoint}: {error}")]
    Api {
        /// The call that failed.
        endpoint: Endpoint,
        /// Code, message, log id and (230099) the card sub-error.
        error: ApiError,
    },
    /// Not sent: pre-flight found what the server would reject, with the code it would send.
    #[error("{endpoint}: not sent, the server would reject it: {error}")]
    Preflight {
        /// The call that was not made.
        endpoint: Endpoint,
        /// The error the server would have sent (no `log_id`).
        error: ApiError,
    },
    /// The request did not complete: connection refused or dropped, timeout, unreadable body.
    #[error("{endpoint}: {kind}: {source}")]
    Transport {
        /// The call that failed.
        endpoint: Endpoint,
        /// What went wrong, in a word.
        kind: TransportKind,
        /// The HTTP client's error (its URL holds no secret: tokens travel in a header).
        source: Arc<reqwest::Error>,
    },
    /// An HTTP error without the platform's JSON envelope (a proxy's 502, say).
    #[error("{endpoint}: HTTP {status}: {body}")]
    Http {
        /// The call that failed.
        endpoint: Endpoint,
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// A success envelope whose `data` does not have the documented shape.
    #[error("{endpoint}: unexpected response: {message}")]
    Decode {
        /// The call that failed.
        endpoint: Endpoint,
        /// What did not match.
        message: String,
    },
    /// A retryable failure that lasted through every attempt the retry policy allows.
    #[error("gave up after {attempts} attempts; last error: {last}")]
    RetriesExhausted {
        /// Requests made.
        attempts: u32,
        /// The last failure.
        last: Box<Error>,
    },
    /// The client is misconfigured (missing app id, bad base URL …).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The state shared with other replicas ([`crate::ClientBuilder::store`]) could not be
    /// reached, or a card's turn was not had in time: the request was not sent.
    #[error("shared store: {0}")]
    Store(String),
}

/// The kinds of [`Error::Transport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No answer within the request timeout.
    Timeout,
    /// Could not connect.
    Connect,
    /// The connection closed before a full answer arrived.
    Dropped,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Timeout => "timed out",
            TransportKind::Connect => "could not connect",
            TransportKind::Dropped => "connection dropped",
        })
    }
}

/// Turns a pre-flight finding into this crate's error for `endpoint`.
pub(crate) fn pre(endpoint: Endpoint) -> impl Fn(crate::ApiError) -> Error {
    move |error| Error::Preflight { endpoint, error }
}

impl Error {
    /// The same error with `hint` on its [`ApiError`] (a reply from the server).
    pub(crate) fn with_hint(mut self, hint: impl FnOnce(&ApiError) -> Option<String>) -> Self {
        if let Error::Api { error, .. } = &mut self {
            error.hint = hint(error);
        }
        self
    }

    /// The server's (or pre-flight's) typed error, if this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api { error, .. } | Error::Preflight { error, .. } => Some(error),
            Error::RetriesExhausted { last, .. } => last.api(),
            _ => None,
        }
    }

    /// The platform code (230020, 230099 …), if there is one.
    pub fn code(&self) -> Option<u32> {
        self.api().map(|e| e.code)
    }

    /// Whether the same request can succeed later. Retries are already done by the client
    /// (bounded); this is for callers that queue work of their own.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api { error, .. } => error.retry() != Retry::Never,
            Error::Transport { .. } | Error::RetriesExhausted { .. } | Error::Store(_) => true,
            Error::Http { status, .. } => *status >= 500 || *status == 429,
            Error::Preflight { .. } | Error::Decode { .. } | Error::Config(_) => false,
        }
    }

    /// Whether this came from pre-flight (nothing was sent).
    pub fn is_preflight(&self) -> bool {
        matches!(self, Error::Preflight { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_200550_reply() {
        let msg = "Failed to create card content, ext=ErrCode: 200550; ErrPath: ROOT -> elements -> [2](tag: chart); ErrMsg: chart spec is invalid; ErrorValue: - (root): Must validate at least one schema (anyOf)\n- axes: Invalid type. Expected: array, given: null\n; ";
        let e = ApiError::new(
            230099,
            msg,
            Some("202409131613579778D691D6E05516DE2D".into()),
        );
        let c = e.card.as_ref().unwrap();
        assert_eq!(c.err_code, 200550);
        assert_eq!(
            c.err_path.as_deref(),
            Some("ROOT -> elements -> [2](tag: chart)")
        );
        assert_eq!(c.err_msg, "chart spec is invalid");
        assert_eq!(
            c.error_value.as_deref(),
            Some(
                "- (root): Must validate at least one schema (anyOf)\n- axes: Invalid type. Expected: array, given: null"
            )
        );
        assert!(!e.is_retryable());
        assert_eq!(
            e.to_string(),
            format!("230099: {msg} (log_id 202409131613579778D691D6E05516DE2D)")
        );
    }

    #[test]
    fn parses_variants_without_path_or_value() {
        let c = CardContentError::parse("Failed to create card content, ext=ErrCode: 11310; ErrMsg: element exceeds the limit; code:230099").unwrap();
        assert_eq!(
            (c.err_code, c.err_path, c.err_msg.as_str(), c.error_value),
            (11310, None, "element exceeds the limit", None)
        );
        let c = CardContentError::parse("Failed to create card content, ext=ErrCode: 200861; ErrPath: ROOT -> body -> elements -> [1](tag: action); ErrMsg: cards of schema V2 no longer support this capability; ErrorValue: unsupported tag action; ").unwrap();
        assert_eq!(c.err_code, 200861);
        assert_eq!(
            c.err_path.as_deref(),
            Some("ROOT -> body -> elements -> [1](tag: action)")
        );
        assert_eq!(c.error_value.as_deref(), Some("unsupported tag action"));
        assert!(CardContentError::parse("no ext here").is_none());
    }

    #[test]
    fn retry_classification() {
        let e = |code| ApiError::new(code, "x", None);
        assert!(
            e(230020).is_retryable(),
            "230020 is the frequency limit, not a terminal error"
        );
        for terminal in [
            230031, 230011, 230110, 232009, 230072, 230071, 230025, 230099,
        ] {
            assert!(!e(terminal).is_retryable(), "{terminal}");
            assert!(!e(terminal).is_token_invalid(), "{terminal}");
        }
        for token in [99991663, 99991661, 99991668] {
            assert!(e(token).is_token_invalid(), "{token}");
        }
        assert_eq!(e(123).retry(), Retry::Never);
        // Every code the seeds document is in the table.
        for code in [
            230001, 230002, 230006, 230011, 230013, 230018, 230020, 230022, 230025, 230027, 230028,
            230031, 230035, 230038, 230050, 230054, 230055, 230071, 230072, 230073, 230074, 230075,
            230099, 230110, 232009,
        ] {
            assert!(e(code).description().is_some(), "{code}");
        }
    }
}
