//! Helpers shared by the integration tests.

use card_send::emulator::Emulator;

/// A tenant token fetched by hand, for tests that talk to the emulator without the client.
pub async fn raw_token(http: &reqwest::Client, emu: &Emulator) -> String {
    let reply: serde_json::Value = http
        .post(format!(
            "{}/open-apis/auth/v3/tenant_access_token/internal",
            emu.base_url()
        ))
        .json(&serde_json::json!({"app_id": emu.app_id(), "app_secret": emu.app_secret()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["tenant_access_token"].as_str().unwrap().to_owned()
}
