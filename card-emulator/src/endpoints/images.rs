//! `POST /open-apis/im/v1/images`: multipart upload of an image; judged with the upload page's
//! limits, answered with a fresh `img_v3_…` key. The judging is the emulator's own, from the
//! upload page: empty 234010, over 10 MB 234006, a format it does not take 234011, a PNG or GIF
//! whose header states a resolution over the limit 234039.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn upload(
    State(st): SharedState,
    _: Authorized,
    multipart: Multipart,
) -> Result<Data, Reject> {
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
    spend(st, &routes::UPLOAD_IMAGE, None)?;
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
    judge(&bytes)?;
    let key = st.fresh_id("img_v3_emu_");
    lock(&st.images).insert(key.clone(), bytes);
    Ok(json!({ "image_key": key }))
}

/// The upload page's verdict on an image.
fn judge(b: &[u8]) -> Result<(), Reject> {
    if b.is_empty() {
        return Err(documented(platform::IMAGE_EMPTY));
    }
    if b.len() > platform::MAX_IMAGE_BYTES {
        return Err(documented(platform::IMAGE_TOO_LARGE));
    }
    // The formats the page lists, by their magic numbers: JPEG, PNG, GIF, WEBP, BMP, ICO, TIFF,
    // HEIC.
    let at = |i: usize, sig: &[u8]| b.get(i..i + sig.len()) == Some(sig);
    let (png, gif) = (at(0, b"\x89PNG\r\n\x1a\n"), at(0, b"GIF8"));
    let known = png
        || gif
        || at(0, &[0xFF, 0xD8, 0xFF])
        || (at(0, b"RIFF") && at(8, b"WEBP"))
        || at(0, b"BM")
        || at(0, &[0, 0, 1, 0])
        || at(0, b"II*\0")
        || at(0, b"MM\0*")
        || (at(4, b"ftyp")
            && [&b"heic"[..], b"heix", b"mif1", b"msf1"]
                .iter()
                .any(|t| at(8, t)));
    if !known {
        return Err(documented(platform::IMAGE_FORMAT));
    }
    let be32 = |i: usize| {
        b.get(i..i + 4)
            .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    };
    let le16 = |i: usize| {
        b.get(i..i + 2)
            .map(|s| u32::from(u16::from_le_bytes([s[0], s[1]])))
    };
    // PNG: IHDR's width and height at 16 and 20; GIF: the logical screen at 6 and 8.
    let (side, max) = if png {
        (be32(16).max(be32(20)), platform::MAX_IMAGE_SIDE)
    } else if gif {
        (le16(6).max(le16(8)), platform::MAX_GIF_SIDE)
    } else {
        (None, 0)
    };
    if side.is_some_and(|s| s > max) {
        return Err(documented(platform::IMAGE_RESOLUTION));
    }
    Ok(())
}
