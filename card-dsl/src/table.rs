//! Tables with typed rows: columns are declared with a cell type, rows are filled through the
//! column handles, so a cell of the wrong type for its column does not compile and a row key is
//! always a column name (200914 / 200915 move to compile time).
//!
//! ```
//! use card_dsl::table::{TableBuilder, cell};
//!
//! let mut t = TableBuilder::new();
//! let region = t.column::<cell::Text>("region", "Region");
//! let revenue = t.column::<cell::Number>("revenue", "Revenue");
//! let closed = t.column::<cell::Date>("closed_at", "Closed");
//! t.row().set(&region, "North").set(&revenue, 1250.5).set(&closed, 1_763_683_200_000_i64);
//! t.row().set(&region, "South").set(&revenue, 980);
//! let table = t.build().unwrap();
//! assert_eq!(table.rows.len(), 2);
//! assert_eq!(serde_json::to_value(&table.rows[0]).unwrap()["revenue"], 1250.5);
//! ```
//!
//! A cell of the wrong type for its column does not compile:
//!
//! ```compile_fail
//! use card_dsl::table::{TableBuilder, cell};
//! let mut t = TableBuilder::new();
//! let revenue = t.column::<cell::Number>("revenue", "Revenue");
//! t.row().set(&revenue, "980"); // a number column takes numbers, not strings
//! ```

use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value};

use crate::{DataType, Num, Table, TableColumn, TagColor, UserId};

/// Cell types: one per `data_type`.
pub mod cell {
    use super::*;

    /// A column's cell type.
    pub trait CellType {
        /// The column's `data_type`.
        const DATA_TYPE: DataType;
        /// What a cell holds.
        type Value;
        /// The cell as JSON.
        fn to_json(v: Self::Value) -> Value;
    }

    macro_rules! cell_type {
        ($(#[$doc:meta])* $name:ident, $dt:expr, $value:ty, |$v:ident| $json:expr) => {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub enum $name {}
            impl CellType for $name {
                const DATA_TYPE: DataType = $dt;
                type Value = $value;
                fn to_json($v: $value) -> Value {
                    $json
                }
            }
        };
    }

    cell_type!(/// Plain text (`data_type: text`).
        Text, DataType::Text, String, |v| Value::String(v));
    cell_type!(/// lark_md text (client 7.10+).
        LarkMd, DataType::LarkMd, String, |v| Value::String(v));
    cell_type!(/// Full markdown (client 7.14+).
        Markdown, DataType::Markdown, String, |v| Value::String(v));
    cell_type!(/// A JSON number.
        Number, DataType::Number, Num, |v| serde_json::to_value(v).unwrap_or(Value::Null));
    cell_type!(/// A Unix timestamp in milliseconds (client 7.6+).
        Date, DataType::Date, i64, |v| Value::from(v));
    cell_type!(/// Tags (client 7.4+).
        Options, DataType::Options, Vec<OptionTag>, |v| Value::Array(v.into_iter().map(OptionTag::into_json).collect()));
    cell_type!(/// Users (user_id, open_id, union_id or lark_id).
        Persons, DataType::Persons, Vec<UserId>, |v| Value::Array(v.into_iter().map(|u| Value::String(u.as_str().to_owned())).collect()));
}

use cell::CellType;

/// One tag in an `options` cell.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionTag {
    /// The tag text.
    pub text: String,
    /// Its color (default blue).
    pub color: Option<TagColor>,
}

impl OptionTag {
    /// A tag in the default color.
    pub fn new(text: impl Into<String>) -> Self {
        OptionTag {
            text: text.into(),
            color: None,
        }
    }
    /// Sets the color.
    pub fn color(mut self, color: TagColor) -> Self {
        self.color = Some(color);
        self
    }
    fn into_json(self) -> Value {
        let mut m = Map::new();
        m.insert("text".into(), Value::String(self.text));
        if let Some(c) = self.color {
            m.insert("color".into(), Value::String(c.as_str().to_owned()));
        }
        Value::Object(m)
    }
}

impl From<&str> for OptionTag {
    fn from(s: &str) -> Self {
        OptionTag::new(s)
    }
}

/// A column handle: the only way to fill that column's cells.
#[derive(Debug)]
pub struct Col<C: CellType> {
    table: u64,
    index: usize,
    _cell: PhantomData<C>,
}

/// Builds a [`Table`] column by column, then row by row.
#[derive(Debug)]
pub struct TableBuilder {
    id: u64,
    columns: Vec<TableColumn>,
    rows: Vec<Map<String, Value>>,
    errors: Vec<TableError>,
}

