//! The structured doelgroep: age bands and groups.

use serde::{Deserialize, Serialize};

use crate::Coded;

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl Coded for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];
            fn code(self) -> &'static str { match self { $(Self::$variant => $code),* } }
            fn label(self) -> &'static str { match self { $(Self::$variant => $label),* } }
        }

        crate::coded_serde!($name, $what);
    };
}

coded_enum! {
    /// An age band of the target group.
    AgeBand, "onbekende leeftijdsgroep" {
        Toddlers => "0-4", "0 tot 4 jaar";
        Children => "4-12", "4 tot 12 jaar";
        Teenagers => "12-18", "12 tot 18 jaar";
        YoungAdults => "18-27", "18 tot 27 jaar";
        Adults => "27-65", "27 tot 65 jaar";
        Elderly => "65+", "65 jaar en ouder";
    }
}

coded_enum! {
    /// A group of people an intervention is meant for.
    Group, "onbekende doelgroep" {
        Youth => "jongeren", "Jongeren";
        YoungAdults => "jongvolwassenen", "Jongvolwassenen";
        Elderly => "ouderen", "Ouderen";
        Carers => "mantelzorgers", "Mantelzorgers";
        MildIntellectualDisability => "mensen-met-lvb", "Mensen met een licht verstandelijke beperking (LVB)";
        Refugees => "vluchtelingen", "Vluchtelingen";
        Lgbtiq => "lhbtiq", "LHBTIQ+";
        Parents => "ouders", "Ouders";
        Children => "kinderen", "Kinderen";
        Professionals => "professionals", "Professionals";
        Volunteers => "vrijwilligers", "Vrijwilligers";
        PeopleInDebt => "mensen-met-schulden", "Mensen met schulden";
        Homeless => "dak-en-thuislozen", "Dak- en thuislozen";
        Victims => "slachtoffers", "Slachtoffers";
        Perpetrators => "plegers", "Plegers";
        PeopleWithDementia => "mensen-met-dementie", "Mensen met dementie";
        MentalHealth => "mensen-met-psychische-problemen", "Mensen met psychische problemen";
        Residents => "bewoners", "Bewoners";
        JobSeekers => "werkzoekenden", "Werkzoekenden";
        Migrants => "migranten", "Migranten";
    }
}

/// The structured target group of an intervention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// Age bands the intervention is meant for.
    pub age_bands: Vec<AgeBand>,
    /// Groups the intervention is meant for.
    pub groups: Vec<Group>,
}
