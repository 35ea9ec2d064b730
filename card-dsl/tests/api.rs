//! The typed model's hand-written parts: typed table rows, update_multi, and the other payloads,
//! each serializing exactly to the JSON the seeds document.

use card_dsl::table::{OptionTag, TableBuilder, TableError, cell};
use card_dsl::*;
use serde_json::json;

#[test]
fn update_multi_is_always_true_and_output_is_deterministic() {
    let card = Card::new().body(Body::new().elements([Hr::new().into()]));
    assert_eq!(
        card.to_content(),
        r#"{"schema":"2.0","config":{"update_multi":true},"body":{"elements":[{"tag":"hr"}]}}"#
    );
    let config = Config::new().width_mode(WidthMode::Fill);
    let card = Card::new().config(config);
    assert_eq!(
        card.to_content(),
        r#"{"schema":"2.0","config":{"update_multi":true,"width_mode":"fill"}}"#
    );
    assert_eq!(card.to_content(), card.clone().to_content());
    // Reading `update_multi: true` keeps it; `false` cannot be represented.
    assert!(serde_json::from_value::<Config>(json!({"update_multi": false})).is_err());
}

#[test]
fn typed_table_rows_fit_their_columns() {
    let mut t = TableBuilder::new();
    let region = t.column::<cell::Text>("region", "Region");
    let revenue = t.column::<cell::Number>("revenue", "Revenue");
    let status = t.column::<cell::Options>("status", "Status");
    let owner = t.column::<cell::Persons>("owner", "Owner");
    let closed = t.column::<cell::Date>("closed", "Closed");
    t.row()
        .set(&region, "North")
        .set(&revenue, 1250.5)
        .set(&status, vec![OptionTag::new("won").color(TagColor::Green)])
        .set(&owner, vec![UserId::new("ou_1").unwrap()])
        .set(&closed, 1_763_683_200_000_i64);
    t.row().set(&region, "South").set(&revenue, 980);
    let table = t.build().unwrap();
    assert_eq!(
        serde_json::to_value(&table.rows).unwrap(),
        json!([
            {"region": "North", "revenue": 1250.5, "status": [{"text": "won", "color": "green"}], "owner": ["ou_1"], "closed": 1763683200000_i64},
            {"region": "South", "revenue": 980}
        ])
    );
    assert_eq!(table.columns[1].data_type, Some(DataType::Number));
    let card = Card::new().body(Body::new().elements([table.into()]));
    let report = card.validate();
    assert!(report.diagnostics().is_empty(), "{report}");
}

#[test]
fn table_builder_reports_keys_that_are_not_columns() {
    let mut a = TableBuilder::new();
    let mut b = TableBuilder::new();
    let from_b = b.column::<cell::Text>("x", "X");
    let name = a.column::<cell::Text>("name", "Name");
    a.row()
        .set(&name, "ok")
        .set(&from_b, "wrong table")
        .set_raw("nope", json!(1));
    a.column::<cell::Text>("name", "Again");
    assert_eq!(
        a.build().unwrap_err(),
        [
            TableError::ForeignColumn { row: 0 },
            TableError::UnknownColumn {
                row: 0,
                key: "nope".into()
            },
            TableError::DuplicateColumn("name".into())
        ]
    );
}

#[test]
fn template_card_matches_seed_000() {
    let t = TemplateCard::template("AAqyjwfhabcef").version("1.0.0");
    assert_eq!(
        t.to_content(),
        r#"{"type":"template","data":{"template_id":"AAqyjwfhabcef","template_version_name":"1.0.0"}}"#
    );
    let with_vars = TemplateCard::template("AAqigYkzabcef")
        .variable("service", "billing")
        .variable("count", 3);
    assert_eq!(
        serde_json::to_value(&with_vars).unwrap(),
        json!({"type": "template", "data": {"template_id": "AAqigYkzabcef", "template_variable": {"count": 3, "service": "billing"}}})
    );
    assert!(
        card_validate::validate_str(&with_vars.to_content())
            .diagnostics()
            .is_empty()
    );
}

#[test]
fn text_edit_matches_seed_001() {
    let content = MessageContent::text("test content");
    assert_eq!(
        content.to_edit_request(),
        json!({"msg_type": "text", "content": "{\"text\":\"test content\"}"})
    );
    assert!(content.validate().is_ok());
}

