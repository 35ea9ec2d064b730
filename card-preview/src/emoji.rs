//! Feishu emoji keys (`:OK:`) drawn as the nearest Unicode emoji.
//!
//! The client draws its own pictures for these keys; the preview has none of them, so it
//! shows the Unicode emoji closest to each picture (a judgement from the key's name and the
//! emoji page's pictures). Keys with no close emoji stay a labelled chip.

use card_validate::spec::is_emoji_key;

/// Key → Unicode emoji. Every key is a documented key (`card_validate::spec::EMOJI_KEYS`;
/// tested).
const PICTURES: &[(&str, &str)] = &[
    ("OK", "👌"),
    ("THUMBSUP", "👍"),
    ("THANKS", "🙏"),
    ("MUSCLE", "💪"),
    ("FINGERHEART", "🫰"),
    ("APPLAUSE", "👏"),
    ("FISTBUMP", "🤜"),
    ("JIAYI", "➕"),
    ("DONE", "✅"),
    ("SMILE", "🙂"),
    ("BLUSH", "😊"),
    ("LAUGH", "😄"),
    ("SMIRK", "😏"),
    ("LOL", "😂"),
    ("FACEPALM", "🤦"),
    ("LOVE", "😍"),
    ("WINK", "😉"),
    ("PROUD", "😌"),
    ("SMART", "🤓"),
    ("SCOWL", "😒"),
    ("THINKING", "🤔"),
    ("SOB", "😭"),
    ("CRY", "😢"),
    ("HAUGHTY", "😤"),
    ("GLANCE", "👀"),
    ("DULL", "😑"),
    ("INNOCENTSMILE", "😇"),
    ("JOYFUL", "😆"),
    ("WOW", "😮"),
    ("TRICK", "😜"),
    ("YEAH", "✌️"),
    ("TEARS", "🥲"),
    ("EMBARRASSED", "😳"),
    ("KISS", "😗"),
    ("SMOOCH", "😘"),
    ("DROOL", "🤤"),
    ("OBSESSED", "🥰"),
    ("MONEY", "🤑"),
    ("TEASE", "😝"),
    ("COMFORT", "🫂"),
    ("CLAP", "👏"),
    ("PRAISE", "🙌"),
    ("STRIVE", "✊"),
    ("XBLUSH", "☺️"),
    ("SILENT", "🤐"),
    ("WAVE", "👋"),
    ("WHAT", "🤨"),
    ("FROWN", "☹️"),
    ("SHY", "🫣"),
    ("DIZZY", "😵"),
    ("LOOKDOWN", "🙄"),
    ("CHUCKLE", "🤭"),
    ("WAIL", "😫"),
    ("CRAZY", "🤪"),
    ("WHIMPER", "🥺"),
    ("HUG", "🤗"),
    ("BLUBBER", "😭"),
    ("WRONGED", "😣"),
    ("HUSKY", "🐶"),
    ("SHHH", "🤫"),
    ("SMUG", "😼"),
    ("ANGRY", "😠"),
    ("HAMMER", "🔨"),
    ("SHOCKED", "😱"),
    ("TERROR", "😨"),
    ("PETRIFIED", "😧"),
    ("SKULL", "💀"),
    ("SWEAT", "😓"),
    ("SPEECHLESS", "😶"),
    ("SLEEP", "😴"),
    ("DROWSY", "😪"),
    ("YAWN", "🥱"),
    ("SICK", "😷"),
    ("PUKE", "🤮"),
    ("BETRAYED", "😞"),
    ("HEADSET", "🎧"),
    ("EatingFood", "😋"),
    ("MeMeMe", "🙋"),
    ("Sigh", "😮‍💨"),
    ("Typing", "⌨️"),
    ("Lemon", "🍋"),
    ("OneSecond", "☝️"),
    ("VRHeadset", "🥽"),
    ("SALUTE", "🫡"),
    ("SHAKE", "🤝"),
    ("HIGHFIVE", "🙌"),
    ("UPPERLEFT", "👆"),
    ("ThumbsDown", "👎"),
    ("SLIGHT", "🙂"),
    ("TONGUE", "😛"),
    ("EYESCLOSED", "😌"),
    ("CALF", "🐮"),
    ("BEAR", "🐻"),
    ("BULL", "🐂"),
    ("RAINBOWPUKE", "🌈"),
    ("ROSE", "🌹"),
    ("HEART", "❤️"),
    ("PARTY", "🎉"),
    ("LIPS", "💋"),
    ("BEER", "🍺"),
    ("CAKE", "🎂"),
    ("GIFT", "🎁"),
    ("CUCUMBER", "🥒"),
    ("Drumstick", "🍗"),
    ("Pepper", "🌶️"),
    ("CANDIEDHAWS", "🍡"),
    ("BubbleTea", "🧋"),
    ("Coffee", "☕"),
    ("CheckMark", "✅"),
    ("CrossMark", "❌"),
    ("MinusOne", "➖"),
    ("Hundred", "💯"),
    ("AWESOMEN", "😎"),
    ("Pin", "📌"),
    ("Alarm", "⏰"),
    ("Loudspeaker", "📢"),
    ("Trophy", "🏆"),
    ("Fire", "🔥"),
    ("BOMB", "💣"),
    ("Music", "🎵"),
    ("XmasTree", "🎄"),
    ("Snowman", "⛄"),
    ("XmasHat", "🎅"),
    ("FIREWORKS", "🎆"),
    ("REDPACKET", "🧧"),
    ("FORTUNE", "💰"),
    ("LUCK", "🍀"),
    ("FIRECRACKER", "🧨"),
    ("HEARTBROKEN", "💔"),
    ("POOP", "💩"),
    ("StatusFlashOfInspiration", "💡"),
    ("18X", "🔞"),
    ("CLEAVER", "🔪"),
    ("Soccer", "⚽"),
    ("Basketball", "🏀"),
    ("GeneralDoNotDisturb", "⛔"),
    ("Status_PrivateMessage", "🔒"),
    ("GeneralInMeetingBusy", "📅"),
    ("StatusReading", "📖"),
    ("StatusInFlight", "✈️"),
    ("GeneralBusinessTrip", "💼"),
    ("GeneralWorkFromHome", "🏠"),
    ("StatusEnjoyLife", "🏖️"),
    ("GeneralTravellingCar", "🚗"),
    ("StatusBus", "🚌"),
    ("GeneralSun", "☀️"),
    ("GeneralMoonRest", "🌙"),
    ("MoonRabbit", "🐇"),
    ("Mooncake", "🥮"),
    ("JubilantRabbit", "🐰"),
    ("TV", "📺"),
    ("Movie", "🎬"),
    ("Pumpkin", "🎃"),
    ("BeamingFace", "😁"),
    ("Delighted", "😃"),
    ("ColdSweat", "😰"),
    ("FullMoonFace", "🌝"),
    ("Partying", "🥳"),
    ("SaluteFace", "🫡"),
    ("Shrug", "🤷"),
    ("ClownFace", "🤡"),
    ("HappyDragon", "🐲"),
];

