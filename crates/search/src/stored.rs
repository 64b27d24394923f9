//! A hit's stored texts, read for its snippet.
//!
//! tantivy's `TantivyDocument` copies every value it reads into one growing
//! buffer: for the 8 KB excerpt of each hit that was a second copy and a few
//! reallocations (6 % of a full result page). [`StoredTexts`] keeps each
//! stored text as the `String` it is read into, and nothing else.

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

/// The text values of a stored document, by field.
#[derive(Debug, Default)]
pub(crate) struct StoredTexts(Vec<(Field, String)>);

impl StoredTexts {
    /// The first text of `field`; empty when it has none.
    pub(crate) fn get(&self, field: Field) -> &str {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, text)| text.as_str())
    }
}

impl DocumentDeserialize for StoredTexts {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut texts = Vec::with_capacity(deserializer.size_hint());
        while let Some((field, value)) = deserializer.next_field::<OwnedValue>()? {
            if let OwnedValue::Str(text) = value {
                texts.push((field, text));
            }
        }
        Ok(StoredTexts(texts))
    }
}
