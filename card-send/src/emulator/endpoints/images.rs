//! `POST /open-apis/im/v1/images`: multipart upload of an image; judged with the upload page's
//! limits (`crate::image::check`, the platform facts), answered with a fresh `img_v3_…` key.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::*;

pub(crate) async fn upload(
    State(st): St,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let (image_type, bytes) = read_form(multipart).await?;
    handle(&st, image_type, bytes).map(Data)
}

/// The `image_type` field and the `image` file of the form.
async fn read_form(mut form: Multipart) -> Result<(Option<String>, Option<Vec<u8>>), Reject> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        reject(
            platform::IMAGE_INVALID_PARAM,
            format!("Invalid request param: {e}"),
        )
    };
    let (mut image_type, mut bytes) = (None, None);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("image_type") => image_type = Some(field.text().await.map_err(bad)?),
            Some("image") => bytes = Some(field.bytes().await.map_err(bad)?.to_vec()),
            _ => {}
        }
    }
    Ok((image_type, bytes))
}

fn handle(
    st: &Arc<EmuState>,
    image_type: Option<String>,
    bytes: Option<Vec<u8>>,
) -> Result<Value, Reject> {
    limited(st, &app_limits("images"), platform::FREQUENCY_LIMIT)?;
    if !matches!(image_type.as_deref(), Some("message" | "avatar")) {
        return Err(reject(
            platform::IMAGE_INVALID_PARAM,
            "Invalid request param: image_type must be message or avatar.",
        ));
    }
    let bytes = bytes.ok_or_else(|| {
        reject(
            platform::IMAGE_INVALID_PARAM,
            "Invalid request param: no image part.",
        )
    })?;
    crate::image::check(&bytes).map_err(|e| reject(e.code, e.msg))?;
    let key = st.fresh_id("img_v3_emu_");
    lock(&st.images).insert(key.clone(), bytes);
    Ok(json!({ "image_key": key }))
}
