"""The narrative (情况说明) in the document graph and in the CSV exports, on the bundled sample."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build
from kg.export import export_csv, export_rows
from kg.rdf.mapping import document_quads
from kg.records import Document, Duty, Location, Narrative, NarrativeFact, Unit

BASE = "https://budget-kg.org/id/"
BK = "https://budget-kg.org/def/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
PREFIXES = f"PREFIX bk: <{BK}> PREFIX skos: <{SKOS}> PREFIX org: <http://www.w3.org/ns/org#> "


@pytest.fixture(scope="module")
def document(sample, parse_once):
    return kg.build.read_document(sample)


@pytest.fixture(scope="module")
def quads(document):
    return document_quads(document, BASE, generated_at=WHEN)


@pytest.fixture(scope="module")
def store(quads) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [tuple(s[n].value if s[n] is not None else "" for n in names) for s in solutions]


def objects(quads, subject: str, predicate: str) -> set[str]:
    return {str(q.object) for q in quads if q.subject.value == subject and q.predicate.value == predicate}


def per_unit(store: ox.Store, pattern: str) -> dict[str, int]:
    rows = select(store, f"""SELECT ?code (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{
        ?narrative a bk:Narrative ; bk:unit/org:identifier ?code . {pattern} }} }} GROUP BY ?code ORDER BY ?code""")
    return {code: int(n) for code, n in rows}


def test_the_graph_holds_12_duties_for_323001_and_10_for_323003(store):
    assert per_unit(store, "?narrative bk:duty ?x . ?x a bk:Duty") == {"323001": 12, "323003": 10}


def test_duty_iri_is_unit_year_and_number_with_text_and_page(quads):
    duty = BASE + "unit/323001/2023/duty/5"
    assert objects(quads, BASE + "unit/323001/2023/narrative", BK + "duty") >= {f"<{duty}>"}
    assert objects(quads, duty, BK + "number") == {f'"5"^^<{XSD}integer>'}
    (text,) = objects(quads, duty, BK + "text")
    assert text.startswith('"') and "（五）" not in text
    assert len(objects(quads, duty, BK + "page")) == 1


def test_narrative_belongs_to_its_unit_year_and_document_and_comes_from_the_file(quads):
    narrative = BASE + "unit/323003/2023/narrative"
    assert objects(quads, narrative, BK + "unit") == {f"<{BASE}unit/323003>"}
    assert objects(quads, narrative, BK + "inDocument") == {f"<{BASE}doc/323001/2023/unit-budget>"}
    assert objects(quads, narrative, BK + "year") == {f'"2023"^^<{XSD}gYear>'}
    (source,) = objects(quads, narrative, PROV + "wasDerivedFrom")
    assert source.startswith(f"<{BASE}file/sha256/")


def test_narrative_fact_income_total_is_3889_89_for_323001_and_481_1_as_printed_for_323003(quads, store):
    fact = BASE + "unit/323003/2023/fact/income.total"
    assert objects(quads, fact, BK + "amount") == {f'"481.1"^^<{XSD}decimal>'}
    assert objects(quads, fact, BK + "printedAmount") == {'"481.1"'}
    assert objects(quads, fact, BK + "printedUnit") == {'"万元"'}
    assert objects(quads, fact, BK + "amountYuan") == {f'"4811000.0"^^<{XSD}decimal>'}
    assert select(store, """SELECT ?code ?printed WHERE { GRAPH ?g { ?n bk:unit/org:identifier ?code ;
        bk:fact ?f . ?f bk:factKey "income.total" ; bk:printedAmount ?printed } } ORDER BY ?code""") == [
        ("323001", "3889.89"), ("323003", "481.1")]


def test_change_total_is_790_913_with_its_direction_sentence_and_provenance(quads):
    fact = BASE + "unit/323001/2023/fact/change.total"
    assert objects(quads, fact, BK + "factKey") == {'"change.total"'}
    assert objects(quads, fact, BK + "amount") == {f'"790.913"^^<{XSD}decimal>'}
    assert objects(quads, fact, BK + "direction") == {'"增加"'}
    (sentence,) = objects(quads, fact, BK + "sentence")
    assert "790.913万元" in sentence and "主要为增加人员经费支出" in sentence
    assert objects(quads, fact, BK + "page") == {f'"18"^^<{XSD}integer>'}
    assert len(objects(quads, fact, BK + "textLine")) == 1
    assert objects(quads, fact, PROV + "wasDerivedFrom") == objects(
        quads, BASE + "unit/323001/2023/narrative", PROV + "wasDerivedFrom")


def test_a_fact_printed_with_its_reason_carries_it(quads):
    fact = BASE + "unit/323001/2023/fact/change.basic"
    assert objects(quads, fact, BK + "amount") == {f'"111.133"^^<{XSD}decimal>'}
    assert objects(quads, fact, BK + "reason") == {'"主要为增加人员经费支出"'}
    assert objects(quads, BASE + "unit/323001/2023/fact/change.total", BK + "reason") == set()


def test_a_fact_in_years_has_no_amount_in_yuan(quads):
    fact = BASE + "unit/323001/2023/fact/change.previous_year"
    assert objects(quads, fact, BK + "printedUnit") == {'"年"'}
    assert objects(quads, fact, BK + "printedAmount") == {'"2022"'}
    assert objects(quads, fact, BK + "amountYuan") == set()


def test_glossary_is_one_skos_scheme_per_unit_narrative_with_10_terms_each(store, quads):
    assert per_unit(store, "?narrative bk:glossary ?s . ?x skos:inScheme ?s ; a skos:Concept") == {
        "323001": 10, "323003": 10}
    scheme = BASE + "unit/323001/2023/glossary"
    assert f"<{SKOS}ConceptScheme>" in objects(quads, scheme, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    term = scheme + "/1"
    assert objects(quads, term, SKOS + "prefLabel") == {'"一般公共预算拨款收入"@zh'}
    assert objects(quads, term, SKOS + "definition") == {'"指县级财政当年拨付的资金。"@zh'}


def test_institution_has_nature_rank_and_funding_form(quads):
    node = BASE + "unit/323003/2023/institution"
    assert objects(quads, BASE + "unit/323003/2023/narrative", BK + "institution") == {f"<{node}>"}
    assert objects(quads, node, BK + "institutionNature") == {'"事业"'}
    assert objects(quads, node, BK + "rank") == {'"副科级"'}
    assert objects(quads, node, BK + "fundingForm") == {'"财政性资金基本保证"'}


def test_asset_rows_keep_the_printed_value(store):
    assert select(store, """SELECT ?code ?item ?value WHERE { GRAPH ?g { ?n bk:unit/org:identifier ?code ;
        bk:assetRow ?r . ?r bk:printedName ?item ; bk:printedAmount ?value } } ORDER BY ?code ?item""") == [
        ("323001", "其他固定资产", "92.71"), ("323001", "资产总额", "92.71"), ("323003", "资产总额", "79.98")]


def test_narrative_problems_map_like_document_problems(quads):
    narrative = BASE + "unit/323003/2023/narrative"
    problems = objects(quads, narrative, BK + "problem")
    assert problems == {f"<{narrative}/problem/1>", f"<{narrative}/problem/2>"}
    problem = narrative + "/problem/1"
    assert objects(quads, problem, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {f"<{BK}Problem>"}
    (message,) = objects(quads, problem, BK + "message")
    assert "11.24" in message
    assert objects(quads, problem, BK + "page") == {f'"57"^^<{XSD}integer>'}


def test_mapping_the_sample_twice_differs_only_in_generated_at_time(document, quads):
    assert document_quads(document, BASE, generated_at=WHEN) == quads
    later = document_quads(document, BASE, generated_at=datetime(2030, 1, 1, tzinfo=timezone.utc))
    differing = {(q.subject.value, q.predicate.value, str(q.object)) for q in set(quads) ^ set(later)}
    assert {p for _, p, _ in differing} == {PROV + "generatedAtTime"}


def test_the_sample_graph_has_no_duplicate_quads(quads):
    assert len(set(quads)) == len(quads)


def test_a_repeated_duty_number_or_fact_key_gives_two_nodes_not_one():
    where = Location("x.txt", 1)
    fact = NarrativeFact("income.total", Decimal("1.0"), "万元", None, "s", where)
    narrative = Narrative(duties=[Duty(1, "a", where), Duty(1, "b", where)],
                          facts=[fact, replace(fact, value=Decimal("2"))])
    unit = Unit("100001", "某单位", 2024, "万元", narrative=narrative)
    quads = document_quads(Document("x.txt", "cd" * 32, "hebei-county", "单位", [unit]), BASE, generated_at=WHEN)
    assert objects(quads, BASE + "unit/100001/2024/duty/1", BK + "text") == {'"a"'}
    assert objects(quads, BASE + "unit/100001/2024/duty/1-2", BK + "text") == {'"b"'}
    assert objects(quads, BASE + "unit/100001/2024/fact/income.total-2", BK + "printedAmount") == {'"2"'}


# --- CSV exports -----------------------------------------------------------------------

DUTIES = ["document", "unit_code", "year", "number", "text", "page"]
# currency and yuan came later: a fact in money, its unit and its amount in 元 (issue 16).
FACTS = ["document", "unit_code", "year", "key", "value", "unit", "direction", "reason", "sentence", "page",
         "currency", "yuan"]


@pytest.fixture(scope="module")
def out(store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("narrative-csv")
    export_csv(store, folder)
    return folder


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("file_name, columns", [("duties.csv", DUTIES), ("narrative_facts.csv", FACTS)])
def test_narrative_csv_files_have_the_contract_columns(out, file_name, columns):
    with (out / file_name).open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == columns


def test_duties_csv_has_one_row_per_duty_in_number_order(out):
    rows = read(out / "duties.csv")
    assert len(rows) == 22
    assert [r["number"] for r in rows if r["unit_code"] == "323003"] == [str(n) for n in range(1, 11)]
    first = rows[0]
    assert (first["document"], first["unit_code"], first["year"], first["number"], first["page"]) == (
        BASE + "doc/323001/2023/unit-budget", "323001", "2023", "1", "16")
    assert first["text"].startswith("贯彻、执行国家、省、市人力资源和社会保障工作的方针政策")


def test_narrative_facts_csv_has_one_row_per_fact_with_printed_values(out, document):
    rows = read(out / "narrative_facts.csv")
    assert len(rows) == sum(len(u.narrative.facts) for u in document.units) == 51
    by_key = {(r["unit_code"], r["key"]): r for r in rows}
    assert by_key["323003", "income.total"]["value"] == "481.1"
    assert by_key["323001", "procurement.total"]["value"] == "0.00"
    change = by_key["323001", "change.total"]
    assert (change["value"], change["unit"], change["direction"], change["reason"], change["page"]) == (
        "790.913", "万元", "增加", "", "18")
    assert change["sentence"].startswith("2023年预算收支安排 3889.89万元")
    assert by_key["323001", "change.basic"]["reason"] == "主要为增加人员经费支出"


def test_narrative_facts_csv_is_sorted_by_document_unit_year_and_key(out):
    rows = read(out / "narrative_facts.csv")
    keys = [tuple(r[c] for c in ("document", "unit_code", "year", "key")) for r in rows]
    assert keys == sorted(keys)


def test_narrative_exports_fall_back_to_the_decimal_value_without_printed_form(quads):
    store = ox.Store()
    store.extend(q for q in quads if q.predicate.value != BK + "printedAmount")
    header, rows = export_rows(store, "narrative_facts.csv")
    row = next(r for r in rows if r[header.index("unit_code")] == "323001" and r[header.index("key")] == "procurement.total")
    assert row[header.index("value")] == "0"
