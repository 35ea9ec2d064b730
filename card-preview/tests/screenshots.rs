//! Pictures in a real browser: each example card's page is pictured by `card_preview::picture`
//! (the system's headless Chromium; `.ci/run` installs it) and compared with its golden PNG in
//! `tests/golden/`, with a tolerance for anti-aliasing. `UPDATE_GOLDEN=1` rewrites the goldens.

use std::path::{Path, PathBuf};

use card_preview::{Options, Theme, render_str};

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into())
}

/// A picture of `html` through the crate's own `picture` (headless Chromium, cut to the card).
fn screenshot(html: &str, dir: &Path, name: &str) -> PathBuf {
    let png = dir.join(format!("{name}.png"));
    card_preview::picture(html, &png, &chromium()).unwrap_or_else(|e| {
        panic!("{e} (the screenshot tests need Chromium; .ci/run installs it)")
    });
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

/// The golden's flat fills: each colour that covers at least 2 % of it (the page, the card, a
/// header's band, a panel's fill).
fn fills(golden: &[u8]) -> Vec<[u8; 4]> {
    let mut counts = std::collections::HashMap::new();
    for p in golden.chunks(4) {
        *counts.entry([p[0], p[1], p[2], p[3]]).or_insert(0usize) += 1;
    }
    let total = golden.len() / 4;
    counts
        .into_iter()
        .filter(|(_, n)| n * 50 >= total)
        .map(|(c, _)| c)
        .collect()
}

/// Whether two pixels differ: by more than 8 in some channel (anti-aliasing noise is below it;
/// the page's pale fills, a few steps off the background, are above it).
fn differs(x: &[u8], y: &[u8]) -> bool {
    x.iter().zip(y).any(|(p, q)| p.abs_diff(*q) > 8)
}

/// The pixels that differ between the shot and the golden, as a share of the golden's own
/// drawing (its pixels that are none of its flat fills: text, lines, icons, charts). Measured
/// against the drawing, not the whole picture, a page with its text gone is as far off as its
/// text is large: on a page that is mostly fills, a share of all pixels would hide it.
fn difference(shot: &[u8], golden: &[u8]) -> f64 {
    let fills = fills(golden);
    let drawn = golden
        .chunks(4)
        .filter(|p| fills.iter().all(|f| differs(p, f)))
        .count();
    let differing = shot
        .chunks(4)
        .zip(golden.chunks(4))
        .filter(|(x, y)| differs(x, y))
        .count();
    differing as f64 / drawn.max(1) as f64
}

#[test]
fn example_cards_look_as_their_goldens() {
    card_test_support::need!(card_test_support::chromium());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("card-preview-shots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut report = Vec::new();
    let examples = "../card-validate/examples/cards";
    for (card, theme, name) in [
        (
            examples,
            "deploy-finished.json",
            Theme::Light,
            "deploy-finished",
        ),
        (
            examples,
            "deploy-finished.json",
            Theme::Dark,
            "deploy-finished-dark",
        ),
        (examples, "v1-leftovers.json", Theme::Light, "v1-leftovers"),
        (
            examples,
            "approval-form.json",
            Theme::Light,
            "approval-form",
        ),
        (examples, "sales-table.json", Theme::Light, "sales-table"),
        // Every family of components: layout, charts, table types, panel, form.
        ("tests/cards", "gallery.json", Theme::Light, "gallery"),
        ("tests/cards", "gallery.json", Theme::Dark, "gallery-dark"),
        // The same card on a phone (`Options::mobile`).
        (
            "tests/cards",
            "gallery.json",
            Theme::Light,
            "gallery-mobile",
        ),
        // An LLM agent's answer in the shape a production bot sends (panels with icons, a
        // markdown table, emoji, nested lists), compared by eye with that bot's own
        // screenshot of the Feishu client.
        (
            "tests/cards",
            "agent-answer.json",
            Theme::Light,
            "agent-answer",
        ),
    ]
    .map(|(dir, card, theme, name)| (root.join(dir).join(card), theme, name))
    {
        let text = std::fs::read_to_string(&card).unwrap();
        let html = render_str(
            &text,
            Options {
                theme,
                mobile: name.ends_with("-mobile"),
                ..Options::default()
            },
        )
        .unwrap();
        let shot = screenshot(&html, &dir, name);
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
        report.push(format!("{name}: {:.3} % of the drawing differs", d * 100.0));
        assert!(
            d < 0.01,
            "{name}: {:.2} % of the golden's drawing differs (see {})",
            d * 100.0,
            shot.display()
        );
        if name == "approval-form" {
            // The comparison can fail: the same page with its text made transparent.
            let blank = html.replace(
                "</head>",
                "<style>*{color:transparent!important}</style></head>",
            );
            let (_, _, c) = pixels(&screenshot(&blank, &dir, "approval-form-blank"));
            let d = difference(&c, &b);
            report.push(format!(
                "approval-form without its text: {:.1} % differs",
                d * 100.0
            ));
            assert!(
                d > 0.05,
                "a page without its text passes as the golden: {d}"
            );
        }
    }
    println!("{}", report.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page as Chromium leaves it after its scripts ran, in the time zone `tz`.
fn dom(html: &str, tz: &str) -> String {
    let dir = std::env::temp_dir()
        .join(format!("card-preview-dom-{}-{tz}", std::process::id()))
        .join("x");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("card.html");
    std::fs::write(&page, html).unwrap();
    let out = std::process::Command::new(chromium())
        .env("TZ", tz)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the time tests need Chromium; .ci/run installs it");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn times_are_redrawn_in_the_readers_time_zone_and_language() {
    card_test_support::need!(card_test_support::chromium());
    // 2019-03-15 13:42:53 UTC, a Friday.
    // Every format the rich-text page lists (date_num, date_short, date, week, week_short,
    // time, time_sec, timezone).
    let md = card_validate::spec::LOCAL_DATETIME_FORMATS
        .iter()
        .map(|k| {
            format!(
                "<local_datetime millisecond='1552657373000' format_type='{k}'></local_datetime>"
            )
        })
        .collect::<Vec<_>>()
        .join(" | ");
    let card = serde_json::json!({"schema": "2.0", "body": {"elements": [
        {"tag": "markdown", "content": md},
        {"tag": "table", "columns": [
            {"name": "a", "data_type": "date"},
            {"name": "b", "data_type": "date", "date_format": "YYYY/MM/DD HH:mm"}],
         "rows": [{"a": 1_552_657_373_000_i64, "b": 1_552_657_373_000_i64}]}]}});
    let zh = times(&dom(
        &card_preview::render(&card, Options::new().locale("zh_cn")),
        "Asia/Shanghai",
    ));
    assert_eq!(
        zh,
        [
            "2019-03-15",
            "3月15日",
            "2019年3月15日",
            "星期五",
            "周五",
            "21:42",
            "21:42:53",
            "GMT+8:00",
            "2019-03-15T21:42:53+08:00",
            "2019/03/15 21:42"
        ]
    );
    let en = times(&dom(
        &card_preview::render(&card, Options::new().locale("en_us")),
        "UTC",
    ));
    assert_eq!(
        en,
        [
            "2019-03-15",
            "Mar 15",
            "Mar 15, 2019",
            "Friday",
            "Fri",
            "13:42",
            "13:42:53",
            "GMT+0:00",
            "2019-03-15T13:42:53Z",
            "2019/03/15 13:42"
        ]
    );
}

/// The texts of the page's times, in order.
fn times(dom: &str) -> Vec<String> {
    dom.split("class=\"time\"")
        .skip(1)
        .filter_map(|s| Some(s[s.find('>')? + 1..s.find('<')?].to_owned()))
        .collect()
}
