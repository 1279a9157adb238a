//! `parcours`: the command line of the parcours learning-path engine.
//!
//! A thin shell over the core: it reads files, calls the core, prints. Exit codes:
//! 0 when everything is valid (warnings allowed), 1 when a file has errors, 2 when
//! the command itself is wrong (unknown option, unreadable file).

mod batch;
mod files;
mod scorm;
mod usage;

use parcours_report::text as report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use parcours::{
    AnalysisOptions, AnswerTable, CheckedInstrument, Compiled, Date, DocumentKind, Lang, Learner,
    PlanOptions, ProgressOptions, ReadOptions, RecommendOptions, SchemaKind, Severity,
};
use parcours_report::graph::{self as render, GraphFormat};

/// parcours — parcours de formation individualisés.
///
/// Vérifie et dessine des cursus écrits en JSON.
///
/// [en] parcours — individual learning paths. Checks and draws curricula written
/// in JSON.
#[derive(Debug, Parser)]
#[command(name = "parcours", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Taille maximale d'un fichier lu, en Mio / largest input file, in MiB.
    #[arg(long, global = true, value_name = "MIO", default_value_t = files::DEFAULT_MAX_INPUT_MIB)]
    max_input_mib: u64,
    /// Longueur maximale d'une ligne NDJSON, en Kio / longest NDJSON line, in KiB.
    #[arg(long, global = true, value_name = "KIO", default_value_t = files::DEFAULT_MAX_LINE_KIB)]
    max_line_kib: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Vérifie des cursus, des instruments d'autopositionnement, des fichiers de
    /// réponses ou des dossiers d'apprenants, et signale chaque erreur à sa place,
    /// avec une piste de correction (jamais une valeur d'un dossier ou d'une réponse).
    ///
    /// Le type de chaque fichier est détecté (`--kind` l'impose). Code de sortie :
    /// 0 tout est valide (avertissements permis), 1 un fichier a des erreurs (ou des
    /// avertissements, avec --deny-warnings), 2 commande incorrecte.
    ///
    /// Exemples : parcours validate curricula/*/curriculum.json ;
    /// parcours validate --curricula curricula curricula/positioning/instrument.json ;
    /// parcours validate --instrument curricula/positioning/instrument.json reponses.csv
    ///
    /// [en] Checks curricula, positioning instruments or answer files and reports every
    /// mistake at its line and column, with a hint. The kind of each file is detected
    /// (`--kind` forces it): a `.csv` file, or JSON with `respondents`, is answers
    /// (checked against `--instrument`); JSON with `items`, `scale`, `themes` or
    /// `colleges` is an instrument (its citations checked against `--curricula`);
    /// JSON whose `curriculum` is an object is a learner record (checked against
    /// `--curriculum`, or the curriculum of `--curricula` it names; shown without
    /// source lines or values); anything else a curriculum. For answers, what was detected (encoding,
    /// separator, ignored columns) goes to standard error, and no cell is ever shown.
    /// Exit code: 0 valid (warnings allowed), 1 a file has errors (or warnings, with
    /// --deny-warnings), 2 usage error.
    ///
    /// Examples: parcours validate curricula/*/curriculum.json ;
    /// parcours validate --curricula curricula curricula/positioning/instrument.json ;
    /// parcours validate --instrument curricula/positioning/instrument.json reponses.csv
    Validate {
        /// Fichiers à vérifier / files to check.
        #[arg(required = true, value_name = "FICHIER")]
        files: Vec<PathBuf>,
        /// Type des fichiers (détecté par défaut) / kind of the files (detected by default).
        #[arg(long, value_enum, value_name = "TYPE", default_value_t = KindArg::Auto)]
        kind: KindArg,
        /// Cursus contre lesquels vérifier les citations d'un instrument : un fichier,
        /// ou un dossier (chaque `*/curriculum.json` qu'il contient). Répétable.
        /// [en] Curricula to check an instrument's citations against: a file, or a folder
        /// (every `*/curriculum.json` in it). Repeatable.
        #[arg(long, value_name = "CURSUS")]
        curricula: Vec<PathBuf>,
        /// L'instrument des fichiers de réponses / the instrument of answer files.
        #[arg(long, value_name = "INSTRUMENT")]
        instrument: Option<PathBuf>,
        /// Le cursus des dossiers d'apprenants (sinon, celui de --curricula que le
        /// dossier nomme). [en] The curriculum of learner records (else the one of
        /// --curricula the record names).
        #[arg(long, value_name = "CURSUS")]
        curriculum: Option<PathBuf>,
        /// Format de sortie : `human` (lisible) ou `json` (pour les outils). [en] Output
        /// format: `human` (readable) or `json` (for tools).
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Langue des messages / language of messages.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
        /// Échoue aussi sur les avertissements (pour l'intégration continue).
        /// [en] Fail on warnings too (for continuous integration).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Affiche le schéma JSON d'un type de document (pour la complétion dans l'éditeur).
    ///
    /// [en] Prints the JSON Schema of a document kind (for editor completion).
    Schema {
        /// Le type de document / the document kind.
        #[arg(value_enum, value_name = "TYPE", default_value_t = SchemaArg::Curriculum)]
        kind: SchemaArg,
    },
    /// Où en est un apprenant : niveau de chaque compétence, état de chaque module, et
    /// pour chaque module verrouillé, pourquoi et ce qui l'ouvrirait.
    ///
    /// Exemple : parcours status --curriculum cursus.json --learner dossier.json
    ///
    /// [en] Where a learner stands: competency levels (with confidence and the evidence
    /// used), module states, and for locked modules why and what would unlock them.
    /// Example: parcours status --curriculum cursus.json --learner dossier.json
    Status {
        #[command(flatten)]
        input: LearnerArgs,
        /// `human` ou `json`. [en] `human` or `json`.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Toutes les compétences, même celles sans preuve dont l'objectif n'a pas
        /// besoin. [en] Every competency, even those without evidence that the goal
        /// does not need.
        #[arg(long)]
        all: bool,
    },
    /// Le dossier individuel de formation : positionnement à l'entrée, modules
    /// dispensés, modules suivis, niveaux avant et après, reste à faire.
    ///
    /// Exemple : parcours progress --curriculum cursus.json --learner dossier.json --format html
    ///
    /// [en] The individual training record (the document filed for each trainee).
    /// Example: parcours progress --curriculum cursus.json --learner dossier.json --format html
    Progress {
        #[command(flatten)]
        input: LearnerArgs,
        /// `md` (Markdown), `html` (une page autonome) ou `json`. [en] `md` (Markdown),
        /// `html` (a self-contained page) or `json`.
        #[arg(long, value_enum, default_value_t = ProgressFormat::Md)]
        format: ProgressFormat,
        /// Date de l'entrée, des niveaux « avant » (AAAA-MM-JJ) ; par défaut `enrolledOn`
        /// du dossier, sinon le premier module suivi. [en] Entry date, of the "before"
        /// levels; default: the record's `enrolledOn`, else the first completion.
        #[arg(long, value_name = "AAAA-MM-JJ")]
        since: Option<String>,
    },
    /// Les prochaines étapes d'un apprenant, classées et expliquées ; ou, avec
    /// --learners, pour un fichier NDJSON de dossiers (une ligne de sortie par ligne).
    ///
    /// Exemple : parcours recommend --curriculum cursus.json --learner dossier.json --top 3
    ///
    /// [en] Next steps, ranked and explained; `--why MODULE` says why a module is not
    /// (first) recommended. Batch: `--learners records.ndjson` (or `-` for standard
    /// input) prints one JSON line per input line, in order, using every core; a bad
    /// line gives {"line": n, "error": [...]} and the others go on (exit code 1).
    /// Example: parcours recommend --curriculum cursus.json --learner dossier.json --top 3
    Recommend {
        /// Le cursus / the curriculum (JSON).
        #[arg(long, value_name = "CURSUS")]
        curriculum: PathBuf,
        /// Le dossier d'un apprenant / one learner record (JSON).
        #[arg(
            long,
            value_name = "DOSSIER",
            required_unless_present = "learners",
            conflicts_with = "learners"
        )]
        learner: Option<PathBuf>,
        /// Des dossiers, un par ligne (NDJSON), ou `-` pour l'entrée standard. [en]
        /// Records, one per line (NDJSON), or `-` for standard input.
        #[arg(long, value_name = "DOSSIERS.ndjson")]
        learners: Option<PathBuf>,
        /// Nombre de recommandations / how many.
        #[arg(long, value_name = "N", default_value_t = 5)]
        top: usize,
        /// Pourquoi pas ce module ? / why not this module?
        #[arg(long, value_name = "MODULE", conflicts_with = "learners")]
        why: Option<String>,
        /// `human` ou `json` (le mode --learners écrit toujours du JSON). [en] `human`
        /// or `json` (--learners always writes JSON).
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Langue / language.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
    /// Le parcours le plus court : les modules qui atteignent l'objectif de
    /// l'apprenant en un minimum d'heures, dans l'ordre, avec la preuve d'optimalité.
    ///
    /// Exemple : parcours plan --curriculum cursus.json --learner dossier.json --hours-per-week 7
    ///
    /// [en] The shortest individual path: the modules that reach the learner's goal in the
    /// fewest hours, in order, proven optimal (or with the gap to a proven bound); an
    /// unreachable goal is an answer with its obstacles (exit 0).
    /// Example: parcours plan --curriculum cursus.json --learner dossier.json --hours-per-week 7
    Plan {
        #[command(flatten)]
        input: LearnerArgs,
        /// Répartir en semaines d'au plus H heures / spread into weeks of H hours.
        #[arg(long, value_name = "H")]
        hours_per_week: Option<f64>,
        /// Nœuds que la recherche peut explorer (par défaut selon la taille). [en] Nodes
        /// the search may expand (default: by the number of candidate modules).
        #[arg(long, value_name = "N")]
        node_budget: Option<u64>,
        /// Écrit `timing-ms=…` (calcul seul) sur la sortie d'erreur / prints the solve time on stderr.
        #[arg(long)]
        timing: bool,
        /// `human` ou `json`. [en] `human` or `json`.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// L'autopositionnement : analyse des réponses (points forts, priorités, sujets
    /// de dialogue, par thème, collège et équipe, avec le seuil d'anonymat), ou, avec
    /// --respondent, le positionnement individuel écrit dans un nouveau dossier.
    ///
    /// Exemple : parcours position --instrument curricula/positioning/instrument.json --answers curricula/positioning/etablissement-2026.csv
    ///
    /// [en] Self-positioning: the analysis of the answers (CSV as spreadsheets export it,
    /// or JSON), and with --before the change since an earlier wave; or with
    /// --respondent ID --learner L --out FILE, one trainee's answers as
    /// self-assessment evidence in a copy of their record (never overwritten).
    /// Example: parcours position --instrument curricula/positioning/instrument.json --answers curricula/positioning/etablissement-2026.csv
    Position {
        /// L'instrument / the instrument (JSON).
        #[arg(long, value_name = "INSTRUMENT")]
        instrument: PathBuf,
        /// Les réponses / the answers (CSV or JSON).
        #[arg(long, value_name = "REPONSES")]
        answers: PathBuf,
        /// Une vague précédente / an earlier wave, to compare with.
        #[arg(long, value_name = "REPONSES")]
        before: Option<PathBuf>,
        /// `md` (Markdown) ou `json`. [en] `md` (Markdown) or `json`.
        #[arg(long, value_enum, default_value_t = AnalysisFormat::Md)]
        format: AnalysisFormat,
        /// Relever le seuil d'anonymat de l'instrument (jamais l'abaisser). [en] Raise the
        /// instrument's anonymity threshold (never lower it).
        #[arg(long, value_name = "N")]
        threshold: Option<u32>,
        /// Analyser les lignes valides et compter les autres / analyse the good rows.
        #[arg(long)]
        skip_bad_rows: bool,
        /// Identifiant du répondant à positionner / the respondent to position.
        #[arg(long, value_name = "ID", requires_all = ["learner", "out"])]
        respondent: Option<String>,
        /// Son dossier d'apprenant / their learner record (JSON), read only.
        #[arg(long, value_name = "DOSSIER", requires = "respondent")]
        learner: Option<PathBuf>,
        /// Où écrire le dossier complété / where to write the updated record.
        #[arg(long, value_name = "FICHIER", requires = "respondent")]
        out: Option<PathBuf>,
        /// Date des réponses, pour dater le positionnement individuel (sinon la
        /// colonne de date des réponses), et date du plan d'équipe (sinon le
        /// dernier jour de réponse ; jamais l'horloge) : AAAA-MM-JJ ou JJ/MM/AAAA.
        /// [en] The date of the answers, and of the team plan (otherwise the last
        /// day someone answered; never the clock): YYYY-MM-DD or DD/MM/YYYY.
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        date: Option<Date>,
        /// Dossier des cursus cités / folder of the cited curricula.
        #[arg(long, value_name = "DOSSIER", default_value = "curricula")]
        curricula: PathBuf,
        /// Écrit le rapport du comité (analyse, objectifs, plan de formation des
        /// équipes, plan d'action) : `.html` (page autonome) ou `.md`.
        /// [en] Writes the committee's report: `.html` (self-contained) or `.md`.
        #[arg(long, value_name = "RAPPORT")]
        report: Option<PathBuf>,
        /// Écrit le plan d'action à compléter (CSV `;`, UTF-8 avec BOM, CRLF).
        /// [en] Writes the action plan to complete (CSV for French spreadsheets).
        #[arg(long, value_name = "PLAN.csv")]
        action_plan: Option<PathBuf>,
        /// Langue / language.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
    /// Pour recueillir les réponses : pour chaque collège, un questionnaire à
    /// imprimer dans ses propres mots et la feuille de réponses vide que
    /// `position` relit telle quelle.
    ///
    /// Exemple : parcours questionnaire --instrument curricula/positioning/instrument.json --out questionnaires
    ///
    /// [en] Collecting the answers: for each college, a printable questionnaire (HTML,
    /// A4, large type, boxes to tick) in its own wording, and the empty answer
    /// sheet (CSV for French spreadsheets) with the exact headers the reader
    /// expects; no name or e-mail column.
    /// Example: parcours questionnaire --instrument curricula/positioning/instrument.json --out questionnaires
    Questionnaire {
        /// L'instrument / the instrument (JSON).
        #[arg(long, value_name = "INSTRUMENT")]
        instrument: PathBuf,
        /// Dossier où écrire `questionnaire-COLLEGE.html` et `reponses-COLLEGE.csv`
        /// (créé s'il n'existe pas). [en] The folder to write them in.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Langue / language.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
    /// Pour chaque dossier d'un fichier NDJSON, les modules accessibles maintenant.
    ///
    /// Exemple : parcours ready --curriculum cursus.json --learners dossiers.ndjson
    ///
    /// [en] For each record of an NDJSON file, the modules the learner can take now (the
    /// ready set): one JSON line per input line, in order, on every core.
    /// Example: parcours ready --curriculum cursus.json --learners dossiers.ndjson
    Ready {
        /// Le cursus / the curriculum (JSON).
        #[arg(long, value_name = "CURSUS")]
        curriculum: PathBuf,
        /// Des dossiers, un par ligne (NDJSON), ou `-` pour l'entrée standard. [en]
        /// Records, one per line (NDJSON), or `-` for standard input.
        #[arg(long, value_name = "DOSSIERS.ndjson")]
        learners: PathBuf,
        /// Langue des erreurs / language of errors.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
    /// Dessine le graphe des prérequis d'un cursus (Graphviz DOT, Mermaid ou une
    /// image SVG autonome), avec une légende : modules du socle pleins, optionnels
    /// en pointillés, « 1 parmi 2 » pour un choix, le score ou le niveau exigé sur
    /// la flèche, prérequis recommandés en pointillés gris, étapes en bandes.
    ///
    /// Exemple : parcours graph cursus.json --format svg > cursus.svg
    ///
    /// [en] Draws the prerequisite graph with a legend: core modules filled, optional
    /// modules dashed, a junction « k of n » for each choice, the score or level
    /// asked on its arrow, recommended prerequisites dashed grey, stages as
    /// clusters or bands. `svg` needs no Graphviz and fits an A4 page. With
    /// --learner, modules are coloured by the learner's state and the plan's steps
    /// are numbered. Example: parcours graph cursus.json --format svg > cursus.svg
    Graph {
        /// Le cursus à dessiner / the curriculum to draw.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// `dot` (Graphviz), `mermaid` ou `svg` (une image autonome). [en] `dot`
        /// (Graphviz), `mermaid` or `svg` (a self-contained picture).
        #[arg(long, value_enum, default_value_t = GraphArg::Dot)]
        format: GraphArg,
        /// Le dossier d'un apprenant : états des modules et étapes de son plan.
        /// [en] A learner record: module states and the steps of the learner's plan.
        #[arg(long, value_name = "DOSSIER")]
        learner: Option<PathBuf>,
        /// Langue des titres / language of titles.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
    /// Fait un paquet pour une plateforme de formation (LMS).
    ///
    /// [en] Makes a package for a learning platform (LMS).
    Package {
        #[command(subcommand)]
        kind: PackageKind,
    },
}

/// The kinds of package.
#[derive(Debug, Subcommand)]
enum PackageKind {
    /// Un paquet SCORM (2004 4e édition ou 1.2) : le cursus, le moteur et l'élément
    /// <parcours-path>, joués hors ligne dans le cadre de la plateforme ; le dossier
    /// de l'apprenant est gardé dans cmi.suspend_data, chaque compétence est un
    /// objectif (cmi.objectives).
    ///
    /// Exemple : parcours package scorm --runtime bindings/js --curriculum cursus.json --out cursus-scorm.zip
    ///
    /// [en] A SCORM package (2004 4th edition or 1.2): the curriculum, the engine
    /// and the <parcours-path> element, played offline in the platform's frame; the
    /// learner record is kept in cmi.suspend_data, each competency is an objective
    /// (cmi.objectives). --runtime is the built bindings/js folder (bash
    /// bindings/js/build.sh). Example: parcours package scorm --runtime bindings/js
    /// --curriculum cursus.json --out cursus-scorm.zip
    Scorm {
        /// Le dossier bindings/js construit (bash bindings/js/build.sh). [en] The
        /// built bindings/js folder (bash bindings/js/build.sh).
        #[arg(long, value_name = "DOSSIER")]
        runtime: PathBuf,
        /// Le cursus / the curriculum (JSON).
        #[arg(long, value_name = "CURSUS")]
        curriculum: PathBuf,
        /// Version de SCORM / SCORM version.
        #[arg(long, value_enum, value_name = "VERSION", default_value_t = ScormArg::V2004)]
        scorm: ScormArg,
        /// Langue du paquet / language of the package.
        #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
        lang: LangArg,
        /// Le public des apprenants qui commencent (un identifiant de `audiences` du
        /// cursus ; par défaut le premier). [en] The audience of learners who start
        /// (an id of the curriculum's `audiences`; by default the first).
        #[arg(long, value_name = "PUBLIC")]
        audience: Option<String>,
        /// Le fichier zip à écrire (écrit en entier ou pas du tout). [en] The zip
        /// file to write (whole or not at all).
        #[arg(long, value_name = "PAQUET.zip")]
        out: PathBuf,
    },
}

/// A SCORM edition on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScormArg {
    #[value(name = "2004")]
    V2004,
    #[value(name = "1.2")]
    V12,
}

/// Where to find a learner: the curriculum and the record.
#[derive(Debug, clap::Args)]
struct LearnerArgs {
    /// Le cursus / the curriculum (JSON).
    #[arg(long, value_name = "CURSUS")]
    curriculum: PathBuf,
    /// Le dossier de l'apprenant / the learner record (JSON).
    #[arg(long, value_name = "DOSSIER")]
    learner: PathBuf,
    /// Langue / language.
    #[arg(long, value_enum, value_name = "LANGUE", default_value_t = LangArg::Fr)]
    lang: LangArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProgressFormat {
    Md,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Fr,
    En,
}

impl From<Lang> for LangArg {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Fr => LangArg::Fr,
            Lang::En => LangArg::En,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaArg {
    Curriculum,
    Learner,
    Instrument,
    Answers,
}

/// What kind of document `validate` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    /// Detected from the file (see `validate --help`).
    Auto,
    Curriculum,
    Instrument,
    Answers,
    /// A learner record, checked against `--curriculum` (or the one of `--curricula`
    /// it names), shown without any value.
    Learner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AnalysisFormat {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GraphArg {
    Dot,
    Mermaid,
    Svg,
}

/// Failures of the command itself (exit code 2), as opposed to problems found in a
/// curriculum (exit code 1). Their words are in the user's language
/// ([`CliError::message`]), the system's reasons included.
#[derive(Debug)]
enum CliError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    IsADirectory(PathBuf),
    TooLarge {
        path: PathBuf,
        limit: u64,
    },
    OutputIsInput {
        option: String,
        path: PathBuf,
    },
    SameOutput {
        first: String,
        second: String,
        path: PathBuf,
    },
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    Write(std::io::Error),
    /// The command is wrong, in words: French, then English.
    Usage {
        fr: String,
        en: String,
    },
    /// The engine refused the call (its diagnostics, already in words).
    Refused(String),
}

/// A usage error, worded in both languages (the one shown is chosen at the end).
fn usage(fr: impl Into<String>, en: impl Into<String>) -> CliError {
    CliError::Usage {
        fr: fr.into(),
        en: en.into(),
    }
}

/// Why the system refused to read or write, in `lang`: the system's own message
/// is English, so French names the common reasons itself.
fn system_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En {
        return e.to_string();
    }
    match e.kind() {
        K::NotFound => "fichier ou dossier introuvable".into(),
        K::PermissionDenied => "accès refusé".into(),
        K::AlreadyExists => "le fichier existe déjà".into(),
        K::InvalidData => "contenu illisible".into(),
        K::IsADirectory => "c'est un dossier".into(),
        K::NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        K::StorageFull => "plus de place sur le disque".into(),
        K::ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        K::BrokenPipe => "le lecteur de la sortie est parti".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("erreur du système (code {code})"),
            None => "erreur du système".into(),
        },
    }
}

impl CliError {
    /// The failure in words, in `lang`.
    fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            CliError::Read { path, source } => {
                let why = system_reason(source, lang);
                if fr {
                    format!("impossible de lire {} : {why}", path.display())
                } else {
                    format!("cannot read {}: {why}", path.display())
                }
            }
            CliError::IsADirectory(path) => {
                if fr {
                    format!("{} est un dossier, pas un fichier", path.display())
                } else {
                    format!("{} is a folder, not a file", path.display())
                }
            }
            CliError::TooLarge { path, limit } => {
                if fr {
                    format!(
                        "{} dépasse {} Mio : relevez la limite avec --max-input-mib",
                        path.display(),
                        limit >> 20
                    )
                } else {
                    format!(
                        "{} is larger than {} MiB: raise the limit with --max-input-mib",
                        path.display(),
                        limit >> 20
                    )
                }
            }
            CliError::OutputIsInput { option, path } => {
                if fr {
                    format!("{option} {} est aussi une entrée de la commande : elle ne sera jamais écrasée, choisissez un autre fichier", path.display())
                } else {
                    format!("{option} {} is also an input of the command: it is never overwritten, choose another file", path.display())
                }
            }
            CliError::SameOutput {
                first,
                second,
                path,
            } => {
                if fr {
                    format!(
                        "{first} et {second} désignent le même fichier {} : choisissez deux fichiers",
                        path.display()
                    )
                } else {
                    format!(
                        "{first} and {second} name the same file {}: choose two files",
                        path.display()
                    )
                }
            }
            CliError::WriteFile { path, source } => {
                let why = system_reason(source, lang);
                if fr {
                    format!(
                        "impossible d'écrire {} : {why} (rien n'a été écrit)",
                        path.display()
                    )
                } else {
                    format!(
                        "cannot write {}: {why} (nothing was written)",
                        path.display()
                    )
                }
            }
            CliError::Write(source) => {
                let why = system_reason(source, lang);
                if fr {
                    format!("impossible d'écrire sur la sortie standard : {why}")
                } else {
                    format!("cannot write to standard output: {why}")
                }
            }
            CliError::Usage { fr: f, en } => {
                if fr {
                    f.clone()
                } else {
                    en.clone()
                }
            }
            CliError::Refused(text) => text.clone(),
        }
    }
}

/// Runs a batch to standard output and reports the count and the time on standard
/// error (the CLI may read a clock; the core never does).
fn run_batch(
    compiled: &parcours::Compiled,
    path: &std::path::Path,
    job: &batch::Job<'_>,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    use std::io::Write;
    let mut input = files::open_lines(path)?;
    let input = input.as_mut();
    let started = std::time::Instant::now();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
    let summary = batch::run(compiled, input, &mut out, job, lang).map_err(|e| match e {
        batch::Failure::Read(source) => CliError::Read {
            path: path.to_path_buf(),
            source,
        },
        batch::Failure::Write(e) => CliError::Write(e),
    })?;
    let seconds = started.elapsed().as_secs_f64();
    use parcours_report::format::{colon, count, number};
    let rate = number(summary.lines as f64 / seconds.max(1e-9), 0, lang);
    let text = match lang {
        Lang::Fr => format!(
            "{}, {} en erreur, {} s ({rate} dossiers/s)",
            count(summary.lines, "ligne", "lignes", lang),
            summary.bad,
            number(seconds, 3, lang)
        ),
        Lang::En => format!(
            "{}, {} bad, {} s ({rate} records/s)",
            count(summary.lines, "line", "lines", lang),
            summary.bad,
            number(seconds, 3, lang)
        ),
    };
    let _ = writeln!(std::io::stderr(), "parcours{}{text}", colon(lang));
    Ok(if summary.bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads and compiles a curriculum; on errors, prints them on standard error and
/// gives `None` (exit code 1). Warnings are `validate`'s to show: here they are
/// never placed in the text (which would read it a second time).
fn load_curriculum(path: &std::path::Path, lang: Lang) -> Result<Option<Compiled>, CliError> {
    let bytes = read(path)?;
    let options = parcours::LoadOptions {
        positions: parcours::Positions::WhenRefused,
    };
    let outcome = parcours::load_with(&bytes, &options);
    if outcome.value.is_none() {
        let text = String::from_utf8_lossy(&bytes);
        eprint_text(&report::human_list(path, &text, &outcome.diagnostics, lang));
    }
    Ok(outcome.value)
}

/// Loads a positioning instrument (citations not checked); on errors, prints them
/// on standard error and gives `None` (exit code 1).
fn load_instrument(
    path: &std::path::Path,
    lang: Lang,
) -> Result<Option<CheckedInstrument>, CliError> {
    let bytes = read(path)?;
    let loaded = parcours::load_instrument(&bytes, None);
    if loaded.value.is_none() {
        let text = String::from_utf8_lossy(&bytes);
        eprint_text(&report::human_list(path, &text, &loaded.diagnostics, lang));
    }
    Ok(loaded.value)
}

/// Writes to standard error; nothing more useful to do if it is closed.
fn eprint_text(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// The value of an engine call, or its refusal (exit code 2: the call itself was
/// wrong, not a document).
fn engine<T>(outcome: parcours::Outcome<T>, lang: Lang) -> Result<T, CliError> {
    match outcome.value {
        Some(value) => Ok(value),
        None => Err(CliError::Refused(
            outcome
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "[{}] {} ({})",
                        d.code.as_str(),
                        d.message(lang),
                        d.hint(lang)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

/// Loads the curriculum and the learner record, printing their diagnostics on
/// standard error. `None` when either has errors (exit code 1).
fn load_learner(input: &LearnerArgs, lang: Lang) -> Result<Option<(Compiled, Learner)>, CliError> {
    let Some(curriculum) = load_curriculum(&input.curriculum, lang)? else {
        return Ok(None);
    };
    let record = read(&input.learner)?;
    let outcome = parcours::load_learner(&curriculum, &record);
    if !outcome.diagnostics.is_empty() {
        // A record is personal data: no source line, no value.
        eprint_text(&report::private(&input.learner, &outcome.diagnostics, lang));
    }
    Ok(outcome.value.map(|l| (curriculum, l)))
}

/// The kind of a file for `validate`, as `--kind` says or as the core detects it.
fn kind_of(kind: KindArg, path: &std::path::Path, bytes: &[u8]) -> DocumentKind {
    match kind {
        KindArg::Curriculum => DocumentKind::Curriculum,
        KindArg::Instrument => DocumentKind::Instrument,
        KindArg::Answers => DocumentKind::Answers,
        KindArg::Learner => DocumentKind::Learner,
        KindArg::Auto => {
            let name = path.file_name().map(|n| n.to_string_lossy());
            parcours::detect_kind(name.as_deref().unwrap_or(""), bytes)
        }
    }
}

/// Compiles the curricula given with `--curricula` (files, or folders of
/// `*/curriculum.json`); those with errors are shown on standard error and left out.
fn load_curricula(
    paths: &[PathBuf],
    lang: Lang,
    any_error: &mut bool,
) -> Result<Vec<parcours::Compiled>, CliError> {
    let mut compiled = Vec::new();
    for file in &curriculum_files(paths)? {
        match load_curriculum(file, lang)? {
            Some(c) => compiled.push(c),
            None => *any_error = true,
        }
    }
    Ok(compiled)
}

/// The curriculum files `--curricula` names: files as given, and for a folder every
/// `*/curriculum.json` in it, in name order.
fn curriculum_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| CliError::Read {
                path: path.clone(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path().join("curriculum.json")))
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Why a team plan cannot be made without a date, and the two ways to give one.
fn no_plan_date() -> CliError {
    usage(
        "le plan d'équipe a besoin d'une date : ajoutez --date AAAA-MM-JJ, ou une colonne de date aux réponses (`answerColumns.date` de l'instrument)",
        "the team plan needs a date: add --date YYYY-MM-DD, or a date column to the answers (the instrument's `answerColumns.date`)",
    )
}

/// `--date`: `AAAA-MM-JJ`, or as French form tools write dates (`JJ/MM/AAAA`).
fn parse_date(text: &str) -> Result<Date, usage::NotADate> {
    Date::parse_form(text).ok_or(usage::NotADate)
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    files::read(path)
}

/// Individual positioning: writes a copy of the record with the respondent's
/// answers as self-assessment evidence, checked against its curriculum.
#[allow(clippy::too_many_arguments)] // one call site; the arguments are the command's
fn position_one(
    ins: &CheckedInstrument,
    table: &AnswerTable,
    respondent: &str,
    learner: &std::path::Path,
    out: &std::path::Path,
    curricula: &std::path::Path,
    options: &parcours::PositionOptions,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let bytes = read(learner)?;
    let of = parcours::learner_curriculum(&bytes);
    let Some(of) = of.value else {
        // Personal data: places and hints only, as for any record.
        eprint_text(&report::private(learner, &of.diagnostics, lang));
        return Ok(ExitCode::from(1));
    };
    // The record names a curriculum by id; the folder's curricula are known by the
    // ids they declare. No path is ever built from the record.
    let mut any_error = false;
    let loaded = load_curricula(&[curricula.to_path_buf()], lang, &mut any_error)?;
    let Some(curriculum) = loaded.into_iter().find(|c| c.document().id == of.id) else {
        return Err(usage(
            format!(
                "{} : le dossier est tenu pour un cursus qu'aucun fichier de {} ne déclare",
                learner.display(),
                curricula.display()
            ),
            format!(
                "{}: the record's curriculum is declared by no file of {}",
                learner.display(),
                curricula.display()
            ),
        ));
    };
    let outcome = parcours::position(ins, table, respondent, &bytes, &curriculum, options);
    let Some(done) = outcome.value else {
        // Problems in the record have a place in it; the others refuse the call.
        let (in_record, refusal): (Vec<_>, Vec<_>) = outcome
            .diagnostics
            .into_iter()
            .partition(|d| !d.pointer.is_empty());
        if refusal.is_empty() {
            eprint_text(&report::private(learner, &in_record, lang));
            return Ok(ExitCode::from(1));
        }
        return engine(
            parcours::Outcome::<ExitCode> {
                value: None,
                diagnostics: refusal,
            },
            lang,
        );
    };
    let mut outputs = files::Outputs::default();
    outputs.add(out, done.text.clone());
    outputs.write()?;
    let summary = &done.summary;
    eprintln!(
        "{}",
        match lang {
            Lang::Fr => format!(
                "{} : {} réponses sur l'échelle, {} « ne sait pas », {} vides ; {} preuves d'autoévaluation ajoutées, datées du {} ({}) ; {} items sur l'établissement laissés de côté",
                out.display(),
                summary.answered,
                summary.dont_know,
                summary.blank,
                summary.evidence_added,
                parcours_report::format::date(&summary.date, lang),
                match summary.date_source {
                    parcours::positioning::DateSource::Given => "--date",
                    _ => "date des réponses",
                },
                summary.establishment_items
            ),
            Lang::En => format!(
                "{}: {} answers on the scale, {} \"don't know\", {} blank; {} self-assessment pieces added, dated {} ({}); {} items about the establishment passed over",
                out.display(),
                summary.answered,
                summary.dont_know,
                summary.blank,
                summary.evidence_added,
                parcours_report::format::date(&summary.date, lang),
                match summary.date_source {
                    parcours::positioning::DateSource::Given => "--date",
                    _ => "date of the answers",
                },
                summary.establishment_items
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Validate {
            files,
            kind,
            curricula,
            instrument,
            curriculum,
            format,
            lang,
            deny_warnings,
        } => {
            let lang = Lang::from(lang);
            let mut any_error = false;
            let mut results = Vec::new();
            let mut compiled = load_curricula(&curricula, lang, &mut any_error)?;
            let record_curriculum = match &curriculum {
                Some(path) => match load_curriculum(path, lang)? {
                    Some(c) => Some(c),
                    None => return Ok(ExitCode::from(1)),
                },
                None => None,
            };
            if let Some(c) = &record_curriculum {
                compiled.retain(|other| other.key() != c.key());
            }
            let given: Vec<&Compiled> = compiled.iter().collect();
            let against = (!curricula.is_empty()).then_some(given.as_slice());
            let mut checked_instrument = None;
            if let Some(path) = &instrument {
                let bytes = read(path)?;
                let outcome = parcours::load_instrument(&bytes, against);
                if outcome.has_errors() {
                    let text = String::from_utf8_lossy(&bytes);
                    eprint_text(&report::human_list(path, &text, &outcome.diagnostics, lang));
                    any_error = true;
                }
                checked_instrument = outcome.value;
            }
            for path in &files {
                let bytes = read(path)?;
                let (list, shown) = match kind_of(kind, path, &bytes) {
                    DocumentKind::Answers => {
                        let Some(ins) = &checked_instrument else {
                            if instrument.is_some() {
                                continue; // the instrument's errors are already shown
                            }
                            return Err(usage(
                                format!(
                                    "{} : des réponses se vérifient avec leur instrument : ajoutez --instrument FICHIER",
                                    path.display()
                                ),
                                format!(
                                    "{}: answers are checked against an instrument: add --instrument FILE",
                                    path.display()
                                ),
                            ));
                        };
                        let (outcome, detected) =
                            parcours::read_answers(ins, &bytes, &ReadOptions::default());
                        eprint_text(&report::answers_read(path, &detected, lang));
                        // Personal data: no source line, no value.
                        let shown = report::private(path, &outcome.diagnostics, lang);
                        (outcome.diagnostics, shown)
                    }
                    DocumentKind::Learner => {
                        let of = parcours::learner_curriculum(&bytes);
                        let against = match (&record_curriculum, &of.value) {
                            (Some(c), _) => Some(c),
                            (None, Some(of)) => compiled.iter().find(|c| c.document().id == of.id),
                            (None, None) => None,
                        };
                        let outcome = match against {
                            Some(c) => parcours::load_learner(c, &bytes).map(|_| ()),
                            None if of.value.is_none() => of.map(|_| ()),
                            None => {
                                return Err(usage(
                                    format!(
                                        "{} : un dossier d'apprenant se vérifie avec son cursus : ajoutez --curriculum FICHIER (ou --curricula DOSSIER qui le contient)",
                                        path.display()
                                    ),
                                    format!(
                                        "{}: a learner record is checked against its curriculum: add --curriculum FILE (or --curricula FOLDER holding it)",
                                        path.display()
                                    ),
                                ))
                            }
                        };
                        // Personal data: no source line, no value.
                        let shown = report::private(path, &outcome.diagnostics, lang);
                        (outcome.diagnostics, shown)
                    }
                    DocumentKind::Instrument => {
                        let outcome = parcours::load_instrument(&bytes, against);
                        let text = String::from_utf8_lossy(&bytes);
                        let shown = report::human_list(path, &text, &outcome.diagnostics, lang);
                        (outcome.diagnostics, shown)
                    }
                    _ => {
                        let outcome = parcours::load(&bytes);
                        let text = String::from_utf8_lossy(&bytes);
                        let shown = report::human_list(path, &text, &outcome.diagnostics, lang);
                        (outcome.diagnostics, shown)
                    }
                };
                let errors = list.iter().any(|d| d.severity() == Severity::Error);
                any_error |= errors || (deny_warnings && !list.is_empty());
                match format {
                    OutputFormat::Human => {
                        stdout
                            .write_all(shown.as_bytes())
                            .map_err(CliError::Write)?;
                    }
                    OutputFormat::Json => results.push(report::json_list(path, &list, lang)),
                }
            }
            if let OutputFormat::Json = format {
                stdout
                    .write_all(parcours::json_text(&results).as_bytes())
                    .map_err(CliError::Write)?;
            }
            Ok(if any_error {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Schema { kind } => {
            let kind = match kind {
                SchemaArg::Curriculum => SchemaKind::Curriculum,
                SchemaArg::Learner => SchemaKind::Learner,
                SchemaArg::Instrument => SchemaKind::Instrument,
                SchemaArg::Answers => SchemaKind::Answers,
            };
            stdout
                .write_all(kind.text().as_bytes())
                .map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { input, format, all } => {
            let lang = Lang::from(input.lang);
            let Some((curriculum, learner)) = load_learner(&input, lang)? else {
                return Ok(ExitCode::from(1));
            };
            // The competencies the goal names, shown even without evidence. The
            // record was read without errors just above; should it not parse as
            // plain JSON (a BOM), the view simply names none.
            let goal = serde_json::from_slice::<parcours::LearnerRecord>(&read(&input.learner)?)
                .ok()
                .and_then(|r| r.goals)
                .map(|g| g.competencies.into_iter().map(|g| g.competency).collect())
                .unwrap_or_default();
            let options = report::StatusOptions { goal, all };
            let status = engine(parcours::status(&curriculum, &learner), lang)?;
            let text = match format {
                OutputFormat::Json => parcours::json_text(&status),
                OutputFormat::Human => report::status(&curriculum, &status, &options, lang),
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Progress {
            input,
            format,
            since,
        } => {
            let lang = Lang::from(input.lang);
            let since = match since.as_deref().map(str::parse::<Date>) {
                None => None,
                Some(Ok(d)) => Some(d),
                Some(Err(_)) => {
                    return Err(usage(
                        "--since : une date AAAA-MM-JJ (par exemple 2026-03-02)",
                        "--since: a date YYYY-MM-DD (for example 2026-03-02)",
                    ))
                }
            };
            let Some((curriculum, learner)) = load_learner(&input, lang)? else {
                return Ok(ExitCode::from(1));
            };
            let progress = engine(
                parcours::progress(&curriculum, &learner, &ProgressOptions { since }),
                lang,
            )?;
            let text = match format {
                ProgressFormat::Json => parcours::json_text(&progress),
                ProgressFormat::Md => {
                    parcours_report::record::markdown(&progress, &curriculum, lang)
                }
                ProgressFormat::Html => parcours_report::record::html(&progress, &curriculum, lang),
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Recommend {
            curriculum,
            learner,
            learners,
            top,
            why,
            format,
            lang,
        } => {
            let lang = Lang::from(lang);
            let options = RecommendOptions {
                top,
                ..Default::default()
            };
            if let Some(batch_path) = learners {
                let Some(compiled) = load_curriculum(&curriculum, lang)? else {
                    return Ok(ExitCode::from(1));
                };
                // The writer thread takes standard output: release this thread's lock.
                drop(stdout);
                let job = batch::recommendations(options);
                return run_batch(&compiled, &batch_path, &job, lang);
            }
            let Some(learner) = learner else {
                return Err(usage(
                    "donnez --learner DOSSIER ou --learners DOSSIERS.ndjson",
                    "give --learner RECORD or --learners RECORDS.ndjson",
                ));
            };
            let input = LearnerArgs {
                curriculum,
                learner,
                lang: LangArg::from(lang),
            };
            let Some((compiled, learner)) = load_learner(&input, lang)? else {
                return Ok(ExitCode::from(1));
            };
            let text = match why {
                Some(id) => {
                    let answer =
                        engine(parcours::why_not(&compiled, &learner, &id, &options), lang)?;
                    match format {
                        OutputFormat::Json => parcours::json_text(&answer),
                        OutputFormat::Human => report::why_not(&compiled, &answer, lang),
                    }
                }
                None => {
                    let result = engine(parcours::recommend(&compiled, &learner, &options), lang)?;
                    match format {
                        OutputFormat::Json => parcours::json_text(&result),
                        OutputFormat::Human => {
                            // How far the learner is in the completion rule, for
                            // the reasons' words; the ranking does not need it.
                            let status = parcours::status(&compiled, &learner).value;
                            report::recommendations(&compiled, &result, status.as_ref(), lang)
                        }
                    }
                }
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan {
            input,
            hours_per_week,
            node_budget,
            timing,
            format,
        } => {
            let lang = Lang::from(input.lang);
            if let Some(h) = hours_per_week {
                if !(h.is_finite() && h > 0.0) {
                    return Err(usage(
                        "--hours-per-week : un nombre d'heures plus grand que 0 (par exemple 7)",
                        "--hours-per-week: a number of hours greater than 0 (for example 7)",
                    ));
                }
            }
            let Some((compiled, learner)) = load_learner(&input, lang)? else {
                return Ok(ExitCode::from(1));
            };
            let options = PlanOptions {
                node_budget,
                hours_per_week,
            };
            let started = std::time::Instant::now();
            let plan = engine(parcours::plan(&compiled, &learner, &options), lang)?;
            if timing {
                eprintln!("timing-ms={:.3}", started.elapsed().as_secs_f64() * 1e3);
            }
            let text = match format {
                OutputFormat::Json => parcours::json_text(&plan),
                OutputFormat::Human => report::plan(&compiled, &plan, lang),
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Position {
            instrument,
            answers,
            before,
            format,
            threshold,
            skip_bad_rows,
            respondent,
            learner,
            out,
            date,
            curricula,
            report,
            action_plan,
            lang,
        } => {
            let lang = Lang::from(lang);
            // Refused before anything is read or written: no output is an input, no
            // two outputs are one file.
            let mut inputs: Vec<&std::path::Path> = vec![&instrument, &answers];
            inputs.extend(before.as_deref());
            inputs.extend(learner.as_deref());
            let curriculum_files = curriculum_files(std::slice::from_ref(&curricula))?;
            inputs.extend(curriculum_files.iter().map(PathBuf::as_path));
            let outputs: Vec<(&str, &std::path::Path)> = [
                ("--out", out.as_deref()),
                ("--report", report.as_deref()),
                ("--action-plan", action_plan.as_deref()),
            ]
            .into_iter()
            .filter_map(|(option, path)| path.map(|p| (option, p)))
            .collect();
            files::Outputs::check(&outputs, &inputs)?;
            let Some(ins) = load_instrument(&instrument, lang)? else {
                return Ok(ExitCode::from(1));
            };
            // The instrument's threshold is what respondents were promised: the
            // command line may raise it, never lower it (refused before any answer
            // is read).
            if let Some(lower) = threshold.filter(|&t| t < ins.threshold()) {
                return Err(usage(
                    lower_threshold(lower, ins.threshold(), Lang::Fr),
                    lower_threshold(lower, ins.threshold(), Lang::En),
                ));
            }
            let options = ReadOptions { skip_bad_rows };
            let read_table = |path: &PathBuf| -> Result<Option<(AnswerTable, u32)>, CliError> {
                let bytes = read(path)?;
                let (outcome, detected) = parcours::read_answers(&ins, &bytes, &options);
                eprint_text(&report::answers_read(path, &detected, lang));
                if !outcome.diagnostics.is_empty() {
                    eprint_text(&report::private(path, &outcome.diagnostics, lang));
                }
                let skipped = detected.skipped_rows.len() as u32;
                Ok(match outcome.value {
                    Some(table) if !outcome.has_errors() || skip_bad_rows => Some((table, skipped)),
                    _ => None,
                })
            };
            let Some((table, skipped)) = read_table(&answers)? else {
                return Ok(ExitCode::from(1));
            };
            if let (Some(id), Some(learner), Some(out)) = (respondent, learner, out) {
                let options = parcours::PositionOptions { date };
                return position_one(
                    &ins, &table, &id, &learner, &out, &curricula, &options, lang,
                );
            }
            let earlier = match &before {
                Some(path) => match read_table(path)? {
                    Some((t, _)) => Some(t),
                    None => return Ok(ExitCode::from(1)),
                },
                None => None,
            };
            let options = AnalysisOptions {
                threshold,
                ..Default::default()
            };
            let mut analysis = parcours::analyse(&ins, &table, earlier.as_ref(), &options);
            analysis.skipped_rows = skipped;
            if report.is_some() || action_plan.is_some() {
                let mut any_error = false;
                let compiled =
                    load_curricula(std::slice::from_ref(&curricula), lang, &mut any_error)?;
                if any_error {
                    return Ok(ExitCode::from(1));
                }
                let given: Vec<&Compiled> = compiled.iter().collect();
                // The team plan is dated by the command line or, failing that, by
                // the last day someone answered: never by the clock, so the same
                // answers give the same report on any day.
                let Some(day) = date.or(analysis.wave.last_date) else {
                    return Err(no_plan_date());
                };
                let team = parcours::team_plan(&ins, &analysis, &given, day);
                let whole = parcours_report::committee::Report { analysis, team };
                let mut outputs = files::Outputs::default();
                if let Some(path) = &action_plan {
                    outputs.add(
                        path,
                        parcours_report::action_plan::csv(&whole.team, &whole.analysis, &ins, lang),
                    );
                }
                if let Some(path) = &report {
                    let html = path.extension().is_some_and(|e| {
                        e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                    });
                    let text = if html {
                        whole.to_html(&ins, lang)
                    } else {
                        whole.to_markdown(&ins, lang)
                    };
                    outputs.add(path, text);
                }
                outputs.write()?;
                if format == AnalysisFormat::Json {
                    stdout
                        .write_all(parcours::json_text(&whole).as_bytes())
                        .map_err(CliError::Write)?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let text = match format {
                AnalysisFormat::Json => parcours::json_text(&analysis),
                AnalysisFormat::Md => parcours_report::analysis::markdown(&analysis, &ins, lang),
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ready {
            curriculum,
            learners,
            lang,
        } => {
            let lang = Lang::from(lang);
            let Some(compiled) = load_curriculum(&curriculum, lang)? else {
                return Ok(ExitCode::from(1));
            };
            drop(stdout);
            run_batch(&compiled, &learners, &batch::ready, lang)
        }
        Command::Questionnaire {
            instrument,
            out,
            lang,
        } => {
            let lang = Lang::from(lang);
            let Some(ins) = load_instrument(&instrument, lang)? else {
                return Ok(ExitCode::from(1));
            };
            std::fs::create_dir_all(&out).map_err(|source| CliError::WriteFile {
                path: out.clone(),
                source,
            })?;
            let mut files: Vec<(String, PathBuf, String)> = Vec::new();
            for college in ins.colleges() {
                let id = &college.id;
                let html = parcours_report::questionnaire::html(&ins, id, lang).unwrap_or_default();
                let csv = parcours_report::questionnaire::csv(&ins, id, lang).unwrap_or_default();
                files.push((
                    format!("questionnaire {id}"),
                    out.join(format!("questionnaire-{id}.html")),
                    html,
                ));
                files.push((
                    format!("reponses {id}"),
                    out.join(format!("reponses-{id}.csv")),
                    csv,
                ));
            }
            let paths: Vec<(&str, &std::path::Path)> = files
                .iter()
                .map(|(name, path, _)| (name.as_str(), path.as_path()))
                .collect();
            files::Outputs::check(&paths, &[instrument.as_path()])?;
            let mut outputs = files::Outputs::default();
            for (_, path, text) in &files {
                outputs.add(path, text.clone());
            }
            outputs.write()?;
            for (_, path, _) in &files {
                eprintln!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Graph {
            file,
            format,
            learner,
            lang,
        } => {
            let lang = Lang::from(lang);
            let format = match format {
                GraphArg::Dot => GraphFormat::Dot,
                GraphArg::Mermaid => GraphFormat::Mermaid,
                GraphArg::Svg => GraphFormat::Svg,
            };
            let text = match learner {
                None => {
                    let Some(compiled) = load_curriculum(&file, lang)? else {
                        return Ok(ExitCode::from(1));
                    };
                    render::graph(&compiled, format, lang)
                }
                Some(learner) => {
                    let input = LearnerArgs {
                        curriculum: file,
                        learner,
                        lang: LangArg::from(lang),
                    };
                    let Some((compiled, learner)) = load_learner(&input, lang)? else {
                        return Ok(ExitCode::from(1));
                    };
                    let status = engine(parcours::status(&compiled, &learner), lang)?;
                    let plan = engine(
                        parcours::plan(&compiled, &learner, &PlanOptions::default()),
                        lang,
                    )?;
                    let view = render::LearnerView {
                        status: &status,
                        plan: Some(&plan),
                    };
                    render::learner_graph(&compiled, format, lang, &view)
                }
            };
            stdout.write_all(text.as_bytes()).map_err(CliError::Write)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Package {
            kind:
                PackageKind::Scorm {
                    runtime,
                    curriculum,
                    scorm: edition,
                    lang,
                    audience,
                    out,
                },
        } => {
            let edition = match edition {
                ScormArg::V2004 => scorm::Edition::V2004,
                ScormArg::V12 => scorm::Edition::V12,
            };
            package_scorm(
                &runtime,
                &curriculum,
                edition,
                Lang::from(lang),
                audience.as_deref(),
                &out,
            )
        }
    }
}

/// `parcours package scorm`: checks the curriculum, reads the runtime, writes the zip.
fn package_scorm(
    runtime: &std::path::Path,
    curriculum: &std::path::Path,
    edition: scorm::Edition,
    lang: Lang,
    audience: Option<&str>,
    out: &std::path::Path,
) -> Result<ExitCode, CliError> {
    let mut inputs: Vec<PathBuf> = scorm::Runtime::paths(runtime);
    inputs.push(curriculum.to_path_buf());
    let inputs: Vec<&std::path::Path> = inputs.iter().map(PathBuf::as_path).collect();
    files::Outputs::check(&[("--out", out)], &inputs)?;
    let Some(compiled) = load_curriculum(curriculum, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let runtime = match scorm::Runtime::read(runtime, |p| {
        read(p).map_err(|e| std::io::Error::other(e.message(lang)))
    }) {
        Ok(r) => r,
        Err(scorm::PackageError::MissingRuntime { dir, missing }) => {
            let list = missing.join(", ");
            return Err(usage(
                format!(
                    "--runtime {} : il manque {list} ; construisez le paquet JavaScript avec `bash bindings/js/build.sh` (il lui faut la cible wasm32 de Rust et Node), puis donnez son dossier bindings/js",
                    dir.display()
                ),
                format!(
                    "--runtime {}: {list} missing; build the JavaScript package with `bash bindings/js/build.sh` (it needs Rust's wasm32 target and Node), then give its bindings/js folder",
                    dir.display()
                ),
            ));
        }
        Err(e) => return Err(usage(format!("--runtime : {e}"), format!("--runtime: {e}"))),
    };
    let bytes = read(curriculum)?;
    let doc = compiled.document();
    // A new learner's record needs an audience: the one asked, which the
    // curriculum must declare, or its first.
    let audience = match audience {
        Some(asked) => match doc.audiences.iter().find(|a| a.id == asked) {
            Some(a) => a,
            None => {
                let known = |lang: Lang| {
                    doc.audiences
                        .iter()
                        .map(|a| format!("{} (« {} »)", a.id, a.label.get(lang)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err(usage(
                    format!(
                        "--audience : le cursus ne déclare pas ce public ; publics possibles : {}",
                        known(Lang::Fr)
                    ),
                    format!(
                        "--audience: the curriculum declares no such audience; possible audiences: {}",
                        known(Lang::En)
                    ),
                ));
            }
        },
        None => match doc.audiences.first() {
            Some(a) => a,
            None => {
                return Err(usage(
                    "le cursus ne déclare aucun public (`audiences`) : ajoutez-en un",
                    "the curriculum declares no audience (`audiences`): add one",
                ))
            }
        },
    };
    let course = scorm::Course {
        id: &doc.id,
        version: &doc.version,
        title: doc.title.get(lang),
        audience: &audience.id,
        curriculum: &bytes,
    };
    let zip = scorm::package(&course, &runtime, edition, lang).map_err(|e| {
        usage(
            format!("le paquet n'a pas pu être fait : {e} (rien n'a été écrit)"),
            format!("the package could not be made: {e} (nothing was written)"),
        )
    })?;
    let size = zip.len();
    let mut outputs = files::Outputs::default();
    outputs.add_bytes(out, zip);
    outputs.write()?;
    eprintln!(
        "{}",
        match lang {
            Lang::Fr => format!("{} : paquet SCORM, {size} octets", out.display()),
            Lang::En => format!("{}: SCORM package, {size} bytes", out.display()),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Why `--threshold` may not go under the instrument's threshold, in words.
fn lower_threshold(asked: u32, instrument: u32, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "--threshold {asked} : le seuil d'anonymat ne peut pas être abaissé sous celui de l'instrument ({instrument}), \
             promis aux répondants ; il peut seulement être relevé (--threshold {instrument} ou plus)"
        ),
        Lang::En => format!(
            "--threshold {asked}: the anonymity threshold cannot be lowered below the instrument's ({instrument}), \
             which respondents were promised; it may only be raised (--threshold {instrument} or more)"
        ),
    }
}

/// The command line, or where clap stopped (help, version, a usage error) in
/// `lang`.
///
/// Localising the whole command tree costs about half of a short command's
/// start-up (clap rebuilds every argument), and its words show only on help or
/// a usage error. The texts it changes never change what parses
/// (`localising_the_command_line_never_changes_what_parses`): so parse as
/// written, and only when clap stops for something other than the version
/// (the same words in both trees), parse again with the localised tree to say
/// why in `lang`.
fn parse(args: &[std::ffi::OsString], lang: Lang) -> Result<Cli, clap::Error> {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, FromArgMatches};
    Cli::command()
        .try_get_matches_from(args)
        .or_else(|e| match e.kind() {
            ErrorKind::DisplayVersion => Err(e),
            _ => usage::localize(Cli::command(), lang).try_get_matches_from(args),
        })
        .and_then(|m| Cli::from_arg_matches(&m))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = usage::lang_of(&args);
    let cli = match parse(&args, lang) {
        Ok(cli) => cli,
        Err(e) => return usage::exit_with(&e, lang),
    };
    files::set_limits(files::Limits {
        input: cli.max_input_mib.saturating_mul(1 << 20),
        line: cli.max_line_kib.saturating_mul(1 << 10),
    });
    match run(cli) {
        Ok(code) => code,
        // A reader that went away (`parcours … | head`): nothing to say, as the
        // other tools of a pipeline do.
        Err(CliError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write;
            // Nothing more useful to do if standard error is closed.
            let _ = writeln!(
                std::io::stderr(),
                "parcours{}{}",
                parcours_report::format::colon(lang),
                e.message(lang)
            );
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;
    use clap::{Arg, Command, CommandFactory};

    /// What of an argument decides a parse (not its words).
    fn grammar(a: &Arg) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?}",
            a.get_id(),
            a.get_long(),
            a.get_short(),
            a.get_all_aliases(),
            a.get_action(),
            a.get_num_args(),
            a.is_required_set(),
            a.get_default_values(),
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect::<Vec<_>>(),
        )
    }

    /// Each command's arguments and subcommands, as a parse sees them, without
    /// the help and version flags (the localised tree writes its own).
    fn tree(c: &Command, path: &str, out: &mut Vec<String>) {
        let path = format!("{path} {}", c.get_name());
        for a in c.get_arguments() {
            if !matches!(a.get_id().as_str(), "help" | "version") {
                out.push(format!("{path}: {}", grammar(a)));
            }
        }
        for s in c.get_subcommands() {
            if s.get_name() != "help" {
                tree(s, &path, out);
            }
        }
    }

    #[test]
    fn localising_the_command_line_never_changes_what_parses() {
        // `parse` uses the plain tree and localises only when clap stops:
        // sound only while both trees accept the same arguments.
        let built = |mut c: Command| {
            c.build();
            let mut out = Vec::new();
            tree(&c, "", &mut out);
            out
        };
        let plain = built(Cli::command());
        assert!(plain.len() > 50, "the tree is walked: {}", plain.len());
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(built(usage::localize(Cli::command(), lang)), plain);
        }
    }

    #[test]
    fn help_version_and_usage_errors_still_speak_the_language() {
        let stops = |args: &[&str]| {
            let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            parse(&args, usage::lang_of(&args))
                .err()
                .map(|e| (e.kind(), e.render().to_string()))
        };
        let (kind, text) = stops(&["parcours", "status", "--help"]).unwrap();
        assert_eq!(kind, ErrorKind::DisplayHelp);
        assert!(text.contains("Options :"), "{text}");
        let (_, text) = stops(&["parcours", "status", "--help", "--lang", "en"]).unwrap();
        assert!(
            text.contains("Options:") && !text.contains("Options :"),
            "{text}"
        );
        let (kind, text) = stops(&["parcours", "--version"]).unwrap();
        assert_eq!(kind, ErrorKind::DisplayVersion);
        assert_eq!(text, format!("parcours {}\n", env!("CARGO_PKG_VERSION")));
        let (kind, _) = stops(&["parcours", "status", "--no-such-option"]).unwrap();
        assert_eq!(kind, ErrorKind::UnknownArgument);
        // French has no `help` subcommand; the plain tree's must not leak through.
        let (kind, _) = stops(&["parcours", "help"]).unwrap();
        assert_ne!(kind, ErrorKind::DisplayHelp);
        assert!(stops(&["parcours", "validate", "x.json"]).is_none());
    }
}