#[test]
fn post_matches_the_documented_structure() {
    let post = Post::new().locale(
        "zh_cn",
        PostBody::new()
            .title("我是一个标题")
            .paragraph([
                PostNode::text("第一行:"),
                PostNode::link("超链接", "http://www.feishu.cn"),
                PostNode::at("ou_1avnmsbv3k45jnk34j5"),
            ])
            .paragraph([PostNode::Img {
                image_key: "img_7ea74629-9191-4176-998c-2e603c9c5e8g".into(),
            }])
            .paragraph([PostNode::Hr])
            .paragraph([PostNode::CodeBlock {
                language: Some("GO".into()),
                text: "func main() int64 {\n    return 0\n}".into(),
            }]),
    );
    let content = MessageContent::from(post);
    assert_eq!(content.msg_type(), "post");
    let value: serde_json::Value = serde_json::from_str(&content.to_content()).unwrap();
    assert_eq!(
        value,
        json!({"zh_cn": {"title": "我是一个标题", "content": [
            [{"tag": "text", "text": "第一行:"}, {"tag": "a", "href": "http://www.feishu.cn", "text": "超链接"}, {"tag": "at", "user_id": "ou_1avnmsbv3k45jnk34j5"}],
            [{"tag": "img", "image_key": "img_7ea74629-9191-4176-998c-2e603c9c5e8g"}],
            [{"tag": "hr"}],
            [{"tag": "code_block", "language": "GO", "text": "func main() int64 {\n    return 0\n}"}]
        ]}})
    );
    let report = content.validate();
    assert!(report.is_ok(), "{report}");
}

#[test]
fn chat_button_matches_seed_002() {
    let url = ChatButtonUrl::new()
        .url("https://www.feishu.cn/")
        .android_url("https://www.feishu.cn/")
        .ios_url("https://www.feishu.cn/")
        .pc_url("https://www.feishu.cn/");
    let button = ChatButton::new(ChatButtonActionType::UrlPage, ChatButtonText::new("文本"))
        .multi_url(url)
        .button_type(ChatButtonType::Default)
        .action_map(
            [("foo".to_owned(), "bar".to_owned())]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        );
    let request: ChatButtonUpdate = ChatButtonRequest::new("oc_a0553eda9014c201e6969b478895c230")
        .user_ids(vec!["ou_89553eda9014c201e6969b478895c276".to_owned()])
        .buttons(ChatButtons::new(vec![button]));
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "user_ids": ["ou_89553eda9014c201e6969b478895c276"],
            "chat_id": "oc_a0553eda9014c201e6969b478895c230",
            "buttons": {"buttons": [{
                "multi_url": {"url": "https://www.feishu.cn/", "android_url": "https://www.feishu.cn/", "ios_url": "https://www.feishu.cn/", "pc_url": "https://www.feishu.cn/"},
                "action_type": "url_page",
                "text": {"text": "文本"},
                "button_type": "default",
                "action_map": {"foo": "bar"}
            }]}
        })
    );
    let report = card_validate::validate_payload(
        card_validate::PayloadKind::ChatButton,
        &serde_json::to_value(&request).unwrap(),
    );
    assert!(report.diagnostics().is_empty(), "{report}");
}

#[test]
fn shaped_ids_check_their_shape() {
    assert!(ImgKey::new("img_v3_0238_073f").is_ok());
    assert_eq!(
        ImgKey::new("https://x/y.png").unwrap_err().to_string(),
        "\"https://x/y.png\" is not an uploaded image key (img_v3_…)"
    );
    assert!(ElementId::new("footer-sep").is_err());
    assert!(OpenId::new("u_1").is_err());
    let user: UserId = OpenId::new("ou_1").unwrap().into();
    assert_eq!(user.as_str(), "ou_1");
}

/// `use card_dsl::*` must not shadow the prelude (a generated `Option` struct once did).
#[test]
fn glob_import_keeps_the_prelude() {
    type Prelude = Option<Result<Box<u8>, String>>;
    fn prelude_types() -> Prelude {
        Some(Ok(Box::new(1)))
    }
    let _: Vec<String> = Vec::new();
    assert!(prelude_types().is_some());
}

/// Every attribute a constructor takes has a setter too, so a closure can change it as it
/// changes the others (`|m: Markdown| m.content(…)`).
#[test]
fn required_attributes_have_setters() {
    let edit = |m: card_dsl::Markdown| m.content("after");
    let md = edit(card_dsl::Markdown::new("before"));
    assert_eq!(serde_json::to_value(&md).unwrap()["content"], "after");
    let img = card_dsl::Img::new(card_dsl::ImgKey::new("img_v3_a").unwrap())
        .img_key(card_dsl::ImgKey::new("img_v3_b").unwrap());
    assert_eq!(serde_json::to_value(&img).unwrap()["img_key"], "img_v3_b");
}
