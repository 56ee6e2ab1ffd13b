"""The text of the files `partreg init` and `partreg new` write: documented, commented, valid.

Lead officers are not YAML experts, so every file says what each field means in a comment,
and opens with a `yaml-language-server` modeline: an editor with YAML support then checks and
completes it against `schemas/<kind>.schema.json`, which `partreg init` writes beside `register/`.
Fields that are not filled in yet are written empty: an empty value means "not given"
(FORMAT.md), so the file is valid at once and the officer only types after the colon.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from partreg.model.json_schema import KINDS, schema_for
from partreg.model.policy import Policy, Principle

SCHEMA_DIR = "schemas"
# Plain (unquoted) text a human would write: no YAML indicator can start it or hide inside it.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()&/%£-]*")
# Words YAML readers other than partreg take as booleans or nulls: quoted, so every tool reads text.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A file to write: its path relative to the register root, with `/`, and its text."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class FirstAction:
    """The first action of a new plan; a plan needs at least one (FORMAT.md, "Action plan")."""

    id: str
    action: str
    owner: str
    target: str  # YYYY-MM-DD or `ongoing`, as the officer typed it


def scalar(text: str) -> str:
    """`text` as a YAML value that every YAML reader takes as that exact text."""
    if _PLAIN.fullmatch(text) and text == text.rstrip() and text.lower() not in _YAML_WORDS:
        return text
    # JSON strings are YAML double-quoted strings; line breaks and unprintable characters are escaped.
    return "".join(char if _printable(char) else f"\\u{ord(char):04x}" for char in json.dumps(text, ensure_ascii=False))


def _printable(char: str) -> bool:
    code = ord(char)
    if code in (0x2028, 0x2029, 0xFEFF):  # YAML reads the first two as line breaks, even in quotes
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def schema_path(kind: str) -> str:
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def schema_json(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(path: str, kind: str) -> str:
    """The editor's pointer to the schema, relative to the file at `path` (from the register root)."""
    return f"# yaml-language-server: $schema={'../' * path.count('/')}{schema_path(kind)}\n"


# --- partreg new ------------------------------------------------------------------------


def partnership_skeleton(pid: str, name: str, lead_officer: str, *, statutory: bool, significant: bool) -> Skeleton:
    path = f"register/partnerships/{pid}.yaml"
    body = _PARTNERSHIP.format(
        id=scalar(pid),
        name=scalar(name),
        statutory=yes_no(statutory),
        significant=yes_no(significant),
        lead_officer=scalar(lead_officer),
    )
    return Skeleton(path, modeline(path, "partnership") + body)


def assessment_skeleton(partnership: str, year: int, principles: list[Principle]) -> Skeleton:
    path = f"register/assessments/{year}/{partnership}.yaml"
    notes = "    rating:  # green, amber or red\n    evidence:  # what shows it\n"
    rated = "".join(f"  {scalar(p.id)}:  # {_one_line(p.title)}\n{notes}" for p in principles)
    body = _ASSESSMENT.format(partnership=scalar(partnership), year=year, principles=rated)
    return Skeleton(path, modeline(path, "assessment") + body)


def plan_skeleton(plan_id: str, partnership: str | None, first: FirstAction) -> Skeleton:
    path = f"register/actions/{plan_id}.yaml"
    body = _PLAN.format(
        id=scalar(plan_id),
        partnership=f"partnership: {scalar(partnership)}" if partnership else "partnership:",
        action_id=json.dumps(first.id),  # quoted: `1` is text to partreg, a number to other YAML readers
        action=scalar(first.action),
        owner=scalar(first.owner),
        target=_target(first.target),
    )
    return Skeleton(path, modeline(path, "plan") + body)


