"""The document checks (ontology/shapes/document.ttl, issue 14 item 4): a title's year, template
placeholders and leftovers, and an empty-table note copied from another table.

Each fault is planted in a copy of the Hebei sample text and read by the real reader;
the sample's goal tables print no 资金总额, so a project's funds are planted in the records
of a corpus PDF that prints them. The
faults stand on different pages of different units and no two touch one amount, so one copy
carries them all: validating the sample is the slow part (seconds alone, minutes on a busy
machine), and one copy asserts the complete set of findings once. Then every real PDF of
``../shared`` (the Shanghai samples and the corpus) is checked with these shapes only: none
of them prints such a fault (read by hand from their text: no XX, ××, empty 【】, no
contradictory sentence, every year in a title is the budget year, every empty-table note is
about its own table), so none is reported.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

import kg.validate.document as validate_document
from kg.rdf.mapping import document_quads
from kg.read import read_document
from kg.resources import resource
from kg.validate import catalogue
from kg.validate.document import graph_from_quads, validate_graph

DOCUMENT_SHAPES = {"BK-DOC-YEAR", "BK-DOC-PLACEHOLDER", "BK-DOC-LEFTOVER", "BK-DOC-INSTRUCTION", "BK-EMPTY-NOTE",
                   "BK-GOAL-FUNDS"}

#: (printed line of the sample, the line planted in its place, what it plants)
PLANTS = [
    # 323003's narrative heading (text line 3908, page 47) names last year.
    (" 巨鹿县社会保险事业服务中心 2023年单位预算信息公开情况说明",
     " 巨鹿县社会保险事业服务中心 2022年单位预算信息公开情况说明", "BK-DOC-YEAR"),
    # 323001's 机关运行经费 sentence (text line 1860, page 19) keeps a placeholder.
    (" 2023年，我单位运行经费共计安排 21.76万元，主要用于办公费、邮电费、其他费用等日常运行支出。",
     " 2023年，我单位运行经费共计安排 21.76万元，主要用于办公费、XX费、其他费用等日常运行支出。", "BK-DOC-PLACEHOLDER"),
    # 323003's 三公 paragraph (text line 3992): 公务接待费 0万元 said to have risen by 5万元.
    ("0万元（其中：公务用车购置费为 0万元，公务用车运行维护费 0万元)；公务接待费 0万元。与 2022年相比减少 0万元，",
     "0万元（其中：公务用车购置费为 0万元，公务用车运行维护费 0万元)；公务接待费 0万元，与 2022年相比增加 5万元，",
     "BK-DOC-LEFTOVER"),
    # 323001's 政府采购 sentence keeps the template's note to its editor.
    ("2023年，巨鹿县人力资源和社会保障局本级安排政府采购预算 0.00万元。具体内容见下表。",
     "2023年，巨鹿县人力资源和社会保障局本级安排政府采购预算 0.00万元（请根据实际情况填写）。具体内容见下表。",
     "BK-DOC-INSTRUCTION"),
    # 323001's 三公 table (page 15) carries the note of its 国有资本经营 table.
    ("注：无财政拨款“三公”经费支出预算，空表列示。", "注：无国有资本经营预算财政拨款预算，空表列示。", "BK-EMPTY-NOTE"),
]


@pytest.fixture(scope="module")
def planted(sample: Path, tmp_path_factory):
    lines = sample.read_text(encoding="utf-8").split("\n")
    for printed, fault, _ in PLANTS:
        [at] = [i for i, line in enumerate(lines) if line == printed]
        lines[at] = fault
    path = tmp_path_factory.mktemp("planted") / "julu-planted.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    return doc, validate_graph(graph_from_quads(document_quads(doc)), document=doc.source)


def test_every_document_shape_has_a_planted_fault():
    # The sample's goal tables print no 资金总额: BK-GOAL-FUNDS is planted in a corpus PDF's records (below).
    assert {shape for *_, shape in PLANTS} | {"BK-GOAL-FUNDS"} == DOCUMENT_SHAPES
    assert DOCUMENT_SHAPES <= set(catalogue())


def test_each_planted_fault_is_reported_once_and_nothing_else_changes(planted):
    _, task = planted
    # BK-NARR-PROCUREMENT is the sample's one genuine finding (tests/test_validate.py).
    assert sorted((f.code, f.unit, f.table, f.page, f.values.get("printed")) for f in task.findings) == [
        ("BK-DOC-INSTRUCTION", None, None, 31, "（请根据实际情况填写）"),
        ("BK-DOC-LEFTOVER", None, None, 48, "0万元，与 2022年相比增加 5万元"),
        ("BK-DOC-PLACEHOLDER", None, None, 19, "XX"),
        ("BK-DOC-YEAR", "323003", "narrative", 47, "2022"),
        ("BK-EMPTY-NOTE", "323001", "three_public", 15, None),
        ("BK-NARR-PROCUREMENT", "323001", "narrative", 31, None),
    ]


def _finding(task, code):
    [found] = [f for f in task.findings if f.code == code]
    return found


def test_a_title_naming_another_year_is_reported_with_the_budget_year(planted):
    found = _finding(planted[1], "BK-DOC-YEAR")
    assert found.values == {"name": "巨鹿县社会保险事业服务中心 2022年单位预算信息公开情况说明",
                            "printed": "2022", "expected": "2023"}
    assert found.message_zh == ("第 47 页标题《巨鹿县社会保险事业服务中心 2022年单位预算信息公开情况说明》标明 2022 年，"
                                "但本文件是 2023 年预算。请核对标题中的年度。")


def test_only_the_planted_title_names_a_year_and_project_titles_with_document_numbers_are_not_titles_checked(planted):
    doc, _ = planted
    # 18 table titles (9 per unit, printed without a year) and the two headings; the goal
    # tables' titles (冀财社 2022年 150号提前下达 2023年…) name projects, not the disclosure.
    assert len(doc.titles) == 20
    assert sorted(t.years for t in doc.titles if t.years) == [(2022,), (2023,)]


def test_a_placeholder_is_reported_with_its_page_and_sentence(planted):
    found = _finding(planted[1], "BK-DOC-PLACEHOLDER")
    assert found.message == ("Page 19 prints the template placeholder “XX”: “年，我单位运行经费共计安排 21.76万元，"
                             "主要用于办公费、XX费、其他费用等日常运行支出。”. Check the sentence and fill in the actual text.")


def test_an_amount_of_zero_said_to_have_risen_is_a_template_leftover(planted):
    found = _finding(planted[1], "BK-DOC-LEFTOVER")
    assert "公务接待费 0万元，与 2022年相比增加 5万元" in found.message_zh


def test_an_empty_table_note_copied_from_another_table_is_reported(planted):
    found = _finding(planted[1], "BK-EMPTY-NOTE")
    assert found.values == {"note": "注：无国有资本经营预算财政拨款预算，空表列示。"}
    assert found.message_zh.startswith("323001《单位预算财政拨款“三公”经费支出表》的空表说明")


# -- a goal table's project funds against the unit's project expenditure ---------------------

#: 长沙职业教育基地综合协调办公室 2026: its one project, 经常性运转经费（水电气）, is printed with
#: 资金总额 270.00 (项目支出绩效目标表, pp. 22–23, 单位：万元), and the 支出总表's 合计 row prints
#: 项目支出 270.00: equal, within the scope.
FUNDS_PDF = "45_湖南_长沙_职业教育基地综合协调办公室_2026.pdf"


def _with_funds(doc, funds: str):
    goal_table = next(r for r in doc.recognised if r.projects)
    [(name, printed)] = goal_table.projects
    assert (name, printed, goal_table.currency, goal_table.pages) == ("经常性运转经费（水电气）", Decimal("270.00"), "万元", (22, 23))
    planted = copy.deepcopy(doc)
    planted.recognised[doc.recognised.index(goal_table)] = replace(goal_table, projects=((name, Decimal(funds)),))
    return planted


def _codes_and_places(doc) -> set[tuple]:
    return {(f.code, f.unit, f.table, f.page, f.row, tuple(sorted(f.values.items())))
            for f in validate_graph(graph_from_quads(document_quads(doc))).findings}


def test_a_projects_funds_above_the_units_project_expenditure_are_reported_and_equal_ones_are_not(shared_corpus):
    doc = read_document(shared_corpus / FUNDS_PDF)
    clean = _codes_and_places(doc)
    assert _codes_and_places(_with_funds(doc, "270.00")) == clean
    unit = doc.units[0].code
    assert _codes_and_places(_with_funds(doc, "270.01")) == clean | {
        ("BK-GOAL-FUNDS", unit, "performance", 22, "经常性运转经费（水电气）",
         (("expected", "270.00 万元"), ("name", "经常性运转经费（水电气）"), ("stated", "270.01 万元")))}


# -- the real PDFs: no false alarm ------------------------------------------------------------


@pytest.fixture(scope="module")
def document_shapes_only():
    """Validation with the shapes of document.ttl alone: the others are checked on these PDFs
    by tests/test_corpus.py and tests/test_validate_shanghai.py."""
    shapes = Graph().parse(resource("ontology", "shapes", "document.ttl"), format="turtle")
    patch = pytest.MonkeyPatch()
    patch.setattr(validate_document, "shapes_graph", lambda: shapes)
    yield
    patch.undo()


def _real_pdfs() -> list[str]:
    return [f"samples/shanghai/{n}" for n in ("putuo-sww-2025-unit-budget.pdf", "putuo-wanli-2024-dept-budget.pdf",
                                             "putuo-zfb-2025-unit-budget.pdf")] + ["corpus"]


@pytest.mark.parametrize("where", _real_pdfs())
def test_no_real_pdf_has_a_document_finding(where, shared_samples, shared_corpus, document_shapes_only):
    shared = shared_samples.parent
    paths = sorted((shared / where).glob("*.pdf")) if where == "corpus" else [shared / where]
    assert paths
    found = {}
    for path in paths:
        doc = read_document(path)
        task = validate_graph(graph_from_quads(document_quads(doc)), document=doc.source)
        found[path.name] = [(f.code, f.page) for f in task.findings]
        assert found[path.name] == [] or {f.code for f in task.findings} <= DOCUMENT_SHAPES
    # 深圳 信访局 2026 left its template's note to the editor in print (page 11): “（请核实单位
    # 是否有涉密项目，若无涉密项目，则备注写“备注：无”）”, after a 备注 that was filled in.
    expected = {"32_广东_深圳_信访局_2026.pdf": [("BK-DOC-INSTRUCTION", 11)]} if where == "corpus" else {}
    assert {name: findings for name, findings in found.items() if findings} == expected
