//! The images a model links by URL, uploaded for a stream ([`super::StreamOptions::upload_images`]):
//! each URL is fetched and uploaded once; the text waits at the first image still uploading, so
//! no frame shows as a link what becomes an image a moment later.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use super::{ImageFetcher, Shared};
use crate::client::Client;

/// Where an image's upload stands.
#[derive(Debug, Clone)]
pub(super) enum Upload {
    Pending,
    Key(String),
    /// Fetching or uploading failed: the image stays a link.
    Failed,
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, HashMap<String, Upload>> {
    shared.uploads.lock().unwrap_or_else(|p| p.into_inner())
}

/// The keys of the images uploaded so far, by URL.
pub(super) fn keys(shared: &Shared) -> HashMap<String, String> {
    lock(shared)
        .iter()
        .filter_map(|(url, u)| match u {
            Upload::Key(k) => Some((url.clone(), k.clone())),
            _ => None,
        })
        .collect()
}

/// Starts the upload of each image of `unkeyed` (where it is in the fitted text, and its URL)
/// not tried yet, and returns where the text must stop: the first image still uploading.
pub(super) fn hold(shared: &Arc<Shared>, unkeyed: &[(usize, String)]) -> Option<usize> {
    let fetcher = shared.options.images.as_ref()?;
    let mut uploads = lock(shared);
    let mut hold = None;
    for (at, url) in unkeyed {
        match uploads.get(url) {
            None => {
                uploads.insert(url.clone(), Upload::Pending);
                tokio::spawn(upload(
                    Arc::downgrade(shared),
                    shared.client.clone(),
                    fetcher.clone(),
                    url.clone(),
                ));
                hold.get_or_insert(*at);
            }
            // Uploading; or uploaded since the text was fitted (the upload's wake-up fits it
            // again with the key).
            Some(Upload::Pending | Upload::Key(_)) => {
                hold.get_or_insert(*at);
            }
            Some(Upload::Failed) => {}
        }
    }
    hold
}

/// Fetches and uploads one image, then wakes the stream to fit its text again.
async fn upload(shared: Weak<Shared>, client: Client, fetcher: ImageFetcher, url: String) {
    let outcome = match fetcher.fetch(url.clone()).await {
        Ok(bytes) => match client.upload_image(&bytes).await {
            Ok(key) => Upload::Key(key.as_str().to_owned()),
            Err(e) => {
                tracing::warn!(%url, error = %e, "an image of the answer was not uploaded; it stays a link");
                Upload::Failed
            }
        },
        Err(e) => {
            tracing::warn!(%url, error = %e, "an image of the answer was not fetched; it stays a link");
            Upload::Failed
        }
    };
    let Some(shared) = shared.upgrade() else {
        return;
    };
    lock(&shared).insert(url, outcome);
    shared.lock().version += 1;
    shared.wake.notify_one();
}
