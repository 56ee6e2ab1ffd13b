"""The files `partreg init` writes: a documented policy, one commented example of each record,
the pre-commit hook, the JSON Schemas and a README for the council's officers."""

from __future__ import annotations

from datetime import date

from partreg.model.json_schema import KINDS
from partreg.model.policy import Policy
from partreg.render.skeletons import Skeleton, modeline, schema_json, schema_path
from partreg.render.yaml_text import plain_or_quoted


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
    principles = "".join(
        f"  - id: {plain_or_quoted(p.id)}\n    title: {plain_or_quoted(p.title)}\n" for p in policy.principles
    )
    standard = policy.minimum_standard
    return modeline("register/policy.yaml", "policy") + _POLICY.format(
        council=plain_or_quoted(policy.council),
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
