//! Where an app's calls go and with which credentials: the platform itself, or a stand-in such
//! as card-emulator. The sender takes any of them (`ClientBuilder::against`) without knowing
//! the stand-in's crate, so the emulator does not depend on the sender, nor the sender on it.

/// A server that answers an app's calls, and the app's credentials there.
pub trait AppServer {
    /// The base URL (`https://open.feishu.cn`, `http://127.0.0.1:port` …).
    fn base_url(&self) -> String;
    /// The app's App ID there.
    fn app_id(&self) -> &str;
    /// The app's App Secret there.
    fn app_secret(&self) -> &str;
}

impl<T: AppServer + ?Sized> AppServer for &T {
    fn base_url(&self) -> String {
        (**self).base_url()
    }

    fn app_id(&self) -> &str {
        (**self).app_id()
    }

    fn app_secret(&self) -> &str {
        (**self).app_secret()
    }
}
