//! Table rows against their columns (200914, 200915; spec §3).

use crate::json::{Node, Obj, V};

use super::Checker;
use super::markdown::image_targets;
use crate::found::Found;
use crate::path::{Pos, Seg};
use crate::rules;
use crate::spec::shape::is_img_key;
use crate::spec::{self, TAG_COLOR};

impl<'a> Checker<'a> {
    pub(super) fn table_rule(&mut self, m: &'a Obj<'a>) {
        let columns: Vec<(&'a str, &'a str)> = m
            .get("columns")
            .and_then(Node::as_array)
            .map(|cols| {
                cols.iter()
                    .filter_map(|c| {
                        let name = c.get("name")?.as_str()?;
                        let ty = c.get("data_type").and_then(Node::as_str).unwrap_or("text");
                        Some((name, ty))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        for (i, (name, _)) in columns.iter().enumerate() {
            if !seen.insert(*name) || name.is_empty() {
                let (cols, cols_at) = m
                    .get_at("columns")
                    .map_or((None, Pos::NONE), |(n, p)| (n.as_array(), p));
                let col_at = cols.and_then(|a| a.get(i)).map_or(Pos::NONE, Node::at);
                self.with(Seg::Key("columns"), cols_at, |c| {
                    c.with(Seg::Index(i), col_at, |c| {
                        c.report(
                            &rules::TABLE_ADVICE,
                            format!("column name {name:?} is empty or repeated"),
                            None,
                        )
                    })
                });
            }
        }
        let Some((rows, rows_at)) = m.get_at("rows") else {
            return;
        };
        let Some(rows) = rows.as_array() else {
            return;
        };
        self.with(Seg::Key("rows"), rows_at, |c| {
            for (r, row) in rows.iter().enumerate() {
                c.with(Seg::Index(r), row.at(), |c| c.table_row(r, row, &columns));
            }
        });
    }

    fn table_row(&mut self, r: usize, row: &'a Node<'a>, columns: &[(&'a str, &'a str)]) {
        let Some(cells) = row.as_object() else {
            self.report(
                &rules::TABLE_CELL,
                format!("table rows is invalid: row {r} must be an object keyed by column name"),
                None,
            );
            return;
        };
        for (key, cell, at) in cells {
            self.with(Seg::Key(key), at, |c| {
                match columns.iter().position(|(n, _)| *n == key) {
                    None => {
                        let columns = columns.iter().map(|(n, _)| *n).collect();
                        c.report_finding(
                            Found::RowKey {
                                row: r,
                                key,
                                columns,
                            }
                            .finding(),
                        );
                    }
                    Some(col) => c.table_cell(r, col, columns[col], cell),
                }
            });
        }
    }

    fn table_cell(&mut self, r: usize, col: usize, (name, ty): (&str, &str), cell: &'a Node<'a>) {
        let bad = Found::Cell {
            row: r,
            col,
            name,
            data_type: ty,
        };
        if !spec::table_cell_fits(ty, cell_kind(cell)) {
            self.report_finding(bad.finding());
            return;
        }
        match (ty, &cell.v) {
            ("options", V::Arr(items)) => {
                let shaped = items.iter().all(|o| {
                    o.get("text").is_some_and(Node::is_string)
                        && o.as_object()
                            .is_some_and(|m| m.keys().all(|k| k == "text" || k == "color"))
                        && o.get("color").is_none_or(Node::is_string)
                });
                if !shaped {
                    self.report_finding(bad.finding());
                    return;
                }
                for o in items {
                    if let Some(color) = o.get("color").and_then(Node::as_str)
                        && !TAG_COLOR.values.contains(&color)
                    {
                        self.report(
                            &rules::UNDOCUMENTED_VALUE,
                            format!("option color {color:?} is not a tag color; blue is used"),
                            None,
                        );
                    }
                }
            }
            ("persons", V::Arr(ids)) if !ids.iter().all(Node::is_string) => {
                self.report_finding(bad.finding());
            }
            ("markdown", V::Str(s)) => {
                for key in image_targets(s).filter(|k| !is_img_key(k)) {
                    self.report(
                        &rules::IMAGE_KEY,
                        format!(
                            "image key {key:?} in a markdown cell is not an uploaded image key"
                        ),
                        None,
                    );
                }
            }
            ("text" | "lark_md" | "markdown", V::Obj(_) | V::Arr(_)) => {
                self.report(
                    &rules::TABLE_ADVICE,
                    format!(
                        "table cell at row {r}, column {col} ({name:?}, data_type {ty}) should be a string (objects and arrays are shown as raw JSON)"
                    ),
                    None,
                );
            }
            _ => {}
        }
    }
}

fn cell_kind(cell: &Node<'_>) -> spec::CellKind {
    match cell.v {
        V::Int(_) | V::UInt(_) => spec::CellKind::Integer,
        V::Float(_) => spec::CellKind::Float,
        V::Str(_) => spec::CellKind::String,
        V::Bool(_) => spec::CellKind::Bool,
        V::Arr(_) => spec::CellKind::Array,
        V::Obj(_) => spec::CellKind::Object,
        V::Null => spec::CellKind::Null,
    }
}
