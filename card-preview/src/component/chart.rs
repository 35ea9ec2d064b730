//! Charts as a simple SVG drawn from the VChart spec's data: bar (vertical and horizontal,
//! grouped by `seriesField`), line, area, scatter, pie and ring, and `common` charts of bar,
//! line and area series, funnel, linear and circular progress, radar and word cloud. Other
//! types are a labelled box naming the type and how many data points it has.

use serde_json::Value;

use super::{Drawing, component_el, str_of};
use crate::html::El;

/// VChart's default palette.
const PALETTE: [&str; 8] = [
    "#1664ff", "#1ac6ff", "#ff8a00", "#3cc780", "#7442d4", "#ffc400", "#304d77", "#b48deb",
];

pub(crate) fn chart(e: &Value, path: &str, out: &mut Drawing) {
    let spec = e.get("chart_spec").cloned().unwrap_or(Value::Null);
    let kind = str_of(&spec, "type");
    // Drawn at the container's width, so labels keep the client's size.
    let w = out.width.clamp(160.0, 1000.0).round();
    // The chart page: 16:9 by default on a desktop, 1:1 on a phone.
    let ratio = match str_of(e, "aspect_ratio") {
        "" if out.mobile => "1:1",
        r => r,
    };
    let h = match ratio {
        "1:1" => w,
        "4:3" => w * 3.0 / 4.0,
        "2:1" => w / 2.0,
        _ => w * 9.0 / 16.0,
    };
    let fixed = str_of(e, "height");
    let fixed =
        (fixed.ends_with("px") && fixed[..fixed.len() - 2].parse::<u32>().is_ok()).then_some(fixed);
    let title = spec
        .pointer("/title/text")
        .and_then(Value::as_str)
        .map(|t| El::new("div").style("font-weight:600").text(t));
    let drawing = match kind {
        "bar" | "line" | "area" | "scatter" => {
            let series = vec![Series::of(&spec, kind, data(&spec, &spec))];
            cartesian(&series, str_of(&spec, "direction") == "horizontal", w, h)
        }
        "common" => {
            let series: Vec<Series> = spec
                .get("series")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|x| matches!(str_of(x, "type"), "bar" | "line" | "area"))
                .map(|x| Series::of(x, str_of(x, "type"), data(&spec, x)))
                .collect();
            (!series.is_empty())
                .then(|| cartesian(&series, false, w, h))
                .flatten()
        }
        "pie" => pie(&spec, w, h),
        "funnel" => funnel(&spec, w, h),
        "linearProgress" | "circularProgress" => progress(&spec, kind, w, h),
        "radar" => radar(&spec, w, h),
        "wordCloud" => word_cloud(&spec, w, h),
        _ => None,
    };
    let el = match drawing {
        Some((svg, legend)) => {
            let mut frame = El::new("svg").attr("viewBox", format!("0 0 {w} {h:.0}"));
            if let Some(px) = fixed {
                frame = frame
                    .style(&format!("height:{px}"))
                    .attr("preserveAspectRatio", "xMidYMid meet");
            }
            // The shapes are the chart drawer's SVG (numbers it computed, labels escaped).
            let frame = frame
                .attr("role", "img")
                .attr("aria-label", format!("{kind} chart"))
                .drawn(svg);
            let el = component_el(El::new("div").class("chart"), e, path, "");
            with_title(el, title).child(frame).drawn(legend)
        }
        None => {
            let points = data(&spec, &spec).len();
            let css = format!(
                "aspect-ratio:{w}/{h:.0};display:flex;flex-direction:column;justify-content:center;"
            );
            let name = if kind.is_empty() { "unknown" } else { kind };
            let el = component_el(El::new("div").class("ph"), e, path, &css);
            with_title(el, title).text(format!("{name} chart · {points} data points"))
        }
    };
    out.push(&el.html());
}

/// The light grid lines' stroke.
fn grid() -> (&'static str, String) {
    ("stroke", "#8f959e".to_owned())
}

/// A number with one decimal, as the drawings write coordinates.
fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// An SVG shape with these attributes, in order (written self-closed).
fn shape(tag: &'static str, attrs: &[(&'static str, String)]) -> String {
    attrs
        .iter()
        .fold(El::new(tag), |el, (k, v)| el.attr(k, v.as_str()))
        .html()
}

