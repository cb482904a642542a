"""Bad input gets a clear message naming the file and a non-zero exit, never a traceback,
and in a batch the good documents are still written.

Every bad file is derived from the bundled sample in ``tmp_path``; none is committed.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pypdfium2 as pdfium
import pytest
from conftest import REPO

import kg.store as store_api
from kg.resources import sample_path

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import generate  # noqa: E402


def empty(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def gbk(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "gbk.txt"
    path.write_bytes(sample.read_text(encoding="utf-8").encode("gbk"))
    return path


def truncated(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "truncated.txt"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:300]), encoding="utf-8")
    return path


def not_a_disclosure(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "minutes.txt"
    path.write_text("会议纪要\n\n一、会议时间：2023年3月1日\n二、参会人员：全体职工\n三、会议内容：学习文件精神。\n", encoding="utf-8")
    return path


def missing(sample: Path, tmp_path: Path) -> Path:
    return tmp_path / "no-such-file.txt"


BAD: list[Callable[[Path, Path], Path]] = [empty, gbk, truncated, not_a_disclosure, missing]


def assert_clean_failure(result, bad: Path) -> None:
    assert result.exit_code == 3, result.output
    assert bad.name in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("make", BAD, ids=lambda make: make.__name__)
def test_a_bad_file_gets_a_clear_message_and_exit_3(kg, sample, tmp_path, store_dir, make):
    bad = make(sample, tmp_path)
    assert_clean_failure(kg("build", bad, "--store", store_dir), bad)


@pytest.mark.parametrize("make", BAD, ids=lambda make: make.__name__)
def test_in_a_batch_the_good_file_is_still_written(kg, sample, tmp_path, store_dir, make):
    bad = make(sample, tmp_path)
    result = kg("build", bad, sample, "--store", store_dir, "--json")
    assert_clean_failure(result, bad)
    statuses = {Path(s["path"]).name: s["status"] for s in json.loads(result.stdout)}
    assert statuses[sample.name] == "ok"
    assert statuses[bad.name] != "ok"
    [graph] = [s["graph"] for s in json.loads(result.stdout) if s["path"] == str(sample)]
    assert graph in store_api.open(store_dir, read_only=True).graphs()


def test_a_gbk_file_names_the_encoding_to_use(kg, sample, tmp_path, store_dir):
    bad = gbk(sample, tmp_path)
    result = kg("build", bad, "--store", store_dir)
    assert "--encoding gbk" in result.stderr


def test_a_gbk_file_builds_with_encoding_gbk(kg, sample, tmp_path, store_dir):
    result = kg("build", gbk(sample, tmp_path), "--store", store_dir, "--encoding", "gbk", "--json")
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "ok" and summary["units"] == 2


def test_an_unknown_encoding_is_a_clear_failure(kg, sample, store_dir):
    result = kg("build", sample, "--store", store_dir, "--encoding", "klingon")
    assert result.exit_code == 2
    assert "klingon" in result.output
    assert "Traceback" not in result.output


def test_a_store_path_that_is_a_file_is_a_clear_failure(kg, sample, tmp_path):
    (tmp_path / "file").write_text("x")
    result = kg("build", sample, "--store", tmp_path / "file")
    assert result.exit_code in (2, 3)
    assert "Traceback" not in result.output


# -- every command: exit 2 or 3 and one message naming the path or URL, never a traceback ---

#: What the RocksDB under pyoxigraph raises when a user without write permission opens a
#: store folder for writing (seen as uid 65534 on a chmod 555 folder).
ROCKSDB_READ_ONLY = "IO error: While open a file for appending: {path}/LOG: Permission denied"


def bad_places(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files and folders the rows below name: ``{tmp}/…``."""
    (tmp / "latin1.rq").write_bytes("SELECT * WHERE { ?s ?p ?o } # café\n".encode("latin-1"))
    (tmp / "a-file").write_text("not a folder\n", encoding="utf-8")
    (tmp / "empty.pdf").write_bytes(b"")
    lines = sample_path().read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp / "cut50.txt").write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(str(tmp / "blank.pdf"))
    read_only = tmp / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    if os.geteuid() == 0:
        # Root writes into a 555 folder anyway; refuse as RocksDB refuses any other user.
        real = pyoxigraph.Store

        class RefusingStore:
            read_only = staticmethod(real.read_only)

            def __new__(cls, path: str | None = None):
                if path is not None and Path(path) == read_only:
                    raise OSError(ROCKSDB_READ_ONLY.format(path=path))
                return real(path)

        monkeypatch.setattr(pyoxigraph, "Store", RefusingStore)


