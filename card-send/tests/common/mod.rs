//! Helpers shared by the integration tests (each test file uses some of them).
#![allow(dead_code)]

use card_emulator::Emulator;

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

/// A writer a test reads back: what `tracing` printed.
#[derive(Clone, Default)]
pub struct Captured(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// A tiny PNG header (the upload checks read the signature and IHDR's width and height).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b.extend([8, 6, 0, 0, 0]);
    b
}
