//! The `watwerkt` command.

mod commands;
mod config;

/// mimalloc instead of the system allocator: a search allocates and frees
/// many short-lived buffers (tantivy's union windows of 16 KB among them),
/// where glibc's malloc spends its time consolidating free chunks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// watwerkt — de kennisinfrastructuur voor het sociaal domein.
#[derive(Debug, Parser)]
#[command(name = "watwerkt", version, about)]
struct Cli {
    /// Configuratiebestand (standaard ./watwerkt.toml als dat bestaat).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Datamap (overschrijft data_dir uit de configuratie).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// Markdown-bestanden met YAML-front-matter (het importformaat).
    Markdown,
    /// Open data als JSON.
    Json,
    /// Open data als CSV.
    Csv,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start de website en de API (laadt voorbeelddata in een lege database).
    Serve {
        /// Luisteradres, bijvoorbeeld 127.0.0.1:8080.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Importeer een map met Markdown-bestanden: alles of niets.
    Import {
        /// De map met interventies/ en werkzame-elementen/.
        dir: PathBuf,
    },
    /// Exporteer alle inhoud naar een map.
    Export {
        /// Doelmap (moet leeg zijn, tenzij --overwrite).
        dir: PathBuf,
        /// Formaat.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Schrijf ook in een niet-lege map.
        #[arg(long)]
        overwrite: bool,
    },
    /// Bouw de zoekindex opnieuw op uit de database.
    Reindex,
    /// Laad de voorbeelddata in de database, of schrijf ze als bestanden.
    Demo {
        /// Schrijf de voorbeelddata als Markdown naar deze map in plaats van te laden.
        #[arg(long)]
        write_to: Option<PathBuf>,
    },
    /// Nodig iemand uit voor een account (ook de eerste beheerder): de
    /// uitnodiging gaat in de e-mailwachtrij en de link wordt hier getoond.
    #[command(name = "uitnodigen")]
    Invite {
        /// E-mailadres van de nieuwe gebruiker.
        #[arg(long)]
        email: String,
        /// Rollen, met komma's: eigenaar, beoordelaar, commissielid, coordinator, redacteur, beheerder.
        #[arg(long)]
        rol: String,
        /// Naam.
        #[arg(long)]
        naam: String,
        /// Organisatie.
        #[arg(long)]
        organisatie: String,
    },
    /// Configuratie.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Toon alle instellingen met hun standaardwaarde.
    Defaults,
    /// Toon de instellingen zoals ze nu gelden (geheimen verborgen).
    Show,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Config {
        what: ConfigCommand::Defaults,
    } = cli.command
    {
        print!("{}", config::REFERENCE);
        return ExitCode::SUCCESS;
    }
    let mut cfg = match config::Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fout: {e}");
            return ExitCode::FAILURE;
        }
    };
    for var in config::Config::foreign_env_vars() {
        eprintln!("waarschuwing: {var} is geen instelling van watwerkt en wordt genegeerd");
    }
    if let Some(d) = cli.data_dir {
        cfg.data_dir = d;
    }
    commands::init_logging(&cfg.log);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fout: kan de runtime niet starten: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve { listen } => commands::serve(cfg, listen).await,
            Command::Import { dir } => commands::import(cfg, &dir).await,
            Command::Export {
                dir,
                format,
                overwrite,
            } => {
                let format = match format {
                    ExportFormat::Markdown => None,
                    ExportFormat::Json => Some(watwerkt_app::content::OpenDataFormat::Json),
                    ExportFormat::Csv => Some(watwerkt_app::content::OpenDataFormat::Csv),
                };
                commands::export(cfg, &dir, format, overwrite).await
            }
            Command::Reindex => commands::reindex(cfg).await,
            Command::Invite {
                email,
                rol,
                naam,
                organisatie,
            } => commands::invite(cfg, &email, &rol, &naam, &organisatie).await,
            Command::Demo { write_to } => commands::demo(cfg, write_to.as_deref()).await,
            Command::Config { what: _ } => {
                println!("{cfg:#?}");
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
