from __future__ import annotations

from tests.support.checking import found, problems
from tests.support.registers import RegisterDir


def test_l001_stem_matches_id_fires_for_partnership_and_plan(reg: RegisterDir) -> None:
    reg.valid()
    reg.write(
        "partnerships/tvca.yaml", "id: tees-valley\nname: TVCA\nstatutory: yes\nsignificant: yes\nlead_officer: X\n"
    )
    reg.plan("plan-one", text="id: plan-two\nactions: []\n")
    assert found(reg, "L001") == [
        ("register/actions/plan-one.yaml", 1, 5),
        ("register/partnerships/tvca.yaml", 1, 5),
    ]


def test_l001_fires_for_assessment_named_after_another_partnership(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("other")
    reg.write("assessments/2023/other.yaml", "partnership: safer-streets\nyear: 2023\n")
    assert ("register/assessments/2023/other.yaml", 1, 14) in found(reg, "L001")


def test_l001_quiet_when_stems_match(reg: RegisterDir) -> None:
    reg.valid()
    assert found(reg, "L001") == []


def test_l002_folder_matches_year(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("assessments/2022/safer-streets.yaml", "partnership: safer-streets\nyear: 2021\n")
    assert found(reg, "L002") == [("register/assessments/2022/safer-streets.yaml", 2, 7)]


def test_l002_quiet_when_folder_is_year(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(year=2022)
    assert found(reg, "L002") == []


def test_l003_warns_on_yaml_outside_layout_and_ignores_other_files(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("notes.yaml", "a: 1\n")
    reg.write("partnerships/old/x.yml", "a: 1\n")
    reg.write("partnerships/README.md", "not yaml, ignored\n")
    assert found(reg, "L003") == [("register/notes.yaml", 1, 1), ("register/partnerships/old/x.yml", 1, 1)]
    assert [p.severity.value for p in problems(reg)] == ["warning", "warning"]


def test_l003_quiet_for_yml_files_in_layout(reg: RegisterDir) -> None:
    reg.write(
        "partnerships/safer-streets.yml",
        "id: safer-streets\nname: S\nstatutory: no\nsignificant: no\nlead_officer: X\n",
    )
    assert problems(reg) == []


def test_l001_offers_the_file_name_as_the_id_only_when_it_is_a_valid_id(reg: RegisterDir) -> None:
    reg.valid()
    text = "id: {id}\nname: TVCA\nstatutory: yes\nsignificant: yes\nlead_officer: X\n"
    reg.write("partnerships/tvca.yaml", text.format(id="tees-valley"))
    reg.write("partnerships/café board.yaml", text.format(id="cafe-board"))
    hints = {p.path: p.hint for p in problems(reg) if p.code == "L001"}
    assert hints["register/partnerships/tvca.yaml"] == "rename the file to tees-valley.yaml, or set `id: tvca`"
    assert hints["register/partnerships/café board.yaml"] == "rename the file to cafe-board.yaml"