/// A text label of a chart: at `x`, `y` (one decimal), in `size` and `fill`, anchored.
fn svg_label(x: f64, y: f64, size: &str, fill: &str, anchor: Option<&str>, text: &str) -> String {
    let el = El::new("text")
        .attr("x", format!("{x:.1}"))
        .attr("y", format!("{y:.1}"))
        .attr("font-size", size)
        .attr("fill", fill);
    match anchor {
        Some(a) => el.attr("text-anchor", a),
        None => el,
    }
    .text(text)
    .html()
}

/// `el` with the chart's title first, when it has one.
fn with_title(el: El, title: Option<El>) -> El {
    match title {
        Some(t) => el.child(t),
        None => el,
    }
}

/// The data values a series uses: its `dataIndex`/`dataId` in the spec's `data`, or the
/// first data set (`data` may be `{values}` or `[{id, values}]`).
fn data<'a>(spec: &'a Value, series: &Value) -> Vec<&'a Value> {
    let sets: Vec<&Value> = match spec.get("data") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(d @ Value::Object(_)) => vec![d],
        _ => Vec::new(),
    };
    let chosen = if let Some(i) = series.get("dataIndex").and_then(Value::as_u64) {
        sets.get(i as usize).copied()
    } else if let Some(id) = series.get("dataId").and_then(Value::as_str) {
        sets.iter().find(|d| str_of(d, "id") == id).copied()
    } else {
        sets.first().copied()
    };
    chosen
        .and_then(|d| d.get("values"))
        .and_then(Value::as_array)
        .map(|v| v.iter().collect())
        .unwrap_or_default()
}

/// A field name (`xField` may be an array: its first name is the category).
fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    match v.get(key) {
        Some(Value::String(f)) => f,
        Some(Value::Array(a)) => a.first().and_then(Value::as_str).unwrap_or_default(),
        _ => "",
    }
}

/// A datum's field as text (the category) and as a number (the value).
fn label(d: &Value, f: &str) -> String {
    match d.get(f) {
        Some(Value::String(t)) => t.clone(),
        Some(v @ Value::Number(_)) => v.to_string(),
        _ => String::new(),
    }
}
fn num(d: &Value, f: &str) -> Option<f64> {
    match d.get(f)? {
        Value::Number(n) => n.as_f64(),
        Value::String(t) => t.parse().ok(),
        _ => None,
    }
}

/// One series: its type and its points as (category, group, value).
struct Series {
    kind: String,
    points: Vec<(String, String, f64)>,
}

impl Series {
    fn of(x: &Value, kind: &str, values: Vec<&Value>) -> Series {
        let horizontal = str_of(x, "direction") == "horizontal";
        let (cat, val) = if horizontal {
            (field(x, "yField"), field(x, "xField"))
        } else {
            (field(x, "xField"), field(x, "yField"))
        };
        let group = match x.get("xField") {
            Some(Value::Array(a)) if a.len() > 1 => a[1].as_str().unwrap_or_default(),
            _ => field(x, "seriesField"),
        };
        let points = values
            .into_iter()
            .filter_map(|d| {
                Some((
                    label(d, cat),
                    if group.is_empty() {
                        String::new()
                    } else {
                        label(d, group)
                    },
                    num(d, val)?,
                ))
            })
            .collect();
        Series {
            kind: kind.to_owned(),
            points,
        }
    }
}

