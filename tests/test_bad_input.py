"""Bad input gets a clear message naming the file and a non-zero exit, never a traceback,
and in a batch the good documents are still written.

Every bad file is derived from the bundled sample in ``tmp_path``; none is committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import kg.store as store_api


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
