//! Golden tests: corpus cards (../shared/corpus/cards/v2) rewritten as `card!` markup give exactly
//! the corpus JSON (compared as values; `config.update_multi: true` is always written).

use card_dsl::{Card, card};
use serde_json::{Value, json};

#[track_caller]
fn golden(file: &str, card: Card) {
    let path = card_test_support::need!(card_test_support::corpus_cards())
        .join("v2")
        .join(file);
    let mut expected: Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let obj = expected.as_object_mut().unwrap();
    let config = obj.entry("config").or_insert_with(|| json!({}));
    config
        .as_object_mut()
        .unwrap()
        .insert("update_multi".into(), json!(true));
    assert_eq!(card.to_value(), expected, "{file}");
}

#[test]
fn picker_time() {
    golden(
        "feishu-docs__v2-picker-time-example.json",
        card! {
            <card>
                <picker_time width="default" initial_time="09:00"><placeholder>"请选择"</placeholder></picker_time>
                <picker_time width="default"><placeholder>"请选择"</placeholder></picker_time>
            </card>
        },
    );
}

#[test]
fn date_picker() {
    golden(
        "feishu-docs__v2-date-picker-example.json",
        card! {
            <card>
                <date_picker width="default" initial_date="2024-01-01"><placeholder>"请选择"</placeholder></date_picker>
                <date_picker width="default"><placeholder>"请选择"</placeholder></date_picker>
            </card>
        },
    );
}

#[test]
fn picker_datetime() {
    golden(
        "feishu-docs__v2-picker-datetime-example.json",
        card! {
            <card>
                <picker_datetime width="default"><placeholder>"请选择"</placeholder></picker_datetime>
                <picker_datetime width="default" initial_datetime="2024-01-01 08:00"><placeholder>"请选择"</placeholder></picker_datetime>
            </card>
        },
    );
}

#[test]
fn img_combination() {
    golden(
        "feishu-docs__v2-img-combination-example-double.json",
        card! {
            <card>
                <body direction="vertical" padding="12px 12px 12px 12px">
                    <img_combination combination_mode="double" combination_transparent=false margin="0px 0px 0px 0px">
                        <img_list>
                            <img img_key="img_v2_9dd98485-2900-4d65-ada9-e31d1408dcfg"/>
                            <img img_key="img_v2_9dd98485-2900-4d65-ada9-e31d1408dcfg"/>
                        </img_list>
                    </img_combination>
                </body>
            </card>
        },
    );
}

#[test]
fn img() {
    golden(
        "feishu-docs__v2-img-example.json",
        card! {
            <card>
                <body direction="vertical" padding="12px 12px 12px 12px">
                    <img img_key="img_v2_9dd98485-2900-4d65-ada9-e31d1408dcfg" preview=true transparent=false
                         scale_type="crop_center" size="stretch" corner_radius="5%" margin="0px 0px 0px 0px" element_id="demoimg01">
                        <alt>"示例图片"</alt>
                    </img>
                </body>
            </card>
        },
    );
}

#[test]
fn header() {
    golden(
        "feishu-docs__v2-header-example.json",
        card! {
            <card>
                <header template="blue" padding="12px">
                    <title tag="lark_md">":Partying:卡片主标题 "</title>
                    <subtitle>"卡片副标题"</subtitle>
                    <text_tag_list>
                        <text_tag color="blue"><text>"标签 1"</text></text_tag>
                        <text_tag color="turquoise"><text>"标签 2"</text></text_tag>
                        <text_tag color="orange"><text>"标签 3"</text></text_tag>
                    </text_tag_list>
                    <icon tag="standard_icon" token="larkcommunity_colorful"/>
                </header>
                <div><text>"示例文本"</text></div>
            </card>
        },
    );
}

#[test]
fn person() {
    let id = "ou_48d0958ee4b2ab3eaf0b5f6c968abcef";
    golden(
        "feishu-docs__v2-person-example.json",
        card! {
            <card>
                <header template="blue"><title>"人员示例"</title></header>
                <markdown>"**extra_small 尺寸，默认样式**"</markdown>
                <person size="extra_small" user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef" show_avatar=true show_name=true style="normal"/>
                <markdown>"**small 尺寸，胶囊样式**"</markdown>
                <person size="small" user_id={card_dsl::UserId::new(id).unwrap()} show_avatar=true show_name=true style="capsule"/>
                <markdown>"**medium 尺寸，默认样式**"</markdown>
                <person size="medium" user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef" show_avatar=true show_name=true style="normal"/>
                <markdown>"**large 尺寸，胶囊样式**"</markdown>
                <person size="large" user_id="ou_48d0958ee4b2ab3eaf0b5f6c968abcef" show_avatar=true show_name=true style="capsule"/>
            </card>
        },
    );
}

