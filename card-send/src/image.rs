//! Image uploads checked before sending, against the limits of the upload page
//! (`feishu/003-服务端API/消息/图片信息/上传图片.md`): not empty (234010), at most 10 MB
//! (234006), a format it takes (234011: JPG, JPEG, PNG, WEBP, GIF, BMP, ICO, TIFF, HEIC), and
//! a resolution within 12000 × 12000, or 2000 × 2000 for a GIF (234039), where the header says.

use crate::{ApiError, platform};

pub use crate::platform::{MAX_GIF_SIDE, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE};

/// An image format the upload API takes, recognized by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageFormat {
    /// JPEG / JPG.
    Jpeg,
    /// PNG.
    Png,
    /// GIF.
    Gif,
    /// WEBP.
    Webp,
    /// BMP.
    Bmp,
    /// ICO.
    Ico,
    /// TIFF (the platform converts it to JPG).
    Tiff,
    /// HEIC (the platform converts it to JPG).
    Heic,
}

impl ImageFormat {
    /// The format of `bytes`, from its signature.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        let starts = |sig: &[u8]| bytes.starts_with(sig);
        Some(if starts(&[0xFF, 0xD8, 0xFF]) {
            ImageFormat::Jpeg
        } else if starts(b"\x89PNG\r\n\x1a\n") {
            ImageFormat::Png
        } else if starts(b"GIF87a") || starts(b"GIF89a") {
            ImageFormat::Gif
        } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            ImageFormat::Webp
        } else if starts(b"BM") {
            ImageFormat::Bmp
        } else if starts(&[0, 0, 1, 0]) {
            ImageFormat::Ico
        } else if starts(b"II*\0") || starts(b"MM\0*") {
            ImageFormat::Tiff
        } else if bytes.get(4..8) == Some(b"ftyp")
            && matches!(
                bytes.get(8..12),
                Some(b"heic" | b"heix" | b"mif1" | b"msf1")
            )
        {
            ImageFormat::Heic
        } else {
            return None;
        })
    }

    /// A file name extension for the upload's file part.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
            ImageFormat::Bmp => "bmp",
            ImageFormat::Ico => "ico",
            ImageFormat::Tiff => "tiff",
            ImageFormat::Heic => "heic",
        }
    }
}

/// Width and height from the header, for the formats whose header states them at a fixed place.
fn dimensions(format: ImageFormat, b: &[u8]) -> Option<(u32, u32)> {
    let be = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
    let le16 = |i: usize| {
        Some(u32::from(u16::from_le_bytes(
            b.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    match format {
        // IHDR follows the 8-byte signature and the chunk's length and type.
        ImageFormat::Png => Some((be(16)?, be(20)?)),
        // The logical screen size follows "GIF89a".
        ImageFormat::Gif => Some((le16(6)?, le16(8)?)),
        _ => None,
    }
}

/// Checks an image against the upload API's documented limits.
///
/// # Errors
///
/// The error the server would answer: 234010 for an empty image, 234006 over 10 MB, 234011 for a
/// format it does not take, 234039 for a resolution over the limit.
pub fn check(bytes: &[u8]) -> Result<ImageFormat, ApiError> {
    if bytes.is_empty() {
        return Err(documented(platform::IMAGE_EMPTY));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            platform::IMAGE_TOO_LARGE,
            format!(
                "The file size exceed the max value: {} bytes, at most {MAX_IMAGE_BYTES} (10 MB).",
                bytes.len()
            ),
            None,
        ));
    }
    let format = ImageFormat::sniff(bytes).ok_or_else(|| documented(platform::IMAGE_FORMAT))?;
    let max = if format == ImageFormat::Gif {
        MAX_GIF_SIDE
    } else {
        MAX_IMAGE_SIDE
    };
    if let Some((w, h)) = dimensions(format, bytes)
        && (w > max || h > max)
    {
        return Err(ApiError::new(
            platform::IMAGE_RESOLUTION,
            format!("Image resolution exceeds limit: {w} x {h}, at most {max} x {max}."),
            None,
        ));
    }
    Ok(format)
}

fn documented(code: u32) -> ApiError {
    ApiError::new(
        code,
        platform::lookup(code)
            .map_or("error", |c| c.text)
            .to_owned(),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn the_documented_limits_are_checked_before_sending() {
        assert_eq!(check(&png(640, 480)).unwrap(), ImageFormat::Png);
        assert_eq!(check(&[]).unwrap_err().code, 234010);
        assert_eq!(check(b"hello, not an image").unwrap_err().code, 234011);
        assert_eq!(check(&png(12001, 10)).unwrap_err().code, 234039);
        let mut gif = b"GIF89a".to_vec();
        gif.extend(2001u16.to_le_bytes());
        gif.extend(10u16.to_le_bytes());
        assert_eq!(check(&gif).unwrap_err().code, 234039);
        let mut big = png(10, 10);
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(check(&big).unwrap_err().code, 234006);
    }
}
