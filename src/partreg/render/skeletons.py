"""The text of the files `partreg new` writes (and `partreg init`, in render/starter.py): documented,
commented, valid.

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

from partreg.load.layout import partnership_path
from partreg.load.spreadsheet import yes_or_no
from partreg.model.json_schema import schema_for
from partreg.model.policy import Principle
from partreg.render.yaml_text import comment_line, plain_or_quoted, quote

SCHEMA_DIR = "schemas"
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


def schema_path(kind: str) -> str:
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def schema_json(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(path: str, kind: str) -> str:
    """The editor's pointer to the schema, relative to the file at `path` (from the register root)."""
    return f"# yaml-language-server: $schema={'../' * path.count('/')}{schema_path(kind)}\n"


def partnership_skeleton(pid: str, name: str, lead_officer: str, *, statutory: bool, significant: bool) -> Skeleton:
    path = partnership_path(pid)
    body = _PARTNERSHIP.format(
        id=plain_or_quoted(pid),
        name=plain_or_quoted(name),
        statutory=yes_or_no(statutory),
        significant=yes_or_no(significant),
        lead_officer=plain_or_quoted(lead_officer),
    )
    return Skeleton(path, modeline(path, "partnership") + body)


def assessment_skeleton(partnership: str, year: int, principles: list[Principle]) -> Skeleton:
    path = f"register/assessments/{year}/{partnership}.yaml"
    notes = "    rating:  # green, amber or red\n    evidence:  # what shows it\n"
    rated = "".join(f"  {plain_or_quoted(p.id)}:  {comment_line(p.title)}\n{notes}" for p in principles)
    body = _ASSESSMENT.format(partnership=plain_or_quoted(partnership), year=year, principles=rated)
    return Skeleton(path, modeline(path, "assessment") + body)


def plan_skeleton(plan_id: str, partnership: str | None, first: FirstAction) -> Skeleton:
    path = f"register/actions/{plan_id}.yaml"
    body = _PLAN.format(
        id=plain_or_quoted(plan_id),
        partnership=f"partnership: {plain_or_quoted(partnership)}" if partnership else "partnership:",
        action_id=quote(first.id),  # quoted: `1` is text to partreg, a number to other YAML readers
        action=plain_or_quoted(first.action),
        owner=plain_or_quoted(first.owner),
        target=_target(first.target),
    )
    return Skeleton(path, modeline(path, "plan") + body)


def _target(text: str) -> str:
    """A date or `ongoing` unquoted, as officers write them; anything else quoted, for the check to judge."""
    return text if _ISO_DATE.fullmatch(text) or text == "ongoing" else plain_or_quoted(text)


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
