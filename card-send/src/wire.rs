//! One HTTP exchange with the open platform: send a request, read the whole answer, and read
//! the platform's envelope (`data` on code 0, else a typed error). Retries and tokens are the
//! transport's and the token cache's.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::Endpoint;
use crate::error::TransportKind;
use crate::{ApiError, Error};

/// A whole answer: status, `x-ogw-ratelimit-reset`, `x-tt-logid` and the body.
#[derive(Debug)]
pub(crate) struct Exchange {
    pub(crate) status: u16,
    pub(crate) reset: Option<Duration>,
    pub(crate) log_id: Option<String>,
    pub(crate) text: String,
}

#[derive(Deserialize)]
struct Envelope {
    code: i64,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    error: Option<ErrorInfo>,
}

#[derive(Deserialize)]
struct ErrorInfo {
    #[serde(default)]
    log_id: Option<String>,
}

/// Sends a request and reads the whole answer. A failure here is a transport error (timeout,
/// connect, dropped), which a retry can fix.
pub(crate) async fn send(
    req: reqwest::RequestBuilder,
    endpoint: Endpoint,
) -> Result<Exchange, Error> {
    let transport = |e: reqwest::Error| {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else if e.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Dropped
        };
        Error::Transport {
            endpoint,
            kind,
            source: std::sync::Arc::new(e),
        }
    };
    let resp = req.send().await.map_err(transport)?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let reset = header("x-ogw-ratelimit-reset")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(3600.0)));
    let log_id = header("x-tt-logid");
    let text = resp.text().await.map_err(transport)?;
    Ok(Exchange {
        status,
        reset,
        log_id,
        text,
    })
}

pub(crate) enum Parsed {
    Api(ApiError),
    Other(Error),
}

/// The platform envelope: `data` on code 0, else the typed error.
pub(crate) fn parse(
    endpoint: Endpoint,
    status: u16,
    header_log_id: Option<String>,
    text: &str,
) -> Result<Value, Parsed> {
    match serde_json::from_str::<Envelope>(text) {
        Ok(env) if env.code == 0 => Ok(env.data.unwrap_or(Value::Null)),
        Ok(env) => {
            let log_id = env.error.and_then(|e| e.log_id).or(header_log_id);
            let code = u32::try_from(env.code).unwrap_or(u32::MAX);
            Err(Parsed::Api(ApiError::new(code, env.msg, log_id)))
        }
        Err(_) => Err(Parsed::Other(http_error(endpoint, status, text))),
    }
}

pub(crate) fn http_error(endpoint: Endpoint, status: u16, text: &str) -> Error {
    if (200..300).contains(&status) {
        return Error::Decode {
            endpoint,
            message: format!("not the JSON envelope: {}", snippet(text)),
        };
    }
    Error::Http {
        endpoint,
        status,
        body: snippet(text),
    }
}

fn snippet(text: &str) -> String {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// A reply's `data` as `T`; a shape it does not have is [`Error::Decode`].
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    endpoint: Endpoint,
    data: Value,
) -> Result<T, Error> {
    serde_json::from_value(data).map_err(|e| Error::Decode {
        endpoint,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_parsing() {
        assert_eq!(
            parse(
                Endpoint::Send,
                200,
                None,
                r#"{"code":0,"msg":"ok","data":{"a":1}}"#
            )
            .ok(),
            Some(serde_json::json!({"a":1}))
        );
        let Err(Parsed::Api(e)) = parse(
            Endpoint::UpdateCard,
            400,
            Some("hdr".into()),
            r#"{"code":230020,"msg":"This operation triggers the frequency limit.","error":{"log_id":"L1"}}"#,
        ) else {
            panic!("expected an API error")
        };
        assert_eq!((e.code, e.log_id.as_deref()), (230020, Some("L1")));
        let Err(Parsed::Other(e)) = parse(Endpoint::Send, 502, None, "<html>bad gateway</html>")
        else {
            panic!("expected an HTTP error")
        };
        assert!(
            e.is_retryable() && e.to_string().contains("HTTP 502"),
            "{e}"
        );
        let Err(Parsed::Other(e)) = parse(Endpoint::Send, 200, None, "not json") else {
            panic!("expected a decode error")
        };
        assert!(!e.is_retryable());
        assert_eq!(snippet("é".repeat(150).as_str()).len(), 200);
    }
}
