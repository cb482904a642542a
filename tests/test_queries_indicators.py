"""The performance-indicator, legal-document and project queries, on the sample.

These depend on the performance-goal mapping (issue 3: bk:Project, bk:Indicator,
bk:LegalDocument, bklevel:…). They were written against that vocabulary before it was
merged, and fail without it. Expected values are read from the sample text, 绩效目标表
of 323001 (lines 1871–2330) and of 323003 (lines 3997–4600).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from query_answers import answer

from kg.store.backend import Embedded

#: 3、冀财社 2022年 150号提前下达 2023年中央就业补助资金 and 4、…162号…省级就业补助资金: the same six
#: indicators, each citing 冀财规〔2018〕21号 (printed 〔〕 in project 3, 【】 in project 4).
EMPLOYMENT_SUBSIDY = {
    ("quantity", "公益性岗位人数"),
    ("quality", "补贴核算正确率"),
    ("timeliness", "发放补贴时间"),
    ("cost", "补贴发放标准"),
    ("social-benefit", "补贴发放率"),
    ("sustainability", "失业人员再就业"),
}
PROJECTS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a <https://budget-kg.org/def/Project> } }"


@pytest.fixture(scope="module")
def sample_store(built_store):
    with Embedded(built_store) as backend:
        yield backend


@pytest.mark.parametrize("spelling", ["冀财规〔2018〕21号", "冀财规【2018】21号", "冀财规[2018]21 号"])
def test_indicators_citing_a_legal_document_in_any_spelling_are_those_of_both_employment_subsidy_projects(
    sample_store, spelling
):
    rows = answer(sample_store, "indicators-citing-legal", document=spelling)
    assert {(r["unit_code"], r["project_number"]) for r in rows} == {("323001", "3"), ("323001", "4")}
    for number in ("3", "4"):
        found = {(r["level2"], r["indicator"]) for r in rows if r["project_number"] == number}
        assert found == EMPLOYMENT_SUBSIDY
    assert all("就业补助资金" in r["project"] for r in rows)
    assert len(rows) == 12


def test_legal_documents_are_ranked_by_the_indicators_citing_them(sample_store):
    rows = answer(sample_store, "legal-citations")
    assert (rows[0]["document_number"], rows[0]["indicators"], rows[0]["projects"], rows[0]["units"]) == (
        "冀财规〔2018〕21号", 12, 2, 1,
    )
    by_number = {r["document_number"]: (r["indicators"], r["projects"], r["units"]) for r in rows}
    # 2、补足巨鹿县农民工工资支付应急周转金 (323001): 社会效益指标 and 可持续影响指标 cite 冀政办发〔2016〕4 号
    assert by_number["冀政办发〔2016〕4号"] == (2, 1, 1)
    # 2、城乡居民养老保险专项经费 (323003): six indicators cite 巨政〔2012〕6 号文件
    assert by_number["巨政〔2012〕6号"] == (6, 1, 1)
    assert [r["indicators"] for r in rows] == sorted((r["indicators"] for r in rows), reverse=True)


def test_no_project_of_the_sample_misses_an_indicator_category(sample_store):
    # all 19 绩效目标表 (11 of 323001, 8 of 323003) have 产出, 效益 and 满意度 indicators
    assert int(sample_store.query(PROJECTS).rows[0][0].value) == 19
    assert answer(sample_store, "projects-missing-category") == []


def _without_satisfaction(sample, unit_code: str, number: int):
    """The sample's records, less the satisfaction indicators of one project."""
    import kg.build

    doc = kg.build.read_document(sample)
    unit = next(u for u in doc.units if u.code == unit_code)
    project = next(p for p in unit.projects if p.number == number)
    project.indicators = [i for i in project.indicators if i.level1 != "satisfaction"]
    return doc


def test_a_project_without_satisfaction_indicators_is_reported(sample, parse_once, tmp_path):
    from kg.rdf.mapping import document_quads

    quads = document_quads(_without_satisfaction(sample, "323001", 3))
    with Embedded(tmp_path / "store", read_only=False) as backend:
        backend.replace_graph(quads[0].graph_name.value, [q.triple for q in quads])
        rows = answer(backend, "projects-missing-category")
    assert [(r["unit_code"], r["project_number"], r["missing_level1"]) for r in rows] == [
        ("323001", "3", "satisfaction")
    ]


def test_each_citation_count_is_the_number_of_indicators_and_projects_citing_the_document(sample_store):
    # The build's summary (bk:CitationCount) against the citations themselves, per unit.
    counted = """
PREFIX bk: <https://budget-kg.org/def/>
SELECT ?unit ?legal ?indicators ?projects WHERE {
  GRAPH ?g { ?c a bk:CitationCount ; bk:unit ?unit ; bk:citedDocument ?legal ;
                bk:citingIndicators ?indicators ; bk:citingProjects ?projects }
}"""
    cited = """
PREFIX bk: <https://budget-kg.org/def/>
SELECT ?unit ?legal (COUNT(DISTINCT ?i) AS ?indicators) (COUNT(DISTINCT ?p) AS ?projects) WHERE {
  GRAPH ?g { ?i bk:basis ?legal ; bk:project ?p . ?p bk:unit ?unit . ?legal a bk:LegalDocument }
} GROUP BY ?unit ?legal"""

    def rows(query):
        return sorted(tuple(str(row[k].value) for k in ("unit", "legal", "indicators", "projects"))
                      for row in sample_store.store.inner.query(query))

    assert rows(counted) == rows(cited)
    # 323001's projects 3 and 4: six indicators each cite 冀财规〔2018〕21号
    assert any(r[0].endswith("/323001") and r[2:] == ("12", "2") for r in rows(counted))


def test_cost_indicators_with_numeric_targets_per_unit(sample_store):
    rows = answer(sample_store, "indicators-by-level2", level="成本指标")
    assert rows == answer(sample_store, "indicators-by-level2", level="cost")
    found = {(r["unit_code"], r["project_number"], r["indicator"], r["target_value"], r["measure_unit"]) for r in rows}
    # 1、办公楼更换空气源热泵中央空调资金: 成本指标 更换空气源热泵的费用 10万元
    # 3、4、…就业补助资金: 成本指标 补贴发放标准 2000元
    assert {
        ("323001", "1", "更换空气源热泵的费用", D("10"), "万元"),
        ("323001", "3", "补贴发放标准", D("2000"), "元"),
        ("323001", "4", "补贴发放标准", D("2000"), "元"),
    } <= found
    assert all(r["target_value"] is not None for r in rows)
    assert {r["unit_code"] for r in rows} == {"323001", "323003"}


def test_satisfaction_targets_per_unit(sample_store):
    rows = answer(sample_store, "satisfaction-targets")
    found = {(r["unit_code"], r["project_number"], r["indicator"], r["comparator"], r["target_value"]) for r in rows}
    assert {
        ("323001", "2", "受助人员满意度", None, D("100")),  # 受助人员满意度 100百分比, 调查问卷
        ("323001", "3", "领取补贴人员满意度", None, D("100")),  # 100% 调查问卷
        ("323001", "4", "领取补贴人员满意度", None, D("100")),
        ("323003", "2", "服务对象满意度", "≥", D("95")),  # 服务对象满意度 ≥95% 调查问卷
    } <= found
    # every one of the 19 projects states at least one satisfaction target
    assert len({(r["unit_code"], r["project_number"]) for r in rows}) == 19
