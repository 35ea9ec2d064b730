//! The long connection's TLS: rustls with the ring crypto provider.

/// Installs ring as the process's rustls crypto provider when none is installed yet (an
/// application, or card-send, may have installed one; that one stays).
pub(crate) fn install_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one first: either way a provider is in place.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
