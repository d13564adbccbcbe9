//! The names a template may use. Anything else is a config error found by
//! `validateConfig`, never an empty hole in an email.

/// Which template a name appears in: reply values exist only in replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The first follow-up the agent drafts.
    First,
    /// Later follow-ups.
    Next,
    /// The last follow-up before resolution.
    Final,
    /// A reply to a customer's message.
    Reply,
    /// Resolution text and remarks.
    Resolution,
}

impl Slot {
    /// The slot's name in the config (`first`, `next`, `final`, `reply`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::First => "first",
            Self::Next => "next",
            Self::Final => "final",
            Self::Reply => "reply",
            Self::Resolution => "resolution",
        }
    }
}

/// Names every template may use (besides `case.<logical name>`).
pub const COMMON_NAMES: [&str; 23] = [
    "case.number",
    "case.title",
    "customer.name",
    "customer.firstName",
    "customer.contactName",
    "customer.email",
    "representative.name",
    "representative.firstName",
    "sender.name",
    "sender.address",
    "rule.name",
    "caseDetails",
    "followUp.number",
    "followUp.total",
    "followUp.remaining",
    "followUp.sent",
    "followUp.wait",
    "followUp.isFirst",
    "followUp.isFinal",
    "dates.today",
    "dates.resolution",
    "dates.lastReply",
    "dates.lastContact",
];

/// Names only reply templates may use.
pub const REPLY_NAMES: [&str; 3] = ["reply.quote", "reply.date", "reply.subject"];

/// Names dates may use besides the common ones.
pub const EXTRA_DATE_NAMES: [&str; 1] = ["dates.caseCreated"];

/// Checks a name used in a template of `slot`; says why it is refused.
pub fn check_name(slot: Slot, name: &str) -> Result<(), String> {
    if let Some(field) = name.strip_prefix("case.") {
        let valid = !field.is_empty() && field.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
        return if valid {
            Ok(())
        } else {
            Err("`case.` is followed by a field's logical name, such as `case.title`".to_owned())
        };
    }
    if COMMON_NAMES.contains(&name) || EXTRA_DATE_NAMES.contains(&name) {
        return Ok(());
    }
    if REPLY_NAMES.contains(&name) {
        return if slot == Slot::Reply {
            Ok(())
        } else {
            Err(format!("`{name}` is only available in reply templates"))
        };
    }
    let mut known: Vec<&str> = COMMON_NAMES.to_vec();
    known.extend(EXTRA_DATE_NAMES);
    if slot == Slot::Reply {
        known.extend(REPLY_NAMES);
    }
    Err(format!("use `case.<field>` or one of `{}`", known.join("`, `")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_slot() {
        assert!(check_name(Slot::First, "case.title").is_ok());
        assert!(check_name(Slot::First, "case.new_product_code").is_ok());
        assert!(check_name(Slot::First, "case.").is_err());
        assert!(check_name(Slot::First, "case.a-b").is_err());
        assert!(check_name(Slot::Final, "dates.resolution").is_ok());
        assert!(check_name(Slot::Reply, "reply.quote").is_ok());
        assert!(check_name(Slot::Next, "reply.quote").unwrap_err().contains("only available in reply"));
        assert!(check_name(Slot::First, "custmer.name").unwrap_err().contains("`customer.name`"));
    }
}
