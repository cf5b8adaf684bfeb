//! Enumerations whose values travel in files and the database under fixed names.

/// Declares an enum with its wire names, `as_str`, a case-insensitive `parse` and `ALL`.
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "ipc-types", derive(specta::Type))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in files and in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire name, ignoring case, spaces, `_` and `-`.
            pub fn parse(value: &str) -> $crate::Result<Self> {
                let key = $crate::wire_enum::normalise(value);
                $(if key == $crate::wire_enum::normalise($wire) { return Ok($name::$variant); })+
                Err($crate::DomainError::UnknownValue { kind: $kind, value: value.to_owned() })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// The comparison key of a wire name: lower case without spaces, `_` or `-`.
pub fn normalise(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}
