//! What each subcommand does; all work goes through the `app` use cases.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use watwerkt_app::content::OpenDataFormat;
use watwerkt_app::{App, AppConfig, ImportError, SystemClock};
use watwerkt_store_sqlite::SqliteStore;

use crate::config::Config;

/// An error already worded for the user.
type CmdResult = Result<(), String>;

pub fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Attaches the search index, rebuilding it from the database when needed.
async fn with_search(app: App, cfg: &Config) -> Result<App, String> {
    let (index, rebuilt) = app
        .open_search(&cfg.index_dir())
        .await
        .map_err(|e| format!("fout: {e}"))?;
    if let Some(reason) = rebuilt {
        tracing::info!(
            "zoekindex opnieuw opgebouwd ({reason}): {} documenten",
            index.num_docs()
        );
    }
    Ok(app.with_search(index))
}

async fn open(cfg: &Config) -> Result<(App, Arc<SqliteStore>), String> {
    let store = if cfg.database_url.is_empty() {
        std::fs::create_dir_all(&cfg.data_dir).map_err(|e| {
            format!(
                "fout: kan datamap {} niet maken: {e}",
                cfg.data_dir.display()
            )
        })?;
        SqliteStore::open(&cfg.database_path()).await
    } else if cfg.database_url.starts_with("sqlite:") {
        SqliteStore::open_url(&cfg.database_url).await
    } else {
        return Err("fout: alleen sqlite:-URL's worden (nog) ondersteund in database_url".into());
    }
    .map_err(|e| format!("fout: database openen mislukt: {e}"))?;
    let store = Arc::new(store);
    let app = App::new(
        store.clone(),
        AppConfig {
            validity: cfg.validity,
            auth: cfg.auth.clone(),
            base_url: cfg.base_url.clone(),
            assessment: cfg.assessment.clone(),
            uploads: watwerkt_app::dossier::UploadPolicy {
                max_bytes: cfg.uploads.max_bytes,
            },
            files_dir: Some(cfg.files_dir()),
            search_preload: watwerkt_search::Preload::whole_if(cfg.search_preload),
        },
        Arc::new(SystemClock),
    );
    Ok((app, store))
}

pub async fn serve(cfg: Config, listen: Option<String>) -> CmdResult {
    let started = Instant::now();
    let (app, store) = open(&cfg).await?;
    if cfg.demo_on_empty
        && app
            .load_demo_if_empty()
            .await
            .map_err(|e| format!("fout: {e}"))?
    {
        tracing::info!("lege database: voorbeelddata geladen");
    }
    let app = with_search(app, &cfg).await?;
    // Expiry notices: now and once a day (an injected clock in tests).
    let expiry = app.spawn_expiry_job();
    // Mail from the outbox, and sessions past their end.
    let mailer = watwerkt_app::mail::spawn(app.clone(), cfg.mail.clone());
    let purge = app.spawn_session_purge();
    let addr = listen.unwrap_or_else(|| cfg.listen.clone());
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("fout: kan niet luisteren op {addr}: {e}"))?;
    tracing::info!(
        "watwerkt luistert op http://{addr} (gestart in {} ms)",
        started.elapsed().as_millis()
    );
    let web = watwerkt_web::WebConfig {
        base_url: cfg.base_url.clone(),
        busy_poll: std::time::Duration::from_micros(cfg.busy_poll_micros),
        threads: match cfg.web_threads {
            0 => watwerkt_web::WebConfig::default().threads,
            n => n,
        },
    };
    let result = watwerkt_web::serve(app.clone(), web, listener)
        .await
        .map_err(|e| format!("fout: webserver: {e}"));
    expiry.abort();
    mailer.abort();
    purge.abort();
    app.flush_search_log().await;
    store.close().await;
    result
}

