//! Receiving a callback request: decrypt, verify (signature, token, timestamp window, replays)
//! and parse, framework-free; the `axum` feature adds a handler on top.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::event::card_action;
use super::{CallbackError, CardActionEvent, crypto};
use card_platform::Secret;
use card_store::{MemoryStore, Store};

/// The headers the signature needs (`X-Lark-Request-Timestamp`, `X-Lark-Request-Nonce`,
/// `X-Lark-Signature`); absent ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers {
    /// `X-Lark-Request-Timestamp` (seconds since the epoch).
    pub timestamp: Option<String>,
    /// `X-Lark-Request-Nonce`.
    pub nonce: Option<String>,
    /// `X-Lark-Signature`.
    pub signature: Option<String>,
}

impl Headers {
    /// Reads them from any header lookup (case-insensitive names are the caller's concern).
    pub fn from_fn<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        Headers {
            timestamp: get("x-lark-request-timestamp").map(str::to_owned),
            nonce: get("x-lark-request-nonce").map(str::to_owned),
            signature: get("x-lark-signature").map(str::to_owned),
        }
    }
}

/// A verified callback request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Callback {
    /// The URL check: answer HTTP 200 with this JSON body (`{"challenge": …}`).
    Challenge(Value),
    /// A card interaction.
    CardAction(Box<CardActionEvent>),
    /// Another event type, verified, as JSON.
    Other(Value),
}

impl Callback {
    /// The event's `event_id` (`header.event_id`, or a 1.0 event's `uuid`): the key that
    /// de-duplicates deliveries.
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Callback::Challenge(_) => None,
            Callback::CardAction(e) => Some(e.header.event_id.as_str()),
            Callback::Other(v) => v
                .pointer("/header/event_id")
                .or_else(|| v.get("uuid"))
                .and_then(Value::as_str),
        }
        .filter(|id| !id.is_empty())
    }
}

/// Verifies and parses callback requests for one app.
pub struct Verifier {
    encrypt_key: Option<Secret>,
    verification_token: Option<Secret>,
    window: Duration,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
    store: Arc<dyn Store>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("encrypt_key", &self.encrypt_key.as_ref().map(|_| "***"))
            .field(
                "verification_token",
                &self.verification_token.as_ref().map(|_| "***"),
            )
            .field("window", &self.window)
            .field("store", &self.store)
            .finish()
    }
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new(None, None)
    }
}

/// How many event ids are remembered against replays.
const REMEMBERED: usize = 10_000;

impl Verifier {
    /// A verifier of the app's callbacks with nothing set yet: give it the app's
    /// [`Verifier::encrypt_key`] and/or [`Verifier::verification_token`] (with neither,
    /// requests are not authenticated). The timestamp window is 5 minutes.
    ///
    /// ```
    /// use card_callback::Verifier;
    /// let verifier = Verifier::default()
    ///     .encrypt_key("the app's Encrypt Key")
    ///     .verification_token("the app's Verification Token");
    /// ```
    pub fn encrypt_key(mut self, key: impl Into<Secret>) -> Self {
        self.encrypt_key = Some(key.into());
        self
    }

    /// Checks each request's `token` against the app's Verification Token.
    pub fn verification_token(mut self, token: impl Into<Secret>) -> Self {
        self.verification_token = Some(token.into());
        self
    }

    /// A verifier with the app's Encrypt Key and Verification Token as options (either may be
    /// absent when the app has none configured); the named setters on
    /// [`Verifier::default`] read better at the call site.
    pub fn new(encrypt_key: Option<Secret>, verification_token: Option<Secret>) -> Self {
        Verifier {
            encrypt_key,
            verification_token,
            window: Duration::from_secs(300),
            seen: Mutex::new((HashSet::new(), VecDeque::new())),
            store: Arc::new(MemoryStore::new()),
        }
    }

    /// Where the router and the long connection claim each event before its handler runs
    /// (see [`crate::claim`]): in this process by default; a `card_store::RedisStore` shared by
    /// every replica makes them handle each event once between them.
    pub fn store(mut self, store: Arc<dyn Store>) -> Self {
        self.store = store;
        self
    }

