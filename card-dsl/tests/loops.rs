//! Every list slot of `card!` takes loops: a `{expr}` child may give one item, an `Option`, a
//! `Vec` or an iterator of the slot's items (columns, options, behaviors, images, header tags,
//! table columns and rows), and `element!` builds any item type on its own.

use card_dsl::{Card, card, element};
use serde_json::json;

fn json(card: &Card) -> serde_json::Value {
    let report = card.validate();
    assert!(report.is_ok(), "{report}");
    serde_json::to_value(card).unwrap()
}

#[test]
fn columns_from_an_iterator_an_option_and_a_vec() {
    let regions = ["north", "south"];
    let extra = Some(element! { <column><markdown>"extra"</markdown></column> });
    let card = card! {
        <card>
            <column_set>
                {regions.iter().map(|r| element! { <column><markdown>{r.to_string()}</markdown></column> })}
                {extra}
                {vec![element! { <column weight=2/> }]}
            </column_set>
        </card>
    };
    let v = json(&card);
    let columns = v["body"]["elements"][0]["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 4);
    assert_eq!(columns[1]["elements"][0]["content"], "south");
    assert_eq!(columns[2]["elements"][0]["content"], "extra");
}

#[test]
fn options_and_behaviors_from_data() {
    let choices = [("a", "Apple"), ("b", "Banana")];
    let open = element! { <open_url default_url="https://example.com"/> };
    let card = card! {
        <card>
            <select_static>
                <options>
                    {choices.iter().map(|(v, t)| element! {
                        <select_option value={*v}><text>{*t}</text></select_option>
                    })}
                    <option value="c"><text>"Cherry"</text></option>
                </options>
            </select_static>
            <button><text>"Go"</text><behaviors>{open}</behaviors></button>
        </card>
    };
    let v = json(&card);
    let options = &v["body"]["elements"][0]["options"];
    assert_eq!(options.as_array().unwrap().len(), 3);
    assert_eq!(
        options[1],
        json!({"text": {"tag": "plain_text", "content": "Banana"}, "value": "b"})
    );
    assert_eq!(
        v["body"]["elements"][1]["behaviors"][0],
        json!({"type": "open_url", "default_url": "https://example.com"})
    );
}

#[test]
fn images_and_header_tags_from_data() {
    let keys = ["img_v3_a1", "img_v3_a2"];
    let tags: Vec<card_dsl::TextTag> =
        vec![element! { <text_tag color="green"><text>"live"</text></text_tag> }];
    let card = card! {
        <card>
            <header><title>"Report"</title><text_tag_list>{tags}</text_tag_list></header>
            <img_combination combination_mode="double">
                <img_list>{keys.iter().map(|k| element! { <img_list_item img_key={card_dsl::ImgKey::new(*k).unwrap()}/> })}</img_list>
            </img_combination>
        </card>
    };
    let v = json(&card);
    assert_eq!(v["header"]["text_tag_list"][0]["color"], "green");
    assert_eq!(
        v["body"]["elements"][0]["img_list"][1]["img_key"],
        "img_v3_a2"
    );
}

#[derive(serde::Serialize)]
struct Sale {
    region: &'static str,
    revenue: f64,
}

#[test]
fn table_columns_and_rows_from_data() {
    let sales = vec![
        Sale {
            region: "North",
            revenue: 12.5,
        },
        Sale {
            region: "South",
            revenue: 9.0,
        },
    ];
    let columns = ["region", "revenue"].map(|n| element! { <table_column name={n}/> });
    let none: Option<Sale> = None;
    let card = card! {
        <card>
            <table>
                <columns>{columns}</columns>
                <rows>
                    {&sales}
                    {Sale { region: "East", revenue: 1.0 }}
                    {none}
                    <row region="West" revenue=2/>
                </rows>
            </table>
        </card>
    };
    let v = json(&card);
    let rows = v["body"]["elements"][0]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[1], json!({"region": "South", "revenue": 9.0}));
    assert_eq!(rows[3]["region"], "West");
}

#[test]
fn typed_table_data_inside_markup() {
    use card_dsl::table::{TableBuilder, cell};
    let mut t = TableBuilder::new();
    let region = t.column::<cell::Text>("region", "Region");
    let revenue = t.column::<cell::Number>("revenue", "Revenue");
    for (r, v) in [("North", 12.5), ("South", 9.0)] {
        t.row().set(&region, r).set(&revenue, v);
    }
    let data = t.data().expect("typed rows fit their columns");
    let card = card! { <card><table page_size=5>{data}</table></card> };
    let v = json(&card);
    let table = &v["body"]["elements"][0];
    assert_eq!(table["page_size"], 5);
    assert_eq!(table["columns"][1]["data_type"], "number");
    assert_eq!(
        table["rows"][0],
        json!({"region": "North", "revenue": 12.5})
    );
}

/// `<rows>{&rows}</rows>` alone: a slice of typed rows (any `Serialize`), as the markup docs say —
/// before, a lone `{…}` was taken as the whole `Vec<Value>` and failed with E0277 in generated code.
#[test]
fn rows_from_a_lone_expression() {
    #[derive(serde::Serialize)]
    struct LatencyRow {
        region: &'static str,
        p99: f64,
    }
    let rows = vec![
        LatencyRow {
            region: "north",
            p99: 12.5,
        },
        LatencyRow {
            region: "south",
            p99: 30.0,
        },
    ];
    let card = card! {
        <card>
            <table>
                <columns>
                    <column name="region"/>
                    <column name="p99" data_type="number"/>
                </columns>
                <rows>{&rows}</rows>
            </table>
        </card>
    };
    let v = json(&card);
    assert_eq!(
        v["body"]["elements"][0]["rows"],
        json!([{"region": "north", "p99": 12.5}, {"region": "south", "p99": 30.0}])
    );
}
