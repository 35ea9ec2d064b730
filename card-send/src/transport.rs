//! One request and its retries: limits, token, envelope, typed errors, bounded backoff.

use std::hash::BuildHasher;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::client::Inner;
use crate::error::{Endpoint, TransportKind};
use crate::platform::Retry;
use crate::token::{Token, TokenReply, refresh_at};
use crate::{ApiError, Error, Secret};

/// A request to make.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub(crate) endpoint: Endpoint,
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Option<Value>,
    /// The message or receiver a per-key limit applies to.
    pub(crate) key: Option<&'a str>,
}

/// How a call ended when it did not succeed.
#[derive(Debug)]
pub(crate) enum Exec {
    Failed(Error),
    /// A newer payload replaced this one while it waited to be retried (coalescing).
    Superseded,
}

impl Exec {
    /// The error of a call made without a supersede check (which cannot be superseded).
    pub(crate) fn into_error(self) -> Error {
        match self {
            Exec::Failed(e) => e,
            Exec::Superseded => Error::Config("superseded without a supersede check".into()),
        }
    }
}

/// How one attempt failed.
enum Failure {
    Retry(Error, Option<Duration>),
    Token(Error, Secret),
    Final(Error),
}

#[derive(Deserialize)]
struct Envelope {
    code: i64,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    error: Option<ErrorInfo>,
}

#[derive(Deserialize)]
struct ErrorInfo {
    #[serde(default)]
    log_id: Option<String>,
}

type Superseded<'s> = Option<&'s (dyn Fn() -> bool + Send + Sync)>;

impl Inner {
    /// Runs `call` with the retry policy; `superseded` is asked before each retry.
    pub(crate) async fn execute(
        &self,
        call: &Call<'_>,
        superseded: Superseded<'_>,
    ) -> Result<Value, Exec> {
        let max = self.config.retry.max_attempts;
        let mut attempt = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            match self.attempt(call).await {
                Ok(v) => return Ok(v),
                Err(Failure::Final(e)) => return Err(Exec::Failed(e)),
                Err(Failure::Token(e, used)) => {
                    self.tokens.invalidate(&used).await;
                    if refreshed {
                        return Err(Exec::Failed(e));
                    }
                    tracing::debug!(endpoint = %call.endpoint, code = ?e.code(), "token rejected; refreshing once");
                    refreshed = true;
                    attempt -= 1;
                }
                Err(Failure::Retry(e, reset)) => {
                    if attempt >= max {
                        return Err(Exec::Failed(if attempt == 1 {
                            e
                        } else {
                            Error::RetriesExhausted {
                                attempts: attempt,
                                last: Box::new(e),
                            }
                        }));
                    }
                    if superseded.is_some_and(|f| f()) {
                        return Err(Exec::Superseded);
                    }
                    let delay = self.config.retry.delay(attempt, reset, self.jitter());
                    tracing::debug!(endpoint = %call.endpoint, attempt, ?delay, error = %e, "retrying");
                    tokio::time::sleep(delay).await;
                    if superseded.is_some_and(|f| f()) {
                        return Err(Exec::Superseded);
                    }
                }
            }
        }
    }

    /// Runs `call` without a supersede check.
    pub(crate) async fn run(&self, call: &Call<'_>) -> Result<Value, Error> {
        self.execute(call, None).await.map_err(Exec::into_error)
    }

    fn jitter(&self) -> f64 {
        let n = self.ops.fetch_add(1, Ordering::Relaxed);
        let h = self.hasher.hash_one(n);
        (h >> 11) as f64 / (1u64 << 53) as f64
    }

    async fn attempt(&self, call: &Call<'_>) -> Result<Value, Failure> {
        let token = self.tokens.get(|| self.fetch_token()).await.map_err(|e| {
            if e.is_retryable() {
                Failure::Retry(e, None)
            } else {
                Failure::Final(e)
            }
        })?;
        self.limits.acquire(call.endpoint, call.key).await;
        if self
            .ops
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(4096)
        {
            self.limits.prune();
        }
        let url = format!("{}{}", self.config.base_url, call.path);
        let mut req = self
            .http
            .request(call.method.clone(), &url)
            .query(&call.query)
            .bearer_auth(token.expose());
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        let (status, reset, log_id, text) = send(req, call.endpoint).await?;
        match parse(call.endpoint, status, log_id, &text) {
            Ok(v) => Ok(v),
            Err(Parsed::Api(error)) => {
                let retry = error.retry();
                let e = Error::Api {
                    endpoint: call.endpoint,
                    error,
                };
                Err(match retry {
                    Retry::Backoff => Failure::Retry(e, reset),
                    Retry::RefreshToken => Failure::Token(e, token),
                    Retry::Never if status >= 500 => Failure::Retry(e, None),
                    Retry::Never => Failure::Final(e),
                })
            }
            Err(Parsed::Other(e)) if e.is_retryable() => Err(Failure::Retry(e, reset)),
            Err(Parsed::Other(e)) => Err(Failure::Final(e)),
        }
    }

    /// POST the auth endpoint (with the transport retries of the policy).
    async fn fetch_token(&self) -> Result<Token, Error> {
        let endpoint = Endpoint::Token;
        let url = format!(
            "{}/open-apis/auth/v3/tenant_access_token/internal",
            self.config.base_url
        );
        let body = serde_json::json!({
            "app_id": self.config.app_id,
            "app_secret": self.config.app_secret.expose(),
        });
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let e = match send(self.http.post(&url).json(&body), endpoint).await {
                Err(Failure::Retry(e, _) | Failure::Final(e) | Failure::Token(e, _)) => e,
                Ok((status, _, log_id, text)) => match serde_json::from_str::<TokenReply>(&text) {
                    Ok(r) if r.code == 0 => match (r.tenant_access_token, r.expire) {
                        (Some(t), Some(expire)) => {
                            let expire = Duration::from_secs(expire);
                            tracing::debug!(?expire, "fetched tenant_access_token");
                            return Ok(Token {
                                value: Secret::new(t),
                                refresh_at: refresh_at(
                                    started,
                                    expire,
                                    self.config.token_refresh_margin,
                                ),
                            });
                        }
                        _ => Error::Decode {
                            endpoint,
                            message: "no tenant_access_token/expire in a code 0 reply".into(),
                        },
                    },
                    Ok(r) => {
                        let code = u32::try_from(r.code).unwrap_or(u32::MAX);
                        Error::Api {
                            endpoint,
                            error: ApiError::new(code, r.msg, log_id),
                        }
                    }
                    Err(_) => http_error(endpoint, status, &text),
                },
            };
            if !e.is_retryable() || attempt >= self.config.retry.max_attempts {
                return Err(e);
            }
            tokio::time::sleep(self.config.retry.delay(attempt, None, self.jitter())).await;
        }
    }
}