#[test]
fn select_static() {
    golden(
        "feishu-docs__v2-select-static-example.json",
        card! {
            <card>
                <body direction="vertical" padding="12px 12px 12px 12px">
                    <select_static initial_option="" type="default" width="default" disabled=false margin="0px 0px 0px 0px">
                        <placeholder>"请选择"</placeholder>
                        <options>
                            <option value="1"><text>"选项1"</text><icon tag="standard_icon" token="signature_outlined"/></option>
                            <option value="2"><text>"选项2"</text><icon tag="standard_icon" token="signature_outlined"/></option>
                            <option value="3"><text>"选项3"</text><icon tag="standard_icon" token="signature_outlined"/></option>
                        </options>
                        <behaviors><callback value={json!({"select_static": "click"})}/></behaviors>
                    </select_static>
                </body>
            </card>
        },
    );
}

#[test]
fn select_person() {
    golden(
        "feishu-docs__v2-select-person-example.json",
        card! {
            <card>
                <body direction="vertical" padding="12px 12px 12px 12px">
                    <select_person width="default" type="default" disabled=false margin="0px 0px 0px 0px">
                        <placeholder>"请选择"</placeholder>
                        <options>
                            <option value="ou_449b53ad6aee526f7ed311b216aabcef"/>
                            <option value="ou_449b53ad6aee526f7ed311b216aabcef"/>
                        </options>
                        <behaviors><callback value={json!({"select_static": "click"})}/></behaviors>
                    </select_person>
                </body>
            </card>
        },
    );
}

#[test]
fn buttons_and_overflow() {
    golden(
        "feishu-docs__v2-overflow-example.json",
        card! {
            <card>
                <body direction="horizontal" horizontal_spacing="8px" vertical_spacing="8px" horizontal_align="left"
                      vertical_align="top" padding="12px 12px 12px 12px">
                    <button type="default" width="default" size="medium" margin="0px 0px 0px 0px"><text>"按钮 1"</text></button>
                    <button type="default" width="default" size="medium" margin="0px 0px 0px 0px"><text>"按钮 2"</text></button>
                    <button type="default" width="default" size="medium" margin="0px 0px 0px 0px"><text>"按钮 3"</text></button>
                    <overflow width="default">
                        <options>
                            <option value="button_4"><text>"按钮 4"</text></option>
                            <option value="button_5"><text>"按钮 5"</text></option>
                        </options>
                    </overflow>
                </body>
            </card>
        },
    );
}

#[test]
fn div_hr_button() {
    golden(
        "feishu-docs__v2-hr-example.json",
        card! {
            <card>
                <body direction="vertical" padding="12px 12px 12px 12px">
                    <div margin="0px 0px 0px 0px">
                        <text text_size="normal" text_align="left" text_color="default">"普通文本示例"</text>
                    </div>
                    <hr margin="0px 0px 0px 0px"/>
                    <button type="primary" width="default" size="medium" margin="0px 0px 0px 0px"><text>"查看更多"</text></button>
                </body>
            </card>
        },
    );
}

#[test]
fn chart() {
    let spec = json!({"type": "pie", "title": {"text": "客户规划占比"},
        "data": {"values": [{"type": "S1", "value": "340"}, {"type": "S2", "value": "170"}, {"type": "S3", "value": "150"},
                            {"type": "S4", "value": "120"}, {"type": "S5", "value": "100"}]},
        "valueField": "value", "categoryField": "type", "outerRadius": 0.9,
        "legends": {"visible": true, "orient": "right"}, "padding": {"left": 10, "top": 10, "bottom": 5, "right": 0},
        "label": {"visible": true}});
    golden(
        "feishu-docs__v2-chart-pie.json",
        card! {
            <card><chart aspect_ratio="4:3" chart_spec={spec}/></card>
        },
    );
}

