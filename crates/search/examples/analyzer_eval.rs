//! Measures the candidate Dutch analyzers on the Alpino gold lemmas.
//!
//! `cargo run --release -p watwerkt-search --example analyzer_eval [-- PATH] [--misses NAME]`
//!
//! PATH defaults to `../shared/data/alpino-ud-nl-devtest.conllu` (from the repo root).

use std::process::ExitCode;

use watwerkt_search::analysis::{gold, stem_dutch_with, terms_with, Analyzer, Rules};

const DEFAULT_PATH: &str = "../shared/data/alpino-ud-nl-devtest.conllu";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args
        .iter()
        .position(|a| a == "--misses")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let path = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| DEFAULT_PATH.to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let words = gold::read_conllu(&text);
    println!("gold: {path}: {} measured word tokens", words.len());
    println!();
    println!("| analyzer | form→lemma, tokens ↑ | form→lemma, distinct pairs ↑ | lemmas collapsed ↓ | score (tokens − collapsed) ↑ |");
    println!("|---|---:|---:|---:|---:|");
    for analyzer in Analyzer::ALL {
        let s = gold::measure(&mut analyzer.text_analyzer(), &words);
        println!(
            "| {} | {:.2}% ({}/{}) | {:.2}% ({}/{}) | {:.2}% ({}/{}) | {:.4} |",
            analyzer.name(),
            100.0 * s.token_agreement(),
            s.token_hits,
            s.tokens,
            100.0 * s.pair_agreement(),
            s.pair_hits,
            s.pairs,
            100.0 * s.collapse(),
            s.collapsed_lemmas,
            s.lemmas,
            s.score(),
        );
    }
    ablation(&words);
    if let Some(name) = show {
        let Some(analyzer) = Analyzer::ALL.iter().find(|a| format!("{a:?}") == name) else {
            eprintln!("unknown analyzer {name}; use one of {:?}", Analyzer::ALL);
            return ExitCode::FAILURE;
        };
        let mut ta = analyzer.text_analyzer();
        println!("\nmisses of {name}:");
        for (form, lemma) in gold::misses(&mut ta, &words) {
            println!(
                "  {form} → {} | {lemma} → {}",
                gold::term_of(&mut ta, &form),
                gold::term_of(&mut ta, &lemma)
            );
        }
        println!("\ncollapsed lemmas of {name}:");
        for group in gold::collapsed_groups(&mut ta, &words) {
            println!(
                "  {} → {}",
                group.join(", "),
                gold::term_of(&mut ta, &group[0])
            );
        }
    }
    ExitCode::SUCCESS
}

type Toggle = (&'static str, fn(&mut Rules));

/// Classic Snowball on folded input, each correction alone, and the chosen set
/// with each correction flipped.
fn ablation(words: &[gold::GoldWord]) {
    let toggles: [Toggle; 6] = [
        ("derivational step", |r| r.derivational = !r.derivational),
        ("undouble", |r| r.undouble = !r.undouble),
        ("plurals", |r| r.plurals = !r.plurals),
        ("diminutives", |r| r.diminutives = !r.diminutives),
        ("voicing", |r| r.voicing = !r.voicing),
        ("function_words", |r| r.function_words = !r.function_words),
    ];
    println!();
    println!("Ablation of the watwerkt corrections (folded input):");
    println!();
    println!("| rules | form→lemma, tokens ↑ | distinct pairs ↑ | lemmas collapsed ↓ | score ↑ |");
    println!("|---|---:|---:|---:|---:|");
    let mut rows = vec![("classic (none)".to_string(), Rules::NONE)];
    for (name, flip) in toggles {
        let mut r = Rules::NONE;
        flip(&mut r);
        rows.push((format!("classic, {name} flipped"), r));
    }
    rows.push(("**chosen**".to_string(), Rules::CHOSEN));
    for (name, flip) in toggles {
        let mut r = Rules::CHOSEN;
        flip(&mut r);
        rows.push((format!("chosen, {name} flipped"), r));
    }
    let mut fold = Analyzer::LowercaseFolded.text_analyzer();
    for (name, rules) in rows {
        let s = gold::measure_fn(
            |w| {
                let mut out = String::new();
                for t in terms_with(&mut fold, w) {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    stem_dutch_with(&t, &mut out, rules);
                }
                out
            },
            words,
        );
        println!(
            "| {name} | {:.2}% | {:.2}% | {:.2}% | {:.4} |",
            100.0 * s.token_agreement(),
            100.0 * s.pair_agreement(),
            100.0 * s.collapse(),
            s.score()
        );
    }
}
