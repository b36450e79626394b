"""Every error kizuna reports to a user, numbered, in one place.

The numbers are stable so that a message can be looked up in the docs and searched for in logs
(the spaCy habit). Raise with ``KizunaError(E.UNKNOWN_ORG, query=...)``. Each member also says
what it means over HTTP (:attr:`E.status`, from :data:`STATUS`), so the web maps an error by what
it is, never by its code string. The README's error table lists every code (a test checks it).

One family: :class:`KizunaError` and its subclasses, :class:`ReadError` for a document that cannot
be read; whoever catches ``KizunaError`` catches them all.
"""

from __future__ import annotations

from enum import Enum


class E(Enum):
    """Numbered error templates. Never renumber; retire by leaving the number unused."""

    DB_UNREADABLE = ("K001", "cannot open the database at {url}: {reason}")
    DB_NOT_INITIALISED = ("K002", "the database at {url} has no kizuna schema; run `kizuna init`")
    DB_NEWER_SCHEMA = (
        "K003",
        "the database at {url} is at schema revision {found}, newer than this kizuna knows "
        "({known}); upgrade kizuna",
    )
    DB_OLDER_SCHEMA = (
        "K004",
        "the database at {url} is at an older schema revision ({found}); run `kizuna init` to "
        "migrate it",
    )
    UNKNOWN_ORG = ("K010", "no organization matches {query!r}{hint}")
    UNKNOWN_COLLAB = ("K011", "no collaboration has the id {query!r}")
    NOT_FOUND = ("K012", "no {what} has the id {key!r}")
    BAD_FILTER = ("K020", "bad filter {name}={value!r}: {reason}")
    BAD_FORMAT = ("K021", "unknown format {value!r}; choose one of {choices}")
    STARTER_INVALID = ("K030", "starter knowledge base file {path}: {reason}")
    SETTING_INVALID = ("K040", "setting {name}={value!r} is invalid: {reason}")
    OUTPUT_UNWRITABLE = ("K050", "cannot write {path}: {reason}")
    PATH_MISSING = ("K051", "no such file or folder: {path}")
    DOCUMENT_UNREADABLE = ("K060", "{name}: {detail}")
    REVIEW_REFUSED = ("K070", "cannot {action} {target!r}: {reason}")
    # -- reading documents (K080–K089; the readers' R001–R010 before 0.x) --
    READ_FAILED = ("K080", "{name}: cannot read: {reason}")
    DOCUMENT_TOO_LARGE = ("K081", "{name}: {size:,} bytes is over the limit of {limit:,} "
                                  "(KIZUNA_MAX_FILE_BYTES)")
    DOCUMENT_EMPTY = ("K082", "{name}: the file is empty")
    DOCUMENT_TYPE_UNKNOWN = ("K083", "{name}: unsupported file type; kizuna reads {suffixes}")
    DOCUMENT_NO_TEXT = ("K084", "{name}: no text could be extracted")
    DOCUMENT_BINARY = ("K085", "{name}: binary data (NUL characters), not text")
    DOCUMENT_UNDECODABLE = ("K086", "{name}: {reason}")
    PDF_ENCRYPTED = ("K087", "{name}: the PDF is encrypted")
    PDF_CORRUPT = ("K088", "{name}: corrupt PDF: {reason}")
    DOCUMENT_MISLABELLED = ("K089", "{name}: the content is {actual}, not what the name "
                                    "{suffix!r} says; rename it or convert it")
    EXTRACTION_FAILED = ("K090", "{name}: extraction failed: {reason}")
    LIST_UNREADABLE = ("K101", "cannot read list file {path}: {reason}")
    LIST_MALFORMED = ("K102", "list file {path}, {where}: {reason}; nothing was loaded")
    LIST_FORMAT_UNKNOWN = ("K103", "cannot tell the format of list file {path}; give --format "
                                   "(one of {choices})")
    LIST_FETCH_FAILED = ("K104", "cannot fetch list {name!r} from {url}: {reason}")
    UNKNOWN_LIST = ("K105", "no list is known as {name!r}; choose one of {choices}")
    SCREEN_INPUT_INVALID = ("K106", "screening input {path}: {reason}")
    NO_LISTS = ("K107", "no restricted-party lists are loaded; run `kizuna lists load PATH` or "
                        "pass --list PATH")
    ASSESS_INVALID = ("K108", "cannot assess: {reason}")
    RULES_INVALID = ("K109", "rules file {path}: {reason}")
    # -- reliability: background jobs, strict screening input (K300–K319) --
    UNKNOWN_JOB = ("K300", "no job has the id {job_id!r} (jobs are kept in memory only, until "
                           "the server restarts)")
    JOB_QUEUE_FULL = ("K301", "the ingest queue is full ({waiting} uploads waiting); try again "
                              "in a minute")
    JOB_FAILED = ("K302", "the job failed unexpectedly: {reason}")
    SCREEN_CSV_MALFORMED = ("K310", "screening input {path}, line {line}: {problem}; nothing was "
                                    "screened (--lenient skips such lines with a warning)")
    SCREEN_INPUT_UNDECODABLE = ("K311", "screening input {path}: {reason}")
    # -- cables: submarine-cable resilience (K220–K239) --
    CABLES_UNREADABLE = ("K220", "cable data {path}: {reason}; nothing was loaded")
    CABLES_MALFORMED = ("K221", "cable data {path}, line {line}: {problem}; nothing was loaded")
    CABLES_INCONSISTENT = ("K222", "cable data {path}, line {line}: {problem}; nothing was "
                                   "loaded")
    CABLES_NOT_LOADED = ("K223", "no submarine-cable data is loaded; run `kizuna cables load DIR`")
    UNKNOWN_CABLE_COUNTRY = ("K224", "no country with landing points is called {query!r}{hint}")
    UNKNOWN_CABLE = ("K225", "no cable has the slug {query!r}{hint}")
    UNKNOWN_LANDING_POINT = ("K226", "no landing point has the slug {query!r}{hint}")
    BAD_CUT = ("K227", "bad cut {option}={value!r}: {reason}")
    CABLES_CONFIG_INVALID = ("K228", "cable configuration file {path}: {problem}")
    # -- supply chains (K200–K219) --
    SUPPLY_UNREADABLE = ("K200", "cannot read supply-chain file {path}: {reason}")
    SUPPLY_MALFORMED = ("K201", "supply-chain file {path}, line {line}: {reason}; nothing was "
                                "loaded")
    SUPPLY_NOT_LOADED = ("K202", "no supply chain {name}is loaded; run `kizuna supply-chain load "
                                 "DIR`")
    SUPPLY_UNKNOWN_PROVIDER = ("K203", "no country or firm of chain {chain!r} matches {query!r}"
                                       "{hint}")
    SUPPLY_BAD_OPTION = ("K205", "bad option {name}={value!r}: {reason}")

    # -- priorities: shared priorities, catalyst funding, partners (K240–K259) --
    WEIGHTS_UNREADABLE = ("K240", "weights file {path}: {reason}")
    WEIGHTS_INVALID = ("K241", "weights file {path}, line {line}: {problem}")
    INDICATORS_UNREADABLE = ("K242", "research indicators {path}: {reason}")
    INDICATORS_MALFORMED = ("K243", "research indicators {path}, line {line}: {problem}")
    UNKNOWN_TECHNOLOGY = ("K244", "no technology of the taxonomy is called {query!r}{hint}")
    BAD_FUNDING_INPUT = ("K245", "bad funding input {option}={value!r}: {reason}")
    FUNDING_INFEASIBLE = ("K246", "no allocation satisfies the constraints: {conflict} conflict "
                                  "({detail}); relax one of them")
    FUNDING_SOLVER_FAILED = ("K247", "the HiGHS solver failed: {reason}")
    NO_PRIORITIES = ("K248", "no technology has any collaboration to score; load data first "
                             "(`kizuna load-starter`)")
    ORG_WITHOUT_COLLABORATIONS = ("K249", "organization {org!r} has no collaboration in the graph "
                                          "to suggest partners from")
    INVESTMENTS_UNREADABLE = ("K250", "investment data {path}: {reason}")
    INVESTMENTS_MALFORMED = ("K251", "investment data {path}, line {line}: {problem}")
    BAD_PARTNER_OPTION = ("K252", "bad partner option {option}={value!r}: {reason}")
    BAD_WEIGHTS = ("K253", "bad priority weights {source}: {problem}")
    # -- extraction: training and measuring on a corpus (K400–K419) --
    CORPUS_UNREADABLE = ("K400", "corpus {path}: {problem}")
    CORPUS_BLIND = ("K401", "{path}: a blind part is scored once, by the lead, and never trained "
                            "on")
    WEIGHTS_UNWRITABLE = ("K402", "cannot write relation weights to {path}: {reason}")
    TRAINING_UNAVAILABLE = ("K403", "training needs scikit-learn ({reason}); install kizuna's "
                                    "[train] extra")
    # -- briefs and what a newcomer meets (K260–K279) --
    NOTHING_TO_SCREEN = ("K260", "nothing to screen: give names, CSV files with a `name` column, "
                                 "or --kb for the knowledge base's organizations")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def template(self) -> str:
        return self.value[1]

    @property
    def status(self) -> int:
        """The HTTP status this error answers with (400 unless :data:`STATUS` says otherwise)."""
        return STATUS.get(self, 400)