pub async fn import(cfg: Config, dir: &Path) -> CmdResult {
    let (app, store) = open(&cfg).await?;
    let app = with_search(app, &cfg).await?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} bestanden")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("controleren");
    let mut progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let result = app.import_dir(dir, &mut progress).await;
    bar.finish_and_clear();
    store.close().await;
    match result {
        Ok(o) => {
            println!(
                "Geïmporteerd uit {}: {} nieuw, {} gewijzigd, {} ongewijzigd.",
                dir.display(),
                o.created,
                o.updated,
                o.unchanged
            );
            Ok(())
        }
        Err(ImportError::Content(problems)) => {
            let n = problems.0.len();
            Err(format!(
                "{problems}Import afgebroken: {n} {} gevonden; er is niets geïmporteerd.",
                if n == 1 { "probleem" } else { "problemen" }
            ))
        }
        Err(ImportError::App(e)) => Err(format!(
            "fout: {e}\nImport afgebroken; er is niets geïmporteerd."
        )),
    }
}

pub async fn export(
    cfg: Config,
    dir: &Path,
    format: Option<OpenDataFormat>,
    overwrite: bool,
) -> CmdResult {
    let (app, store) = open(&cfg).await?;
    let result = match format {
        None => app.export_markdown(dir, overwrite).await,
        Some(f) => app.export_open_data(dir, f, overwrite).await,
    };
    store.close().await;
    let n = result.map_err(|e| format!("fout: {e}"))?;
    println!("Geëxporteerd naar {}: {n} items.", dir.display());
    Ok(())
}

pub async fn reindex(cfg: Config) -> CmdResult {
    let (app, store) = open(&cfg).await?;
    let started = Instant::now();
    let index = app
        .rebuild_search(&cfg.index_dir())
        .await
        .map_err(|e| format!("fout: {e}"))?;
    store.close().await;
    println!(
        "Zoekindex opnieuw opgebouwd: {} documenten in {:.1} s.",
        index.num_docs(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn demo(cfg: Config, write_to: Option<&Path>) -> CmdResult {
    if let Some(dir) = write_to {
        watwerkt_app::demo::write_demo(dir).map_err(|e| format!("fout: {e}"))?;
        println!("Voorbeelddata geschreven naar {}.", dir.display());
        return Ok(());
    }
    let (app, store) = open(&cfg).await?;
    let app = with_search(app, &cfg).await?;
    let outcome = app.load_demo().await.map_err(|e| format!("fout: {e}"))?;
    store.close().await;
    println!(
        "Voorbeelddata geladen: {} nieuw, {} gewijzigd, {} ongewijzigd.",
        outcome.created, outcome.updated, outcome.unchanged
    );
    Ok(())
}

/// `watwerkt uitnodigen`: queues an invitation (delivering it at once when
/// mail is configured) and shows the link, so the first beheerder can be
/// made without mail.
pub async fn invite(
    cfg: Config,
    email: &str,
    roles: &str,
    name: &str,
    organisation: &str,
) -> CmdResult {
    let (app, store) = open(&cfg).await?;
    let roles = watwerkt_domain::RoleSet::parse_codes(roles).map_err(|e| format!("fout: {e}"))?;
    let input = watwerkt_app::auth::InviteInput {
        email: email.to_owned(),
        name: name.to_owned(),
        organisation: organisation.to_owned(),
        roles,
    };
    let sent = app
        .invite(None, &input)
        .await
        .map_err(|e| format!("fout: {e}"))?;
    println!(
        "Uitnodiging voor {} aangemaakt (geldig {} dagen, één keer te gebruiken).",
        sent.email, cfg.auth.invitation_days
    );
    println!("Link: {}", sent.link);
    if cfg.mail.is_usable() {
        match watwerkt_app::mail::deliver_due(&app, &cfg.mail).await {
            Ok(0) => println!(
                "E-mail nog niet verstuurd (zie de waarschuwing); `watwerkt serve` probeert het opnieuw."
            ),
            Ok(n) => println!("E-mail verstuurd ({n} bericht(en) uit de wachtrij)."),
            Err(e) => {
                println!("E-mail nog niet verstuurd ({e}); `watwerkt serve` probeert het opnieuw.")
            }
        }
    } else {
        println!("E-mail staat niet aan ([mail]): de uitnodiging wacht in de wachtrij. Geef de link zelf door.");
    }
    store.close().await;
    Ok(())
}