#[test]
fn form() {
    let ack = json!({"intent": "fixture_submit", "source": "workspace-card-fixture", "version": 1,
        "ackSnapshot": {"title": "Workspace Form Fixture", "actionLabel": "Submit fixture",
            "fieldLabels": {"note": "Fixture note", "choice": "Fixture choice"},
            "bodyMarkdown": "Form controls are display-only in Workspace.",
            "optionLabels": {"choice": {"a": "Option A", "b": "Option B"}}},
        "commandTemplate": "WORKSPACE_CARD_FIXTURE_FORM note={{note}} choice={{choice}}"});
    golden(
        "meixg-feishu-card-renderer__fixture-workspace-form.json",
        card! {
            <card>
                <config width_mode="fill"/>
                <header template="blue"><title>"Workspace Form Fixture"</title></header>
                <markdown>"Form controls are display-only in Workspace."</markdown>
                <form name="fixture_form">
                    <input name="note" required=true label_position="top">
                        <label>"Fixture note"</label>
                        <placeholder>"Enter test text"</placeholder>
                    </input>
                    <select_static name="choice" type="default" width="fill" required=true>
                        <options>
                            <option value="a"><text>"Option A"</text></option>
                            <option value="b"><text>"Option B"</text></option>
                        </options>
                        <placeholder>"Fixture choice"</placeholder>
                    </select_static>
                    <button name="submit_btn" type="primary" form_action_type="submit">
                        <text>"Submit fixture"</text>
                        <behaviors><callback value={ack}/></behaviors>
                    </button>
                </form>
            </card>
        },
    );
}

#[test]
fn table() {
    let link = |n: &str| {
        format!(
            "[{n}](/document-mod/index?fullPath=/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message-reaction/emojis-introduce)"
        )
    };
    let image = "![image.png](img_v3_02cc_bf88cdee-6650-4b39-987c-f8e87c3227fg)";
    let rows = vec![
        json!({"customer_name": "飞书科技", "customer_date": 1699341315000_i64, "customer_scale": [{"text": "S2", "color": "blue"}], "customer_arr": 168,
               "customer_poc": ["ou_14a32f1a02e64944cf19207aa43abcef", "ou_e393cf9c22e6e617a4332210d2aabcef"], "customer_link": link("飞书科技"), "company_image": image}),
        json!({"customer_name": "飞书科技_01", "customer_date": 1606101072000_i64, "customer_scale": [{"text": "S1", "color": "red"}], "customer_arr": 168.23,
               "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef", "customer_link": link("飞书科技_01"), "company_image": image}),
        json!({"customer_name": "飞书科技_02", "customer_date": 1606101072000_i64, "customer_scale": [{"text": "S3", "color": "orange"}], "customer_arr": 168.23,
               "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef", "customer_link": link("飞书科技_02"), "company_image": image}),
        json!({"customer_name": "飞书科技_03", "customer_date": 1606101072000_i64, "customer_scale": [{"text": "S2", "color": "blue"}], "customer_arr": 168.23,
               "customer_poc": "ou_14a32f1a02e64944cf19207aa43abcef", "customer_link": link("飞书科技_03"), "company_image": image}),
    ];
    golden(
        "feishu-docs__v2-table-example.json",
        card! {
            <card>
                <header template="blue"><title>"表格组件示例"</title></header>
                <table page_size=5 row_height="auto" rows={rows}>
                    <header_style text_align="left" text_size="normal" background_style="none" text_color="grey" bold=true lines=1/>
                    <columns>
                        <column name="customer_name" display_name="客户名称" data_type="text" horizontal_align="left" vertical_align="top" width="auto"/>
                        <column name="customer_scale" display_name="客户规模" data_type="options" horizontal_align="left" vertical_align="top" width="auto"/>
                        <column name="customer_arr" display_name="ARR(万元)" data_type="number" width="auto">
                            <format symbol="¥" precision=2 separator=true/>
                        </column>
                        <column name="customer_poc" display_name="跟进人" data_type="persons" horizontal_align="left" vertical_align="top" width="auto"/>
                        <column name="customer_date" display_name="签约日期" data_type="date" date_format="YYYY/MM/DD" width="auto"/>
                        <column name="customer_link" display_name="相关链接" data_type="lark_md" width="auto"/>
                        <column name="company_image" display_name="企业图片" data_type="markdown"/>
                    </columns>
                </table>
            </card>
        },
    );
}

