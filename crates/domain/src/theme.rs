//! The 29 themes (themadossiers) of the work programme, Bijlage 3.

use crate::Coded;

macro_rules! themes {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// A theme of the social domain; each has a themadossier.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Theme { $($variant),* }

        impl Coded for Theme {
            const ALL: &'static [Self] = &[$(Self::$variant),*];
            fn code(self) -> &'static str { match self { $(Self::$variant => $code),* } }
            fn label(self) -> &'static str { match self { $(Self::$variant => $label),* } }
        }
    };
}

themes! {
    Basisvaardigheden => "basisvaardigheden", "Basisvaardigheden";
    BestaanszekerheidWerken => "bestaanszekerheid-en-waardevol-werken", "Bestaanszekerheid en waardevol werken";
    Burgerparticipatie => "burgerparticipatie", "Burgerparticipatie";
    Clientondersteuning => "clientondersteuning", "Cliëntondersteuning";
    Dementie => "dementie", "Dementie";
    DigitaleSamenleving => "digitale-samenleving", "Digitale samenleving";
    Discriminatie => "discriminatie", "Discriminatie";
    Eenzaamheid => "eenzaamheid", "Eenzaamheid";
    EigenRegie => "eigen-regie", "Eigen regie";
    Ervaringsdeskundigheid => "ervaringsdeskundigheid", "Ervaringsdeskundigheid";
    GrensoverschrijdendGedrag => "grensoverschrijdend-gedrag", "Grensoverschrijdend gedrag";
    HuiselijkSeksueelGeweld => "huiselijk-en-seksueel-geweld", "Huiselijk en seksueel geweld";
    InclusieDiversiteit => "inclusie-en-diversiteit", "Inclusie en diversiteit";
    InformeleZorg => "informele-zorg", "Informele zorg";
    IntegraalWerkenWijk => "integraal-werken-in-de-wijk", "Integraal werken in de wijk";
    Jongvolwassenen => "jongvolwassenen", "Jongvolwassenen";
    KunstZorgWelzijn => "kunst-in-zorg-en-welzijn", "Kunst in zorg en welzijn";
    LhbtqiEmancipatie => "lhbtqi-emancipatie", "Lhbtqi+ emancipatie";
    MaatschappelijkeZorg => "maatschappelijke-zorg", "Maatschappelijke zorg";
    Ouderen => "ouderen", "Ouderen";
    Polarisatie => "polarisatie", "Polarisatie";
    Professionalisering => "professionalisering", "Professionalisering";
    ProfessioneleBesluitvorming => "professionele-besluitvorming", "Professionele besluitvorming";
    SturenKwaliteitOutcome => "sturen-op-kwaliteit-en-outcome", "Sturen op kwaliteit en outcome";
    Toegang => "toegang", "Toegang";
    VersterkenSocialeBasis => "versterken-sociale-basis", "Versterken sociale basis";
    Vluchtelingen => "vluchtelingen", "Vluchtelingen";
    VrijwilligeInzet => "vrijwillige-inzet", "Vrijwillige inzet";
    WatWerktSocialeSector => "wat-werkt-in-de-sociale-sector", "Wat werkt in de sociale sector";
}

crate::coded_serde!(Theme, "onbekend thema");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_29_distinct_themes() {
        assert_eq!(Theme::ALL.len(), 29);
        let mut codes: Vec<_> = Theme::ALL.iter().map(|t| t.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 29);
    }

    #[test]
    fn codes_round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::from_code(t.code()), Some(*t));
        }
        assert_eq!(Theme::from_code("onbekend"), None);
    }
}
