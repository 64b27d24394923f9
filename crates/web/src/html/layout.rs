//! What the shared page frame (`templates/base.html`) needs from every page.

use crate::static_files;

/// Which main-menu item a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// The home page.
    Home,
    /// Interventions.
    Interventions,
    /// Themes.
    Themes,
    /// Werkzame elementen.
    ActiveElements,
    /// Search and the publications found through it.
    Search,
    /// Wat Werkt-dossiers.
    Dossiers,
    /// Publications.
    Publications,
    /// None (error pages).
    None,
}

/// One step of the breadcrumb trail; the last one is the current page.
#[derive(Debug, Clone)]
pub(crate) struct Crumb {
    /// Text.
    pub label: String,
    /// Link; `None` for the current page.
    pub href: Option<String>,
}

/// The frame of a page: title, canonical link, menu, breadcrumbs and the
/// example-data notice.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    /// The page title (without the site name).
    pub title: String,
    /// Absolute address of this page.
    pub canonical: Option<String>,
    /// The menu item to mark as current.
    pub section: Section,
    /// Breadcrumbs after "Home"; empty on the home page.
    pub breadcrumbs: Vec<Crumb>,
    /// The "voorbeelddata" banner text, when the page shows example content.
    pub example_notice: Option<&'static str>,
    /// Link to the component stylesheet.
    pub css_utrecht: &'static str,
    /// Link to our stylesheet.
    pub css_watwerkt: &'static str,
    /// Version of the NL Design System component CSS, for the footer.
    pub design_version: &'static str,
    /// The suggestion script (progressive enhancement of a search form), if the
    /// page has a search form.
    pub suggest_script: Option<&'static str>,
    /// The signed-in person for the header (name and sign-out form), taken
    /// from the request being answered.
    pub account: Option<crate::auth::HeaderAccount>,
}

impl Meta {
    /// A frame with a title, in a menu section.
    pub fn new(title: impl Into<String>, section: Section) -> Self {
        Self {
            title: title.into(),
            canonical: None,
            section,
            breadcrumbs: Vec::new(),
            example_notice: None,
            css_utrecht: static_files::utrecht_href(),
            css_watwerkt: static_files::watwerkt_href(),
            design_version: static_files::UTRECHT_VERSION,
            suggest_script: None,
            account: crate::auth::header_account(),
        }
    }

    /// Sets the canonical address.
    pub fn canonical(mut self, url: String) -> Self {
        self.canonical = Some(url);
        self
    }

    /// Adds a breadcrumb that links somewhere.
    pub fn crumb(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.breadcrumbs.push(Crumb {
            label: label.into(),
            href: Some(href.into()),
        });
        self
    }

    /// Adds the breadcrumb of the current page.
    pub fn here(mut self, label: impl Into<String>) -> Self {
        self.breadcrumbs.push(Crumb {
            label: label.into(),
            href: None,
        });
        self
    }

    /// Shows the example-data banner with `text` when `example` holds.
    pub fn example(mut self, example: bool, text: &'static str) -> Self {
        if example {
            self.example_notice = Some(text);
        }
        self
    }

    /// Loads the script that offers suggestions while typing in the search form.
    pub fn with_suggestions(mut self) -> Self {
        self.suggest_script = Some(static_files::suggest_js_href());
        self
    }

    /// Whether the menu item `name` is the current one.
    pub fn is_current(&self, name: &str) -> bool {
        let current = match self.section {
            Section::Home => "home",
            Section::Interventions => "interventies",
            Section::Themes => "themas",
            Section::ActiveElements => "werkzame-elementen",
            Section::Search => "zoeken",
            Section::Dossiers => "dossiers",
            Section::Publications => "publicaties",
            Section::None => "",
        };
        current == name
    }
}