#: The HTTP status of each error that is not a plain bad request (400). Kept apart from the
#: templates so that adding an error is one line in ``E`` and, when it is not a 400, one here.
STATUS: dict[E, int] = {
    E.DB_UNREADABLE: 503, E.DB_NOT_INITIALISED: 503, E.DB_NEWER_SCHEMA: 503,
    E.DB_OLDER_SCHEMA: 503,
    E.UNKNOWN_ORG: 404, E.UNKNOWN_COLLAB: 404, E.NOT_FOUND: 404,
    E.BAD_FILTER: 422, E.BAD_FORMAT: 422,
    E.DOCUMENT_TOO_LARGE: 413, E.EXTRACTION_FAILED: 500,
    E.UNKNOWN_JOB: 404, E.JOB_QUEUE_FULL: 503, E.JOB_FAILED: 500,
    E.SUPPLY_NOT_LOADED: 404, E.SUPPLY_UNKNOWN_PROVIDER: 422, E.SUPPLY_BAD_OPTION: 422,
    E.CABLES_NOT_LOADED: 404, E.UNKNOWN_CABLE_COUNTRY: 404, E.UNKNOWN_CABLE: 404,
    E.UNKNOWN_LANDING_POINT: 404, E.BAD_CUT: 422,
    E.UNKNOWN_TECHNOLOGY: 422, E.BAD_FUNDING_INPUT: 422, E.FUNDING_INFEASIBLE: 422,
    E.FUNDING_SOLVER_FAILED: 500, E.NO_PRIORITIES: 404, E.ORG_WITHOUT_COLLABORATIONS: 404,
    E.BAD_PARTNER_OPTION: 422, E.BAD_WEIGHTS: 422,
}


class KizunaError(Exception):
    """An error meant for the user: one line, with a stable code, never a traceback."""

    def __init__(self, error: E, **fields: object) -> None:
        self.error = error
        self.fields = fields
        #: The sentence without its code (what the web shows next to the code).
        self.message = error.template.format(**fields)
        super().__init__(f"{error.code}: {self.message}")

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def status(self) -> int:
        return self.error.status


class ReadError(KizunaError):
    """A document that cannot be read (K080–K089); ``name`` is the file, as the user gave it."""

    def __init__(self, error: E, name: str, **fields: object) -> None:
        self.name = name
        super().__init__(error, name=name, **fields)


__all__ = ["STATUS", "E", "KizunaError", "ReadError"]
