"""Document numbers (文号) and typed indicator bases, on spellings taken from the Hebei sample."""

from __future__ import annotations

import doctest

import pytest

import kg.read.legal
from kg.read.legal import Basis, DocumentNumber, classify_basis, find_document_numbers, load_basis_concepts


def canonicals(text: str) -> list[str]:
    return [document.canonical for document in find_document_numbers(text)]


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("冀财规〔2018〕21号", "冀财规〔2018〕21号"),
        ("冀财规【2018】21号", "冀财规〔2018〕21号"),
        ("政字【2004】23号文件要求", "政字〔2004〕23号"),
        ("政字【2004】23号文\n件要求", "政字〔2004〕23号"),
        ("冀财社 2021年 192号文", "冀财社〔2021〕192号"),
        ("冀财社 2021年 192号\n\n文", "冀财社〔2021〕192号"),
        ("冀政办发〔2016〕4 号", "冀政办发〔2016〕4号"),
        ("巨政〔2012〕6 号文件", "巨政〔2012〕6号"),
        ("巨政发【2016】9 号等一系列相关文件", "巨政发〔2016〕9号"),
        ("邢政办字【2008】34\n号文件要求", "邢政办字〔2008〕34号"),
        ("邢政办字【2008】34\n\n号文件要求", "邢政办字〔2008〕34号"),
        ("政字【2017】7 号文件等相关文件要求", "政字〔2017〕7号"),
    ],
)
def test_each_printed_spelling_gives_its_canonical_document_number(printed, canonical):
    assert canonicals(printed) == [canonical]


@pytest.mark.parametrize(
    ("title", "canonical"),
    [
        ("冀财社 2022年 150号提前下达 2023年中央就业补助资金-中央直达资金", "冀财社〔2022〕150号"),
        ("冀财社 2022年 162号提前下达 2023年省级就业补助资金", "冀财社〔2022〕162号"),
        ("冀财社 2022年 174号提前下达 2023年省级城乡居民社会保险代办员补助资金", "冀财社〔2022〕174号"),
    ],
)
def test_a_project_title_yields_its_document_number_and_not_the_budget_year(title, canonical):
    assert canonicals(title) == [canonical]


def test_a_document_number_keeps_issuer_year_number_and_the_text_as_printed():
    assert find_document_numbers("冀政办发〔2016〕4 号") == [
        DocumentNumber(issuer="冀政办发", year=2016, number=4, printed="冀政办发〔2016〕4 号")
    ]


def test_a_wrapped_document_number_is_printed_without_its_line_break():
    (document,) = find_document_numbers("邢政办字【2008】34\n号文件要求")
    assert document.printed == "邢政办字【2008】34号"


def test_both_spellings_of_ji_cai_gui_give_equal_canonical_ids():
    (round_brackets,) = find_document_numbers("冀财规〔2018〕21号")
    (square_brackets,) = find_document_numbers("冀财规【2018】21号")
    assert round_brackets != square_brackets  # printed differs …
    assert round_brackets.canonical == square_brackets.canonical  # … the document does not


@pytest.mark.parametrize(
    "printed",
    [
        "冀财规[2018]21号",
        "冀财规［2018］21号",
        "冀财规(2018)21号",
        "冀财规（2018）21号",
        "冀财规〔２０１８〕２１号",
        "冀财规　〔2018〕　21　号",
        "冀财规〔2018〕第21号",
        "根据冀财规〔2018〕21号",
    ],
)
def test_other_brackets_full_width_digits_and_spaces_give_the_same_document(printed):
    assert canonicals(printed) == ["冀财规〔2018〕21号"]


def test_the_issuer_does_not_swallow_the_previous_line():
    assert canonicals("件数的比率\n冀财社 2021年 192号") == ["冀财社〔2021〕192号"]


def test_every_occurrence_is_returned_in_printed_order():
    text = "冀政办发〔2016〕4 号\n冀财规〔2018〕21号、冀政办发〔2016〕4号"
    assert canonicals(text) == ["冀政办发〔2016〕4号", "冀财规〔2018〕21号", "冀政办发〔2016〕4号"]