#[test]
fn collapsible_panel() {
    let long = "很长的文本".repeat(29);
    let long2 = "很长的文本".repeat(21);
    let long3 = "很长的文本".repeat(25);
    golden(
        "feishu-docs__v2-collapsible-panel-example.json",
        card! {
            <card>
                <header template="yellow"><title>"折叠面板展示"</title></header>
                <markdown>"下面是一个 默认折叠 的折叠面板组件"</markdown>
                <collapsible_panel expanded=false vertical_spacing="8px" padding="8px 8px 8px 8px">
                    <header vertical_align="center" icon_position="right" icon_expanded_angle=-180>
                        <title>"面板标题文本"</title>
                        <icon tag="standard_icon" token="down-small-ccm_outlined" color="" size="16px 16px"/>
                    </header>
                    <border color="grey" corner_radius="5px"/>
                    <markdown>{long}</markdown>
                </collapsible_panel>
                <markdown>"下面是一个 标题带背景色 且 默认展开 的折叠面板组件"</markdown>
                <collapsible_panel expanded=true vertical_spacing="8px" padding="8px 8px 8px 8px">
                    <header background_color="yellow" vertical_align="center" icon_position="right" icon_expanded_angle=-180>
                        <title tag="markdown">"**面板标题文本**"</title>
                        <icon tag="standard_icon" token="down-small-ccm_outlined" color="white" size="16px 16px"/>
                    </header>
                    <border color="grey" corner_radius="5px"/>
                    <markdown>{long2}</markdown>
                </collapsible_panel>
                <markdown>"下面是一个无边框折叠面板组件"</markdown>
                <collapsible_panel expanded=true vertical_spacing="8px" padding="8px 8px 8px 8px">
                    <header width="auto_when_fold" vertical_align="center" padding="4px 0px 4px 8px" icon_position="follow_text" icon_expanded_angle=-180>
                        <title tag="markdown">"**面板标题文本**"</title>
                        <icon tag="standard_icon" token="down-small-ccm_outlined" color="" size="16px 16px"/>
                    </header>
                    <markdown>{long3}</markdown>
                </collapsible_panel>
            </card>
        },
    );
}

#[test]
fn column_set() {
    let cell = |label: &str, value: &str| format!("<font color = \"grey\">{label}</font>\n{value}");
    let sizes: std::collections::BTreeMap<String, card_dsl::TextSizeDef> = [(
        "normal_v2".to_owned(),
        card_dsl::TextSizeDef::new()
            .default(card_dsl::TextSize::Normal)
            .pc(card_dsl::TextSize::Normal)
            .mobile(card_dsl::TextSize::Heading),
    )]
    .into();
    golden(
        "larksuite-cli__equipment-pickup-notification.json",
        card! {
            <card>
                <config><style text_size={sizes}/></config>
                <header template="green" padding="12px 12px 12px 20px">
                    <title>"【设备领取通知】你申请的设备已准备好"</title>
                    <subtitle>"请携带手机，前往 IT 服务台领取~"</subtitle>
                    <icon tag="standard_icon" token="bell_outlined"/>
                </header>
                <body direction="vertical" horizontal_spacing="8px" vertical_spacing="16px" horizontal_align="left" vertical_align="top" padding="20px 20px 20px 20px">
                    <column_set flex_mode="stretch" horizontal_spacing="8px" horizontal_align="left" margin="0px 0px 0px 0px">
                        <column width="weighted" weight=1 padding="0px 0px 0px 0px" direction="vertical" horizontal_spacing="8px" vertical_spacing="8px" horizontal_align="left" vertical_align="top" margin="0px 0px 0px 0px">
                            <markdown text_align="left" text_size="normal_v2">{cell("领取地点", "办公区设备服务点")}</markdown>
                        </column>
                        <column width="weighted" weight=1 padding="0px 0px 0px 0px" direction="vertical" horizontal_spacing="8px" vertical_spacing="8px" horizontal_align="left" vertical_align="top" margin="0px 0px 0px 0px">
                            <markdown text_align="left" text_size="normal_v2">{cell("申请单号：", "APL20240205xxxxxxxxx")}</markdown>
                        </column>
                    </column_set>
                    <column_set flex_mode="stretch" horizontal_spacing="8px" horizontal_align="left" margin="0px 0px 0px 0px">
                        <column width="weighted" weight=1 padding="0px 0px 0px 0px" direction="vertical" horizontal_spacing="8px" vertical_spacing="8px" horizontal_align="left" vertical_align="top" margin="0px 0px 0px 0px">
                            <markdown text_align="left" text_size="normal_v2">{cell("设备详情", "Mac 笔记本 标配(16G/256G)")}</markdown>
                        </column>
                        <column width="weighted" weight=1 padding="0px 0px 0px 0px" direction="vertical" horizontal_spacing="8px" vertical_spacing="8px" horizontal_align="left" vertical_align="top" margin="0px 0px 0px 0px">
                            <markdown text_align="left" text_size="normal_v2">{cell("申请数量", "1")}</markdown>
                        </column>
                    </column_set>
                    <button type="primary_filled" width="default" size="medium" margin="4px 0px 0px 0px">
                        <text>"打开领取码"</text>
                        <icon tag="standard_icon" token="team-code_outlined"/>
                    </button>
                </body>
            </card>
        },
    );
}

