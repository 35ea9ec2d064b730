//! How a [`super::CardStream`] fits and lays out an answer: the fitter's options, a lower table
//! budget, an append-only answer beside a volatile process element, and the upload of the
//! model's image links.

use std::sync::Arc;
use std::time::Duration;

use card_validate::fit::FitOptions;

use crate::BoxFuture;

/// Options of [`crate::Client::card_stream_with`]. The defaults are those of
/// [`crate::Client::card_stream`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct StreamOptions {
    pub(super) fit: FitOptions,
    pub(super) max_tables: Option<usize>,
    pub(super) append_only: bool,
    pub(super) process: Option<String>,
    pub(super) images: Option<ImageFetcher>,
}

impl StreamOptions {
    /// The defaults: reasoning dropped, no markup tag kept, 5 tables a card, full text at every
    /// frame, no process element, image links left as links.
    pub fn new() -> Self {
        StreamOptions::default()
    }

    /// How every frame is fitted (`card_validate::fit`): what to do with `<think>` blocks, which
    /// markup tags the text may keep. Its `image_keys` are the keys already known.
    pub fn fit(mut self, fit: FitOptions) -> Self {
        self.fit = fit;
        self
    }

    /// Tables a card may hold, lower than the documented 5 (one plugin measured 3 rendering
    /// well); the answer goes on in a new card past it. Values over 5 are taken as 5.
    pub fn max_tables(mut self, n: usize) -> Self {
        self.max_tables = Some(n);
        self
    }

    /// The answer element only ever grows: a frame is sent when it extends the text already
    /// sent (whole lines, or a last line that only grew), so the client's typewriter never
    /// starts over. A line the fitter may still change (a tag or an image link being written)
    /// waits until it is complete. The last frame is the whole text.
    pub fn append_only(mut self, on: bool) -> Self {
        self.append_only = on;
        self
    }

    /// A text element of the card (`element_id`) for what is volatile — the model's status or
    /// the tool it runs ([`super::CardStream::set_process`]) — apart from the answer. Implies
    /// [`StreamOptions::append_only`]. It is deleted when the stream ends.
    pub fn process_element(mut self, element_id: impl Into<String>) -> Self {
        self.process = Some(element_id.into());
        self.append_only = true;
        self
    }

    /// Images the model links by URL are fetched with `fetcher`, uploaded
    /// ([`crate::Client::upload_image`]) and shown by their key; the text waits at such an image
    /// until its upload ends (one that fails stays a link).
    pub fn upload_images(mut self, fetcher: ImageFetcher) -> Self {
        self.images = Some(fetcher);
        self
    }
}

/// What fetches the bytes of an image the model linked.
#[derive(Clone)]
pub struct ImageFetcher(Arc<Fetch>);

/// The URL in, the bytes or why not out.
type Fetch = dyn Fn(String) -> BoxFuture<'static, Result<Vec<u8>, String>> + Send + Sync;

impl std::fmt::Debug for ImageFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ImageFetcher")
    }
}

/// The upload page's limit on an image (10 MB).
const MAX_IMAGE: usize = card_platform::MAX_IMAGE_BYTES;

impl ImageFetcher {
    /// Fetches `https://` URLs only (a model's `http://` or `file:` link could point the bot at
    /// its own network), at most 3 redirects (also https), 10 s and 10 MB. Other targets stay
    /// links.
    pub fn https() -> Self {
        crate::tls::install_provider();
        let client = reqwest::Client::builder()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::limited(3))
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string());
        ImageFetcher::new(move |url: String| {
            let client = client.clone();
            async move {
                let client = client?;
                if !url.starts_with("https://") {
                    return Err(format!("{url:?} is not an https URL"));
                }
                let mut resp = client
                    .get(&url)
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .map_err(|e| e.to_string())?;
                let mut bytes = Vec::new();
                while let Some(chunk) = resp
                    .chunk()
                    .await
                    .map_err(|e: reqwest::Error| e.to_string())?
                {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_IMAGE {
                        return Err(format!("{url:?} is over {MAX_IMAGE} bytes"));
                    }
                }
                Ok(bytes)
            }
        })
    }

    /// A fetcher of your own (a CDN client, a cache, an allow-list): the URL in, the bytes or
    /// why not out.
    pub fn new<F, Fut>(f: F) -> Self
    where
        F: Fn(String) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<Vec<u8>, String>> + Send + 'static,
    {
        ImageFetcher(Arc::new(move |url| Box::pin(f(url))))
    }

    pub(super) fn fetch(&self, url: String) -> BoxFuture<'static, Result<Vec<u8>, String>> {
        (self.0)(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in fetcher refuses what is not https before any request.
    #[tokio::test]
    async fn the_https_fetcher_refuses_other_schemes() {
        let f = ImageFetcher::https();
        for url in [
            "http://127.0.0.1:1/a.png",
            "file:///etc/passwd",
            "ftp://x/a.png",
        ] {
            let e = f.fetch(url.to_owned()).await.unwrap_err();
            assert!(e.contains("https"), "{url}: {e}");
        }
    }
}