/// Sends a request and reads the whole answer: (status, x-ogw-ratelimit-reset, log id, body).
async fn send(
    req: reqwest::RequestBuilder,
    endpoint: Endpoint,
) -> Result<(u16, Option<Duration>, Option<String>, String), Failure> {
    let transport = |e: reqwest::Error| {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else if e.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Dropped
        };
        Failure::Retry(
            Error::Transport {
                endpoint,
                kind,
                source: std::sync::Arc::new(e),
            },
            None,
        )
    };
    let resp = req.send().await.map_err(transport)?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let reset = header("x-ogw-ratelimit-reset")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(3600.0)));
    let log_id = header("x-tt-logid");
    let text = resp.text().await.map_err(transport)?;
    Ok((status, reset, log_id, text))
}

enum Parsed {
    Api(ApiError),
    Other(Error),
}

/// The platform envelope: `data` on code 0, else the typed error.
fn parse(
    endpoint: Endpoint,
    status: u16,
    header_log_id: Option<String>,
    text: &str,
) -> Result<Value, Parsed> {
    match serde_json::from_str::<Envelope>(text) {
        Ok(env) if env.code == 0 => Ok(env.data.unwrap_or(Value::Null)),
        Ok(env) => {
            let log_id = env.error.and_then(|e| e.log_id).or(header_log_id);
            let code = u32::try_from(env.code).unwrap_or(u32::MAX);
            Err(Parsed::Api(ApiError::new(code, env.msg, log_id)))
        }
        Err(_) => Err(Parsed::Other(http_error(endpoint, status, text))),
    }
}

fn http_error(endpoint: Endpoint, status: u16, text: &str) -> Error {
    if (200..300).contains(&status) {
        return Error::Decode {
            endpoint,
            message: format!("not the JSON envelope: {}", snippet(text)),
        };
    }
    Error::Http {
        endpoint,
        status,
        body: snippet(text),
    }
}

fn snippet(text: &str) -> String {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_parsing() {
        assert_eq!(
            parse(
                Endpoint::Send,
                200,
                None,
                r#"{"code":0,"msg":"ok","data":{"a":1}}"#
            )
            .ok(),
            Some(serde_json::json!({"a":1}))
        );
        let Err(Parsed::Api(e)) = parse(
            Endpoint::UpdateCard,
            400,
            Some("hdr".into()),
            r#"{"code":230020,"msg":"This operation triggers the frequency limit.","error":{"log_id":"L1"}}"#,
        ) else {
            panic!("expected an API error")
        };
        assert_eq!((e.code, e.log_id.as_deref()), (230020, Some("L1")));
        let Err(Parsed::Other(e)) = parse(Endpoint::Send, 502, None, "<html>bad gateway</html>")
        else {
            panic!("expected an HTTP error")
        };
        assert!(
            e.is_retryable() && e.to_string().contains("HTTP 502"),
            "{e}"
        );
        let Err(Parsed::Other(e)) = parse(Endpoint::Send, 200, None, "not json") else {
            panic!("expected a decode error")
        };
        assert!(!e.is_retryable());
        assert_eq!(snippet("é".repeat(150).as_str()).len(), 200);
    }
}
