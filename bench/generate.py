"""Write a synthetic, valid partnership register for benchmarking.

    python bench/generate.py OUT_DIR --partnerships 5000 [--seed 1] [--year 2023]

OUT_DIR becomes a register root: it gets `register/policy.yaml` and, per partnership,
one entry, one assessment for `--year` and one action plan (FORMAT.md, "Layout").
Every partnership field of FORMAT.md appears somewhere in the set, every rating is
green and every date that lint compares with today is in the future, so a correct
validator has nothing to report. Files are written from string templates rather than
`yaml.dump`: 15,000 files must take seconds, and the text should look hand-written.
The output depends only on the arguments (one `random.Random(seed)`).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

# Middlesbrough, Audit Committee 14 Dec 2023, §8: the seven principles the register assesses.
PRINCIPLES = (
    ("A", "Behaving with integrity, demonstrating strong commitment to ethical values and respecting the rule of law"),
    ("B", "Ensuring openness and comprehensive stakeholder engagement"),
    ("C", "Defining outcomes in terms of sustainable economic, social and environmental benefits"),
    ("D", "Determining the interventions necessary to optimise the achievement of the intended outcomes"),
    (
        "E",
        "Developing the partnership's capacity, including the capability of its leadership "
        "and the individuals within it",
    ),
    ("F", "Managing risks and performance through robust internal control and strong public financial management"),
    ("G", "Implementing good practices in transparency, reporting, and audit to deliver effective accountability"),
)
SIGNIFICANT_DOCUMENTS = (
    "business_case",
    "partnership_agreement",
    "terms_of_reference",
    "risk_register",
    "performance_framework",
    "exit_strategy",
)
OPTIONAL_DOCUMENTS = ("data_sharing_agreement", "equality_impact_assessment", "financial_protocol", "code_of_conduct")

# Vocabulary. No entry contains ": ", " #" or a leading YAML indicator, so every one is
# safe as a plain scalar and the templates need no escaping.
PLACES = ("Tees Valley", "South Tees", "Teesside", "Cleveland", "North East", "Middlesbrough", "Redcar", "Stockton")
TOPICS = (
    ("Community Safety", "community-safety"),
    ("Health and Wellbeing", "health"),
    ("Safeguarding Adults", "safeguarding"),
    ("Children's Services", "children"),
    ("Economic Growth", "economy"),
    ("Climate Action", "environment"),
    ("Housing", "housing"),
    ("Skills and Employment", "skills"),
    ("Transport", "transport"),
    ("Culture and Leisure", "culture"),
)
KINDS = ("Partnership", "Board", "Forum", "Trust", "Alliance", "Executive Group")
FORMS = ("board", "company limited by guarantee", "Section 75 agreement", "service level agreement", "joint committee")
STATUTES = (
    "Crime and Disorder Act 1998, s.5",
    "Care Act 2014, s.43",
    "Health and Social Care Act 2012, s.194",
    "Children Act 2004, s.10",
    "Civil Contingencies Act 2004",
)
PARTNERS = (
    "Cleveland Police",
    "NHS Tees Valley ICB",
    "Cleveland Fire Brigade",
    "Thirteen Housing Group",
    "Teesside University",
    "Redcar and Cleveland Council",
    "Stockton-on-Tees Borough Council",
    "Tees Valley Combined Authority",
    "Environment Agency",
    "Department for Work and Pensions",
    "South Tees Hospitals NHS Foundation Trust",
    "Probation Service",
)
FIRST_NAMES = (
    "Amina",
    "Ben",
    "Claire",
    "David",
    "Eleanor",
    "Farhan",
    "Grace",
    "Harry",
    "Imran",
    "Joanne",
    "Kieran",
    "Laura",
    "Mohammed",
    "Nicola",
    "Owen",
    "Priya",
    "Rachel",
    "Stephen",
    "Tariq",
    "Yvonne",
)
SURNAMES = (
    "Ahmed",
    "Bell",
    "Carter",
    "Dixon",
    "Evans",
    "Foster",
    "Graham",
    "Hussain",
    "Jackson",
    "Khan",
    "Lambert",
    "Morgan",
    "Nolan",
    "Patel",
    "Robson",
    "Shaw",
    "Turner",
    "Walker",
    "Young",
)
OFFICER_POSITIONS = (
    "Head of Partnerships",
    "Community Safety Manager",
    "Public Health Consultant",
    "Head of Economic Growth",
    "Strategic Housing Manager",
    "Climate Officer",
)
MEMBER_POSITIONS = (
    "Executive Member for Adult Social Care",
    "Executive Member for Children's Services",
    "Executive Member for Regeneration",
    "Chair of Overview and Scrutiny",
)
DIRECTORS = (
    "Director of Environment and Communities",
    "Director of Adult Social Care and Health Integration",
    "Director of Children's Services",
    "Director of Regeneration",
    "Director of Public Health",
)
PRIORITIES = (
    "A successful and ambitious town",
    "A healthy place",
    "Safe and resilient communities",
    "Delivering best value",
    "Improving outcomes for children",
)
KPI_SPECS = (
    ("Cases reviewed within timescale", "%", 80, 100),
    ("Residents engaged", "people", 200, 2000),
    ("Actions delivered on schedule", "%", 70, 100),
    ("Repeat incidents reduced", "%", 5, 30),
    ("Jobs supported", "jobs", 50, 500),
    ("Homes brought back into use", "homes", 10, 120),
)
ACHIEVEMENTS = (
    "Published a refreshed strategy after consultation with residents",
    "Secured external funding for a two-year pilot",
    "Completed an independent governance review",
    "Launched a shared data dashboard for partners",
    "Delivered joint training for frontline staff",
)
ISSUES_AND_ACTIONS = (
    ("Terms of reference are due for their periodic refresh", "Refresh the terms of reference with all partners"),
    ("The risk register is not yet shared with every partner", "Circulate the risk register to all partners quarterly"),
    ("KPI reporting relies on one officer", "Train a second officer to produce the KPI report"),
    ("Exit strategy predates the current funding agreement", "Update the exit strategy to match the new agreement"),
    ("Member attendance at board meetings has been uneven", "Agree a substitute member for each meeting"),
)
LEVELS = ("high", "medium", "low")
# Shares of the set that carry an optional feature, so every field appears somewhere.
SHARE_STATUTORY = 0.4
SHARE_SIGNIFICANT = 0.6
SHARE_END_DATE = 0.2
SHARE_ESTIMATE = 0.5
SHARE_CUSTOM = 0.1
SHARE_OPTIONAL_DOCUMENT = 0.3
SHARE_DOCUMENT_REFERENCE = 0.5
MAX_PARTNERSHIPS = 99_999  # ids carry a five-digit suffix
# Harborough §4: the recommendation follows the value to the council.
RECOMMENDATIONS = {"high": ("increase", "maintain"), "medium": ("maintain", "review"), "low": ("review", "reduce")}


@dataclass(frozen=True)
class Dates:
    """The register year and the future year used for reviews and targets."""

    year: int
    future: int  # every date lint compares with "today" falls in this year, so none is overdue


def pick_date(rng: random.Random, year: int) -> str:
    # Day 1..28 is valid in every month, so no calendar arithmetic is needed.
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def bullet_list(items: list[str], indent: str = "  ") -> str:
    return "\n".join(f"{indent}- {item}" for item in items)


def partnership_name(rng: random.Random, index: int) -> tuple[str, str, str]:
    """Return (id, name, topic tag); the index suffix keeps ids unique whatever the draw."""
    place, (topic, tag), kind = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(KINDS)
    name = f"{place} {topic} {kind}"
    slug = "".join(c if c.isalnum() else " " for c in name.lower().replace("'", "")).split()
    return "-".join([*slug, f"{index:05d}"]), name, tag


def representatives(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 3)):
        role = rng.choice(("officer", "member"))
        position = rng.choice(OFFICER_POSITIONS if role == "officer" else MEMBER_POSITIONS)
        lines.append(f"  - name: {person(rng)}\n    role: {role}\n    position: {position}")
    return "\n".join(lines)


def documents(rng: random.Random, dates: Dates) -> str:
    # The six significant minimum-standard documents are always held, so no tier lacks one.
    kinds = list(SIGNIFICANT_DOCUMENTS) + [k for k in OPTIONAL_DOCUMENTS if rng.random() < SHARE_OPTIONAL_DOCUMENT]
    lines = []
    for kind in kinds:
        lines.append(
            f"  {kind}:\n    held: yes\n    date: {pick_date(rng, rng.randint(dates.year - 6, dates.year - 1))}"
        )
        if rng.random() < SHARE_DOCUMENT_REFERENCE:
            lines.append(f"    reference: DOC-{rng.randint(100, 9999)}")
    return "\n".join(lines)


def partnership_text(rng: random.Random, index: int, dates: Dates) -> tuple[str, str, str]:
    """Return (id, lead officer, YAML text) of one register entry."""
    pid, name, tag = partnership_name(rng, index)
    place, topic = rng.choice(PLACES), next(text for text, slug in TOPICS if slug == tag)
    statutory = rng.random() < SHARE_STATUTORY
    lead = person(rng)
    value = rng.choice(LEVELS)
    start_year = rng.randint(dates.year - 15, dates.year - 1)
    lines = [
        f"id: {pid}",
        f"name: {name}",
        "status: active",
        f"purpose: Coordinate {topic.lower()} work across {place} and share resources between partners",
        f"form: {rng.choice(FORMS)}",
        f"statutory: {yes_no(statutory)}",
    ]
    if statutory:
        lines.append(f"statutory_basis: {rng.choice(STATUTES)}")
    lines += [
        f"significant: {yes_no(rng.random() < SHARE_SIGNIFICANT)}",
        "partners:",
        bullet_list(rng.sample(PARTNERS, rng.randint(2, 5))),
        f"lead_officer: {lead}",
        f"accountable_director: {rng.choice(DIRECTORS)}",
        "representatives:",
        representatives(rng),
        "priorities:",
        bullet_list(rng.sample(PRIORITIES, rng.randint(1, 3))),
        f"start_date: {pick_date(rng, start_year)}",
    ]
    if rng.random() < SHARE_END_DATE:
        lines.append(f"end_date: {pick_date(rng, dates.future + 2)}")
    lines += [
        f"review_date: {pick_date(rng, dates.future)}",
        "resources:",
        f"  officer_hours_per_month: {rng.choice((4, 8, 12, 16, 24, 40))}",
        f'  financial_contribution: "£{rng.randint(1, 120) * 1000:,}"',
        f"  estimate: {yes_no(rng.random() < SHARE_ESTIMATE)}",
        "risk:",  # no declared level: it is computed from the score (FORMAT.md)
        f"  likelihood: {rng.randint(1, 5)}",
        f"  impact: {rng.randint(1, 5)}",
        f"value: {value}",
        "recommendation:",
        f"  action: {rng.choice(RECOMMENDATIONS[value])}",
        f"  rationale: The partnership delivers {value} value against the council's priorities",
        "documents:",
        documents(rng, dates),
        "tags:",
        bullet_list([tag, "statutory" if statutory else "discretionary"]),
    ]
    if rng.random() < SHARE_CUSTOM:
        lines += ["custom:", f'  cost_centre: "CC{rng.randint(1000, 9999)}"']
    return pid, lead, "\n".join(lines) + "\n"


def kpis(rng: random.Random) -> str:
    lines = []
    for name, unit, low, high in rng.sample(KPI_SPECS, 3):
        target = rng.randint(low, high)
        actual = target + rng.randint(0, max(1, target // 5))  # on target: actual >= target
        lines.append(
            f"    - name: {name}\n      target: {target}\n      actual: {actual}\n"
            f'      unit: "{unit}"\n      higher_is_better: yes'  # "%" cannot start a plain scalar
        )
    return "\n".join(lines)


def assessment_text(rng: random.Random, pid: str, lead: str, dates: Dates) -> str:
    """All green, so no `issue` is required (FORMAT.md, "Annual assessment")."""
    principles = "\n".join(
        f"  {key}:\n    rating: green\n    evidence: Reviewed at the annual board meeting; no concerns raised"
        for key, _ in PRINCIPLES
    )
    lines = [
        f"partnership: {pid}",
        f"year: {dates.year}",
        f'period: "{dates.year - 1}/{dates.year % 100:02d}"',
        f"assessed_on: {pick_date(rng, dates.year)}",
        f"assessed_by: {lead}",
        "principles:",
        principles,
        "governance:",
        "  rating: green",
        "performance:",
        "  kpis:",
        kpis(rng),
        "  rating: green",
        "achievements:",
        bullet_list(rng.sample(ACHIEVEMENTS, 2)),
        "value_for_money:",
        f"  rating: {rng.choice(LEVELS)}",
        "  finding: Costs are shared in proportion to benefit and reviewed each year",
    ]
    return "\n".join(lines) + "\n"


def action_plan_text(rng: random.Random, pid: str, lead: str, dates: Dates) -> str:
    """Three open actions with future targets, so none is overdue or due soon."""
    actions = []
    for number, (issue, action) in enumerate(rng.sample(ISSUES_AND_ACTIONS, 3), start=1):
        actions.append(
            f'  - id: "{number}"\n'
            f"    issue: {issue}\n"
            f"    action: {action}\n"
            f"    owner: {lead}\n"
            f"    raised: {dates.year}-01-10\n"
            f"    target: {pick_date(rng, dates.future)}\n"
            f"    status: {rng.choice(('planned', 'in-progress'))}\n"
            "    updates:\n"
            f"      - date: {dates.year}-03-{rng.randint(1, 28):02d}\n"
            "        text: Scoping agreed with partners\n"
            f"      - date: {dates.year}-09-{rng.randint(1, 28):02d}\n"
            "        text: Work under way and on track"
        )
    header = [
        f"id: {pid}",
        f"partnership: {pid}",
        f"title: {dates.year}/{(dates.year + 1) % 100:02d} improvement activity",
    ]
    return "\n".join([*header, "actions:", *actions]) + "\n"


def policy_text(dates: Dates) -> str:
    # The explicit settings equal the defaults, so the policy parser is exercised
    # without changing any rating.
    principles = "\n".join(f"  - id: {key}\n    title: {title}" for key, title in PRINCIPLES)
    return (
        "\n".join(
            [
                f"# Synthetic register for benchmarking, year {dates.year}.",
                "council: Benchmark Borough Council",
                "principles:",
                principles,
                "minimum_standard:",
                "  significant:",
                bullet_list(list(SIGNIFICANT_DOCUMENTS), "    "),
                "  other:",
                "    - terms_of_reference",
                "rag:",
                "  performance:\n    green_at: 0.8\n    amber_at: 0.5\n    no_kpis: amber",
                "  actions:\n    due_soon_days: 30",
                "risk:\n  high_at: 15\n  medium_at: 8",
                "review:\n  max_age_months: 12",
            ]
        )
        + "\n"
    )


def generate(root: Path, count: int, seed: int, year: int) -> int:
    """Write the register under `root/register` and return the number of files written."""
    register = root / "register"
    if register.exists():
        # Stale files from a larger earlier run would change what is measured.
        raise SystemExit(f"error: {register} already exists; choose a new OUT_DIR")
    dates = Dates(year=year, future=max(2030, year + 5))
    folders = {kind: register / kind for kind in ("partnerships", "actions")}
    folders["assessments"] = register / "assessments" / str(year)
    for folder in folders.values():
        folder.mkdir(parents=True)
    (register / "policy.yaml").write_text(policy_text(dates), encoding="utf-8")
    rng = random.Random(seed)
    for index in range(1, count + 1):
        pid, lead, entry = partnership_text(rng, index, dates)
        (folders["partnerships"] / f"{pid}.yaml").write_text(entry, encoding="utf-8")
        (folders["assessments"] / f"{pid}.yaml").write_text(assessment_text(rng, pid, lead, dates), encoding="utf-8")
        (folders["actions"] / f"{pid}.yaml").write_text(action_plan_text(rng, pid, lead, dates), encoding="utf-8")
    return 1 + 3 * count


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Write a synthetic valid register for benchmarking.")
    parser.add_argument("out_dir", type=Path, help="register root to create (gets a register/ folder)")
    parser.add_argument("--partnerships", type=int, default=5000, help="number of partnerships (default 5000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--year", type=int, default=2023, help="register year of the assessments (default 2023)")
    args = parser.parse_args(argv)
    if not 0 <= args.partnerships <= MAX_PARTNERSHIPS:
        parser.error(f"--partnerships must be between 0 and {MAX_PARTNERSHIPS}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    written = generate(args.out_dir, args.partnerships, args.seed, args.year)
    print(f"wrote {written} files to {args.out_dir / 'register'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
