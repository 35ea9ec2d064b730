//! The TLS crypto provider, chosen by feature: `tls-ring` (default) or `tls-aws-lc`.

/// Installs ring as the process's rustls crypto provider when `tls-ring` is on and no provider
/// is installed yet (an application may have installed its own; that one stays). With
/// `tls-aws-lc`, reqwest brings aws-lc-rs itself.
pub(crate) fn install_provider() {
    #[cfg(feature = "tls-ring")]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one first: either way a provider is in place.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(not(any(feature = "tls-ring", feature = "tls-aws-lc")))]
compile_error!(
    "card-send needs a TLS provider: enable the `tls-ring` (default) or `tls-aws-lc` feature"
);
