"""Template profiles are parsed once per process, and again when their file changes."""

from __future__ import annotations

import shutil

from kg.read.profiles import load_profile
from kg.resources import resource


def test_a_profile_is_parsed_once_for_every_document_that_asks_for_it():
    assert load_profile("hebei-county") is load_profile("hebei-county")


def test_a_profile_edited_on_disk_is_read_again(tmp_path):
    path = tmp_path / "county.yaml"
    shutil.copy(resource("mappings", "hebei-county.yaml"), path)
    before = load_profile(path)
    text = path.read_text(encoding="utf-8")
    name = f"name: {before.name}"
    assert name in text, "the copied profile states its name on a line of its own"
    path.write_text(text.replace(name, "name: 另一个模板", 1), encoding="utf-8")

    assert before.name == "河北省县级单位预算公开 (text copied from PDF)"
    assert load_profile(path).name == "另一个模板"
    assert load_profile(path) is not before