    /// The store events are claimed in.
    pub fn shared_store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Sets how far a request's timestamp may be from now.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Verifies and parses one request at the current time.
    ///
    /// # Errors
    ///
    /// As [`Verifier::receive_at`].
    pub fn receive(&self, headers: &Headers, body: &[u8]) -> Result<Callback, CallbackError> {
        self.receive_at(headers, body, SystemTime::now())
    }

    /// Verifies and parses one request at `now`: decrypts an `encrypt` body, answers the URL
    /// check, checks the signature (when an Encrypt Key is set), the timestamp window, the
    /// verification token and replays, then parses the event.
    ///
    /// # Errors
    ///
    /// [`CallbackError::Json`] for a body that is not JSON (line and column);
    /// [`CallbackError::NoEncryptKey`] / [`CallbackError::Decrypt`] for an encrypted body that
    /// cannot be read; [`CallbackError::MissingHeader`], [`CallbackError::BadSignature`],
    /// [`CallbackError::StaleTimestamp`] for a request that is not signed right;
    /// [`CallbackError::BadToken`] for another app's token; [`CallbackError::Replay`] for an event
    /// seen before; [`CallbackError::Shape`] for an event without the documented fields.
    pub fn receive_at(
        &self,
        headers: &Headers,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Callback, CallbackError> {
        self.verify(headers, body, now, true)
    }

    /// [`Verifier::receive_at`]; the in-process replay check only when `remember` (the router
    /// and the long connection claim each event in the store instead, [`crate::claim`]).
    pub(crate) fn verify(
        &self,
        headers: &Headers,
        body: &[u8],
        now: SystemTime,
        remember: bool,
    ) -> Result<Callback, CallbackError> {
        let outer = json(body)?;
        let v = match outer.get("encrypt").and_then(Value::as_str) {
            Some(enc) => {
                let key = self
                    .encrypt_key
                    .as_ref()
                    .ok_or(CallbackError::NoEncryptKey)?;
                json(crypto::decrypt(key.expose(), enc)?.as_bytes())?
            }
            None => outer,
        };
        // The URL check carries no signature; its token (and decrypting it) proves the sender.
        if v.get("type").and_then(Value::as_str) == Some("url_verification") {
            self.check_token(v.get("token").and_then(Value::as_str))?;
            let challenge = v.get("challenge").cloned().unwrap_or(Value::Null);
            return Ok(Callback::Challenge(
                serde_json::json!({ "challenge": challenge }),
            ));
        }
        if let Some(key) = &self.encrypt_key {
            self.check_signature(key.expose(), headers, body, now)?;
        }
        self.event(v, None, remember)
    }

    /// The checks after the transport's own (decryption and signature over HTTP; the connection
    /// over the long connection): the verification token, the event's age when `now` is given
    /// (the long connection, whose events carry no signed timestamp), the event's shape, and
    /// replays. Both transports call it, so they verify alike.
    pub(crate) fn event(
        &self,
        v: Value,
        now: Option<SystemTime>,
        remember: bool,
    ) -> Result<Callback, CallbackError> {
        let token = v
            .pointer("/header/token")
            .or_else(|| v.get("token"))
            .and_then(Value::as_str);
        self.check_token(token)?;
        if let Some(now) = now
            && let Some(created) = v.pointer("/header/create_time").and_then(Value::as_str)
        {
            self.check_created(created, now)?;
        }
        let event_id = v
            .pointer("/header/event_id")
            .or_else(|| v.get("uuid"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let event_type = v
            .pointer("/header/event_type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let parsed = if event_type == "card.action.trigger" {
            Callback::CardAction(Box::new(card_action(&v)?))
        } else {
            Callback::Other(v.clone())
        };
        if remember {
            self.remember(event_id)?;
        }
        Ok(parsed)
    }

    fn check_signature(
        &self,
        key: &str,
        headers: &Headers,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), CallbackError> {
        let ts = headers
            .timestamp
            .as_deref()
            .ok_or(CallbackError::MissingHeader("X-Lark-Request-Timestamp"))?;
        let nonce = headers
            .nonce
            .as_deref()
            .ok_or(CallbackError::MissingHeader("X-Lark-Request-Nonce"))?;
        let sig = headers
            .signature
            .as_deref()
            .ok_or(CallbackError::MissingHeader("X-Lark-Signature"))?;
        let want = crypto::signature(ts, nonce, key, body);
        if !constant_time_eq(want.as_bytes(), sig.trim().to_ascii_lowercase().as_bytes()) {
            return Err(CallbackError::BadSignature);
        }
        let secs: u64 = ts
            .trim()
            .parse()
            .map_err(|_| CallbackError::StaleTimestamp {
                timestamp: ts.to_owned(),
                age: Duration::MAX,
                window: self.window,
            })?;
        let age = age(Duration::from_secs(secs), now);
        if age > self.window {
            return Err(CallbackError::StaleTimestamp {
                timestamp: ts.to_owned(),
                age,
                window: self.window,
            });
        }
        Ok(())
    }

    /// `header.create_time` of an event: microseconds since the epoch (the callback page:
    /// "微秒级时间戳", `1603977298000000`); 13 digits and fewer are read as milliseconds and
    /// seconds, as some deliveries write them. Older or newer than the window is stale.
    fn check_created(&self, created: &str, now: SystemTime) -> Result<(), CallbackError> {
        let stale = |age| CallbackError::StaleTimestamp {
            timestamp: created.to_owned(),
            age,
            window: self.window,
        };
        let n: u64 = created.trim().parse().map_err(|_| stale(Duration::MAX))?;
        let since_epoch = match n {
            1_000_000_000_000_000.. => Duration::from_micros(n),
            1_000_000_000_000.. => Duration::from_millis(n),
            _ => Duration::from_secs(n),
        };
        let age = age(since_epoch, now);
        if age > self.window {
            return Err(stale(age));
        }
        Ok(())
    }

    fn check_token(&self, token: Option<&str>) -> Result<(), CallbackError> {
        match &self.verification_token {
            Some(want)
                if token
                    .is_none_or(|t| !constant_time_eq(t.as_bytes(), want.expose().as_bytes())) =>
            {
                Err(CallbackError::BadToken)
            }
            _ => Ok(()),
        }
    }

    /// Remembers an event id; a second delivery of it is a replay.
    fn remember(&self, id: String) -> Result<(), CallbackError> {
        if id.is_empty() {
            return Ok(());
        }
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.0.contains(&id) {
            return Err(CallbackError::Replay(id));
        }
        seen.0.insert(id.clone());
        seen.1.push_back(id);
        if seen.1.len() > REMEMBERED
            && let Some(old) = seen.1.pop_front()
        {
            seen.0.remove(&old);
        }
        Ok(())
    }
}

/// How far `since_epoch` is from `now`, either way. A time past what `SystemTime` holds
/// (`u64::MAX` seconds) is as far as it gets, not a panic.
fn age(since_epoch: Duration, now: SystemTime) -> Duration {
    UNIX_EPOCH
        .checked_add(since_epoch)
        .map_or(Duration::MAX, |at| {
            now.duration_since(at).unwrap_or_else(|e| e.duration())
        })
}

fn json(body: &[u8]) -> Result<Value, CallbackError> {
    serde_json::from_slice(body).map_err(|e| CallbackError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Compares without an early exit, so the time taken says nothing about a secret.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_names_the_receiver_and_hides_its_secrets() {
        let r = Verifier::new(
            Some(Secret::new("encrypt-key-value")),
            Some(Secret::new("token-value")),
        );
        let text = format!("{r:?}");
        assert!(
            text.starts_with("Verifier") && text.contains("***") && text.contains("window"),
            "{text}"
        );
        assert!(
            !text.contains("encrypt-key-value") && !text.contains("token-value"),
            "{text}"
        );
    }
}
