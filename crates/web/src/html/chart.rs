//! Small server-rendered SVG charts, each with a text alternative and a data
//! table holding the same numbers (the chart is never the only way to read them).

use std::fmt::Write as _;

use watwerkt_domain::dossier::{Figure, KnowledgeKind, SectionCounts, SourceCounts};
use watwerkt_domain::Coded;

/// Escapes text for use inside SVG/HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number the Dutch way: decimal comma, no needless decimals (`10,5`, `12`).
pub(crate) fn dutch_number(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let t = format!("{v:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    s.replace('.', ",")
}

/// CSS class of a knowledge kind (colours live in the stylesheet).
pub(crate) fn kind_class(k: KnowledgeKind) -> &'static str {
    match k {
        KnowledgeKind::Scientific => "ww-kb--wetenschap",
        KnowledgeKind::Practice => "ww-kb--praktijk",
        KnowledgeKind::Experiential => "ww-kb--ervaring",
    }
}

/// A "nice" upper bound for an axis.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let exp = max.log10().floor();
    let base = 10f64.powf(exp);
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if max <= step * base {
            return step * base;
        }
    }
    10.0 * base
}

/// The knowledge-source chart of a dossier: one row per section and one for
/// the total, each a bar per knowledge source. `id` makes the ids unique.
pub(crate) fn knowledge_chart(
    id: &str,
    sections: &[SectionCounts],
    total: &SourceCounts,
) -> String {
    let mut rows: Vec<(String, SourceCounts)> = sections
        .iter()
        .map(|s| (s.section.clone(), s.counts))
        .collect();
    rows.push(("Totaal".to_string(), *total));
    let max = rows
        .iter()
        .flat_map(|(_, c)| KnowledgeKind::ALL.iter().map(move |k| c.get(*k)))
        .max()
        .unwrap_or(0)
        .max(1);
    let bar_h = 12u32;
    let row_h = bar_h * 3 + 26;
    let label_w = 230u32;
    let plot_w = 300u32;
    let width = label_w + plot_w + 40;
    let height = u32::try_from(rows.len()).unwrap_or(0) * row_h + 10;
    let mut desc = Vec::new();
    for (name, c) in &rows {
        desc.push(format!(
            "{name}: {} uitspraken, waarvan {} op wetenschappelijke kennis, {} op praktijkkennis en {} op ervaringskennis",
            c.claims, c.scientific, c.practice, c.experiential
        ));
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="ww-chart ww-chart--kennisbron" role="img" aria-labelledby="{id}-titel {id}-desc" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="{id}-titel">Waarop de uitspraken rusten, per sectie en in totaal</title><desc id="{id}-desc">{}</desc>"#,
        esc(&desc.join(". "))
    );
    for (i, (name, c)) in rows.iter().enumerate() {
        let y0 = u32::try_from(i).unwrap_or(0) * row_h + 4;
        let _ = write!(
            svg,
            r#"<text class="ww-chart__label" x="0" y="{}">{}</text>"#,
            y0 + 12,
            esc(name)
        );
        for (j, k) in KnowledgeKind::ALL.iter().enumerate() {
            let v = c.get(*k);
            let y = y0 + 18 + u32::try_from(j).unwrap_or(0) * bar_h;
            let w = (f64::from(v) / f64::from(max) * f64::from(plot_w)).round();
            let _ = write!(
                svg,
                r#"<rect class="ww-chart__bar {}" x="{label_w}" y="{y}" width="{w}" height="{}" data-kennisbron="{}" data-waarde="{v}"></rect><text class="ww-chart__value" x="{}" y="{}">{v}</text>"#,
                kind_class(*k),
                bar_h - 2,
                k.code(),
                f64::from(label_w) + w + 4.0,
                y + bar_h - 3,
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A figure as a chart: a line for a time series of three or more years,
/// otherwise bars. Every value is written as a label too.
pub(crate) fn figure_chart(id: &str, f: &Figure) -> String {
    let mut points: Vec<(i32, f64)> = f
        .points
        .iter()
        .filter_map(|p| p.year.map(|y| (y, p.value)))
        .collect();
    points.sort_by_key(|(y, _)| *y);
    let (width, height) = (560.0_f64, 240.0_f64);
    let (left, right, top, bottom) = (56.0, 20.0, 24.0, 36.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = nice_max(points.iter().map(|(_, v)| *v).fold(0.0, f64::max));
    let n = points.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let slot = plot_w / n as f64;
    let line = points.len() >= 3;
    let y_of = |v: f64| top + plot_h - (v / max * plot_h);
    #[allow(clippy::cast_precision_loss)]
    let x_of = |i: usize| left + slot * (i as f64 + 0.5);
    let desc = points
        .iter()
        .map(|(y, v)| format!("{y}: {} {}", dutch_number(*v), f.unit))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="ww-chart ww-chart--{}" role="img" aria-labelledby="{id}-titel {id}-desc" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="{id}-titel">{} ({})</title><desc id="{id}-desc">{}. Bron: {}.</desc>"#,
        if line { "lijn" } else { "staaf" },
        esc(&f.label),
        esc(&f.unit),
        esc(&desc),
        esc(f.source.as_deref().unwrap_or("onbekend")),
    );
    for t in 0..=4 {
        let v = max * f64::from(t) / 4.0;
        let y = y_of(v);
        let _ = write!(
            svg,
            r#"<line class="ww-chart__grid" x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}"></line><text class="ww-chart__axis" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            width - right,
            left - 6.0,
            y + 4.0,
            dutch_number(v)
        );
    }
    if line {
        let path = points
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            svg,
            r#"<polyline class="ww-chart__line" points="{path}"></polyline>"#
        );
    }
    for (i, (year, v)) in points.iter().enumerate() {
        let x = x_of(i);
        let y = y_of(*v);
        if line {
            let _ = write!(
                svg,
                r#"<circle class="ww-chart__point" cx="{x:.1}" cy="{y:.1}" r="4" data-jaar="{year}" data-waarde="{v}"></circle>"#
            );
        } else {
            let bw = (slot * 0.6).min(80.0);
            let _ = write!(
                svg,
                r#"<rect class="ww-chart__bar" x="{:.1}" y="{y:.1}" width="{bw:.1}" height="{:.1}" data-jaar="{year}" data-waarde="{v}"></rect>"#,
                x - bw / 2.0,
                top + plot_h - y
            );
        }
        let _ = write!(
            svg,
            r#"<text class="ww-chart__value" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="ww-chart__axis" x="{x:.1}" y="{:.1}" text-anchor="middle">{year}</text>"#,
            y - 8.0,
            dutch_number(*v),
            height - bottom + 18.0
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(dutch_number(12.0), "12");
        assert_eq!(dutch_number(10.5), "10,5");
        assert_eq!(dutch_number(4.25), "4,25");
        assert_eq!(dutch_number(0.1), "0,1");
    }

    #[test]
    fn nice_axis() {
        assert_eq!(nice_max(17.0), 20.0);
        assert_eq!(nice_max(320.0), 500.0);
        assert_eq!(nice_max(4.9), 5.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
