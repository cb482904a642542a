"""One report, four views: terminal text, JSON, the W3C SHACL report (Turtle), HTML."""

from __future__ import annotations

import html
import json
from itertools import groupby

from rdflib import RDF, XSD, BNode, Graph, Literal

from kg.validate.report import Finding, Report
from kg.validate.shapes import SH, catalogue

__all__ = ["to_html", "to_json", "to_text", "to_turtle", "RENDERERS"]


def to_json(report: Report) -> str:
    """``report.to_dict()`` as JSON: one object per finding, grouped by document; each
    document's ``causes`` name the findings they explain, and each finding its ``cause``."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(report: Report) -> str:
    """A summary for the terminal: per document, each cause with the findings it explains,
    then the other findings grouped by table."""
    lines = []
    for task in report.tasks:
        if task.error:
            lines.append(f"{task.document}: FAILED: {task.error}")
            continue
        if not task.findings and task.graph is None:
            continue
        lines.append(f"{task.document}: {len(task.violations)} violations, {len(task.warnings)} warnings")
        by_id = {f.id: f for f in task.findings}
        for cause in task.causes:
            lines.append(f"  {cause.id} {cause.message}")
            lines.append(f"  {' ' * len(cause.id)} {cause.message_zh}")
            lines.extend(line for finding_id in cause.findings for line in _text_finding(by_id[finding_id]))
        key = lambda f: (f.unit or "", f.table or "")  # noqa: E731
        for (unit, table), group in groupby((f for f in task.findings if f.cause is None), key=key):
            lines.append(f"  {unit} {table}".rstrip())
            for f in group:
                lines.extend(_text_finding(f))
    stats = report.stats
    lines.append(
        f"{stats['documents']} documents: {stats['violations']} violations, {stats['warnings']} warnings"
        + (f", {stats['failed']} failed" if stats["failed"] else "")
    )
    return "\n".join(lines) + "\n"


def _text_finding(f: Finding) -> list[str]:
    where = ", ".join(x for x in (f"p.{f.page}" if f.page else "", f.row or "", f.column or "") if x)
    lines = [f"    {f.severity.upper():9} {f.code:20} {where}", f"      {f.message}"]
    if f.message_zh:
        lines.append(f"      {f.message_zh}")
    return lines


def to_turtle(report: Report) -> str:
    """The W3C SHACL validation report of all documents, as one ``sh:ValidationReport``;
    a result that a cause explains links to it (``bk:cause``)."""
    graph = Graph()
    graph.bind("sh", SH)
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.valid, datatype=XSD.boolean)))
    for task in report.tasks:
        if task.shacl:
            part = Graph().parse(data=task.shacl, format="nt")
            for result in part.subjects(RDF.type, SH.ValidationResult):
                graph.add((node, SH.result, result))
            graph += part
    return graph.serialize(format="turtle")


def to_html(report: Report) -> str:
    """A self-contained HTML page (no external files); every text from documents is escaped.

    Each cause comes first, with the findings it explains; the other findings follow."""
    e = html.escape
    causes = []
    for task in report.tasks:
        by_id = {f.id: f for f in task.findings}
        for cause in task.causes:
            causes.append(
                f"<section class='cause'><h3>{e(task.document)} · {e(cause.id)}</h3>"
                f"<p>{e(cause.message_zh)}<br>{e(cause.message)}</p>"
                f"{_html_table([by_id[i] for i in cause.findings])}</section>"
            )
    others = [f for f in report.findings if f.cause is None]
    failed = "".join(f"<li>{e(t.document)}: {e(t.error or '')}</li>" for t in report.errors)
    stats = report.stats
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>budget-kg validation report</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }}
tr.violation td:nth-child(8) {{ color: #b00; font-weight: bold; }} tr.warning td:nth-child(8) {{ color: #a60; }}
section.cause {{ border-left: 4px solid #b00; padding-left: 1em; margin-bottom: 1.5em; }}
</style></head><body>
<h1>Validation report / 校验报告</h1>
<p>{stats['documents']} documents · {stats['violations']} violations · {stats['warnings']} warnings · {stats['failed']} failed ·
{'valid' if report.valid else 'not valid'}</p>
{f'<ul>{failed}</ul>' if failed else ''}
{f'<h2>Most likely misprints / 最可能的误印</h2>{chr(10).join(causes)}<h2>Other findings / 其他问题</h2>' if causes else ''}
{_html_table(others)}</body></html>
"""


def _html_table(findings: list[Finding]) -> str:
    e = html.escape
    shapes = catalogue()
    rows = []
    for f in findings:
        info = shapes.get(f.code)
        rows.append(
            "<tr class='{sev}'><td>{doc}</td><td>{unit}</td><td>{table}</td><td>{page}</td><td>{row}</td>"
            "<td>{col}</td><td><abbr title='{desc}'>{code}</abbr></td><td>{sev}</td><td>{zh}<br>{en}</td></tr>".format(
                sev=e(f.severity), doc=e(f.document), unit=e(f.unit or ""), table=e(f.table or ""),
                page=e(str(f.page or "")), row=e(f.row or ""), col=e(f.column or ""), code=e(f.code),
                desc=e(info.description if info else ""), zh=e(f.message_zh), en=e(f.message),
            )
        )
    return f"""<table><thead><tr><th>document</th><th>unit</th><th>table</th><th>page</th><th>row</th><th>column</th><th>shape</th>
<th>severity</th><th>message</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
"""


RENDERERS = {"text": to_text, "json": to_json, "ttl": to_turtle, "html": to_html}