/// How the client's emoji `key` is drawn: `None` when `key` is not a documented emoji key
/// (the text stays as written), else the nearest Unicode emoji or a labelled chip.
pub(crate) fn draw(key: &str) -> Option<String> {
    if !is_emoji_key(key) {
        return None;
    }
    let span = crate::html::El::new("span");
    Some(
        match PICTURES.iter().find(|(k, _)| *k == key) {
            Some((_, pic)) => span
                .class("emoji-pic")
                .attr("title", format!(":{key}:"))
                .text(*pic),
            None => span.class("emoji").text(key),
        }
        .html(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use card_validate::spec::EMOJI_KEYS;

    #[test]
    fn every_picture_is_for_a_documented_key_and_most_keys_have_one() {
        for (k, _) in PICTURES {
            assert!(is_emoji_key(k), "{k} is not a documented emoji key");
        }
        let drawn = EMOJI_KEYS
            .iter()
            .filter(|k| PICTURES.iter().any(|(p, _)| p == *k))
            .count();
        assert!(
            drawn * 10 >= EMOJI_KEYS.len() * 8,
            "{drawn}/{}",
            EMOJI_KEYS.len()
        );
    }

    #[test]
    fn keys_are_drawn_as_pictures_or_chips_and_other_words_stay_text() {
        assert!(draw("THUMBSUP").unwrap().contains("👍"));
        assert!(draw("LGTM").unwrap().contains("class=\"emoji\">LGTM<"));
        assert_eq!(draw("group"), None);
        assert_eq!(draw("thumbsup"), None);
    }
}