/// The repeated "suggestion" containers are built in loops with `element!`.
#[test]
fn interactive_container() {
    use card_dsl::element;
    let callback = || json!({"key": "value"});
    let suggestion = |text: &str, token: &str, first: bool| {
        let c = element! {
            <interactive_container width="fill" height="auto" horizontal_align="left" background_style="default"
                has_border=true border_color="grey" corner_radius="8px" padding="4px 12px 4px 12px">
                <behaviors><callback value={callback()}/></behaviors>
                <markdown content={text}><icon tag="standard_icon" token={token} color="orange"/></markdown>
            </interactive_container>
        };
        // The docs' first container leaves `disabled` out.
        if first { c } else { c.disabled(false) }
    };
    let history = |text: &str, when: &str| {
        element! {
            <interactive_container width="fill" height="auto" horizontal_align="left" background_style="default"
                has_border=true border_color="grey" corner_radius="8px" padding="4px 12px 4px 12px" disabled=false>
                <behaviors><callback value={callback()}/></behaviors>
                <column_set flex_mode="none" background_style="default">
                    <column width="weighted" weight=1 vertical_align="center">
                        <markdown content={text}><icon tag="standard_icon" token="chat-history_outlined"/></markdown>
                    </column>
                    <column width="auto" weight=1 vertical_align="center">
                        <markdown text_size="notation">{when}</markdown>
                    </column>
                </column_set>
            </interactive_container>
        }
    };
    let suggestions = [
        ("帮我生成一篇产品方案的框架", "frame-selection_outlined"),
        ("帮我生成一篇产品文案", "file-link-docx_outlined"),
        ("帮我写一篇周报", "pa-calibration-report_outlined"),
    ];
    golden(
        "feishu-docs__v2-interactive-container-example.json",
        card! {
            <card>
                <header>
                    <title>"交互容器示例"</title>
                    <icon tag="standard_icon" token="chat_outlined" color="orange"/>
                </header>
                <markdown>"在「内容创作」话题下，我可以帮助你进行产品方案、营销文案、工作报告等内容的创作。"</markdown>
                <column_set flex_mode="none" background_style="default">
                    <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                        <markdown text_size="notation">"你可以对我说："</markdown>
                        {suggestions.iter().enumerate().map(|(i, (text, token))| suggestion(text, token, i == 0))}
                    </column>
                </column_set>
                <column_set flex_mode="none" background_style="default">
                    <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                        <markdown text_size="notation">"或者继续之前的话题"</markdown>
                        {history("内容创作:创作暑假营销活动文案", "昨天")}
                        {history("内容创作:生成了季度工作报告", "上周")}
                        <interactive_container width="fill" height="auto" horizontal_align="left" background_style="default"
                            has_border=true border_color="grey" corner_radius="8px" padding="4px 12px 4px 12px" disabled=false>
                            <behaviors><callback value={callback()}/></behaviors>
                            <markdown content="更多历史话题"><icon tag="standard_icon" token="chat-history_outlined"/></markdown>
                        </interactive_container>
                    </column>
                </column_set>
                <column_set flex_mode="none" background_style="default">
                    <column width="weighted" weight=1 vertical_align="top" vertical_spacing="8px">
                        <div><text text_size="notation" text_color="grey">"本话题中已选择以下插件"</text></div>
                        <interactive_container width="auto" height="auto" horizontal_align="left" background_style="grey"
                            has_border=false border_color="grey" corner_radius="40px" padding="2px 8px 2px 4px" disabled=false>
                            <behaviors><callback value={callback()}/></behaviors>
                            <column_set flex_mode="none" background_style="default" horizontal_spacing="4px">
                                <column width="auto" weight=1 vertical_align="center" vertical_spacing="8px">
                                    <img img_key="img_v2_58e37110-6878-44ee-bce4-7a571c1bb70g" transparent=true scale_type="crop_center" size="18px 18px" preview=false/>
                                </column>
                                <column width="weighted" weight=1 vertical_align="center" vertical_spacing="8px">
                                    <markdown>"妙记插件"</markdown>
                                </column>
                            </column_set>
                        </interactive_container>
                    </column>
                </column_set>
            </card>
        },
    );
}
