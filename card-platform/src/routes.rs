//! Every endpoint of the platform the crates call, written once: method, path template, the
//! [`Endpoint`] it is (its limits, its codes, its name in errors) and the page that documents it.
//! The client builds each request from its route and the emulator its router, so a path cannot
//! differ between them.

use crate::limits::Budget;
use crate::{Endpoint, codes};

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
    /// The budgets each call spends: the limits the platform counts it against (the page's
    /// 频率限制, the seeds, the CardKit streaming guide).
    pub spends: &'static [Budget],
    /// The codes its page documents (its error table; the seed's for seeds 000–002). Token and
    /// gateway codes ([`codes::TOKEN_INVALID`], [`codes::GATEWAY_LIMIT`] …) apply to every
    /// route and are not repeated.
    pub codes: &'static [u32],
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

    /// The code a call past one of its budgets gets: the gateway's 99991400 (HTTP 429) for
    /// chat_button (seed 002) and the CardKit APIs, whose limits the gateway enforces; 230020
    /// for the message APIs (their pages).
    pub fn limit_code(&self) -> u32 {
        match self.endpoint {
            Endpoint::ChatButton | Endpoint::CardKit => codes::GATEWAY_LIMIT,
            _ => codes::FREQUENCY_LIMIT,
        }
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
    ($( $(#[$doc:meta])* $name:ident = $method:ident $path:literal => $endpoint:ident, $page:literal;
        spends [$($budget:ident),*] codes [$($code:ident),*]; )*) => {
        $( $(#[$doc])* pub const $name: Route = Route {
            method: Method::$method,
            path: $path,
            endpoint: Endpoint::$endpoint,
            doc: $page,
            spends: &[$(Budget::$budget),*],
            codes: &[$(codes::$code),*],
        }; )*
        /// Every route, in the order above.
        pub const ALL: &[Route] = &[$($name),*];
    };
}

routes! {
    /// The tenant access token of a self-built app.
    TOKEN = POST "/open-apis/auth/v3/tenant_access_token/internal" => Token,
        "auth-v3/tenant_access_token_internal (server-docs: authentication-management)";
        spends [] codes [INVALID_APP_ID, INVALID_APP_SECRET];
    /// Send a message (`?receive_id_type=`).
    SEND = POST "/open-apis/im/v1/messages" => Send, "003-服务端API/im-v1/message/create.md";
        spends [App, Receiver] codes [INVALID_PARAM, BOT_NOT_IN_CHAT, BOT_ABILITY_OFF, BOT_UNAVAILABLE_TO_USER, P2P_CHAT_SHARE, NOT_RESOURCE_OWNER, GROUP_SETTINGS_FORBID, TOPIC_NOT_FOUND, FREQUENCY_LIMIT, SENSITIVE_CONTENT, TOO_LARGE, NO_PERMISSION, AUDIT_FAILED, USER_RESIGNED, INVALID_RECEIVE_ID, SEND_PERMISSION_DENIED, TENANT_KEY_DELETED, CROSS_TENANT_P2P, MESSAGE_BEING_SENT, USER_STOPPED_BOT, UNSUPPORTED_MESSAGE_TYPE, UPLOAD_TYPE_MISMATCH, EDIT_WINDOW_PASSED, CARD_CONTENT, CHAT_DISSOLVED];
    /// Update a sent card (seed 000).
    UPDATE_CARD = PATCH "/open-apis/im/v1/messages/{message_id}" => UpdateCard,
        "003-服务端API/im-v1/message-card/patch.md (seed 000)";
        spends [App, Message] codes [INVALID_PARAM, BOT_ABILITY_OFF, RECALLED, BOT_UNAVAILABLE_TO_USER, FREQUENCY_LIMIT, TOO_LARGE, NO_PERMISSION, AUDIT_FAILED, UPDATE_WINDOW_PASSED, CARD_CONTENT, DELETED, CHAT_DISSOLVED];
    /// Edit a sent text or post (seed 001).
    EDIT_MESSAGE = PUT "/open-apis/im/v1/messages/{message_id}" => EditMessage,
        "003-服务端API/im-v1/message/update.md (seed 001)";
        spends [App] codes [INVALID_PARAM, BOT_NOT_IN_CHAT, BOT_ABILITY_OFF, RECALLED, BOT_UNAVAILABLE_TO_USER, GROUP_SETTINGS_FORBID, FREQUENCY_LIMIT, SENSITIVE_CONTENT, TOO_LARGE, NO_PERMISSION, AUDIT_FAILED, SEND_PERMISSION_DENIED, CROSS_TENANT_P2P, INVISIBLE_TO_OPERATOR, UNSUPPORTED_MESSAGE_TYPE, UPLOAD_TYPE_MISMATCH, NOT_THE_SENDER, EDIT_LIMIT_REACHED, SECRET_GROUP_EDIT, ENCRYPTED_GROUP_EDIT, EDIT_WINDOW_PASSED, DELETED, CHAT_DISSOLVED];
    /// Read a message.
    GET_MESSAGE = GET "/open-apis/im/v1/messages/{message_id}" => GetMessage,
        "003-服务端API/im-v1/message/get.md";
        spends [App] codes [DELETED, IMAGE_INVALID_PARAM, RESOURCE_UNAUTHORIZED, FILE_NOT_IN_MESSAGE, APP_NOT_IN_CHAT, RESOURCE_NO_PERMISSION, SCOPE_CHECK_FAILED, DOWNLOAD_TOO_LARGE, DOWNLOAD_RESTRICTED, RESOURCE_INVISIBLE, TENANT_MASTER_KEY_DELETED, TENANT_STORAGE_ERROR, UNSUPPORTED_MESSAGE_RESOURCE];
    /// Recall a message.
    RECALL = DELETE "/open-apis/im/v1/messages/{message_id}" => Recall,
        "003-服务端API/im-v1/message/delete.md";
        spends [App] codes [INVALID_PARAM, BOT_NOT_IN_CHAT, BOT_ABILITY_OFF, RECALL_EXPIRED, BOT_UNAVAILABLE_TO_USER, NO_RECALL_PERMISSION, NO_PERMISSION, INVISIBLE_TO_OPERATOR, UNSUPPORTED_MESSAGE_TYPE, DELETED, CHAT_DISSOLVED];
    /// Reply to a message (in its thread with `reply_in_thread`).
    REPLY = POST "/open-apis/im/v1/messages/{message_id}/reply" => Reply,
        "003-服务端API/im-v1/message/reply.md";
        spends [App] codes [INVALID_PARAM, BOT_NOT_IN_CHAT, BOT_ABILITY_OFF, RECALLED, BOT_UNAVAILABLE_TO_USER, P2P_CHAT_SHARE, NOT_RESOURCE_OWNER, GROUP_SETTINGS_FORBID, TOPIC_NOT_FOUND, FREQUENCY_LIMIT, SENSITIVE_CONTENT, TOO_LARGE, NO_PERMISSION, AUDIT_FAILED, SEND_PERMISSION_DENIED, CROSS_TENANT_P2P, MESSAGE_BEING_SENT, INVISIBLE_TO_OPERATOR, UNSUPPORTED_MESSAGE_TYPE, UPLOAD_TYPE_MISMATCH, NOT_THE_SENDER, EDIT_LIMIT_REACHED, EDIT_WINDOW_PASSED, CARD_CONTENT, SELF_DESTRUCTING, CHAT_DISSOLVED];
    /// Upload an image (multipart).
    UPLOAD_IMAGE = POST "/open-apis/im/v1/images" => UploadImage,
        "003-服务端API/im-v1/image/create.md";
        spends [App] codes [META_WRITE_STOPPED, IMAGE_INVALID_PARAM, RESOURCE_UNAUTHORIZED, IMAGE_TOO_LARGE, IMAGE_BOT_OFF, IMAGE_EMPTY, IMAGE_FORMAT, IMAGE_RESOLUTION, TENANT_MASTER_KEY_DELETED, TENANT_STORAGE_ERROR];
    /// A card callback's delayed update (its token, within 30 minutes, twice).
    DELAYED_UPDATE = POST "/open-apis/interactive/v1/card/update" => DelayedUpdate,
        "feishu-cards/card-callback-communication (delayed update)";
        spends [] codes [CALLBACK_TOKEN_FORMAT, CALLBACK_TOKEN_EXPIRED, CALLBACK_TOKEN_USED_UP, CALLBACK_OPEN_IDS, DELAYED_RECALLED, DELAYED_CARD_FORMAT];
    /// The buttons of a chat's feed card (seed 002).
    CHAT_BUTTON = PUT "/open-apis/im/v2/chat_button" => ChatButton,
        "im-v2/chat_button/update (seed 002)";
        spends [ChatButton] codes [INVALID_PARAM, NO_PERMISSION, GATEWAY_LIMIT];
    /// Create a card entity.
    ENTITY_CREATE = POST "/open-apis/cardkit/v1/cards" => CardKit,
        "003-服务端API/cardkit-v1/card/create.md";
        spends [App] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_TOO_LARGE, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_SCHEMA_2_ONLY, ENTITY_TOO_MANY_ELEMENTS, ENTITY_EMPTY];
    /// The card entity a sent message shows.
    ENTITY_ID_CONVERT = POST "/open-apis/cardkit/v1/cards/id_convert" => CardKit,
        "003-服务端API/cardkit-v1/card/id_convert.md";
        spends [App] codes [];
    /// Several operations on an entity at once.
    ENTITY_BATCH_UPDATE = POST "/open-apis/cardkit/v1/cards/{card_id}/batch_update" => CardKit,
        "003-服务端API/cardkit-v1/card/batch_update.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_SCHEMA_2_ONLY, ENTITY_TOO_MANY_ELEMENTS, ENTITY_EMPTY, ENTITY_NOT_OURS, ENTITY_TAG_CHANGE, ENTITY_UPDATE_FAILED, ENTITY_DELETE_FAILED, ENTITY_ADD_FAILED];
    /// Replace an entity's card.
    ENTITY_UPDATE = PUT "/open-apis/cardkit/v1/cards/{card_id}" => CardKit,
        "003-服务端API/cardkit-v1/card/update.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_SCHEMA_2_ONLY, ENTITY_TOO_MANY_ELEMENTS, ENTITY_EMPTY, ENTITY_NOT_OURS];
    /// An entity's settings (`streaming_mode`, `summary` …).
    ENTITY_SETTINGS = PATCH "/open-apis/cardkit/v1/cards/{card_id}/settings" => CardKit,
        "003-服务端API/cardkit-v1/card/settings.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ENTITY_SETTINGS_FAILED, UPDATE_MULTI_FALSE, ENTITY_EMPTY, ENTITY_NOT_OURS, ENTITY_SEQUENCE];
    /// Stream the full text of a text element.
    ELEMENT_CONTENT = PUT "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}/content" => CardKit,
        "003-服务端API/cardkit-v1/card-element/content.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_STREAMING_TIMEOUT, ENTITY_TOO_LARGE, ENTITY_INTERNAL, UPDATE_MULTI_FALSE, ENTITY_EMPTY, ENTITY_STREAMING_CLOSED, ENTITY_ONLY_TEXT, ENTITY_NOT_OURS, ENTITY_UPDATE_FAILED, ENTITY_SEQUENCE];
    /// Add components to an entity.
    ELEMENT_CREATE = POST "/open-apis/cardkit/v1/cards/{card_id}/elements" => CardKit,
        "003-服务端API/cardkit-v1/card-element/create.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ELEMENT_STREAMING_TIMEOUT, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ENTITY_INTERNAL, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_TOO_MANY_ELEMENTS, ENTITY_EMPTY, ENTITY_NOT_OURS, ENTITY_ADD_FAILED];
    /// Replace a component.
    ELEMENT_UPDATE = PUT "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/update.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ENTITY_REPLACE_FAILED, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_TOO_MANY_ELEMENTS, ENTITY_EMPTY, ENTITY_NOT_OURS];
    /// Change some properties of a component.
    ELEMENT_PATCH = PATCH "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/patch.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, ENTITY_TOO_LARGE, ELEMENT_ID, UPDATE_MULTI_FALSE, ENTITY_SCHEMA_2_ONLY, ENTITY_EMPTY, ENTITY_NOT_OURS, ENTITY_TAG_CHANGE, ENTITY_UPDATE_FAILED];
    /// Delete a component.
    ELEMENT_DELETE = DELETE "/open-apis/cardkit/v1/cards/{card_id}/elements/{element_id}" => CardKit,
        "003-服务端API/cardkit-v1/card-element/delete.md";
        spends [App, Entity] codes [INVALID_VALUE, ENTITY_CONTENT_FAILED, ENTITY_NOT_FOUND, ENTITY_EXPIRED, ENTITY_UUID_CONFLICT, ENTITY_IN_INTERACTION, UPDATE_MULTI_FALSE, ENTITY_SCHEMA_2_ONLY, ENTITY_EMPTY, ENTITY_NOT_OURS, ENTITY_DELETE_FAILED];
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

    /// Every code a route documents has its row (name, text, retry class) in the codes table,
    /// and every row but the gateway's, the callback's interaction errors and card-content
    /// sub-codes is documented by some route.
    #[test]
    fn route_codes_and_the_codes_table_agree() {
        for r in ALL {
            for c in r.codes {
                assert!(
                    codes::lookup(*c).is_some(),
                    "{} {}: {c} has no row",
                    r.method,
                    r.path
                );
            }
        }
        let apart = [
            codes::TOKEN_MISSING,
            codes::TOKEN_INVALID,
            codes::APP_TOKEN_INVALID,
            codes::USER_TOKEN_INVALID,
            codes::TENANT_TOKEN_INVALID,
            codes::GATEWAY_LIMIT,
            codes::CALLBACK_LATE,
            codes::CALLBACK_UNREACHABLE,
            codes::CALLBACK_NOT_200,
            codes::CALLBACK_BAD_ANSWER,
            codes::CALLBACK_BAD_CARD,
            codes::SCHEMA_DOWNGRADE,
            codes::OPEN_ID_CROSS_APP,
            codes::USER_ID_NOT_EXIST,
            codes::UNION_ID_NOT_EXIST,
        ];
        let undocumented: Vec<_> = codes::CODES
            .iter()
            .filter(|c| !apart.contains(&c.code) && !ALL.iter().any(|r| r.codes.contains(&c.code)))
            .map(|c| c.name)
            .collect();
        assert!(
            undocumented.is_empty(),
            "no route documents {undocumented:?}"
        );
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
