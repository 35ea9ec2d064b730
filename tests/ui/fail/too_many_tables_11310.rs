use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card>
            <table columns={vec![]} rows={vec![]}/>
            <table columns={vec![]} rows={vec![]}/>
            <table columns={vec![]} rows={vec![]}/>
            <table columns={vec![]} rows={vec![]}/>
            <table columns={vec![]} rows={vec![]}/>
            <table columns={vec![]} rows={vec![]}/>
        </card>
    };
}
