use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card>
            <table>
                <columns><column name="region"/><column name="revenue" data_type="number"/></columns>
                <rows><row region="North" revenu=12/><row region="South" revenue="980"/></rows>
            </table>
        </card>
    };
}
