"""Every error kizuna reports to a user, numbered, in one place.

The numbers are stable so that a message can be looked up in the docs and searched for in logs
(the spaCy habit). Raise with ``KizunaError(E.UNKNOWN_ORG, name=...)``.
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
    BAD_FILTER = ("K020", "bad filter {name}={value!r}: {reason}")
    BAD_FORMAT = ("K021", "unknown format {value!r}; choose one of {choices}")
    STARTER_INVALID = ("K030", "starter knowledge base file {path}: {reason}")
    SETTING_INVALID = ("K040", "setting {name}={value!r} is invalid: {reason}")
    OUTPUT_UNWRITABLE = ("K050", "cannot write {path}: {reason}")
    PATH_MISSING = ("K051", "no such file or folder: {path}")
    DOCUMENT_UNREADABLE = ("K060", "{detail}")
    REVIEW_REFUSED = ("K070", "cannot {action} {target!r}: {reason}")
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
    SUPPLY_UNKNOWN_INPUT = ("K204", "no input or stage of chain {chain!r} has the id {query!r}")
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

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def template(self) -> str:
        return self.value[1]


class KizunaError(Exception):
    """An error meant for the user: one line, with a stable code, never a traceback."""

    def __init__(self, error: E, **fields: object) -> None:
        self.error = error
        self.fields = fields
        super().__init__(f"{error.code}: {error.template.format(**fields)}")

    @property
    def code(self) -> str:
        return self.error.code
