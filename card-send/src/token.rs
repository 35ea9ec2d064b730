//! The tenant_access_token cache: fetched once, shared by concurrent calls (one refresh, not a
//! stampede), refreshed before it expires, dropped when the server says it is invalid.

use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::Endpoint;
use crate::config::ClientConfig;
use crate::{ApiError, Error, Secret, wire};

/// A token and when to stop using it.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) value: Secret,
    pub(crate) refresh_at: Instant,
}

/// The auth endpoint's reply (not wrapped in `data`).
#[derive(Deserialize)]
pub(crate) struct TokenReply {
    pub(crate) code: i64,
    #[serde(default)]
    pub(crate) msg: String,
    #[serde(default)]
    pub(crate) tenant_access_token: Option<String>,
    #[serde(default)]
    pub(crate) expire: Option<u64>,
}

/// The cache. The async mutex is held across the fetch, so concurrent callers wait for the one
/// refresh instead of each starting their own.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    state: tokio::sync::Mutex<Option<Token>>,
}

impl TokenCache {
    /// The cached token while it is fresh, else the result of `fetch` (stored).
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<Secret, crate::Error>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Token, crate::Error>>,
    {
        let mut state = self.state.lock().await;
        if let Some(t) = state.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let token = fetch().await?;
        let value = token.value.clone();
        *state = Some(token);
        Ok(value)
    }

    /// Forgets `used` if it is still the cached token (a newer one is kept).
    pub(crate) async fn invalidate(&self, used: &Secret) {
        let mut state = self.state.lock().await;
        if state.as_ref().is_some_and(|t| &t.value == used) {
            *state = None;
        }
    }
}

/// When to refresh a token valid for `expire`: `margin` before, but at most a quarter of its
/// life early (a short-lived token is still used).
pub(crate) fn refresh_at(now: Instant, expire: Duration, margin: Duration) -> Instant {
    now + expire.saturating_sub(margin.min(expire / 4))
}

/// POSTs the auth endpoint, with the transport retries of the policy (`jitter` spreads them).
///
/// # Errors
///
/// The auth endpoint's error (10003, 10014 …), or the transport error after the retries.
pub(crate) async fn fetch(
    http: &reqwest::Client,
    config: &ClientConfig,
    jitter: impl Fn() -> f64,
) -> Result<Token, Error> {
    let endpoint = Endpoint::Token;
    let url = format!("{}{}", config.base_url, crate::routes::TOKEN.path);
    let body = serde_json::json!({
        "app_id": config.app_id,
        "app_secret": config.app_secret.expose(),
    });
    let mut attempt = 0;
    loop {
        attempt += 1;
        let started = Instant::now();
        let e = match wire::send(http.post(&url).json(&body), endpoint).await {
            Err(e) => e,
            Ok(ex) => match serde_json::from_str::<TokenReply>(&ex.text) {
                Ok(r) if r.code == 0 => match (r.tenant_access_token, r.expire) {
                    (Some(t), Some(expire)) => {
                        let expire = Duration::from_secs(expire);
                        tracing::debug!(?expire, "fetched tenant_access_token");
                        return Ok(Token {
                            value: Secret::new(t),
                            refresh_at: refresh_at(started, expire, config.token_refresh_margin),
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
                        error: ApiError::new(code, r.msg, ex.log_id),
                    }
                }
                Err(_) => wire::http_error(endpoint, ex.status, &ex.text),
            },
        };
        if !e.is_retryable() || attempt >= config.retry.max_attempts {
            return Err(e);
        }
        tokio::time::sleep(config.retry.delay(attempt, None, jitter())).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicU32::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (cache, fetches) = (cache.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get(|| async {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok(Token {
                            value: Secret::new("t-1"),
                            refresh_at: Instant::now() + Duration::from_secs(60),
                        })
                    })
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().expose(), "t-1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // Invalidating an older token keeps the current one.
        cache.invalidate(&Secret::new("t-0")).await;
        let again = cache
            .get(|| async { unreachable!("still cached") })
            .await
            .unwrap();
        assert_eq!(again.expose(), "t-1");
        cache.invalidate(&Secret::new("t-1")).await;
        let fresh = cache
            .get(|| async {
                Ok(Token {
                    value: Secret::new("t-2"),
                    refresh_at: Instant::now() + Duration::from_secs(60),
                })
            })
            .await
            .unwrap();
        assert_eq!(fresh.expose(), "t-2");
    }

    #[test]
    fn refresh_margin() {
        let now = Instant::now();
        let m = Duration::from_secs(300);
        assert_eq!(
            refresh_at(now, Duration::from_secs(7200), m),
            now + Duration::from_secs(6900)
        );
        assert_eq!(
            refresh_at(now, Duration::from_secs(8), m),
            now + Duration::from_secs(6)
        );
    }
}
