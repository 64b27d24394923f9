//! The erkenningstraject as an explicit state machine: pure, tested on its own.
//!
//! Every step is a method that checks who may do it and whether the rules allow
//! it, then returns a [`Transition`] (from, to, what) for the audit log. A
//! refused step changes nothing.

mod rules;
mod state;
mod transitions;

pub use rules::{AssessmentRules, DecisionRule, PanelRule};
pub use state::{
    Actor, Appeal, Assessment, AssessmentError, Inclusion, Outcome, Review, Reviewer, Stage,
    Transition, UserId, Verdict,
};
pub use transitions::Proposal;
