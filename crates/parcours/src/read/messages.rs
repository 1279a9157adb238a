//! The catalogue of diagnostic wording, French first, keyed by code.
//!
//! One place for every sentence a curriculum designer reads, so that translations
//! stay side by side and a test can check that both languages exist for every code
//! and use the same arguments. Messages are lower case and name the ids involved;
//! hints say how to fix.

use crate::read::code::Code;
use crate::read::locale::Lang;

/// A message and a hint, with `{name}` placeholders.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Template {
    pub(crate) message: &'static str,
    pub(crate) hint: &'static str,
}

const fn t(message: &'static str, hint: &'static str) -> Template {
    Template { message, hint }
}

/// The hint of a diagnostic whose own hint came out empty (see
/// `Diagnostic::hint`): general, but something to do.
pub(crate) fn fallback_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "corrigez la valeur à cet endroit : le format du document est décrit par son schéma JSON (`parcours schema`)",
        Lang::En => "fix the value at this place: the document's format is described by its JSON Schema (`parcours schema`)",
    }
}

/// The wording of `code` in `lang`.
pub(crate) fn template(code: Code, lang: Lang) -> Template {
    let [fr, en] = both(code);
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

fn both(code: Code) -> [Template; 2] {
    use Code::*;
    match code {
        Encoding => [
            t("le fichier n'est pas du texte UTF-8 ({detail})",
              "enregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous », encodage UTF-8)"),
            t("the file is not UTF-8 text ({detail})",
              "save the file as UTF-8 (in your editor: \"Save as\", encoding UTF-8)"),
        ],
        Syntax => [
            t("JSON invalide : {detail}", "{advice}"),
            t("invalid JSON: {detail}", "{advice}"),
        ],
        TooDeep => [
            t("imbrication trop profonde (plus de {limit} niveaux)",
              "un cursus n'a besoin que de quelques niveaux d'imbrication : vérifiez les crochets et les accolades"),
            t("nesting too deep (more than {limit} levels)",
              "a curriculum needs only a few levels of nesting: check the brackets and braces"),
        ],
        TooLarge => [
            t("le document dépasse la taille maximale ({limit})",
              "découpez-le, ou relevez la limite (options --max-input-mib et --max-line-kib de la ligne de commande)"),
            t("the document is larger than the limit ({limit})",
              "split it, or raise the limit (command-line options --max-input-mib and --max-line-kib)"),
        ],
        BlankLine => [
            t("ligne vide : chaque ligne doit être un dossier d'apprenant en JSON",
              "retirez la ligne vide (une ligne par dossier, sans ligne blanche)"),
            t("blank line: each line must be one learner record in JSON",
              "remove the blank line (one record per line, no blank line)"),
        ],
        TooManyWarnings => [
            t("plus de {limit} problèmes : les avertissements suivants ne sont pas affichés",
              "le document reste utilisable ; corrigez ceux-ci puis relancez la vérification"),
            t("more than {limit} problems: the warnings that follow are not shown",
              "the document can still be used; fix these, then check again"),
        ],
        TooMany => [
            t("plus de {limit} problèmes : les suivants ne sont pas affichés",
              "corrigez ceux-ci puis relancez la vérification"),
            t("more than {limit} problems: the rest are not shown",
              "fix these, then check again"),
        ],
        Type => [
            t("type incorrect : {expected} attendu, {found} trouvé",
              "{advice}"),
            t("wrong type: expected {expected}, found {found}",
              "{advice}"),
        ],
        MissingField => [
            t("champ obligatoire `{field}` manquant",
              "ajoutez `\"{field}\": …` à cet objet"),
            t("required field `{field}` is missing",
              "add `\"{field}\": …` to this object"),
        ],
        UnknownField => [
            t("champ inconnu `{field}`",
              "{suggestion}champs possibles ici : {known}"),
            t("unknown field `{field}`",
              "{suggestion}fields allowed here: {known}"),
        ],
        DuplicateKey => [
            t("la clé `{key}` apparaît plusieurs fois dans cet objet",
              "gardez une seule occurrence de `{key}`"),
            t("key `{key}` appears more than once in this object",
              "keep a single `{key}`"),
        ],
        UnknownValue => [
            t("valeur inconnue `{value}`",
              "{suggestion}valeurs possibles : {allowed}"),
            t("unknown value `{value}`",
              "{suggestion}allowed values: {allowed}"),
        ],
        OutOfRange => [
            t("la valeur {value} est hors limites ({range})",
              "choisissez un nombre entier dans l'intervalle {range}"),
            t("value {value} is out of range ({range})",
              "choose a whole number in the range {range}"),
        ],
        FormatVersion => [
            t("version de format {found} non prise en charge (cette version de parcours lit la version {supported})",
              "mettez `formatVersion` à {supported}, ou mettez parcours à jour"),
            t("format version {found} is not supported (this parcours reads version {supported})",
              "set `formatVersion` to {supported}, or update parcours"),
        ],
        InvalidId => [
            t("identifiant `{id}` invalide",
              "{suggestion}un identifiant s'écrit sans accents ni espaces : lettres minuscules a–z, chiffres, `-`, `_` ou `.`, 64 caractères au plus (par exemple `atelier-ideation`)"),
            t("invalid id `{id}`",
              "{suggestion}ids use lowercase letters a–z, digits, `-`, `_` or `.`, without accents or spaces, at most 64 characters (for example `ideation-workshop`)"),
        ],
        DuplicateId => [
            t("identifiant `{id}` en double parmi les {what} (déjà déclaré en {first})",
              "donnez un identifiant unique à chacun, ou fusionnez les deux déclarations"),
            t("duplicate id `{id}` among the {what} (already declared at {first})",
              "give each one its own id, or merge the two declarations"),
        ],
        UnknownModule => [
            t("le module `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("module `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownCompetency => [
            t("la compétence `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("competency `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownAudience => [
            t("le public `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("audience `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownStage => [
            t("l'étape `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("stage `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownScale => [
            t("l'échelle `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("scale `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownResource => [
            t("la ressource `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("resource `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        ReplacesLiveId => [
            t("`{id}` est déclaré comme remplacé, mais existe toujours",
              "un identifiant remplacé ne doit plus être déclaré : supprimez l'ancien `{id}` ou retirez-le de `replaces`"),
            t("`{id}` is declared as replaced, but still exists",
              "a replaced id must no longer be declared: remove the old `{id}` or take it out of `replaces`"),
        ],
        ReplacesConflict => [
            t("`{id}` est remplacé à la fois par `{first}` et par `{second}`",
              "un ancien identifiant ne peut être repris que par un seul élément"),
            t("`{id}` is replaced by both `{first}` and `{second}`",
              "an old id can be taken over by one element only"),
        ],
        Cycle => [
            t("cycle de prérequis : {path}",
              "un module ne peut pas dépendre, même indirectement, de lui-même : retirez l'un des prérequis du cycle"),
            t("prerequisite cycle: {path}",
              "a module cannot depend on itself, even indirectly: remove one of the prerequisites in the cycle"),
        ],
        ParentCycle => [
            t("cycle dans les domaines de compétences : {path}",
              "un domaine ne peut pas être son propre parent : corrigez l'un des `parent` du cycle"),
            t("cycle in competency domains: {path}",
              "a domain cannot be its own parent: fix one of the `parent` fields in the cycle"),
        ],
        NeverAvailable => [
            t("le module `{module}` ne pourra jamais être accessible : {reason}",
              "corrigez ses prérequis (`requires`) pour qu'au moins un chemin puisse être rempli"),
            t("module `{module}` can never become available: {reason}",
              "fix its prerequisites (`requires`) so that at least one path can be met"),
        ],
        EvidenceOnly => [
            t("le module `{module}` exige `{competency}` au niveau {level}, qu'aucun module accessible n'enseigne : seul un positionnement préalable peut l'ouvrir",
              "ajoutez un module qui enseigne `{competency}` au niveau {level}, ou gardez ce prérequis s'il se constate à l'entrée"),
            t("module `{module}` requires `{competency}` at level {level}, which no available module teaches: only prior evidence can unlock it",
              "add a module that teaches `{competency}` at level {level}, or keep this prerequisite if it is assessed on entry"),
        ],
        StageOrder => [
            t("le module `{module}` (étape `{stage}`) exige `{prerequisite}`, qui appartient à une étape ultérieure (`{prerequisiteStage}`)",
              "changez l'un des deux modules d'étape, ou réordonnez `stages`"),
            t("module `{module}` (stage `{stage}`) requires `{prerequisite}`, which belongs to a later stage (`{prerequisiteStage}`)",
              "move one of the two modules to another stage, or reorder `stages`"),
        ],
        CompletionImpossible => [
            t("la règle d'achèvement ne peut jamais être remplie : {reason}",
              "abaissez l'exigence ou ajoutez des modules"),
            t("the completion rule can never be met: {reason}",
              "lower the requirement or add modules"),
        ],
        GroupImpossible => [
            t("la règle du groupe `{group}` ne peut jamais être remplie : {reason}",
              "abaissez `minModules` ou `minHours`, ou ajoutez des modules au groupe"),
            t("the rule of group `{group}` can never be met: {reason}",
              "lower `minModules` or `minHours`, or add modules to the group"),
        ],
        GroupWithoutRule => [
            t("le groupe `{group}` n'a pas de règle",
              "ajoutez `minModules` ou `minHours` (par exemple `\"minModules\": 1` pour « au moins un de ces modules »)"),
            t("group `{group}` has no rule",
              "add `minModules` or `minHours` (for example `\"minModules\": 1` for \"at least one of these modules\")"),
        ],
        AtLeastImpossible => [
            t("« au moins {k} » sur {n} éléments : `k` doit être compris entre 1 et {n}",
              "corrigez `k`, ou ajoutez des éléments dans `of`"),
            t("\"at least {k}\" of {n} items: `k` must be between 1 and {n}",
              "fix `k`, or add items to `of`"),
        ],
        EmptyExpression => [
            t("l'expression `{kind}` n'a aucun élément",
              "ajoutez des éléments dans `of`, ou supprimez ce nœud"),
            t("expression `{kind}` has no items",
              "add items to `of`, or remove this node"),
        ],
        ScoreOutOfRange => [
            t("le score {value} est hors de l'intervalle 0–100",
              "un score se donne sur 100 : choisissez une valeur entre 0 et 100"),
            t("score {value} is outside 0–100",
              "scores are out of 100: choose a value between 0 and 100"),
        ],
        LevelOutOfScale => [
            t("niveau {level} hors de l'échelle `{scale}` de la compétence `{competency}` (rangs 0 à {max})",
              "utilisez un rang de l'échelle : {levels}"),
            t("level {level} is outside scale `{scale}` of competency `{competency}` (ranks 0 to {max})",
              "use a rank of the scale: {levels}"),
        ],
        NonPositiveDuration => [
            t("la durée du module `{module}` doit être d'au moins une minute ({value} h)",
              "indiquez la durée en heures, par exemple `\"durationHours\": 3.5`"),
            t("the duration of module `{module}` must be at least one minute ({value} h)",
              "give the duration in hours, for example `\"durationHours\": 3.5`"),
        ],
        HoursMinutes => [
            t("`{field}` vaut {value} h, soit {read} : cela ressemble à {hm} écrit en heures.minutes",
              "pour {hm}, écrivez {meant} : les durées s'écrivent en heures décimales (1 h 15 = 1.25, 2 h 30 = 2.5, 2 h 45 = 2.75)"),
            t("`{field}` is {value} h, that is {read}: this looks like {hm} written as hours.minutes",
              "for {hm}, write {meant}: durations are in decimal hours (1 h 15 = 1.25, 2 h 30 = 2.5, 2 h 45 = 2.75)"),
        ],
        DurationTooLong => [
            t("la durée du module `{module}` dépasse {max} h ({value} h)",
              "indiquez la durée en heures (et non en minutes), par exemple `\"durationHours\": 3.5`"),
            t("the duration of module `{module}` exceeds {max} h ({value} h)",
              "give the duration in hours (not minutes), for example `\"durationHours\": 3.5`"),
        ],
        ValidityTooLong => [
            t("une validité de {value} mois dépasse le maximum de {max} mois",
              "indiquez la durée de validité en mois, ou retirez `validityMonths` si l'acquis ne se périme pas"),
            t("a validity of {value} months exceeds the maximum of {max} months",
              "give the validity in months, or remove `validityMonths` if what was acquired does not expire"),
        ],
        EmptyScale => [
            t("l'échelle `{scale}` n'a aucun niveau",
              "ajoutez ses niveaux dans `levels`, du plus bas (rang 0) au plus haut"),
            t("scale `{scale}` has no levels",
              "add its levels to `levels`, from lowest (rank 0) to highest"),
        ],
        ScaleScores => [
            t("scores minimaux incohérents dans l'échelle `{scale}` : {reason}",
              "les `minScore` vont de 0 à 100 et croissent strictement d'un niveau au suivant"),
            t("inconsistent minimum scores in scale `{scale}`: {reason}",
              "`minScore` values lie in 0–100 and strictly increase from one level to the next"),
        ],
        DefaultScaleMissing => [
            t("{count} échelles sont déclarées mais `defaultScale` manque, et la compétence `{competency}` n'en choisit aucune",
              "ajoutez `\"defaultScale\": …` au référentiel, ou `scale` à la compétence"),
            t("{count} scales are declared but `defaultScale` is missing, and competency `{competency}` names none",
              "add `\"defaultScale\": …` to the framework, or `scale` to the competency"),
        ],
        AssessmentParams => [
            t("paramètres d'évaluation incohérents : {reason}",
              "voir la méthode choisie : `w` dans ]0, 1] pour decayingAverage, 1 ≤ n ≤ m pour nOfM, poids positifs"),
            t("inconsistent assessment parameters: {reason}",
              "see the chosen method: `w` in (0, 1] for decayingAverage, 1 ≤ n ≤ m for nOfM, non-negative weights"),
        ],
        FrenchMissing => [
            t("`languages` doit contenir `fr` : le français est la langue de référence",
              "ajoutez `\"fr\"` à `languages`"),
            t("`languages` must contain `fr`: French is the reference language",
              "add `\"fr\"` to `languages`"),
        ],
        CurriculumMismatch => [
            t("ce dossier a été tenu pour un autre cursus que `{expected}`",
              "chargez le cursus pour lequel ce dossier a été tenu (en ligne de commande : --curriculum), ou corrigez `curriculum.id`"),
            t("this record was kept for another curriculum than `{expected}`",
              "load the curriculum this record was kept for (on the command line: --curriculum), or fix `curriculum.id`"),
        ],
        InvalidDate => [
            t("date invalide", "écrivez la date sous la forme AAAA-MM-JJ, par exemple `2026-09-15`"),
            t("invalid date", "write the date as YYYY-MM-DD, for example `2026-09-15`"),
        ],
        FutureDate => [
            t("date postérieure à `now`",
              "une preuve ou un module suivi ne peut pas dater d'après `now` : corrigez la date, ou `now`"),
            t("date after `now`",
              "evidence or a completion cannot be dated after `now`: fix the date, or `now`"),
        ],
        LevelOrScore => [
            t("une preuve donne soit un niveau (`level`), soit un score (`score`), et un seul",
              "gardez `level` (un rang de l'échelle) ou `score` (0 à 100), pas les deux ni aucun"),
            t("a piece of evidence gives either a level (`level`) or a score (`score`), exactly one",
              "keep `level` (a rank of the scale) or `score` (0 to 100), not both, not neither"),
        ],
        ReservedSource => [
            t("la source `completion` est réservée aux modules suivis",
              "inscrivez le module dans `completed` : parcours en déduit la preuve"),
            t("source `completion` is reserved for completed modules",
              "record the module in `completed`: parcours derives the evidence"),
        ],
        NegativeValue => [
            t("`{field}` ne peut pas être négatif", "indiquez un nombre positif ou nul"),
            t("`{field}` cannot be negative", "give a number that is zero or more"),
        ],
        ScoreUnmapped => [
            t("un score est donné pour `{competency}`, mais l'échelle `{scale}` n'a pas de `minScore`",
              "donnez un niveau (`level`) plutôt qu'un score, ou ajoutez des `minScore` à l'échelle"),
            t("a score is given for `{competency}`, but scale `{scale}` has no `minScore`",
              "give a level (`level`) instead of a score, or add `minScore`s to the scale"),
        ],
        AudienceUnreachable => [
            t("le module `{module}` est ouvert au public `{audience}`, qui ne pourra jamais remplir ses prérequis",
              "retirez `{audience}` de ses `audiences`, ou ouvrez à ce public les modules qu'il exige"),
            t("module `{module}` is open to audience `{audience}`, which can never meet its prerequisites",
              "remove `{audience}` from its `audiences`, or open the modules it requires to that audience"),
        ],
        CoreClosedToAudience => [
            t("le module du socle `{module}` n'est pas ouvert au public `{audience}` : la règle d'achèvement ne le lui demande donc pas",
              "ouvrez-le à `{audience}` dans ses `audiences`, ou, si le socle dépend du public, écrivez `\"coreByAudience\": true` dans `completion`"),
            t("core module `{module}` is not open to audience `{audience}`: the completion rule therefore does not ask it of them",
              "open it to `{audience}` in its `audiences`, or, if the core depends on the audience, write `\"coreByAudience\": true` in `completion`"),
        ],
        TeachesNothing => [
            t("le module `{module}` n'enseigne aucune compétence",
              "ajoutez `teaches` pour que le module compte dans le suivi des compétences"),
            t("module `{module}` teaches no competency",
              "add `teaches` so that the module counts towards competencies"),
        ],
        MissingEnglish => [
            t("traduction anglaise manquante alors que `languages` contient `en`",
              "ajoutez `\"en\": …`, ou retirez `en` de `languages`"),
            t("English translation missing although `languages` contains `en`",
              "add `\"en\": …`, or remove `en` from `languages`"),
        ],
        UntaughtCompetency => [
            t("aucun module n'enseigne la compétence `{competency}`",
              "ajoutez-la au `teaches` d'un module, ou retirez-la du référentiel"),
            t("no module teaches competency `{competency}`",
              "add it to a module's `teaches`, or remove it from the framework"),
        ],
        UnknownTheme => [
            t("le thème `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("theme `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownCollege => [
            t("le collège `{id}` n'existe pas",
              "{suggestion}{fix}"),
            t("college `{id}` does not exist",
              "{suggestion}{fix}"),
        ],
        UnknownCurriculum => [
            t("le cursus `{id}` est inconnu",
              "{suggestion}{fix}"),
            t("curriculum `{id}` is unknown",
              "{suggestion}{fix}"),
        ],
        InvalidCitation => [
            t("citation `{citation}` mal formée",
              "une citation s'écrit {form}"),
            t("malformed citation `{citation}`",
              "a citation reads {form}"),
        ],
        MergeChain => [
            t("le collège `{college}` fusionne en chaîne ou en boucle : {path}",
              "un petit collège fusionne en une seule étape, dans un collège qui ne fusionne pas lui-même : corrigez `mergeInto`"),
            t("college `{college}` merges in a chain or a loop: {path}",
              "a small college merges in one step, into a college that does not merge itself: fix `mergeInto`"),
        ],
        NamedCollegeMerge => [
            t("le collège `{college}` ne peut pas fusionner : {reason}",
              "un collège publié par nom garde ses chiffres à part : retirez `mergeInto`, ou retirez `publishedByName` si ses membres n'ont pas accepté d'être identifiés"),
            t("college `{college}` cannot merge: {reason}",
              "a college published by name keeps its figures apart: remove `mergeInto`, or remove `publishedByName` if its members did not agree to be identified"),
        ],
        ScaleValues => [
            t("échelle de réponses incohérente : {reason}",
              "donnez au moins deux points, dont les valeurs croissent strictement du désaccord à l'accord (par exemple 1, 2, 3, 4)"),
            t("inconsistent answer scale: {reason}",
              "give at least two points, whose values strictly increase from disagreement to agreement (for example 1, 2, 3, 4)"),
        ],
        AmbiguousLabel => [
            t("le libellé « {label} » désigne à la fois {first} et {second}",
              "un fichier de réponses ne pourrait pas les distinguer : changez l'un des deux libellés"),
            t("label \"{label}\" names both {first} and {second}",
              "an answer file could not tell them apart: change one of the two labels"),
        ],
        EmptySection => [
            t("`{field}` est vide",
              "donnez au moins un élément à `{field}`"),
            t("`{field}` is empty",
              "give `{field}` at least one element"),
        ],
        EmptyTheme => [
            t("le thème `{theme}` n'a aucun item",
              "rattachez-lui des items (`theme`), ou retirez-le de `themes`"),
            t("theme `{theme}` has no item",
              "attach items to it (`theme`), or remove it from `themes`"),
        ],
        MissingColumn => [
            t("ligne d'en-tête (ligne 1) : {what}",
              "{fix}"),
            t("header row (row 1): {what}",
              "{fix}"),
        ],
        DuplicateColumn => [
            t("{place} : {what} figure déjà en colonne {first}",
              "gardez une seule colonne pour chaque item et chaque information : supprimez ou renommez l'une des deux"),
            t("{place}: {what} is already in column {first}",
              "keep one column per item and per piece of information: remove or rename one of the two"),
        ],
        NotOnScale => [
            t("{place} : réponse hors de l'échelle",
              "réponses possibles : {expected}"),
            t("{place}: answer not on the scale",
              "possible answers: {expected}"),
        ],
        CollegeValue => [
            t("{place} : {problem}",
              "collèges possibles : {expected}"),
            t("{place}: {problem}",
              "possible colleges: {expected}"),
        ],
        AnswerDate => [
            t("{place} : date non reconnue, la réponse est gardée sans date",
              "écrivez la date comme JJ/MM/AAAA (une heure peut suivre, par exemple `02/03/2026 10:30`) ou AAAA-MM-JJ ; sans date, un positionnement individuel demande --date"),
            t("{place}: date not recognised, the answers are kept without a date",
              "write the date as DD/MM/YYYY (a time may follow, for example `02/03/2026 10:30`) or YYYY-MM-DD; without a date, an individual positioning needs --date"),
        ],
        RowLength => [
            t("ligne {row} : {found} cellules pour {expected} colonnes dans l'en-tête",
              "une cellule contient sans doute le séparateur sans guillemets : exportez de nouveau le fichier depuis le tableur ou le formulaire"),
            t("row {row}: {found} cells for {expected} header columns",
              "a cell probably holds the separator without quotes: export the file again from the spreadsheet or the form"),
        ],
        CsvSyntax => [
            t("CSV invalide, {place} : {detail}",
              "fermez le guillemet (un guillemet dans une cellule s'écrit `\"\"`), ou exportez de nouveau le fichier"),
            t("invalid CSV, {place}: {detail}",
              "close the quote (a quote inside a cell is written `\"\"`), or export the file again"),
        ],
        NoAnswers => [
            t("aucune réponse à lire : {detail}",
              "un fichier de réponses a une ligne d'en-tête puis une ligne par répondant"),
            t("no answers to read: {detail}",
              "an answer file has a header row, then one row per respondent"),
        ],
        DuplicateRespondent => [
            t("{place} : identifiant de répondant déjà utilisé à la ligne {first}",
              "chaque répondant a son propre identifiant : corrigez l'une des deux lignes"),
            t("{place}: respondent id already used in row {first}",
              "each respondent has an id of their own: fix one of the two rows"),
        ],
        UnknownItem => [
            t("l'item `{id}` n'existe pas dans l'instrument",
              "{suggestion}les réponses sont rangées par identifiant d'item, tel que l'instrument le déclare dans `items`"),
            t("item `{id}` does not exist in the instrument",
              "{suggestion}answers are keyed by item id, as the instrument declares it in `items`"),
        ],
        InstrumentMismatch => [
            t("ces réponses ont été recueillies avec un autre instrument que `{expected}`",
              "chargez l'instrument avec lequel ces réponses ont été recueillies (en ligne de commande : --instrument), ou corrigez `instrument`"),
            t("these answers were collected with another instrument than `{expected}`",
              "load the instrument these answers were collected with (on the command line: --instrument), or fix `instrument`"),
        ],
        WrongCurriculum => [
            t("ce dossier a été lu avec le cursus `{loaded}`, pas avec le cursus `{given}` passé ici",
              "relisez le dossier avec le cursus sur lequel vous l'interrogez (load_learner, puis la même valeur de cursus)"),
            t("this record was read with curriculum `{loaded}`, not with curriculum `{given}` given here",
              "read the record again with the curriculum you ask about (load_learner, then the same curriculum value)"),
        ],
        NotInCurriculum => [
            t("le cursus `{curriculum}` n'a pas de module `{module}`",
              "donnez l'identifiant d'un module du cursus (voir `parcours status`)"),
            t("curriculum `{curriculum}` has no module `{module}`",
              "give the id of one of the curriculum's modules (see `parcours status`)"),
        ],
        RespondentNotFound => [
            t("aucune ligne des réponses n'a cet identifiant de répondant",
              "vérifiez l'identifiant dans la colonne des répondants"),
            t("no row of the answers has this respondent id",
              "check the id in the respondent column"),
        ],
        RespondentTwice => [
            t("plusieurs lignes des réponses ont cet identifiant de répondant",
              "gardez une seule ligne par répondant"),
            t("several rows of the answers have this respondent id",
              "keep one row per respondent"),
        ],
        NoRespondentColumn => [
            t("les réponses n'ont pas de colonne de répondants",
              "nommez-la dans `answerColumns.respondent` de l'instrument, et ajoutez-la au fichier de réponses"),
            t("the answers have no respondent column",
              "name it in the instrument's `answerColumns.respondent`, and add it to the answer file"),
        ],
        CurriculumNotCited => [
            t("l'instrument ne cite aucune compétence du cursus `{curriculum}`",
              "ajoutez le cursus à la liste `curricula` de l'instrument et citez ses compétences dans les items"),
            t("the instrument cites no competency of curriculum `{curriculum}`",
              "add the curriculum to the instrument's `curricula` list and cite its competencies in the items"),
        ],
        NoPersonItems => [
            t("l'instrument n'a aucun item sur la personne qui répond : ses items portent sur l'établissement, ils ne disent rien des compétences d'une personne",
              "ajoutez des items écrits à la première personne (« Je sais… ») avec `\"subject\": \"person\"` et les compétences qu'ils évaluent"),
            t("the instrument has no item about the person answering: its items are about the establishment and say nothing of a person's competencies",
              "add items written in the first person (\"I know how to…\") with `\"subject\": \"person\"` and the competencies they assess"),
        ],
        NoAnswerDate => [
            t("la date des réponses de ce répondant est inconnue",
              "nommez la colonne de date dans `answerColumns.date` de l'instrument (par exemple « Horodateur »), ou donnez la date des réponses avec --date AAAA-MM-JJ"),
            t("the date of this respondent's answers is unknown",
              "name the date column in the instrument's `answerColumns.date` (for example \"Horodateur\"), or give the date of the answers with --date YYYY-MM-DD"),
        ],
        Internal => [
            t("erreur interne de parcours : {detail}",
              "merci de signaler ce fichier aux développeurs de parcours"),
            t("internal parcours error: {detail}",
              "please report this file to the parcours developers"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').expect("unclosed placeholder");
            out.insert(after[..close].to_string());
            rest = &after[close + 1..];
        }
        out
    }

    #[test]
    fn every_code_has_french_and_english_with_the_same_arguments() {
        for &code in Code::ALL {
            let [fr, en] = both(code);
            for text in [fr.message, fr.hint, en.message, en.hint] {
                assert!(!text.trim().is_empty(), "{code:?} has an empty text");
            }
            assert_eq!(
                placeholders(fr.message),
                placeholders(en.message),
                "{code:?}: French and English messages use different arguments"
            );
            assert_eq!(
                placeholders(fr.hint),
                placeholders(en.hint),
                "{code:?}: French and English hints use different arguments"
            );
            assert_ne!(
                fr.message, en.message,
                "{code:?}: the English message is not translated"
            );
        }
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let names: BTreeSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for name in names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
    }
}