def _target(text: str) -> str:
    """A date or `ongoing` unquoted, as officers write them; anything else quoted, for the check to judge."""
    return text if _ISO_DATE.fullmatch(text) or text == "ongoing" else scalar(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


_PARTNERSHIP = """\
# One entry in the partnership register (FORMAT.md, "Partnership"). Fill in what you know and
# leave the rest empty: an empty value means "not given". Check the file with `partreg validate`.
id: {id}  # equals the file name: lower-case letters, digits and single hyphens
name: {name}  # as the council's papers name it
status: active  # proposed, active, under-review, dissolved or withdrawn
purpose:  # its aims and objectives
form:  # legal form: board, company limited by guarantee, Section 75 agreement, service level agreement
statutory: {statutory}  # is the partnership required by law? yes or no
statutory_basis:  # the Act or duty that requires it
significant: {significant}  # is it significant to the council's strategic aims? yes or no
partners:  # the other organisations, one `- name` line each
lead_officer: {lead_officer}  # the council's lead officer
accountable_director:  # the strategic director or LMT lead accountable for it
representatives:  # who attends for the council; an empty list `[]` means nobody does. For example:
#   - name: Cllr B Jones
#     role: member  # officer or member
#     position: Vice-chair
priorities:  # the council priorities it contributes to, one `- priority` line each
start_date:  # dates are written YYYY-MM-DD, e.g. 2024-04-01
end_date:  # when it ended, or is due to end
review_date:  # when the council next reviews it; a date that has passed is a warning
resources:
  officer_hours_per_month:  # hours a month the council's officers give it
  financial_contribution:  # pounds a year: 8000, or "£8,000"
  estimate:  # yes when the figures above are rough estimates
risk:  # risk to the council; the score is likelihood × impact
  likelihood:  # 1 (rare) to 5 (almost certain)
  impact:  # 1 (minor) to 5 (severe)
  level:  # high, medium or low; leave empty to take it from the score
value:  # value to the council: high, medium or low
recommendation:
  action:  # increase, maintain, review, reduce or withdraw the council's resources
  rationale:  # why
documents:  # evidence of the minimum standard in policy.yaml, one entry per document. For example:
#   terms_of_reference:
#     held: yes
#     date: 2024-04-01
#     reference: Terms of reference v2
tags:  # free grouping, one `- tag` line each (lower-case words joined by hyphens)
custom:  # the council's own fields: anything under here is kept and not checked
"""

_ASSESSMENT = """\
# The annual self-assessment of one partnership for one register year (FORMAT.md, "Annual
# assessment"). Fill in what you know and leave the rest empty: an empty value means "not given".
# Ratings are green, amber or red. Check the file with `partreg validate`.
partnership: {partnership}  # the partnership's id; equals the file name
year: {year}  # the register year; equals the folder name
period:  # the period assessed, e.g. "2023/24"
assessed_on:  # YYYY-MM-DD
assessed_by:  # usually the lead officer
principles:  # a rating and its evidence for each principle in policy.yaml
{principles}governance:
  rating:  # the declared rating; leave empty to use the one computed from the principles and documents
  reason:  # why a declared rating differs from the computed one
performance:
  kpis:  # one entry per KPI; `kpis: []` says no KPIs are in place. For example:
#   - name: Repeat victims contacted within 48 hours
#     target: 90
#     actual: 92
#     unit: "%"
#     higher_is_better: yes
  rating:  # the declared rating; leave empty to use the one computed from the KPIs
  reason:  # why, e.g. KPIs on target but an inspection judged the service inadequate
issue:  # required when governance or performance is amber or red: what the committee is told
achievements:  # key achievements in the year, one `- achievement` line each
value_for_money:
  rating:  # high, medium or low
  finding:  # what the council found
custom:  # the council's own fields: anything under here is kept and not checked
"""

_PLAN = """\
# An action plan (FORMAT.md, "Action plan"): what will be done, by whom and by when.
# Copy the `- id:` block for each further action. Check the file with `partreg validate`.
id: {id}  # equals the file name
{partnership}  # the partnership the plan is for; empty for a council-wide plan
title:  # e.g. 2024/25 improvement plan
actions:  # at least one
  - id: {action_id}  # unique in this plan: 1, 2, 3 or a, b, c
    issue:  # what is wrong
    action: {action}  # what will be done
    owner: {owner}  # the responsible officer
    raised:  # when it was agreed, YYYY-MM-DD
    start:  # for project-plan tasks, YYYY-MM-DD
    target: {target}  # YYYY-MM-DD, or ongoing
    status: planned  # planned, in-progress, complete or cancelled
    completed:  # YYYY-MM-DD; required when the status is complete
    updates:  # dated progress reports, oldest first. For example:
#     - date: 2024-06-30
#       text: Draft circulated to partners for comment
custom:  # the council's own fields: anything under here is kept and not checked
"""


# --- partreg init -----------------------------------------------------------------------


def init_files(today: date) -> list[Skeleton]:
    """Every file of a new register repository, examples dated around `today` so none is overdue."""
    files = [
        Skeleton("register/policy.yaml", policy_text(Policy())),
        _example("register/partnerships/safer-streets.yaml", "partnership", _EXAMPLE_PARTNERSHIP, today),
        _example(f"register/assessments/{today.year}/safer-streets.yaml", "assessment", _EXAMPLE_ASSESSMENT, today),
        _example("register/actions/safer-streets.yaml", "plan", _EXAMPLE_PLAN, today),
        Skeleton(".pre-commit-config.yaml", _PRE_COMMIT),
        Skeleton("README.md", _README),
    ]
    return files + [Skeleton(schema_path(kind), schema_json(kind)) for kind in KINDS]


def _example(path: str, kind: str, template: str, today: date) -> Skeleton:
    text = template.format(
        today=today.isoformat(),
        year=today.year,
        period=f"{today.year - 1}/{today.year % 100:02d}",
        next_year_end=date(today.year + 1, 3, 31).isoformat(),
    )
    return Skeleton(path, modeline(path, kind) + text)


def policy_text(policy: Policy) -> str:
    """policy.yaml with every setting written out and explained; here, partreg's defaults."""
    principles = "".join(f"  - id: {scalar(p.id)}\n    title: {scalar(p.title)}\n" for p in policy.principles)
    standard = policy.minimum_standard
    return modeline("register/policy.yaml", "policy") + _POLICY.format(
        council=scalar(policy.council),
        principles=principles,
        significant="".join(f"    - {kind}\n" for kind in standard.significant),
        other="".join(f"    - {kind}\n" for kind in standard.other),
        performance=policy.rag.performance,
        actions=policy.rag.actions,
        risk=policy.risk,
        review=policy.review,
    )


_POLICY = """\
# The council's policy for its partnership register (FORMAT.md, "Policy").
# Every setting below is partreg's default, written out so you can see it. Change what differs
# for your council; a setting you delete goes back to its default. Check with `partreg validate`.

council: {council}  # the council's name, as reports print it

# The principles each annual self-assessment rates, under `principles.<id>` (Middlesbrough
# Council, Audit Committee, 14 December 2023, para 8).
principles:
{principles}
# The minimum standard: the documents a partnership must hold, by tier. A required document
# recorded as `held: no` in a partnership's `documents:` makes its governance at least amber.
# Kinds: business_case, partnership_agreement, terms_of_reference, risk_register,
# performance_framework, exit_strategy, data_sharing_agreement, equality_impact_assessment,
# financial_protocol, code_of_conduct.
minimum_standard:
  significant:  # required of a significant partnership
{significant}  other:  # required of every other partnership
{other}
rag:
  performance:  # from the share of an assessment's KPIs that are on target
    green_at: {performance.green_at}  # this share or more on target: green
    amber_at: {performance.amber_at}  # this share or more: amber; less: red
    no_kpis: {performance.no_kpis}  # the rating when an assessment says `kpis: []` (no KPIs in place)
  actions:
    due_soon_days: {actions.due_soon_days}  # an open action whose target is this many days away or fewer is due soon

risk:  # the risk score is likelihood × impact, each 1 to 5
  high_at: {risk.high_at}  # a score this high or higher: high risk
  medium_at: {risk.medium_at}  # this high or higher: medium; lower: low

review:  # an active significant partnership whose latest assessment is older gets a warning
  max_age_months: {review.max_age_months}  # how old, in months
"""

_EXAMPLE_PARTNERSHIP = """\
# An EXAMPLE register entry, to show the format: replace it with your own partnerships and delete
# it (with its assessment and action plan). `partreg new partnership` starts a new entry.
id: safer-streets  # equals the file name: lower-case letters, digits and single hyphens
name: Safer Streets Board (example)
status: active  # proposed, active, under-review, dissolved or withdrawn
purpose: Reduce crime and antisocial behaviour in the town centre.
form: board  # legal form: board, company limited by guarantee, Section 75 agreement, ...
statutory: yes  # required by law? yes or no (y/n and true/false also work)
statutory_basis: Crime and Disorder Act 1998, section 5
significant: yes  # significant to the council's strategic aims?
partners:
  - Police
  - Fire and Rescue Service
  - Probation Service
lead_officer: A Smith, Head of Community Safety
accountable_director: Director of Environment and Communities
representatives:  # who attends for the council
  - name: Cllr B Jones
    role: member  # officer or member
    position: Vice-chair
  - name: A Smith
    role: officer
priorities:
  - A safer town
start_date: 2019-04-01  # dates are YYYY-MM-DD
review_date: {next_year_end}  # a review date that has passed is a warning
resources:
  officer_hours_per_month: 16
  financial_contribution: "£8,000"  # pounds a year: 8000 and "£8,000" both work
  estimate: yes  # the figures are rough estimates
risk:
  likelihood: 2  # 1 to 5
  impact: 4  # 1 to 5; score = likelihood × impact; the level (high, medium, low) comes from policy.yaml
value: high  # value to the council: high, medium or low
recommendation:
  action: maintain  # increase, maintain, review, reduce or withdraw
  rationale: Statutory, and good value for the hours given.
documents:  # evidence of the minimum standard in policy.yaml; `held: no` makes governance amber
  partnership_agreement:
    held: yes
    date: 2019-04-01
  terms_of_reference:
    held: yes
    date: 2023-05-10
    reference: Terms of reference v3
  risk_register:
    held: yes
tags:
  - community-safety
custom:  # your own fields go under custom: they are kept and not checked
  committee_clerk: C Brown
"""

_EXAMPLE_ASSESSMENT = """\
# An EXAMPLE annual self-assessment (for the example partnership): one file per partnership per
# register year, in assessments/<year>/<partnership id>.yaml. `partreg new assessment` starts one.
partnership: safer-streets  # the partnership's id; equals the file name
year: {year}  # the register year; equals the folder name
period: "{period}"
assessed_on: {today}
assessed_by: A Smith
principles:  # rated green, amber or red, one per principle in policy.yaml
  A:
    rating: green
    evidence: Members and officers follow the board's code of conduct.
  B:
    rating: green
  C:
    rating: green
  D:
    rating: green
  E:
    rating: green
  F:
    rating: green
    evidence: A risk register is reviewed at every meeting.
  G:
    rating: green
# Governance is computed: the worst principle rating, or amber when a required document is not
# held. Declare `governance: {{rating: ..., reason: ...}}` only to overrule it, with the reason.
performance:
  kpis:  # performance is computed from the share of KPIs on target
    - name: Repeat victims contacted within 48 hours
      target: 90
      actual: 94
      unit: "%"
    - name: Reports of antisocial behaviour
      target: 1200
      actual: 1150
      higher_is_better: no
# An `issue:` is needed when governance or performance is amber or red.
achievements:
  - Town centre night-time economy plan agreed with partners.
value_for_money:
  rating: high  # high, medium or low
  finding: Outcomes achieved for a modest officer commitment.
"""

_EXAMPLE_PLAN = """\
# An EXAMPLE action plan: what will be done, by whom and by when. `partreg new plan` starts one.
id: safer-streets  # equals the file name
partnership: safer-streets  # leave out for a council-wide plan
title: Governance improvements
actions:
  - id: "1"  # unique in this plan; the action's full name is safer-streets#1
    issue: The data sharing agreement has lapsed.
    action: Renew the data sharing agreement with all partners.
    owner: A Smith
    raised: {today}
    target: {next_year_end}  # YYYY-MM-DD, or ongoing
    status: in-progress  # planned, in-progress, complete or cancelled
    updates:  # dated progress reports, oldest first
      - date: {today}
        text: Draft agreement circulated to partners.
  - id: "2"
    action: Report the board's performance to the Audit Committee each year.
    owner: Director of Environment and Communities
    target: ongoing
"""

_PRE_COMMIT = """\
# pre-commit: check the register before each commit (https://pre-commit.com).
# Run once in this folder:
#
#   pip install pre-commit
#   pre-commit install
#
# Then each `git commit` runs partreg's `partreg-validate` hook on the register files it
# touches, read with the files they refer to. An error stops the commit; warnings alone do not.
# `pre-commit run partreg-validate --all-files` checks the whole register.
#
# This runs the partreg installed on your computer. To pin a partreg release instead, replace
# the `local` repository with partreg's own, and run `pre-commit autoupdate`:
#
#   - repo: https://github.com/<owner>/partreg  # the partreg Git URL
#     rev: v0.1.0
#     hooks:
#       - id: partreg-validate
repos:
  - repo: local
    hooks:
      - id: partreg-validate
        name: partreg validate
        entry: partreg validate
        language: system
        files: ^register/.*\\.ya?ml$
        pass_filenames: true
        require_serial: true
"""

_README = """\
# Partnership register

This repository is the council's **partnership register**: one small text file for each
partnership the council is in, for each annual self-assessment and for each action plan. The
files are checked by partreg, which also makes the Audit Committee papers from them. Every
change is kept in Git, so you can always see who changed what, when and why.

## Where things are

| folder | what it holds |
|---|---|
| `register/policy.yaml` | the council's policy: its name, the principles, the minimum standard, the RAG thresholds |
| `register/partnerships/<id>.yaml` | one entry per partnership |
| `register/assessments/<year>/<id>.yaml` | each partnership's annual self-assessment |
| `register/actions/<plan-id>.yaml` | action plans |
| `schemas/` | what each file may hold, for your editor; refresh with `partreg schema --force` |

The `safer-streets` files are examples: read them to see the format, then delete them.

## Adding and changing records

Start a new record with a command; it writes a file with a note against every field:

```sh
partreg new partnership --id healthy-towns --name "Healthy Towns Partnership" \\
    --lead-officer "A Smith" --not-statutory --significant
partreg new assessment --partnership healthy-towns --year 2024
partreg new plan --id healthy-towns --partnership healthy-towns \\
    --action "Renew the data sharing agreement" --owner "A Smith" --target 2025-03-31
```

Then fill in the file. A few rules:

- Write `field: value`, one per line; indent the lines that belong under a field with two spaces.
- Dates are written `YYYY-MM-DD`, for example `2024-03-31`.
- Yes/no fields take `yes` or `no`. Money is `8000` or `"£8,000"`.
- Leave a value empty when you do not know it. Put the council's own fields under `custom:`.

Editors such as Visual Studio Code with the YAML extension check each file as you type, using the
first line of the file, which points to the schema in `schemas/`.

## Checking your work

```sh
partreg validate
```

lists every problem with the file, line and column, and what to write instead. Nothing is
published with errors in it. To check each commit automatically, run `pre-commit install` once
(see `.pre-commit-config.yaml`).

## Reports

```sh
partreg status                 # the committee's table of ratings
partreg report --year 2024     # the annual assurance report, as a Word document
```

`partreg --help` lists every command.
"""
