//! Editing a loaded card: find a component by `element_id` (typed, mutable), edit it in one line,
//! and the conversions that make edits short (`From<&str>` for text objects).

use crate::{Card, Element, PlainText, PlainText100, Text, TextObjectTag};

/// A component type that an [`Element`] may hold (`Markdown`, `Button`, …).
pub trait FromElement: Sized {
    /// The component, if `e` is one of this type.
    fn from_element(e: &Element) -> Option<&Self>;
    /// [`FromElement::from_element`], mutable.
    fn from_element_mut(e: &mut Element) -> Option<&mut Self>;
}

/// Why [`Card::edit`] found nothing to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No element of the card has this `element_id`.
    NotFound {
        /// The id looked for.
        element_id: String,
    },
    /// The element with this `element_id` is another component.
    WrongType {
        /// The id looked for.
        element_id: String,
        /// The element's tag.
        found: String,
        /// The type asked for.
        wanted: &'static str,
    },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotFound { element_id } => {
                write!(f, "no element of the card has element_id {element_id:?}")
            }
            EditError::WrongType {
                element_id,
                found,
                wanted,
            } => write!(
                f,
                "element_id {element_id:?} is a `{found}`, not a `{}`",
                wanted.rsplit("::").next().unwrap_or(wanted)
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl Card {
    /// Every element of the body, depth first (containers before what they hold).
    pub fn elements(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.body_elements().iter().rev().collect();
        while let Some(e) = stack.pop() {
            out.push(e);
            stack.extend(e.children().into_iter().rev());
        }
        out
    }

    /// The element with this `element_id`, anywhere in the body.
    pub fn find(&self, element_id: &str) -> Option<&Element> {
        self.elements()
            .into_iter()
            .find(|e| e.element_id() == Some(element_id))
    }

    /// The element with this `element_id`, mutable.
    pub fn find_mut(&mut self, element_id: &str) -> Option<&mut Element> {
        let mut stack: Vec<&mut Element> =
            match self.body.as_mut().and_then(|b| b.elements.as_mut()) {
                Some(list) => list.iter_mut().rev().collect(),
                None => return None,
            };
        while let Some(e) = stack.pop() {
            if e.element_id() == Some(element_id) {
                return Some(e);
            }
            stack.extend(e.children_mut().into_iter().rev());
        }
        None
    }

    /// The component of type `T` with this `element_id`: `card.get::<Markdown>("answer")`.
    pub fn get<T: FromElement>(&self, element_id: &str) -> Option<&T> {
        self.find(element_id).and_then(T::from_element)
    }

    /// The component of type `T` with this `element_id`, mutable:
    /// `card.get_mut::<Markdown>("answer").unwrap().content = "…".into()`.
    pub fn get_mut<T: FromElement>(&mut self, element_id: &str) -> Option<&mut T> {
        self.find_mut(element_id).and_then(T::from_element_mut)
    }

    /// Edits the component of type `T` with this `element_id` through its builder methods, in one
    /// line: `card.edit("go", |b: Button| b.text("Done").disabled(true))?`.
    ///
    /// # Errors
    ///
    /// [`EditError::NotFound`] when no element has this id, [`EditError::WrongType`] when it is
    /// another component; the card is unchanged then.
    pub fn edit<T: FromElement + Clone>(
        &mut self,
        element_id: &str,
        f: impl FnOnce(T) -> T,
    ) -> Result<&mut Self, EditError> {
        let found = self
            .find_mut(element_id)
            .ok_or_else(|| EditError::NotFound {
                element_id: element_id.to_owned(),
            })?;
        let tag = found.tag().to_owned();
        let slot = T::from_element_mut(found).ok_or_else(|| EditError::WrongType {
            element_id: element_id.to_owned(),
            found: tag,
            wanted: std::any::type_name::<T>(),
        })?;
        *slot = f(slot.clone());
        Ok(self)
    }

    fn body_elements(&self) -> &[Element] {
        self.body
            .as_ref()
            .and_then(|b| b.elements.as_deref())
            .unwrap_or_default()
    }
}

impl From<&str> for Text {
    /// A `plain_text` text object.
    fn from(s: &str) -> Self {
        Text::new(TextObjectTag::PlainText).content(s)
    }
}

impl From<String> for Text {
    /// A `plain_text` text object.
    fn from(s: String) -> Self {
        Text::new(TextObjectTag::PlainText).content(s)
    }
}

impl From<&str> for PlainText {
    fn from(s: &str) -> Self {
        PlainText::new().content(s)
    }
}

impl From<String> for PlainText {
    fn from(s: String) -> Self {
        PlainText::new().content(s)
    }
}

impl From<&str> for PlainText100 {
    fn from(s: &str) -> Self {
        PlainText100::new().content(s)
    }
}

impl From<String> for PlainText100 {
    fn from(s: String) -> Self {
        PlainText100::new().content(s)
    }
}
