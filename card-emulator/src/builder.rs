//! The emulator's settings before it starts: credentials, token lifetime, windows, callback
//! keys, whether rate limits apply.

use std::time::Duration;

use super::Emulator;
use std::sync::Arc;

use tokio::net::TcpListener;

use super::state::{EmuState, Settings};
use super::{endpoints, serve};

/// Settings of an [`Emulator`].
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    settings: Settings,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            settings: Settings {
                app_id: "cli_emulator0000001".into(),
                app_secret: "emulator-secret".into(),
                chat_id: "oc_emulator00000000000000000000001".into(),
                members: vec![
                    "ou_emulator00000000000000000000001".into(),
                    "ou_emulator00000000000000000000002".into(),
                ],
                token_ttl: Duration::from_secs(7200),
                rate_limits: true,
                edit_window: Duration::from_secs(14 * 24 * 3600),
                recall_window: None,
                encrypt_key: "emulator-encrypt-key".into(),
                verification_token: "emulator-verification-token".into(),
            },
        }
    }
}

impl EmulatorBuilder {
    /// The app id clients must use.
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.settings.app_id = id.into();
        self
    }
    /// The app secret clients must use.
    pub fn app_secret(mut self, secret: impl Into<String>) -> Self {
        self.settings.app_secret = secret.into();
        self
    }
    /// How long tokens live (default 2 h, as documented).
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.settings.token_ttl = ttl.max(Duration::from_secs(1));
        self
    }
    /// Turns the rate limits off (default on).
    pub fn rate_limits(mut self, on: bool) -> Self {
        self.settings.rate_limits = on;
        self
    }
    /// How long after sending a text/post can be edited (an admin setting; default 14 days).
    pub fn edit_window(mut self, window: Duration) -> Self {
        self.settings.edit_window = window;
        self
    }
    /// The tenant's recall time limit: a recall of an older message gets 230009. The recall
    /// page says the limit is set by the tenant's administrator and gives no default, so by
    /// default there is none.
    pub fn recall_window(mut self, window: Duration) -> Self {
        self.settings.recall_window = Some(window);
        self
    }
    /// The Encrypt Key the callbacks are signed with.
    pub fn encrypt_key(mut self, key: impl Into<String>) -> Self {
        self.settings.encrypt_key = key.into();
        self
    }
    /// The Verification Token the callbacks carry.
    pub fn verification_token(mut self, token: impl Into<String>) -> Self {
        self.settings.verification_token = token.into();
        self
    }
    /// Binds 127.0.0.1 on a free port and starts serving.
    ///
    /// # Errors
    ///
    /// The I/O error when 127.0.0.1 cannot be bound.
    pub async fn start(self) -> std::io::Result<Emulator> {
        // Its callbacks go out through reqwest, which may be built without a crypto provider.
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Err: another thread installed one first; either way one is in place.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(EmuState::new(self.settings));
        // Each emulator spreads events over its connections in its own order.
        state.long.rng.store(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64),
            std::sync::atomic::Ordering::Relaxed,
        );
        let router = endpoints::router(state.clone());
        let task = tokio::spawn(serve::serve(listener, router, state.clone()));
        Ok(Emulator { state, addr, task })
    }
}