/// A table's typed columns and rows, from [`TableBuilder::data`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableData {
    /// The columns, each with the `data_type` of its cell type.
    pub columns: Vec<TableColumn>,
    /// The rows, keyed by column name.
    pub rows: Vec<Value>,
}

impl Table {
    /// Sets the columns and rows from a [`TableBuilder`] (`<table>{data}</table>` in `card!`).
    pub fn data(mut self, data: TableData) -> Self {
        self.columns = data.columns;
        self.rows = data.rows;
        self
    }
}

/// A row being filled.
#[derive(Debug)]
pub struct Row<'t> {
    builder: &'t mut TableBuilder,
    index: usize,
}

/// What went wrong while building a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// A column handle from another table (its row key would not be a column here: 200915).
    ForeignColumn {
        /// Row index.
        row: usize,
    },
    /// A raw cell whose key is not a column name (200915).
    UnknownColumn {
        /// Row index.
        row: usize,
        /// The key.
        key: String,
    },
    /// Two columns with one name.
    DuplicateColumn(String),
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableError::ForeignColumn { row } => {
                write!(f, "row {row}: a column handle from another table")
            }
            TableError::UnknownColumn { row, key } => {
                write!(
                    f,
                    "row {row}: {key:?} is not a column name (the server answers 200915)"
                )
            }
            TableError::DuplicateColumn(n) => write!(f, "column name {n:?} is declared twice"),
        }
    }
}

impl std::error::Error for TableError {}

static NEXT_TABLE: AtomicU64 = AtomicU64::new(1);

impl Default for TableBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl TableBuilder {
    /// An empty table.
    pub fn new() -> Self {
        TableBuilder {
            id: NEXT_TABLE.fetch_add(1, Ordering::Relaxed),
            columns: Vec::new(),
            rows: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Declares a column; the handle fills its cells.
    pub fn column<C: CellType>(&mut self, name: &str, display_name: &str) -> Col<C> {
        self.column_with(TableColumn::new(name).display_name(display_name))
    }

    /// Declares a column with more settings (`width`, `format`, …); its `data_type` is the cell type's.
    pub fn column_with<C: CellType>(&mut self, mut column: TableColumn) -> Col<C> {
        column.data_type = Some(C::DATA_TYPE);
        if self.columns.iter().any(|c| c.name == column.name) {
            self.errors
                .push(TableError::DuplicateColumn(column.name.clone()));
        }
        self.columns.push(column);
        Col {
            table: self.id,
            index: self.columns.len() - 1,
            _cell: PhantomData,
        }
    }

    /// Starts a new row.
    pub fn row(&mut self) -> Row<'_> {
        self.rows.push(Map::new());
        let index = self.rows.len() - 1;
        Row {
            builder: self,
            index,
        }
    }

    /// The typed columns and rows, for `<table …>{data}</table>` in `card!` (where the other
    /// attributes are set in markup).
    ///
    /// # Errors
    ///
    /// The same as [`TableBuilder::build`].
    pub fn data(self) -> Result<TableData, Vec<TableError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(TableData {
            columns: self.columns,
            rows: self.rows.into_iter().map(Value::Object).collect(),
        })
    }

    /// The table, or what was wrong.
    ///
    /// # Errors
    ///
    /// Every [`TableError`] found: cells set through another table's column handle, raw cells
    /// whose key is not a column name, and repeated column names.
    pub fn build(self) -> Result<Table, Vec<TableError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(Table::new(
            self.columns,
            self.rows.into_iter().map(Value::Object).collect::<Vec<_>>(),
        ))
    }
}

impl Row<'_> {
    /// Sets a cell through its column's handle.
    pub fn set<C: CellType>(self, column: &Col<C>, value: impl Into<C::Value>) -> Self {
        if column.table != self.builder.id {
            self.builder
                .errors
                .push(TableError::ForeignColumn { row: self.index });
            return self;
        }
        let name = self.builder.columns[column.index].name.clone();
        self.builder.rows[self.index].insert(name, C::to_json(value.into()));
        self
    }

    /// Sets a cell by column name, for data that arrives untyped; an unknown name is an error at
    /// [`TableBuilder::build`].
    pub fn set_raw(self, key: &str, value: Value) -> Self {
        if !self.builder.columns.iter().any(|c| c.name == key) {
            self.builder.errors.push(TableError::UnknownColumn {
                row: self.index,
                key: key.to_owned(),
            });
            return self;
        }
        self.builder.rows[self.index].insert(key.to_owned(), value);
        self
    }
}
