"""The published sample in real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

Pages render, their SVG charts draw with data labels, and a reader can click from a unit
to one of its indicators to the legal document it cites. A screenshot of each page is
saved under ``test-artifacts/screenshots/`` (gitignored) for people to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from kg.publish.serve import serve_site

SHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
LEGAL = "冀财规〔2018〕21号"


def _find(names: tuple[str, ...]) -> str | None:
    return next((path for path in map(shutil.which, names) if path), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed: pip install -e '.[test]'")
    chromium, driver_path = _find(CHROMIUM), _find(("chromedriver",))
    if not chromium or not driver_path:
        pytest.fail("headless Chromium is missing: apt-get install chromium chromium-driver (.ci/run does this)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site_url(published_site: Path) -> Iterator[str]:
    with serve_site(published_site) as url:
        yield url


def screenshot(driver, name: str) -> Path:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 6000))
    path = SHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1600)
    return path


def chart(driver, chart_id: str) -> tuple[list[object], list[str]]:
    """The drawn bars of a chart (with a rendered width) and its data labels."""
    from selenium.webdriver.common.by import By

    figure = driver.find_element(By.CSS_SELECTOR, f'figure[data-chart="{chart_id}"]')
    svg = figure.find_element(By.TAG_NAME, "svg")
    assert svg.size["width"] > 300 and svg.size["height"] > 40
    bars = svg.find_elements(By.CSS_SELECTOR, "rect.bar")
    labels = [t.text for t in svg.find_elements(By.CSS_SELECTOR, "text.data-label")]
    return bars, labels


def table_rows(driver, chart_id: str) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    figure = driver.find_element(By.CSS_SELECTOR, f'figure[data-chart="{chart_id}"]')
    return [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in figure.find_elements(By.CSS_SELECTOR, "table.chart-data tbody tr")
    ]


def test_the_index_page_renders_with_both_units(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url)
    assert "budget-kg" in browser.title
    units = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "td.unit-link a")]
    assert units == ["巨鹿县人力资源和社会保障局本级", "巨鹿县社会保险事业服务中心"]
    dumps = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#dumps td:first-child a")]
    assert "budget.nq" in dumps and "budget.jsonld" in dumps
    assert screenshot(browser, "index").stat().st_size > 10_000


def test_a_unit_page_draws_its_charts_with_data_labels(browser, site_url):
    browser.get(site_url + "id/unit/323001/")
    assert browser.find_element("tag name", "h1").text == "巨鹿县人力资源和社会保障局本级"
    # 支出总表 of 323001: class 208 basic 594.86 / project 3204.03 / total 3798.89; 210 and 221 basic only.
    bars, labels = chart(browser, "function-classes")
    assert len(bars) == 7
    assert {"594.86 基本支出", "3204.03 项目支出", "3798.89 合计", "38.00 合计", "53.00 合计"} <= set(labels)
    widest = max(bar.size["width"] for bar in bars)
    assert 370 <= widest <= 390  # the largest amount gets the full bar area (380 px)
    assert table_rows(browser, "function-classes")[0] == ["208 社会保障和就业支出", "594.86", "3204.03", "3798.89"]
    bars, labels = chart(browser, "basic-project")
    assert labels == ["685.86 基本支出", "3204.03 项目支出"] and len(bars) == 2
    bars, labels = chart(browser, "personnel-public")
    assert labels == ["632.20 人员经费", "53.66 公用经费"] and len(bars) == 2
    assert screenshot(browser, "unit-323001").stat().st_size > 10_000


def test_the_cross_unit_page_compares_both_units(browser, site_url):
    browser.get(site_url + "id/unit/")
    bars, labels = chart(browser, "compare-basic-project")
    assert len(bars) == 4
    assert labels == ["685.86 基本支出", "3204.03 项目支出", "404.10 基本支出", "77.00 项目支出"]
    assert table_rows(browser, "compare-basic-project") == [
        ["巨鹿县人力资源和社会保障局本级", "685.86", "3204.03"],
        ["巨鹿县社会保险事业服务中心", "404.10", "77.00"],
    ]
    bars, labels = chart(browser, "compare-personnel-public")
    assert {"632.20 人员经费", "53.66 公用经费"} <= set(labels) and len(bars) == 4
    assert screenshot(browser, "compare-units").stat().st_size > 10_000


def test_the_legal_document_page_draws_its_citation_count(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "id/legal/" + "%E5%86%80%E8%B4%A2%E8%A7%84%E3%80%942018%E3%80%9521%E5%8F%B7/")
    assert browser.find_element(By.TAG_NAME, "h1").text == LEGAL
    bars, labels = chart(browser, "citations")
    assert labels == ["12"] and len(bars) == 1
    assert len(browser.find_elements(By.CSS_SELECTOR, ".citations li a.indicator")) == 12
    assert screenshot(browser, "legal-document").stat().st_size > 10_000
    browser.get(site_url + "id/legal/")
    bars, labels = chart(browser, "legal-citations")
    assert "12 绩效指标" in labels
    assert screenshot(browser, "legal-citations").stat().st_size > 10_000


def test_a_reader_clicks_from_a_unit_to_an_indicator_to_its_legal_document(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "id/unit/323001/")
    rows = browser.find_elements(By.CSS_SELECTOR, ".projects tbody tr")
    citing = [row for row in rows if row.find_element(By.CSS_SELECTOR, "td.basis").text == LEGAL]
    assert len(citing) == 12
    indicator = citing[0].find_element(By.CSS_SELECTOR, "td.indicator a")
    name = indicator.text
    indicator.click()
    assert "/indicator/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    screenshot(browser, "indicator")
    browser.find_element(By.LINK_TEXT, LEGAL).click()
    assert "/id/legal/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == LEGAL
    assert name in [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".citations li a.indicator")]
