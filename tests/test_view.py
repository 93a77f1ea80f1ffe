"""The annotated article view, checked in a real headless browser (Debian's chromium driven by
selenium): the highlights and actors a reader sees are the ones in the JSON result."""

import json
import shutil
import urllib.parse

import pytest

from stance.cli import main
from stance.config import ServeConfig

from conftest import SEED_000, running_server

webdriver = pytest.importorskip("selenium.webdriver", reason="the test extra installs selenium")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):  # scripts/test.sh installs both with apt-get
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _marks(browser):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, "mark.quote")


def test_the_html_view_shows_every_quote_and_actor_of_the_result(browser, capsys, tiny_model_dir, tmp_path):
    assert main(["analyze", "--model", str(tiny_model_dir), "--format", "json", str(SEED_000)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert main(["analyze", "--model", str(tiny_model_dir), "--format", "html", str(SEED_000)]) == 0
    page = tmp_path / "seed.html"
    page.write_text(capsys.readouterr().out, encoding="utf-8")
    browser.get(page.as_uri())
    from selenium.webdriver.common.by import By

    marks = _marks(browser)
    assert marks and len(marks) <= len(result["quotes"])  # nested spans are highlighted once
    shown = {m.get_attribute("data-actor") for m in marks}
    assert {"Volodymyr Zelensky", "Jens Stoltenberg", "Joe Biden"} <= shown
    for m in marks:  # hover text: speaker, label, confidence; the words are the result's quote
        q = result["quotes"][int(m.get_attribute("data-quote"))]
        assert m.get_attribute("title").startswith(f"{q['actor']} · {q['label']} · ")
        assert " ".join(m.text.split()) == " ".join(q["text"].split())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.actor")
    assert [r.get_attribute("data-actor") for r in rows] == [a["actor"] for a in result["actors"]]
    shot = tmp_path / "view.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 1000


def test_the_server_view_renders_a_pasted_article(browser, tiny_model):
    text = '"Ukraine belongs in NATO," Kuleba said. Orban said Hungary "will never support it."'
    with running_server(tiny_model, ServeConfig()) as url:
        browser.get(f"{url}/v1/view")
        from selenium.webdriver.common.by import By

        assert browser.find_elements(By.NAME, "text")  # the form
        browser.get(f"{url}/v1/view?" + urllib.parse.urlencode({"text": text, "date": "2024-07-10"}))
        assert {m.get_attribute("data-actor") for m in _marks(browser)} >= {"Dmytro Kuleba"}