@pytest.mark.parametrize(
    "text",
    [
        "2023年",
        "≥255 人",
        "2023年中央就业补助资金-中央直达资金",
        "2023年预算收支安排 3889.89万元",
        "发放补贴时间 ≤90 天",
        "补贴发放标准 2000元",
        "保险基金补助日期 25日",
        "",
    ],
)
def test_a_year_or_a_quantity_is_not_a_document_number(text):
    assert find_document_numbers(text) == []


def test_a_basis_citing_a_document_number_is_legal():
    basis = classify_basis("冀财规【2018】21号")
    assert basis == Basis(
        kind="legal",
        printed="冀财规【2018】21号",
        documents=(DocumentNumber("冀财规", 2018, 21, "冀财规【2018】21号"),),
        concept=None,
    )


def test_a_wrapped_legal_basis_is_still_legal():
    basis = classify_basis("冀财社 2021年 192号\n\n文")
    assert basis.kind == "legal"
    assert [d.canonical for d in basis.documents] == ["冀财社〔2021〕192号"]


def test_a_basis_citing_one_document_twice_lists_it_once():
    basis = classify_basis("冀财规〔2018〕21号、冀财规【2018】21号")
    assert [d.printed for d in basis.documents] == ["冀财规〔2018〕21号"]


@pytest.mark.parametrize(
    ("printed", "concept"),
    [
        ("调查问卷", "survey"),
        ("单位工作年度计划", "work-plan"),
        ("工作计划", "work-plan"),
        ("工作安排", "work-plan"),
        ("县委、县政府工作安排", "county-government-arrangement"),
        ("县委、县政府工作安\n\n排", "county-government-arrangement"),
        ("县领导批示", "leadership-instruction"),
        ("运用现代化手段，防\n\n止养老金流失，由领\n\n导批示", "leadership-instruction"),
        ("行业标准", "industry-standard"),
        ("满意度", "satisfaction"),
    ],
)
def test_a_non_legal_basis_gets_its_concept(printed, concept):
    basis = classify_basis(printed)
    assert (basis.kind, basis.concept, basis.documents, basis.printed) == ("concept", concept, (), printed)


def test_the_county_government_arrangement_is_not_mistaken_for_the_units_own_plan():
    assert classify_basis("县委、县政府工作安排").concept != classify_basis("工作安排").concept


@pytest.mark.parametrize("text", ["见附件", "", "   ", "2023年", "≥98%"])
def test_unknown_text_is_other_with_no_concept_and_no_error(text):
    assert classify_basis(text) == Basis(kind="other", printed=text, documents=(), concept=None)


def test_the_concepts_file_defines_the_six_stable_keys():
    table = load_basis_concepts()
    assert set(table.values()) == {
        "survey",
        "work-plan",
        "county-government-arrangement",
        "leadership-instruction",
        "industry-standard",
        "satisfaction",
    }


def test_a_different_concepts_file_can_be_given(tmp_path):
    path = tmp_path / "concepts.yaml"
    path.write_text("concepts:\n  expert-review:\n    variants: [专家论证]\n", encoding="utf-8")
    assert classify_basis("专家论证意见", concepts=path).concept == "expert-review"


def test_every_basis_in_the_sample_is_classified_without_error(sample):
    sample_text = sample.read_text(encoding="utf-8")
    for line in sample_text.splitlines():
        classify_basis(line)
    found = {document.canonical for document in find_document_numbers(sample_text)}
    assert {
        "冀财规〔2018〕21号",
        "冀政办发〔2016〕4号",
        "巨政〔2012〕6号",
        "政字〔2004〕23号",
        "巨政发〔2016〕9号",
        "冀财社〔2021〕192号",
        "冀财社〔2022〕150号",
        "冀财社〔2022〕162号",
        "冀财社〔2022〕174号",
        "邢政办字〔2008〕34号",
        "政字〔2017〕7号",
    } <= found


def test_docstring_examples_run():
    failures, tried = doctest.testmod(kg.read.legal)
    assert tried > 0 and failures == 0
