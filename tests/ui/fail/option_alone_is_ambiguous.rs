// `<option>` names a list item by its list; alone, `element!` needs the item's own name.
fn main() {
    let _option = card_dsl::element! { <option value="a"><text>"A"</text></option> };
}