fn uniq(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Axes, bars, lines and areas; the legend when there are several groups.
fn cartesian(series: &[Series], horizontal: bool, w: f64, h: f64) -> Option<(String, String)> {
    let cats = uniq(
        series
            .iter()
            .flat_map(|x| x.points.iter().map(|p| p.0.clone())),
    );
    let groups = uniq(
        series
            .iter()
            .flat_map(|x| x.points.iter().map(|p| p.1.clone())),
    );
    if cats.is_empty() {
        return None;
    }
    let max = series
        .iter()
        .flat_map(|x| x.points.iter().map(|p| p.2))
        .fold(0.0_f64, f64::max);
    let min = series
        .iter()
        .flat_map(|x| x.points.iter().map(|p| p.2))
        .fold(0.0_f64, f64::min);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let (left, right, top, bottom) = (if horizontal { 64.0 } else { 40.0 }, 8.0, 8.0, 24.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let mut svg = String::new();
    // Value gridlines and labels.
    for i in 0..=4 {
        let v = min + span * f64::from(i) / 4.0;
        let t = format_value(v);
        if horizontal {
            let x = left + pw * f64::from(i) / 4.0;
            svg.push_str(&shape(
                "line",
                &[
                    ("x1", f1(x)),
                    ("y1", top.to_string()),
                    ("x2", f1(x)),
                    ("y2", f1(top + ph)),
                    grid(),
                    ("stroke-opacity", ".25".into()),
                ],
            ));
            svg.push_str(&svg_label(x, h - 8.0, "10", "#8f959e", Some("middle"), &t));
        } else {
            let y = top + ph - ph * f64::from(i) / 4.0;
            svg.push_str(&shape(
                "line",
                &[
                    ("x1", left.to_string()),
                    ("y1", f1(y)),
                    ("x2", f1(left + pw)),
                    ("y2", f1(y)),
                    grid(),
                    ("stroke-opacity", ".25".into()),
                ],
            ));
            svg.push_str(&svg_label(
                left - 4.0,
                y + 3.0,
                "10",
                "#8f959e",
                Some("end"),
                &t,
            ));
        }
    }
    let band = if horizontal { ph } else { pw } / cats.len() as f64;
    // A scatter of numbers on both axes has a value x axis, not categories.
    let xs: Vec<f64> = cats.iter().filter_map(|c| c.parse().ok()).collect();
    let numeric_x = (!horizontal
        && series.iter().all(|x| x.kind == "scatter")
        && xs.len() == cats.len())
    .then(|| {
        let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo, if hi > lo { hi - lo } else { 1.0 })
    });
    let xpos = |i: usize| match numeric_x {
        Some((lo, range)) => left + 6.0 + (pw - 12.0) * (xs[i] - lo) / range,
        None => left + band * (i as f64 + 0.5),
    };
    if let Some((lo, range)) = numeric_x {
        for i in 0..=4 {
            let v = lo + range * f64::from(i) / 4.0;
            let x = left + 6.0 + (pw - 12.0) * f64::from(i) / 4.0;
            svg.push_str(&svg_label(
                x,
                h - 8.0,
                "10",
                "#8f959e",
                Some("middle"),
                &format_value(v),
            ));
        }
    } else {
        let step = (cats.len() / 8).max(1);
        for (i, c) in cats.iter().enumerate().step_by(step) {
            let mid = band * (i as f64 + 0.5);
            let text: String = c.chars().take(10).collect();
            if horizontal {
                svg.push_str(&svg_label(
                    left - 4.0,
                    top + mid + 3.0,
                    "10",
                    "#8f959e",
                    Some("end"),
                    &text,
                ));
            } else {
                svg.push_str(&svg_label(
                    left + mid,
                    h - 8.0,
                    "10",
                    "#8f959e",
                    Some("middle"),
                    &text,
                ));
            }
        }
    }
    let zero = (0.0 - min) / span;
    let bar_series: Vec<&Series> = series.iter().filter(|x| x.kind == "bar").collect();
    let bars_per_band = (groups.len() * bar_series.len()).max(1);
    let mut slot = 0;
    for (si, x) in series.iter().enumerate() {
        for (gi, g) in groups.iter().enumerate() {
            let colour = PALETTE[(gi + si) % PALETTE.len()];
            let pts: Vec<(usize, f64)> = x
                .points
                .iter()
                .filter(|p| &p.1 == g)
                .filter_map(|p| {
                    cats.iter()
                        .position(|c| c == &p.0)
                        .map(|i| (i, (p.2 - min) / span))
                })
                .collect();
            if pts.is_empty() {
                continue;
            }
            match x.kind.as_str() {
                "bar" => {
                    let width = band * 0.7 / bars_per_band as f64;
                    for (i, f) in &pts {
                        let at = band * (*i as f64 + 0.15) + width * slot as f64;
                        let (a, b) = (zero.min(*f), zero.max(*f));
                        if horizontal {
                            svg.push_str(&shape(
                                "rect",
                                &[
                                    ("x", f1(left + pw * a)),
                                    ("y", f1(top + at)),
                                    ("width", f1(pw * (b - a))),
                                    ("height", f1(width)),
                                    ("fill", colour.into()),
                                ],
                            ));
                        } else {
                            svg.push_str(&shape(
                                "rect",
                                &[
                                    ("x", f1(left + at)),
                                    ("y", f1(top + ph - ph * b)),
                                    ("width", f1(width)),
                                    ("height", f1(ph * (b - a))),
                                    ("fill", colour.into()),
                                ],
                            ));
                        }
                    }
                    slot += 1;
                }
                kind => {
                    let coords: Vec<String> = pts
                        .iter()
                        .map(|(i, f)| format!("{:.1},{:.1}", xpos(*i), top + ph - ph * f))
                        .collect();
                    if kind == "area" {
                        let first = xpos(pts[0].0);
                        let last = xpos(pts[pts.len() - 1].0);
                        let base = top + ph - ph * zero;
                        let points = format!(
                            "{first:.1},{base:.1} {} {last:.1},{base:.1}",
                            coords.join(" ")
                        );
                        svg.push_str(&shape(
                            "polygon",
                            &[
                                ("points", points),
                                ("fill", colour.into()),
                                ("fill-opacity", ".25".into()),
                            ],
                        ));
                    }
                    if kind != "scatter" {
                        svg.push_str(&shape(
                            "polyline",
                            &[
                                ("points", coords.join(" ")),
                                ("fill", "none".into()),
                                ("stroke", colour.into()),
                                ("stroke-width", "2".into()),
                            ],
                        ));
                    }
                    for c in &coords {
                        let (cx, cy) = c.split_once(',').unwrap_or_default();
                        svg.push_str(&shape(
                            "circle",
                            &[
                                ("cx", cx.into()),
                                ("cy", cy.into()),
                                ("r", "2.5".into()),
                                ("fill", colour.into()),
                            ],
                        ));
                    }
                }
            }
        }
    }
    let legend = if groups.len() > 1 {
        legend(&groups)
    } else {
        String::new()
    };
    Some((svg, legend))
}

fn legend(names: &[String]) -> String {
    names
        .iter()
        .enumerate()
        .fold(El::new("div").class("legend"), |legend, (i, n)| {
            let swatch = El::new("i").style(&format!("background:{}", PALETTE[i % PALETTE.len()]));
            legend.child(El::new("span").child(swatch).text(n.as_str()))
        })
        .html()
}

fn format_value(v: f64) -> String {
    if v.abs() >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A pie (a ring when `innerRadius` is set) with its legend.
fn pie(spec: &Value, w: f64, h: f64) -> Option<(String, String)> {
    let cat = field(spec, "categoryField");
    let val = field(spec, "valueField");
    let slices: Vec<(String, f64)> = data(spec, spec)
        .into_iter()
        .filter_map(|d| Some((label(d, cat), num(d, val).filter(|v| *v > 0.0)?)))
        .collect();
    let total: f64 = slices.iter().map(|x| x.1).sum();
    if slices.is_empty() || total <= 0.0 {
        return None;
    }
    let (cx, cy) = (w / 2.0, h / 2.0);
    let r = h / 2.0 - 8.0;
    let inner = spec
        .get("innerRadius")
        .and_then(Value::as_f64)
        .map_or(0.0, |f| f.clamp(0.0, 0.95));
    let mut svg = String::new();
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, (_, v)) in slices.iter().enumerate() {
        let sweep = v / total * std::f64::consts::TAU;
        let colour = PALETTE[i % PALETTE.len()];
        if sweep >= std::f64::consts::TAU - 1e-9 {
            svg.push_str(&shape(
                "circle",
                &[
                    ("cx", cx.to_string()),
                    ("cy", cy.to_string()),
                    ("r", r.to_string()),
                    ("fill", colour.into()),
                ],
            ));
        } else {
            let (x1, y1) = (cx + r * angle.cos(), cy + r * angle.sin());
            let end = angle + sweep;
            let (x2, y2) = (cx + r * end.cos(), cy + r * end.sin());
            let large = i32::from(sweep > std::f64::consts::PI);
            let d = format!("M{cx},{cy} L{x1:.2},{y1:.2} A{r},{r} 0 {large} 1 {x2:.2},{y2:.2} Z");
            svg.push_str(&shape(
                "path",
                &[
                    ("d", d),
                    ("fill", colour.into()),
                    ("stroke", "#fff".into()),
                    ("stroke-width", "1".into()),
                ],
            ));
        }
        angle += sweep;
    }
    if inner > 0.0 {
        svg.push_str(&shape(
            "circle",
            &[
                ("cx", cx.to_string()),
                ("cy", cy.to_string()),
                ("r", f1(r * inner)),
                ("fill", "var(--card,#fff)".into()),
            ],
        ));
    }
    let names: Vec<String> = slices.into_iter().map(|x| x.0).collect();
    Some((svg, legend(&names)))
}

/// Stages as centred bars, widest first.
fn funnel(spec: &Value, w: f64, h: f64) -> Option<(String, String)> {
    let cat = field(spec, "categoryField");
    let val = field(spec, "valueField");
    let stages: Vec<(String, f64)> = data(spec, spec)
        .into_iter()
        .filter_map(|d| Some((label(d, cat), num(d, val)?)))
        .collect();
    let max = stages.iter().map(|x| x.1).fold(0.0_f64, f64::max);
    if stages.is_empty() || max <= 0.0 {
        return None;
    }
    let band = (h - 8.0) / stages.len() as f64;
    let mut svg = String::new();
    for (i, (name, v)) in stages.iter().enumerate() {
        let bw = (w - 16.0) * (v / max).max(0.02);
        let (x, y) = ((w - bw) / 2.0, 4.0 + band * i as f64);
        svg.push_str(&shape(
            "rect",
            &[
                ("x", f1(x)),
                ("y", f1(y)),
                ("width", f1(bw)),
                ("height", f1(band * 0.85)),
                ("fill", PALETTE[i % PALETTE.len()].into()),
            ],
        ));
        let text = format!("{name} {}", format_value(*v));
        svg.push_str(&svg_label(
            w / 2.0,
            y + band * 0.45 + 4.0,
            "11",
            "#fff",
            Some("middle"),
            &text,
        ));
    }
    Some((svg, String::new()))
}

/// Progress values in [0, 1]: bars (linear) or arcs (circular), each with its category.
fn progress(spec: &Value, kind: &str, w: f64, h: f64) -> Option<(String, String)> {
    let linear = kind == "linearProgress";
    let (cat, val) = if linear {
        (field(spec, "yField"), field(spec, "xField"))
    } else {
        (field(spec, "categoryField"), field(spec, "valueField"))
    };
    let items: Vec<(String, f64)> = data(spec, spec)
        .into_iter()
        .filter_map(|d| Some((label(d, cat), num(d, val)?.clamp(0.0, 1.0))))
        .collect();
    if items.is_empty() {
        return None;
    }
    let mut svg = String::new();
    if linear {
        let band = (h - 8.0) / items.len() as f64;
        let left = 120.0_f64.min(w / 3.0);
        for (i, (name, v)) in items.iter().enumerate() {
            let y = 4.0 + band * (i as f64 + 0.5);
            let track = w - left - 48.0;
            svg.push_str(&svg_label(
                left - 6.0,
                y + 4.0,
                "11",
                "#8f959e",
                Some("end"),
                name,
            ));
            // The track, then the value's bar over it.
            let bar = |width: f64, fill: &str, opacity: Option<&str>| {
                let mut attrs = vec![
                    ("x", left.to_string()),
                    ("y", f1(y - 4.0)),
                    ("width", f1(width)),
                    ("height", "8".to_owned()),
                    ("rx", "4".to_owned()),
                    ("fill", fill.to_owned()),
                ];
                attrs.extend(opacity.map(|o| ("fill-opacity", o.to_owned())));
                shape("rect", &attrs)
            };
            svg.push_str(&bar(track, "#8f959e", Some(".2")));
            svg.push_str(&bar(track * v, PALETTE[i % PALETTE.len()], None));
            let percent = format!("{:.0}%", v * 100.0);
            svg.push_str(&svg_label(
                left + track + 6.0,
                y + 4.0,
                "11",
                "#8f959e",
                None,
                &percent,
            ));
        }
        return Some((svg, String::new()));
    }
    let (cx, cy) = (w / 2.0, h / 2.0);
    let outer = h / 2.0 - 8.0;
    let ring = outer * 0.5 / items.len() as f64;
    for (i, (_, v)) in items.iter().enumerate() {
        let r = outer - ring * (i as f64 + 0.5);
        let c = std::f64::consts::TAU * r;
        let circle = [
            ("cx", cx.to_string()),
            ("cy", cy.to_string()),
            ("r", f1(r)),
            ("fill", "none".to_owned()),
        ];
        let [x, y, rr, fill] = circle.clone();
        svg.push_str(&shape(
            "circle",
            &[
                x,
                y,
                rr,
                fill,
                ("stroke", "#8f959e".into()),
                ("stroke-opacity", ".2".into()),
                ("stroke-width", f1(ring * 0.8)),
            ],
        ));
        let [x, y, rr, fill] = circle;
        svg.push_str(&shape(
            "circle",
            &[
                x,
                y,
                rr,
                fill,
                ("stroke", PALETTE[i % PALETTE.len()].into()),
                ("stroke-width", f1(ring * 0.8)),
                ("stroke-dasharray", format!("{:.1} {c:.1}", c * v)),
                ("transform", format!("rotate(-90 {cx} {cy})")),
            ],
        ));
    }
    let names: Vec<String> = items.into_iter().map(|x| x.0).collect();
    Some((svg, legend(&names)))
}

/// A radar: one polygon per series over the categories' spokes.
fn radar(spec: &Value, w: f64, h: f64) -> Option<(String, String)> {
    let series = Series::of(
        &serde_json::json!({"xField": field(spec, "categoryField"), "yField": field(spec, "valueField"), "seriesField": field(spec, "seriesField")}),
        "radar",
        data(spec, spec),
    );
    let cats = uniq(series.points.iter().map(|p| p.0.clone()));
    let groups = uniq(series.points.iter().map(|p| p.1.clone()));
    let max = series.points.iter().map(|p| p.2).fold(0.0_f64, f64::max);
    if cats.len() < 3 || max <= 0.0 {
        return None;
    }
    let (cx, cy) = (w / 2.0, h / 2.0);
    let r = h / 2.0 - 20.0;
    let at = |i: usize, f: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / cats.len() as f64;
        (cx + r * f * a.cos(), cy + r * f * a.sin())
    };
    let mut svg = String::new();
    for ring in 1..=4 {
        let pts: Vec<String> = (0..cats.len())
            .map(|i| {
                let (x, y) = at(i, f64::from(ring) / 4.0);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        svg.push_str(&shape(
            "polygon",
            &[
                ("points", pts.join(" ")),
                ("fill", "none".into()),
                grid(),
                ("stroke-opacity", ".3".into()),
            ],
        ));
    }
    for (i, c) in cats.iter().enumerate() {
        let (x, y) = at(i, 1.0);
        let (lx, ly) = at(i, 1.12);
        svg.push_str(&shape(
            "line",
            &[
                ("x1", cx.to_string()),
                ("y1", cy.to_string()),
                ("x2", f1(x)),
                ("y2", f1(y)),
                grid(),
                ("stroke-opacity", ".3".into()),
            ],
        ));
        svg.push_str(&svg_label(lx, ly + 3.0, "10", "#8f959e", Some("middle"), c));
    }
    for (gi, g) in groups.iter().enumerate() {
        let colour = PALETTE[gi % PALETTE.len()];
        let pts: Vec<String> = cats
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = series
                    .points
                    .iter()
                    .find(|p| &p.0 == c && &p.1 == g)
                    .map_or(0.0, |p| p.2);
                let (x, y) = at(i, (v / max).max(0.0));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        svg.push_str(&shape(
            "polygon",
            &[
                ("points", pts.join(" ")),
                ("fill", colour.into()),
                ("fill-opacity", ".25".into()),
                ("stroke", colour.into()),
                ("stroke-width", "2".into()),
            ],
        ));
    }
    let legend = if groups.len() > 1 {
        legend(&groups)
    } else {
        String::new()
    };
    Some((svg, legend))
}

/// A word cloud as rows of words, the largest first, sized by value.
fn word_cloud(spec: &Value, w: f64, h: f64) -> Option<(String, String)> {
    let name = field(spec, "nameField");
    let val = field(spec, "valueField");
    let mut words: Vec<(String, f64)> = data(spec, spec)
        .into_iter()
        .filter_map(|d| Some((label(d, name), num(d, val)?)))
        .filter(|(n, v)| !n.is_empty() && *v > 0.0)
        .collect();
    words.sort_by(|a, b| b.1.total_cmp(&a.1));
    let max = words.first()?.1;
    let mut svg = String::new();
    let (mut x, mut y, mut row) = (8.0, 8.0, 0.0_f64);
    for (i, (word, v)) in words.iter().enumerate() {
        let size = 11.0 + 25.0 * (v / max).sqrt();
        // CJK glyphs are about as wide as they are tall, Latin ones about half.
        let width: f64 = word
            .chars()
            .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
            .sum::<f64>()
            * size;
        if x + width > w - 8.0 && x > 8.0 {
            x = 8.0;
            y += row + 4.0;
            row = 0.0;
        }
        if y + size > h {
            break;
        }
        let px = format!("{size:.0}");
        svg.push_str(&svg_label(
            x,
            y + size * 0.85,
            &px,
            PALETTE[i % PALETTE.len()],
            None,
            word,
        ));
        x += width + 10.0;
        row = row.max(size);
    }
    Some((svg, String::new()))
}
