//! chart_spec sanity (200550; spec §4). The server's chart schema is not published, so this checks
//! what the docs fix: a known type, data present, and no null where VChart wants an object or array.

use crate::json::{Node, Obj, V};

use super::Checker;
use crate::path::Seg;
use crate::rules;

/// Chart types the Feishu chart page documents.
pub const DOCUMENTED_TYPES: &[&str] = &[
    "line",
    "area",
    "bar",
    "pie",
    "common",
    "funnel",
    "scatter",
    "radar",
    "linearProgress",
    "circularProgress",
    "wordCloud",
];
/// Other VChart chart types: not documented for cards, so only a warning.
pub const OTHER_VCHART_TYPES: &[&str] = &[
    "rose",
    "histogram",
    "heatmap",
    "treemap",
    "sunburst",
    "sankey",
    "gauge",
    "waterfall",
    "boxPlot",
    "rangeColumn",
    "rangeArea",
    "map",
    "circlePacking",
    "liquid",
    "venn",
    "mosaic",
    "correlation",
    "sequence",
    "wordCloud3d",
    "pie3d",
    "bar3d",
    "funnel3d",
    "rangeColumn3d",
];
/// Keys VChart types as arrays.
const ARRAY_KEYS: &[&str] = &[
    "axes",
    "series",
    "legends",
    "scales",
    "markLine",
    "markPoint",
    "markArea",
    "region",
];
/// Keys VChart types as objects (or arrays); null is never allowed.
const OBJECT_KEYS: &[&str] = &[
    "data",
    "title",
    "label",
    "tooltip",
    "crosshair",
    "legends",
    "player",
    "dataZoom",
    "scrollBar",
    "brush",
    "indicator",
];

impl<'a> Checker<'a> {
    pub(super) fn chart_rule(&mut self, spec: &'a Node<'a>) {
        let Some(m) = spec.as_object() else {
            self.report(
                &rules::CHART_SPEC,
                format!(
                    "(root): Invalid type. Expected: object, given: {}",
                    kind(spec)
                ),
                None,
            );
            return;
        };
        match m.get("type").and_then(Node::as_str) {
            None => self.report(
                &rules::CHART_SPEC,
                "(root): Must validate at least one schema (anyOf): `type` is missing".to_owned(),
                None,
            ),
            Some(t) if DOCUMENTED_TYPES.contains(&t) => {}
            Some(t) if OTHER_VCHART_TYPES.contains(&t) => {
                self.report(
                    &rules::CHART_ADVICE,
                    format!("chart type {t:?} is a VChart type the card docs do not document"),
                    None,
                );
            }
            Some(t) => self.report(
                &rules::CHART_SPEC,
                format!(
                    "(root): Must validate at least one schema (anyOf): unknown chart type {t:?}"
                ),
                Some(format!("documented types: {}", DOCUMENTED_TYPES.join(", "))),
            ),
        }
        for (k, v, at) in m {
            let want_array = ARRAY_KEYS.contains(&k) && !OBJECT_KEYS.contains(&k);
            let want_object = OBJECT_KEYS.contains(&k);
            let bad = match &v.v {
                V::Arr(_) => false,
                V::Obj(_) => want_array,
                _ => want_array || want_object,
            };
            if bad {
                let expected = if want_array { "array" } else { "object" };
                self.with(Seg::Key(k), at, |c| {
                    c.report(
                        &rules::CHART_SPEC,
                        format!(
                            "{k}: Invalid type. Expected: {expected}, given: {}",
                            kind(v)
                        ),
                        None,
                    )
                });
            }
        }
        let has_data = match m.get("data") {
            Some(Node { v: V::Obj(d), .. }) => d.contains_key("values") || d.contains_key("id"),
            Some(Node { v: V::Arr(ds), .. }) => !ds.is_empty(),
            _ => false,
        };
        let series_have_data = m.get("series").and_then(Node::as_array).is_some_and(|s| {
            !s.is_empty()
                && s.iter().all(|x| {
                    x.get("data").is_some()
                        || x.get("dataIndex").is_some()
                        || x.get("dataId").is_some()
                })
        });
        if !has_data && !series_have_data && !m.get("data").is_some_and(Node::is_null) {
            self.report(
                &rules::CHART_SPEC,
                "data: the chart has no data (`data: {values: [...]}`)".to_owned(),
                None,
            );
        }
        self.chart_fields(m);
    }

    /// Field mappings each documented type needs (a chart without them draws nothing).
    fn chart_fields(&mut self, m: &Obj<'_>) {
        let needs: &[&str] = match m.get("type").and_then(Node::as_str) {
            Some("line" | "area" | "bar" | "scatter") => &["xField", "yField"],
            Some("pie" | "funnel" | "radar") => &["categoryField", "valueField"],
            Some("wordCloud") => &["nameField", "valueField"],
            Some("common") => &["series"],
            _ => &[],
        };
        for f in needs {
            if !m.contains_key(f) {
                self.report(
                    &rules::CHART_ADVICE,
                    format!("this chart type usually needs `{f}`"),
                    None,
                );
            }
        }
    }
}

fn kind(v: &Node<'_>) -> &'static str {
    match v.v {
        V::Null => "null",
        V::Bool(_) => "boolean",
        V::Int(_) | V::UInt(_) | V::Float(_) => "number",
        V::Str(_) => "string",
        V::Arr(_) => "array",
        V::Obj(_) => "object",
    }
}
