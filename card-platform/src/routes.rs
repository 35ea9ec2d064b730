//! Every endpoint of the platform the crates call, written once: method, path template, the
//! [`Endpoint`] it is (its limits, its codes, its name in errors) and the page that documents it.
//! The client builds each request from its route and the emulator its router, so a path cannot
//! differ between them.

use crate::Endpoint;

pub use http::Method;

/// One endpoint: `method path`, with `{name}` for each path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path template, `{name}` for a parameter (axum's syntax).
    pub path: &'static str,
    /// What the call is: its limits, codes and name in errors.
    pub endpoint: Endpoint,
    /// The page that documents it: its path in the docs mirror (wxkingstar/doc-hub-mcp, under
    /// `feishu/`), or the seed.
    pub doc: &'static str,
}

impl Route {
    /// The path with `params` in place of its `{…}` parameters, in order, each percent-encoded
    /// as one path segment. A missing parameter leaves its place empty (the server answers 404).
    pub fn path_with(&self, params: &[&str]) -> String {
        let mut out = String::with_capacity(self.path.len() + 32);
        let mut params = params.iter();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            if let Some(p) = params.next() {
                out.push_str(&segment(p));
            }
            rest = &rest[close..];
        }
        out.push_str(rest);
        out
    }

    /// The names of the path's parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

/// `s` percent-encoded as one path segment (RFC 3986 unreserved characters kept).
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

macro_rules! routes {
    ($( $(#[$doc:meta])* $name:ident = $method:ident $path:literal => $endpoint:ident, $page:literal; )*) => {
        $( $(#[$doc])* pub const $name: Route = Route {
            method: Method::$method,
            path: $path,
            endpoint: Endpoint::$endpoint,
            doc: $page,
        }; )*
        /// Every route, in the order above.
        pub const ALL: &[Route] = &[$($name),*];
    };
}

routes! {
    /// The tenant access token of a self-built app.
    TOKEN = POST "/open-apis/auth/v3/tenant_access_token/internal" => Token,
        "auth-v3/tenant_access_token_internal (server-docs: authentication-management)";
    /// Send a message (`?receive_id_type=`).
    SEND = POST "/open-apis/im/v1/messages" => Send, "003-服务端API/im-v1/message/create.md";
    /// Update a sent card (seed 000).
    UPDATE_CARD = PATCH "/open-apis/im/v1/messages/{message_id}" => UpdateCard,
        "003-服务端API/im-v1/message-card/patch.md (seed 000)";
    /// Edit a sent text or post (seed 001).
    EDIT_MESSAGE = PUT "/open-apis/im/v1/messages/{message_id}" => EditMessage,
        "003-服务端API/im-v1/message/update.md (seed 001)";
    /// Read a message.
    GET_MESSAGE = GET "/open-apis/im/v1/messages/{message_id}" => GetMessage,
        "003-服务端API/im-v1/message/get.md";
    /// Recall a message.
    RECALL = DELETE "/open-apis/im/v1/messages/{message_id}" => Recall,
        "003-服务端API/im-v1/message/delete.md";
    /// Reply to a message (in its thread with `reply_in_thread`).
    REPLY = POST "/open-apis/im/v1/messages/{message_id}/reply" => Reply,
        "003-服务端API/im-v1/message/reply.md";
    /// Upload an image (multipart).
    UPLOAD_IMAGE = POST "/open-apis/im/v1/images" => UploadImage,
        "003-服务端API/im-v1/image/create.md";
    /// A card callback's delayed update (its token, within 30 minutes, twice).
    DELAYED_UPDATE = POST "/open-apis/interactive/v1/card/update" => DelayedUpdate,
        "feishu-cards/card-callback-communication (delayed update)";
    /// The buttons of a chat's feed card (seed 002).
    CHAT_BUTTON = PUT "/open-apis/im/v2/chat_button" => ChatButton,
        "im-v2/chat_button/update (seed 002)";
    /// Create a card entity.
    ENTITY_CREATE = POST "/open-apis/cardkit/v1/cards" => CardKit,
        "003-服务端API/cardkit-v1/card/create.md";
    /// The card entity a sent message shows.
    ENTITY_ID_CONVERT = POST "/open-apis/cardkit/v1/cards/id_convert" => CardKit,
        "003-服务端API/cardkit-v1/card/id_convert.md";
    /// Several operations on an entity at once.
    ENTITY_BATCH_UPDATE = POST "/open-apis/cardkit/v1/cards/{card_id}/batch_update" => CardKit,
        "003-服务端API/cardkit-v1/card/batch_update.md";
    /// Replace an entity's card.
    ENTITY_UPDATE = PUT "/open-apis/cardkit/v1/cards/{card_id}" => CardKit,
        "003-服务端API/cardkit-v1/card/update.md";
    /// An entity's settings (`streaming_mode`, `summary` …).
    ENTITY_SETTINGS = PATCH "/open-apis/cardkit/v1/cards/{card_id}/settings" => CardKit,
        "003-服务端API/cardkit-v1/card/settings.md";
    /// Stream the full text of a text element.
    ELEMENT_CONTENT = PUT "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}/content" => CardKit,
        "003-服务端API/cardkit-v1/card-element/content.md";
    /// Add components to an entity.
    ELEMENT_CREATE = POST "/open-apis/cardkit/v1/cards/{card_id}/elements" => CardKit,
        "003-服务端API/cardkit-v1/card-element/create.md";
    /// Replace a component.
    ELEMENT_UPDATE = PUT "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/update.md";
    /// Change some properties of a component.
    ELEMENT_PATCH = PATCH "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/patch.md";
    /// Delete a component.
    ELEMENT_DELETE = DELETE "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/delete.md";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_take_their_parameters_in_order_and_escaped() {
        assert_eq!(
            ELEMENT_CONTENT.path_with(&["7355", "a/b"]),
            "/open-apis/cardkit/v1/cards/7355/elements/a%2Fb/content"
        );
        assert_eq!(SEND.path_with(&[]), "/open-apis/im/v1/messages");
        assert_eq!(
            ELEMENT_PATCH.params().collect::<Vec<_>>(),
            ["card_id", "element_id"]
        );
        assert_eq!(segment("om_abc123"), "om_abc123");
        assert_eq!(segment("a/b?c"), "a%2Fb%3Fc");
    }

    #[test]
    fn one_route_per_method_and_path() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert!(
                    (&a.method, a.path) != (&b.method, b.path),
                    "{} {} twice",
                    a.method.as_str(),
                    a.path
                );
            }
        }
    }
}
