//! # The `card!` markup
//!
//! Tags and attributes are the Feishu JSON names, so the
//! [Feishu card docs](https://open.feishu.cn/document/feishu-cards/card-json-v2-components/component-json-v2-overview)
//! are this DSL's docs. Everything is checked against `card_validate::spec` at compile time.
//!
//! ## Grammar
//!
//! ```text
//! card!    { <card> child* </card> }
//! element! { <component …> child* </component> }       // one component, as its struct
//! element   := '<' name attribute* '/>' | '<' name attribute* '>' child* '</' name '>'
//! attribute := name '=' literal | name '=' '{' expr '}'
//! child     := element | "string literal" | '{' expr '}'
//! ```
//!
//! - Children of `<card>`: `<config>`, `<header>`, `<card_link>`, and the body's components
//!   (or an explicit `<body direction=… padding=…>` holding them).
//! - A child element named after an attribute of its parent sets that attribute:
//!   `<header><title>…</title></header>`, `<button><text>…</text></button>`,
//!   `<collapsible_panel><header>…</header></collapsible_panel>`.
//! - A list of objects holds items named after the item: `<options><option …/></options>`,
//!   `<img_list><img …/></img_list>`, `<text_tag_list><text_tag …/></text_tag_list>`; behaviors
//!   are named by their type: `<behaviors><open_url default_url="…"/><callback value={…}/></behaviors>`.
//!   `<callback action={…}/>` takes a typed card action instead of free JSON (a type that
//!   derives [`CardAction`](crate::CardAction)), routed to its handler by `card_callback::Actions`.
//! - A string literal child fills the element's text: `content` (markdown, titles) or its `text`
//!   object (button, div, checker), as `plain_text` unless `tag="lark_md"` says otherwise.
//! - Literals are checked: enum values (with the allowed list), dimensions (`"100px"`, `"50%"`),
//!   image keys, open_ids, element_id format and uniqueness, placement (form-only components,
//!   form and table only in the body), required attributes, the 1.0 tags `note`/`action` (200861).
//! - `{expr}` attribute values go through the builder setter (`impl Into<T>`), so they accept what
//!   the typed model accepts.
//! - `{expr}` children of **every list** take one item of that list, or an `Option`, `Vec`, array
//!   or iterator of them: components in `<card>` and containers, `Column`s in `<column_set>`,
//!   `SelectOption`s in `<options>`, `Behavior`s in `<behaviors>`, `ImgListItem`s in
//!   `<img_list>`, `TextTag`s in `<text_tag_list>`, `TableColumn`s in a table's `<columns>`, rows
//!   in `<rows>`. A wrong item type is a compile error at the expression naming the list's type.
//! - `element!` builds one component or one list item on its own, named by its object:
//!   `element!{<column>…</column>}`, `element!{<select_option …/>}`, `element!{<open_url …/>}`,
//!   `element!{<img_list_item …/>}`, `element!{<table_column …/>}`.
//!
//! ## Loops and conditions
//!
//! ```
//! use card_dsl::{card, element};
//! let steps = ["build", "test", "deploy"];
//! let failed: Option<&str> = None;
//! let card = card! {
//!     <card>
//!         {steps.iter().map(|s| element! { <markdown>{format!("✅ {s}")}</markdown> })}
//!         {failed.map(|s| element! { <markdown>{format!("❌ {s}")}</markdown> })}
//!         {if steps.len() > 2 { Some(element! { <hr/> }) } else { None }}
//!     </card>
//! };
//! assert_eq!(card.to_value()["body"]["elements"].as_array().unwrap().len(), 4);
//! ```
//!
//! Every list takes loops the same way: columns, options and table rows from data.
//!
//! ```
//! use card_dsl::{card, element};
//! let regions = [("north", 12), ("south", 7)];
//! let choices = [("a", "Apple"), ("b", "Banana")];
//! let card = card! {
//!     <card>
//!         <column_set>
//!             {regions.iter().map(|(name, n)| element! {
//!                 <column><markdown>{format!("**{name}**: {n}")}</markdown></column>
//!             })}
//!         </column_set>
//!         <select_static>
//!             <options>
//!                 {choices.iter().map(|(value, label)| element! {
//!                     <select_option value={*value}><text>{*label}</text></select_option>
//!                 })}
//!             </options>
//!         </select_static>
//!     </card>
//! };
//! let v = card.to_value();
//! assert_eq!(v["body"]["elements"][0]["columns"].as_array().unwrap().len(), 2);
//! assert_eq!(v["body"]["elements"][1]["options"][1]["value"], "b");
//! ```
//!
//! ## Tables
//!
//! Typed: declare columns with a cell type, fill rows through the column handles (a cell of the
//! wrong type does not compile), and give the result to `<table>` as its `{…}` child; the
//! table's other attributes are markup.
//!
//! ```
//! use card_dsl::table::{TableBuilder, cell};
//! let mut t = TableBuilder::new();
//! let region = t.column::<cell::Text>("region", "Region");
//! let revenue = t.column::<cell::Number>("revenue", "Revenue");
//! for (name, amount) in [("North", 12.5), ("South", 9.0)] {
//!     t.row().set(&region, name).set(&revenue, amount);
//! }
//! let data = t.data().expect("no foreign column handles, no repeated names");
//! let card = card_dsl::card! { <card><table page_size=5>{data}</table></card> };
//! assert!(card.validate().is_ok());
//! ```
//!
//! Literal: `<columns>` of `<column …/>` and `<rows>` of `<row key=value …/>`. When every column
//! is a literal, each row key must be a column name (200915) and each literal cell must fit its
//! column's `data_type` (200914), at compile time. `{…}` children of `<rows>` add rows from
//! data: any `Serialize` row (a struct, a map, `json!`), or an `Option`/`Vec`/slice of them.
//!
//! ```
//! #[derive(serde::Serialize)]
//! struct Sale { region: &'static str, revenue: f64 }
//! let sales = vec![Sale { region: "East", revenue: 3.5 }];
//! let card = card_dsl::card! { <card>
//!     <table>
//!         <columns>
//!             <column name="region" display_name="Region"/>
//!             <column name="revenue" display_name="Revenue" data_type="number"/>
//!         </columns>
//!         <rows><row region="North" revenue=12.5/>{&sales}</rows>
//!     </table>
//! </card> };
//! assert_eq!(card.to_value()["body"]["elements"][0]["rows"][1]["region"], "East");
//! ```
//!
//! ## Keys the spec does not list: `raw:`
//!
//! Attribute names are checked: a typo is a compile error with "did you mean". For a key the
//! 2.0 docs do not list (the server accepts more than the docs say), write `raw:key=value`: the
//! value goes into that object's `extra` as JSON, where the validator's policy applies (a
//! `unknown-property` warning, an error only in strict mode). A documented key must be written
//! the typed way.
//!
//! ```
//! let level = 3;
//! let card = card_dsl::card! {
//!     <card><markdown raw:future_style="dense" raw:level={level}>"hi"</markdown></card>
//! };
//! let md = &card.to_value()["body"]["elements"][0];
//! assert_eq!((md["future_style"].as_str(), md["level"].as_i64()), (Some("dense"), Some(3)));
//! assert!(card.validate().is_ok()); // two unknown-property warnings, no error
//! ```
//!
//! ## Every component
//!
//! ### Layout
//!
//! #### `column_set / column`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <column_set flex_mode="bisect" horizontal_spacing="small">
//!     <column width="weighted" weight=1><markdown>"left"</markdown></column>
//!     <column width="weighted" weight=1><markdown>"right"</markdown></column>
//! </column_set>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `form`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <form name="leave">
//!     <input name="reason" required=true><placeholder>"Why?"</placeholder></input>
//!     <button name="send" form_action_type="submit" type="primary"><text>"Send"</text></button>
//! </form>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `interactive_container`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <interactive_container has_border=true corner_radius="8px">
//!     <behaviors><callback value={serde_json::json!({"action": "open"})}/></behaviors>
//!     <markdown>"Click anywhere here"</markdown>
//! </interactive_container>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `collapsible_panel`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <collapsible_panel expanded=false>
//!     <header><title>"Details"</title></header>
//!     <markdown>"Hidden until expanded"</markdown>
//! </collapsible_panel>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! ### Content
//!
//! #### `div`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <div><text text_size="notation" text_color="grey">"A footnote"</text></div>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `markdown`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <markdown text_align="center">"**bold** and <font color='red'>red</font>"</markdown>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `img`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <img img_key="img_v3_0238_073f1823" scale_type="crop_center" size="stretch"><alt>"A chart"</alt></img>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `img_combination`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <img_combination combination_mode="double">
//!     <img_list><img img_key="img_v3_a1"/><img img_key="img_v3_a2"/></img_list>
//! </img_combination>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `hr`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <hr margin="4px 0"/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `person`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <person user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef" size="small" show_name=true/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `person_list`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <person_list show_name=true>
//!     <persons><person id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"/></persons>
//! </person_list>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `chart`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <chart aspect_ratio="16:9" chart_spec={serde_json::json!({
//!     "type": "line", "data": {"values": [{"x": 1, "y": 2}]}, "xField": "x", "yField": "y"})}/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `table`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <table page_size=5>
//!     <columns>
//!         <column name="region" display_name="Region" data_type="text"/>
//!         <column name="revenue" display_name="Revenue" data_type="number"/>
//!     </columns>
//!     <rows><row region="North" revenue=12.5/></rows>
//! </table>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `audio (needs `config.enable_forward: false`)`
//!
//! ```
//! # let card = card_dsl::card! { <card><config enable_forward=false/>
//! <audio file_key="file_v3_00or_f2c1276b" show_time=true/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! ### Interaction
//!
//! #### `button`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <button type="primary" size="medium">
//!     <text>"Open"</text>
//!     <behaviors><open_url default_url="https://example.com"/></behaviors>
//! </button>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `input`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <input input_type="multiline_text" rows=3><placeholder>"Say something"</placeholder></input>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `overflow`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <overflow>
//!     <options>
//!         <option value="edit"><text>"Edit"</text></option>
//!         <option value="delete"><text>"Delete"</text></option>
//!     </options>
//! </overflow>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `select_static`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <select_static>
//!     <placeholder>"Pick one"</placeholder>
//!     <options><option value="a"><text>"A"</text></option><option value="b"><text>"B"</text></option></options>
//! </select_static>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `multi_select_static (only in a form)`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <form name="f">
//!     <multi_select_static name="tags">
//!         <options><option value="bug"><text>"Bug"</text></option></options>
//!     </multi_select_static>
//!     <button name="ok" form_action_type="submit"><text>"OK"</text></button>
//! </form>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `select_person`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <select_person>
//!     <options><option value="ou_48d0958ee4b2ab3eaf0b5f6c968abcef"/></options>
//! </select_person>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `multi_select_person (only in a form)`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <form name="f">
//!     <multi_select_person name="who"/>
//!     <button name="ok" form_action_type="submit"><text>"OK"</text></button>
//! </form>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `date_picker`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <date_picker initial_date="2026-11-21"><placeholder>"Date"</placeholder></date_picker>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `picker_time`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <picker_time initial_time="09:30"/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `picker_datetime`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <picker_datetime initial_datetime="2026-11-21 09:30"/>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `select_img`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <select_img layout="bisect">
//!     <options><option img_key="img_v3_a1" value="one"/><option img_key="img_v3_a2" value="two"/></options>
//! </select_img>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
//!
//! #### `checker`
//!
//! ```
//! # let card = card_dsl::card! { <card>
//! <checker checked=false>
//!     <text>"Ship it"</text>
//!     <behaviors><callback value={serde_json::json!({"todo": 1})}/></behaviors>
//! </checker>
//! # </card> };
//! # let report = card.validate();
//! # assert!(report.is_ok(), "{report}");
//! ```
