//! A page as a PNG, for a pull request or a chat: the system's headless Chromium takes the
//! screenshot, and the empty rows below the card and its findings are cut off.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// Chromium could not be started.
    #[error(
        "cannot run {program} (install the chromium package, or name it with --chromium): {source}"
    )]
    Chromium {
        /// The program tried.
        program: String,
        /// Why it did not start.
        source: std::io::Error,
    },
    /// Chromium ran and failed.
    #[error("{program} exited with {status} without a screenshot")]
    Failed {
        /// The program run.
        program: String,
        /// Its exit status.
        status: std::process::ExitStatus,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// Chromium's screenshot is not a PNG this crate can read.
    #[error("{path}: not a readable PNG: {message}")]
    Png {
        /// The file.
        path: PathBuf,
        /// The decoder's or encoder's message.
        message: String,
    },
}

/// The window the page is drawn in: wide enough for the fill width and the findings, tall
/// enough for long cards (the empty part is cut off).
const WIDTH: u32 = 1400;
const HEIGHT: u32 = 4000;

/// Writes `html` (a page from [`render`](crate::render)) as a PNG at `png`, using the Chromium
/// binary `chromium` (e.g. `"chromium"`). Blank rows at the bottom are cut off, keeping a
/// margin.
///
/// # Errors
///
/// [`PictureError::Chromium`] when Chromium cannot be started, [`PictureError::Failed`] when it
/// fails, [`PictureError::Io`] for the temporary files and the output, and
/// [`PictureError::Png`] when its screenshot cannot be decoded or the result encoded.
pub fn picture(html: &str, png: &Path, chromium: &str) -> Result<(), PictureError> {
    let dir = std::env::temp_dir().join(format!(
        "card-preview-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| PictureError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let page = dir.join("card.html");
    let shot = dir.join("shot.png");
    let result = (|| {
        std::fs::write(&page, html).map_err(io(&page))?;
        // The flags a closed network needs (no background connections), and a fresh profile.
        let status = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
            ])
            .arg(format!("--window-size={WIDTH},{HEIGHT}"))
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", page.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|source| PictureError::Chromium {
                program: chromium.to_owned(),
                source,
            })?;
        if !status.success() || !shot.exists() {
            return Err(PictureError::Failed {
                program: chromium.to_owned(),
                status,
            });
        }
        crop(&shot, png)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Copies `from` to `to` without the rows at the bottom that are all the background colour
/// (the bottom-left pixel's), keeping 24 of them.
fn crop(from: &Path, to: &Path) -> Result<(), PictureError> {
    let bad = |path: &Path| {
        let path = path.to_owned();
        move |e: &dyn std::fmt::Display| PictureError::Png {
            path,
            message: e.to_string(),
        }
    };
    let file = std::fs::File::open(from).map_err(|source| PictureError::Io {
        path: from.to_owned(),
        source,
    })?;
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .map_err(|e| bad(from)(&e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad(from)(&"the image is too large"))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| bad(from)(&e))?;
    let row = info.line_size;
    let channels = (row / info.width.max(1) as usize).max(1);
    let rows: Vec<&[u8]> = buf[..info.buffer_size()].chunks(row).collect();
    let background = rows
        .last()
        .map(|r| r[..channels].to_vec())
        .unwrap_or_default();
    let used = rows
        .iter()
        .rposition(|r| r.chunks(channels).any(|p| p != background.as_slice()))
        .map_or(rows.len(), |last| (last + 1 + 24).min(rows.len()));
    let out = std::fs::File::create(to).map_err(|source| PictureError::Io {
        path: to.to_owned(),
        source,
    })?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(out), info.width, used as u32);
    encoder.set_color(info.color_type);
    encoder.set_depth(info.bit_depth);
    let mut writer = encoder.write_header().map_err(|e| bad(to)(&e))?;
    writer
        .write_image_data(&buf[..used * row])
        .map_err(|e| bad(to)(&e))?;
    writer.finish().map_err(|e| bad(to)(&e))
}
