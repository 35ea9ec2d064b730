//! Where app secrets and tokens may travel: https, or plain http to a loopback host only.

use url::{Host, Url};

/// Feishu's open platform (the default).
pub const FEISHU_BASE_URL: &str = "https://open.feishu.cn";
/// Lark's open platform (international).
pub const LARK_BASE_URL: &str = "https://open.larksuite.com";

/// Whether `url`'s host is a loopback host (127.0.0.0/8, ::1, localhost).
pub fn loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The app secret and every token travel to `base_url`: https is required, except for a
/// loopback host (127.0.0.0/8, ::1, localhost), where the emulator and local proxies run.
///
/// # Errors
///
/// A sentence naming the problem: not a URL, plain http to another host, another scheme.
pub fn check(base_url: &str) -> Result<(), String> {
    let url =
        Url::parse(base_url).map_err(|e| format!("base_url {base_url:?} is not a URL: {e}"))?;
    // Every route's path starts with /open-apis (or /callback): a base URL that has it already
    // would double it and get 404 at the first request.
    let path = url.path().trim_end_matches('/');
    if path.ends_with("/open-apis") || path.contains("/open-apis/") {
        return Err(format!(
            "base_url {base_url:?} ends in /open-apis, which every route adds itself: use the host alone ({}://{})",
            url.scheme(),
            url.host_str().unwrap_or("open.feishu.cn")
        ));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback(&url) => Ok(()),
        "http" => Err(format!(
            "base_url {base_url:?} would send the app secret and tokens in clear text: use https:// (plain http:// is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)"
        )),
        other => Err(format!(
            "base_url must be https:// (or http:// to a loopback host), got the scheme {other:?}"
        )),
    }
}
