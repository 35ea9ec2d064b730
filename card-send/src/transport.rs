//! One request and its retries: limits, token, envelope, typed errors, bounded backoff.

use std::hash::BuildHasher;
use std::sync::atomic::Ordering;
use std::time::Duration;

use std::collections::hash_map::RandomState;
use std::sync::atomic::AtomicU64;

use serde_json::Value;

use crate::Endpoint;
use crate::config::ClientConfig;
use crate::limits::{Budgets, RateLimits};
use crate::platform::Retry;
use crate::token::TokenCache;
use crate::wire::{self, Parsed};
use crate::{Error, Secret};
use card_platform::Budget;
use card_platform::routes::Route;

/// A request to make.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    /// The route: its budgets and its name in errors.
    pub(crate) route: Route,
    pub(crate) endpoint: Endpoint,
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Option<Value>,
    /// A multipart upload instead of a JSON body (rebuilt for each attempt).
    pub(crate) upload: Option<Upload<'a>>,
    /// The message, receiver or card entity a per-key limit applies to.
    pub(crate) key: Option<&'a str>,
}

impl<'a> Call<'a> {
    /// A call to `route` with `params` in its path, no query, body or key yet.
    pub(crate) fn to(route: &Route, params: &[&str]) -> Self {
        Call {
            route: route.clone(),
            endpoint: route.endpoint,
            method: route.method.clone(),
            path: route.path_with(params),
            query: Vec::new(),
            body: None,
            upload: None,
            key: None,
        }
    }
}

/// A `multipart/form-data` body: text fields, then one file part.
pub(crate) struct Upload<'a> {
    pub(crate) fields: Vec<(&'static str, String)>,
    pub(crate) file_field: &'static str,
    pub(crate) file_name: String,
    pub(crate) bytes: &'a [u8],
}

impl std::fmt::Debug for Upload<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("fields", &self.fields)
            .field("file_name", &self.file_name)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Upload<'_> {
    fn form(&self) -> reqwest::multipart::Form {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in &self.fields {
            form = form.text(*k, v.clone());
        }
        let part =
            reqwest::multipart::Part::bytes(self.bytes.to_vec()).file_name(self.file_name.clone());
        form.part(self.file_field, part)
    }
}

/// How a call ended when it did not succeed.
#[derive(Debug)]
pub(crate) enum CallFailure {
    Failed(Error),
    /// A newer payload replaced this one while it waited to be retried (coalescing).
    Superseded,
}

impl CallFailure {
    /// The error of a call made without a supersede check (which cannot be superseded).
    pub(crate) fn into_error(self) -> Error {
        match self {
            CallFailure::Failed(e) => e,
            CallFailure::Superseded => Error::Config("superseded without a supersede check".into()),
        }
    }
}

/// How one attempt failed.
enum Failure {
    Retry(Error, Option<Duration>),
    Token(Error, Secret),
    Final(Error),
}

type Superseded<'s> = Option<&'s (dyn Fn() -> bool + Send + Sync)>;

/// Owns how requests reach the platform: the HTTP client, the token cache (and fetching a
/// token), the rate limits and the retries. [`crate::Client`] holds one and builds the calls.
pub(crate) struct Transport {
    pub(crate) config: ClientConfig,
    http: reqwest::Client,
    tokens: TokenCache,
    /// The budgets: in this process, or in Redis (`shared_limits`).
    budgets: Box<dyn Budgets>,
    ops: AtomicU64,
    hasher: RandomState,
}

