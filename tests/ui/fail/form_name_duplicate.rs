// Form and control names are unique in the card (the form page: 需在卡片全局内唯一).
fn main() {
    let _card = card_dsl::card! {
        <card>
            <form name="leave">
                <input name="reason"/>
                <input name="reason"/>
                <button name="submit" form_action_type="submit"><text>"Send"</text></button>
            </form>
        </card>
    };
}
