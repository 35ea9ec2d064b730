//! Pictures in a real browser: each example card's page is screenshot by headless Chromium
//! (the system package; `.ci/run` installs it) and compared with its golden PNG in
//! `tests/golden/`, with a tolerance for anti-aliasing. `UPDATE_GOLDEN=1` rewrites the goldens.

use std::path::{Path, PathBuf};
use std::process::Command;

use card_preview::{Options, Theme, render_str};

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into())
}

/// A screenshot of `html` at 1100 × `height`.
fn screenshot(html: &str, dir: &Path, name: &str, height: u32) -> PathBuf {
    let page = dir.join(format!("{name}.html"));
    let png = dir.join(format!("{name}.png"));
    std::fs::write(&page, html).unwrap();
    let status = Command::new(chromium())
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
        .arg(format!("--window-size=1100,{height}"))
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "{} is needed for the screenshot tests (.ci/run installs it): {e}",
                chromium()
            )
        });
    assert!(status.success(), "chromium failed on {name}");
    png
}

/// RGBA pixels and size of a PNG.
fn pixels(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let rgba: Vec<u8> = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| match p.len() {
            4 => [p[0], p[1], p[2], p[3]],
            3 => [p[0], p[1], p[2], 255],
            _ => [p[0], p[0], p[0], 255],
        })
        .collect();
    (info.width, info.height, rgba)
}

/// The share of pixels that differ by more than 32 in some channel.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    let differing = a
        .chunks(4)
        .zip(b.chunks(4))
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > 32))
        .count();
    differing as f64 / (a.len() / 4).max(1) as f64
}

#[test]
fn example_cards_look_as_their_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("card-preview-shots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut report = Vec::new();
    let examples = "../card-validate/examples/cards";
    for (card, theme, name, height) in [
        (
            examples,
            "deploy-finished.json",
            Theme::Light,
            "deploy-finished",
            600,
        ),
        (
            examples,
            "deploy-finished.json",
            Theme::Dark,
            "deploy-finished-dark",
            600,
        ),
        (
            examples,
            "v1-leftovers.json",
            Theme::Light,
            "v1-leftovers",
            600,
        ),
        (
            examples,
            "approval-form.json",
            Theme::Light,
            "approval-form",
            600,
        ),
        (
            examples,
            "sales-table.json",
            Theme::Light,
            "sales-table",
            600,
        ),
        // Every family of components: layout, charts, table types, panel, form.
        ("tests/cards", "gallery.json", Theme::Light, "gallery", 1500),
        (
            "tests/cards",
            "gallery.json",
            Theme::Dark,
            "gallery-dark",
            1500,
        ),
    ]
    .map(|(dir, card, theme, name, height)| (root.join(dir).join(card), theme, name, height))
    {
        let text = std::fs::read_to_string(&card).unwrap();
        let html = render_str(
            &text,
            Options {
                theme,
                ..Options::default()
            },
        )
        .unwrap();
        let shot = screenshot(&html, &dir, name, height);
        let golden = root.join("tests/golden").join(format!("{name}.png"));
        if update || !golden.exists() {
            assert!(
                update,
                "no golden for {name}: run with UPDATE_GOLDEN=1 and review {}",
                shot.display()
            );
            std::fs::copy(&shot, &golden).unwrap();
            continue;
        }
        let (w1, h1, a) = pixels(&shot);
        let (w2, h2, b) = pixels(&golden);
        assert_eq!((w1, h1), (w2, h2), "{name}: size");
        let d = difference(&a, &b);
        report.push(format!("{name}: {:.3} % of pixels differ", d * 100.0));
        assert!(
            d < 0.01,
            "{name}: {:.2} % of pixels differ from the golden (see {})",
            d * 100.0,
            shot.display()
        );
    }
    println!("{}", report.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
