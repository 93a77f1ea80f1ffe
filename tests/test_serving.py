"""The HTTP server, started for real on 127.0.0.1 and spoken to over sockets."""

import concurrent.futures
import json

import httpx
import pytest

from stance.config import ServeConfig

from conftest import SEED_000, running_server


@pytest.fixture(scope="module")
def server(tiny_model):
    limits = ServeConfig(max_body_bytes=20_000, max_articles=3, max_chars=10_000, max_statements=5, timeout_s=30)
    with running_server(tiny_model, limits) as url:
        yield url


def test_health_and_readiness(server):
    assert httpx.get(f"{server}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server}/readyz").json()
    assert ready["status"] == "ready"


def test_openapi_schema_lists_the_endpoints(server):
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/v1/analyze", "/v1/classify", "/healthz", "/readyz"} <= set(paths)


def test_analyze_one_article(server):
    text = SEED_000.read_text()
    r = httpx.post(f"{server}/v1/analyze", json={"id": "s0", "text": text, "date": "2021-06-16"}, timeout=30)
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "s0" and body["quotes"]
    for q in body["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_analyze_many_articles(server):
    r = httpx.post(f"{server}/v1/analyze", json={"articles": [{"id": "a", "text": '"Ukraine belongs in NATO," Kuleba said.'},
                                                              {"id": "b", "text": "No quotes."}]}, timeout=30)
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["results"]] == ["a", "b"]


def test_classify(server):
    r = httpx.post(f"{server}/v1/classify", json={"statements": [{"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."}]}, timeout=30)
    assert r.status_code == 200
    assert r.json()["predictions"][0]["label"] in ("supportive", "conditional", "denying", "none")


def test_limits_answer_413_with_a_message(server):
    r = httpx.post(f"{server}/v1/analyze", json={"text": "x" * 30_000})
    assert r.status_code == 413 and "limit is 20000" in r.json()["error"]
    r = httpx.post(f"{server}/v1/analyze", json={"articles": [{"text": "a"}] * 4})
    assert r.status_code == 413 and "limit is 3" in r.json()["error"]
    r = httpx.post(f"{server}/v1/analyze", json={"text": "y" * 12_000})
    assert r.status_code == 413 and "10000" in r.json()["error"]
    r = httpx.post(f"{server}/v1/classify", json={"statements": [{"text": "a"}] * 6})
    assert r.status_code == 413


def test_bad_requests_get_422_without_stack_traces(server):
    r = httpx.post(f"{server}/v1/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "Traceback" not in r.text
    r = httpx.post(f"{server}/v1/analyze", json={"articles": [{"id": "x"}]})
    assert r.status_code == 422 and "articles.0.text" in r.json()["error"]
    r = httpx.post(f"{server}/v1/analyze", json={})
    assert r.status_code == 422
    r = httpx.post(f"{server}/v1/analyze", json={"text": "Biden said hello.", "date": "June"})
    assert r.status_code == 422 and "date" in r.json()["error"]
    assert httpx.get(f"{server}/healthz").status_code == 200  # still serving


def test_concurrent_requests(server):
    payload = {"text": '"Ukraine will become a member of NATO," Stoltenberg said. "It depends on the allies," he added.'}

    def call(_):
        return httpx.post(f"{server}/v1/analyze", json=payload, timeout=60)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(call, range(16)))
    assert all(r.status_code == 200 for r in responses)
    assert len({json.dumps(r.json(), sort_keys=True) for r in responses}) == 1


def test_chunked_body_without_length_is_capped_while_read(server):
    # no Content-Length header: the cap must hold while the body streams in
    def chunks():
        yield b'{"text": "'
        for _ in range(40):
            yield b"z" * 1000
        yield b'"}'

    r = httpx.post(f"{server}/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and "limit is 20000" in r.json()["error"]
    small = httpx.post(f"{server}/v1/classify", content=iter([b'{"statements": [{"text": "NATO is open."}]}']),
                       headers={"content-type": "application/json"})
    assert small.status_code == 200


def test_unknown_route_answers_json_error(server):
    r = httpx.get(f"{server}/v1/nothing")
    assert r.status_code == 404 and r.json() == {"error": "Not Found"}
