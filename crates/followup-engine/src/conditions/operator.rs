//! Condition operators, named as in Dataverse FetchXML.

/// A condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename_all = "kebab-case"))]
pub enum Operator {
    /// Equal (text without regard to case; option sets by value or label).
    Eq,
    /// Not equal. Like Dataverse, an empty field matches neither `eq` nor `ne`.
    Ne,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Ge,
    /// Less than.
    Lt,
    /// Less than or equal.
    Le,
    /// SQL `LIKE` pattern: `%` any text, `_` one character, `[abc]` a set.
    Like,
    /// Not matching a `LIKE` pattern.
    NotLike,
    /// Text begins with.
    BeginsWith,
    /// Text ends with.
    EndsWith,
    /// Equal to one of a list.
    In,
    /// Equal to none of a list.
    NotIn,
    /// The field is empty.
    Null,
    /// The field has a value.
    NotNull,
    /// A date more than X hours before now.
    #[cfg_attr(feature = "typescript", ts(rename = "olderthan-x-hours"))]
    OlderThanXHours,
    /// A date more than X days before now.
    #[cfg_attr(feature = "typescript", ts(rename = "olderthan-x-days"))]
    OlderThanXDays,
    /// A date within the last X hours.
    LastXHours,
    /// A date within the last X days.
    LastXDays,
}

/// Every operator with its FetchXML name.
pub const OPERATORS: [(&str, Operator); 18] = [
    ("eq", Operator::Eq),
    ("ne", Operator::Ne),
    ("gt", Operator::Gt),
    ("ge", Operator::Ge),
    ("lt", Operator::Lt),
    ("le", Operator::Le),
    ("like", Operator::Like),
    ("not-like", Operator::NotLike),
    ("begins-with", Operator::BeginsWith),
    ("ends-with", Operator::EndsWith),
    ("in", Operator::In),
    ("not-in", Operator::NotIn),
    ("null", Operator::Null),
    ("not-null", Operator::NotNull),
    ("olderthan-x-hours", Operator::OlderThanXHours),
    ("olderthan-x-days", Operator::OlderThanXDays),
    ("last-x-hours", Operator::LastXHours),
    ("last-x-days", Operator::LastXDays),
];

impl Operator {
    /// The operator named `name` (FetchXML spelling, exact).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        OPERATORS.iter().find(|(known, _)| *known == name).map(|(_, operator)| *operator)
    }

    /// The operator's FetchXML name.
    #[must_use]
    pub fn name(self) -> &'static str {
        OPERATORS.iter().find(|(_, operator)| *operator == self).map_or("?", |(name, _)| name)
    }

    /// The operator a near-miss name probably meant (`equals` -> `eq`).
    #[must_use]
    pub fn suggest(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase().replace('_', "-");
        if let Some(operator) = Self::parse(&lower) {
            return Some(operator);
        }
        let guess = match lower.as_str() {
            "=" | "==" | "equals" | "equal" | "is" => Self::Eq,
            "!=" | "<>" | "not-equal" | "not-equals" | "neq" => Self::Ne,
            ">" | "greater-than" => Self::Gt,
            ">=" | "greater-equal" | "gte" => Self::Ge,
            "<" | "less-than" => Self::Lt,
            "<=" | "less-equal" | "lte" => Self::Le,
            "contains" | "contain" => Self::Like,
            "not-contains" | "not-contain" | "does-not-contain" => Self::NotLike,
            "starts-with" | "startswith" | "beginswith" => Self::BeginsWith,
            "endswith" => Self::EndsWith,
            "is-null" | "empty" => Self::Null,
            "is-not-null" | "not-empty" => Self::NotNull,
            "older-than-x-days" | "olderthan-days" => Self::OlderThanXDays,
            "older-than-x-hours" | "olderthan-hours" => Self::OlderThanXHours,
            _ => return None,
        };
        Some(guess)
    }

    /// Whether the operator takes no value.
    #[must_use]
    pub fn is_unary(self) -> bool {
        matches!(self, Self::Null | Self::NotNull)
    }

    /// Whether the operator is an order comparison.
    #[must_use]
    pub fn is_ordering(self) -> bool {
        matches!(self, Self::Gt | Self::Ge | Self::Lt | Self::Le)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_round_trips_through_its_name() {
        for (name, operator) in OPERATORS {
            assert_eq!(Operator::parse(name), Some(operator));
            assert_eq!(operator.name(), name);
        }
        assert_eq!(Operator::parse("EQ"), None);
    }

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(Operator::suggest("equals"), Some(Operator::Eq));
        assert_eq!(Operator::suggest("EQ"), Some(Operator::Eq));
        assert_eq!(Operator::suggest("not_like"), Some(Operator::NotLike));
        assert_eq!(Operator::suggest("contains"), Some(Operator::Like));
        assert_eq!(Operator::suggest("frobnicate"), None);
    }
}