#: (command, exit code, a fragment of the message). {tmp} is a folder of bad places,
#: {store} a built store, {good} a small disclosure that validates in a second.
CASES = [
    ("query {tmp}/latin1.rq --store {store}", 2, "{tmp}/latin1.rq: not UTF-8 text"),
    ("export csv --store {store} --out {tmp}/a-file/csv", 3, "cannot write {tmp}/a-file/csv: {tmp}/a-file is a file"),
    ("export csv --store {store} --out {tmp}/a-file", 2, "{tmp}/a-file' is a file"),
    ("export nquads --store {store} --out {tmp}/a-file/all.nq", 3, "dump to {tmp}/a-file/all.nq: {tmp}/a-file is a"),
    ("export nquads --store {store} --out {tmp}", 2, "{tmp}' is a directory"),
    ("publish --store {store} --out {tmp}/a-file/site", 3, "cannot write {tmp}/a-file/site: {tmp}/a-file is a file"),
    ("publish --store {store} --out {tmp}/a-file", 2, "{tmp}/a-file' is a file"),
    ("validate --store {store} --out {tmp}/a-file/r.txt", 3, "cannot write {tmp}/a-file/r.txt: {tmp}/a-file is a file"),
    ("validate --store {store} --out {tmp}", 2, "{tmp}' is a directory"),
    ("load --endpoint not-a-url --store {store}", 2, "'not-a-url' is not an http:// or https:// URL"),
    ("query expenditure-by-unit --endpoint not-a-url", 2, "'not-a-url' is not an http:// or https:// URL"),
    ("publish --store {store} --endpoint http://127.0.0.1:7878/query --graph-store ftp://x", 2, "'ftp://x' is not an"),
    ("validate {good} {tmp}/missing.txt", 3, "{tmp}/missing.txt: no such file"),
    ("build --sample --store {tmp}/a-file/s", 3, "cannot create the store {tmp}/a-file/s: {tmp}/a-file is a file"),
    ("build --sample --store {tmp}/read-only", 3, "cannot write to the store {tmp}/read-only: permission denied"),
    ("build {tmp}/empty.pdf --store {tmp}/store", 3, "empty.pdf: the file is empty"),
    ("build {tmp}/blank.pdf --store {tmp}/store", 3, "blank.pdf: the PDF has no text layer"),
    # the sample cut at half its lines: its first unit's 情况说明 stops in 政府采购预算
    ("build {tmp}/cut50.txt --store {tmp}/store", 3,
     "unit 323001: its 情况说明 lacks assets, glossary (is the file cut short?)"),
    ("build {tmp}/cut50.txt --store {store}", 3,
     ("cut50.txt: not loaded: the build is incomplete, and the store's graph https://budget-kg.org/id/graph/323001/"
      "2023/unit-budget is a complete build of julu-hrss-2023-unit-budget.txt")),
]


def squeezed(text: str) -> str:
    # A usage error comes in a box that wraps at the terminal's width: compare without the box or spaces.
    return re.sub(r"[\s│╭╮╰╯─]+", "", text)


@pytest.mark.parametrize(("command", "code", "fragment"), CASES, ids=[c[0].split(" {")[0] + f" ({i})" for i, c in
                                                                      enumerate(CASES)])
def test_a_bad_path_or_url_exits_2_or_3_with_a_message_naming_it(kg, tmp_path, monkeypatch, built_store, generated,
                                                                 command, code, fragment):
    bad_places(tmp_path, monkeypatch)
    places = {"tmp": tmp_path, "store": built_store, "good": generated["clean"]}
    result = kg(*command.format(**places).split())
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "internal error" not in result.output
    expected = fragment.format(**places)
    if code == 3:  # our own message: one line
        assert any(expected in line for line in result.stderr.splitlines()), result.stderr
    else:
        assert squeezed(expected) in squeezed(result.stderr), result.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Two small generated disclosures: one clean, one whose narrative misstates the total."""
    folder = tmp_path_factory.mktemp("generated")
    key = generate(folder, 2, seed=3, kinds=("clean", "narrative-total"))
    return {p.kind: folder / p.document for p in key}


def test_validate_reports_the_documents_it_can_read_and_names_the_one_it_cannot(kg, generated, tmp_path):
    missing, good = tmp_path / "missing.txt", generated["narrative-total"]
    result = kg("validate", good, missing, "--format", "json")
    assert result.exit_code == 3  # the failure outranks the other document's violation (1)
    tasks = {Path(t["document"]).name: t for t in json.loads(result.stdout)["tasks"]}
    assert tasks["missing.txt"]["error"] == f"{missing}: no such file"
    assert [f["code"] for f in tasks[good.name]["findings"]] == ["BK-NARR-AMOUNT"]
    assert result.stderr.splitlines() == [f"Error: {missing}: no such file"]


def test_missing_parent_folders_of_the_store_and_of_out_are_created(kg, tmp_path, built_store, generated):
    assert kg("build", "--sample", "--store", tmp_path / "a" / "b" / "store", "--silent").exit_code == 0
    assert store_api.open(tmp_path / "a" / "b" / "store", read_only=True).graphs()
    dump = tmp_path / "dumps" / "2023" / "all.nq"
    assert kg("export", "nquads", "--store", built_store, "--out", dump).exit_code == 0
    assert dump.read_text(encoding="utf-8")
    csv = tmp_path / "tables" / "2023"
    assert kg("export", "csv", "--store", built_store, "--out", csv).exit_code == 0
    assert (csv / "units.csv").is_file()
    report = tmp_path / "reports" / "2023" / "report.json"
    assert kg("validate", generated["narrative-total"], "--format", "json", "--out", report).exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["stats"]["violations"] == 1


# -- the last guard: an exception no command expected ------------------------------------


@pytest.fixture
def broken_summary(monkeypatch, built_store):
    """``kg summary`` failing with an exception nobody raised on purpose."""
    import kg.cli.summary

    def broken(*args, **kwargs):
        raise ValueError("a bug\nover two lines")

    monkeypatch.setattr(kg.cli.summary, "render_table", broken)
    monkeypatch.setattr(sys, "argv", ["kg", "summary", "--store", str(built_store)])
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # typer installs its own


def test_an_unexpected_exception_is_one_line_and_exit_3_not_a_traceback(broken_summary, monkeypatch, capsys):
    from kg.cli import main

    monkeypatch.delenv("KG_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    assert capsys.readouterr().err == (
        "kg: internal error: ValueError: a bug over two lines "
        "(this is a bug; please report it; run with KG_DEBUG=1 for the traceback)\n"
    )


def test_kg_debug_lets_the_traceback_through(broken_summary, monkeypatch):
    from kg.cli import main

    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(ValueError, match="a bug"):
        main()
