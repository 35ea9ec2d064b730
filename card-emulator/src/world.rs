//! The world the bot acts in, changed from outside: chats, users, messages of other apps,
//! messages recalled or deleted by people, a user holding a card.

use std::time::Duration;

use super::state::{Chat, Stored, lock};
use super::{EmulatedUser, Emulator, MessageState};

impl Emulator {
    /// Adds a chat; `bot_in_chat: false` gives 230002 on send and 230027 on chat_button.
    pub fn add_chat(&self, chat_id: &str, members: &[&str], bot_in_chat: bool) {
        lock(&self.state.chats).insert(
            chat_id.to_owned(),
            Chat {
                members: members.iter().map(|m| (*m).to_owned()).collect(),
                bot_in_chat,
                dissolved: false,
                buttons: None,
            },
        );
    }

    /// Adds a user of the tenant, reachable by its open_id, user_id, union_id or email.
    pub fn add_user(&self, user: EmulatedUser) {
        lock(&self.state.users).push(user);
    }

    /// Dissolves a chat (232009 on send).
    pub fn dissolve_chat(&self, chat_id: &str) {
        if let Some(c) = lock(&self.state.chats).get_mut(chat_id) {
            c.dissolved = true;
        }
    }

    /// Adds a message sent by another app (to see 230071).
    pub fn insert_foreign_message(&self, msg_type: &str, content: &str) -> String {
        let id = self.state.fresh_id("om_");
        let now = self.state.now();
        let state = MessageState::new(
            &id,
            self.chat_id(),
            msg_type,
            content,
            now,
            "cli_another_app",
        );
        lock(&self.state.messages).insert(
            id.clone(),
            Stored {
                state,
                shared: true,
                v2: true,
            },
        );
        id
    }

    /// Recalls a message; false if unknown.
    pub fn recall(&self, id: impl AsRef<str>) -> bool {
        self.with_message(id.as_ref(), |m| m.state.recalled = true)
    }

    /// Deletes a message; false if unknown.
    pub fn delete(&self, id: impl AsRef<str>) -> bool {
        self.with_message(id.as_ref(), |m| m.state.deleted = true)
    }

    /// Simulates a user's interaction with the card entity shown in `message` for `how_long` (of
    /// the emulated clock): operations on it meanwhile get 200810. False if the message shows no
    /// entity.
    pub fn hold_interaction(&self, message: impl AsRef<str>, how_long: Duration) -> bool {
        let until = self.state.now() + how_long;
        let mut entities = lock(&self.state.entities);
        match entities
            .values_mut()
            .find(|e| e.message_id.as_deref() == Some(message.as_ref()))
        {
            Some(e) => {
                e.interacting_until = Some(until);
                true
            }
            None => false,
        }
    }

    fn with_message(&self, id: &str, f: impl FnOnce(&mut Stored)) -> bool {
        lock(&self.state.messages).get_mut(id).map(f).is_some()
    }
}