impl Transport {
    /// A transport for `config` (installs the TLS provider of the `tls-*` feature).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the HTTP client cannot be built.
    pub(crate) fn new(config: ClientConfig) -> Result<Self, Error> {
        crate::tls::install_provider();
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .user_agent(concat!("card-send/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        let budgets: Box<dyn Budgets> = match &config.shared_limits {
            #[cfg(feature = "redis")]
            Some(url) => Box::new(crate::shared_limits::SharedLimits::new(
                url,
                format!("card-send:{}", config.app_id),
                &config.limits,
            )?),
            _ => Box::new(RateLimits::new(&config.limits)),
        };
        Ok(Transport {
            budgets,
            config,
            http,
            tokens: TokenCache::default(),
            ops: AtomicU64::new(0),
            hasher: RandomState::new(),
        })
    }

    /// Waits for the budgets the call's route spends.
    async fn acquire(&self, call: &Call<'_>) -> Result<(), Error> {
        self.budgets.acquire(&call.route, call.key).await
    }

    /// Waits until one more PATCH of message `id` fits its per-message limit, without taking the
    /// slot: the coalescing handle picks the latest card only then.
    pub(crate) async fn message_ready(&self, id: &str) {
        self.budgets.ready(Budget::Message, id).await;
    }

    /// Runs `call` with the retry policy; `superseded` is asked before each retry.
    pub(crate) async fn execute(
        &self,
        call: &Call<'_>,
        superseded: Superseded<'_>,
    ) -> Result<Value, CallFailure> {
        let max = self.config.retry.max_attempts;
        let mut attempt = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            match self.attempt(call).await {
                Ok(v) => return Ok(v),
                Err(Failure::Final(e)) => return Err(CallFailure::Failed(e)),
                Err(Failure::Token(e, used)) => {
                    self.tokens.invalidate(&used).await;
                    if refreshed {
                        return Err(CallFailure::Failed(e));
                    }
                    tracing::debug!(endpoint = %call.endpoint, code = ?e.code(), "token rejected; refreshing once");
                    refreshed = true;
                    attempt -= 1;
                }
                Err(Failure::Retry(e, reset)) => {
                    if attempt >= max {
                        return Err(CallFailure::Failed(if attempt == 1 {
                            e
                        } else {
                            Error::RetriesExhausted {
                                attempts: attempt,
                                last: Box::new(e),
                            }
                        }));
                    }
                    if superseded.is_some_and(|f| f()) {
                        return Err(CallFailure::Superseded);
                    }
                    let delay = self.config.retry.delay(attempt, reset, self.jitter());
                    tracing::debug!(endpoint = %call.endpoint, attempt, ?delay, error = %e, "retrying");
                    tokio::time::sleep(delay).await;
                    if superseded.is_some_and(|f| f()) {
                        return Err(CallFailure::Superseded);
                    }
                }
            }
        }
    }

    /// Runs `call` without a supersede check.
    pub(crate) async fn run(&self, call: &Call<'_>) -> Result<Value, Error> {
        self.execute(call, None)
            .await
            .map_err(CallFailure::into_error)
    }

    pub(crate) fn jitter(&self) -> f64 {
        let n = self.ops.fetch_add(1, Ordering::Relaxed);
        let h = self.hasher.hash_one(n);
        (h >> 11) as f64 / (1u64 << 53) as f64
    }

    async fn attempt(&self, call: &Call<'_>) -> Result<Value, Failure> {
        let fetch = || crate::token::fetch(&self.http, &self.config, || self.jitter());
        let token = self.tokens.get(fetch).await.map_err(|e| {
            if e.is_retryable() {
                Failure::Retry(e, None)
            } else {
                Failure::Final(e)
            }
        })?;
        self.acquire(call).await.map_err(Failure::Final)?;
        let url = format!("{}{}", self.config.base_url, call.path);
        let mut req = self
            .http
            .request(call.method.clone(), &url)
            .query(&call.query)
            .bearer_auth(token.expose());
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        if let Some(upload) = &call.upload {
            req = req.multipart(upload.form());
        }
        let ex = wire::send(req, call.endpoint)
            .await
            .map_err(|e| Failure::Retry(e, None))?;
        let (status, reset) = (ex.status, ex.reset);
        match wire::parse(call.endpoint, status, ex.log_id, &ex.text) {
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
}
