"""The server stays available under slow, hostile or too many clients (stance/serving/guards.py).

Each test runs the real server on 127.0.0.1 with small limits and speaks raw sockets or httpx."""

import concurrent.futures
import json
import socket
import threading
import time

import httpx
import pytest

from stance.config import ServeConfig

from conftest import running_server

DENSE = '"Ukraine will join NATO," Zelensky said. "Never," he added. Orban said "no" and "maybe". ' * 300


@pytest.fixture(scope="module")
def guarded(tiny_model):
    limits = ServeConfig(max_body_bytes=5_000_000, max_articles=64, max_chars=40_000, timeout_s=2.0,
                         max_queue=1, header_timeout_s=1.0, body_timeout_s=1.0)
    with running_server(tiny_model, limits) as url:
        yield url


def _port(url):
    return int(url.rsplit(":", 1)[1])


def test_64_slow_clients_do_not_block_a_normal_one_and_are_cut_off(guarded):
    # before: uvicorn's cap of 64 connections made every real request a 503 while they trickled
    stop = threading.Event()
    sockets = [socket.create_connection(("127.0.0.1", _port(guarded))) for _ in range(64)]

    def trickle():
        request = b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        for i in range(len(request)):
            if stop.is_set():
                return
            for s in sockets:
                try:
                    s.send(request[i:i + 1])
                except OSError:
                    pass
            time.sleep(0.1)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        r = httpx.post(f"{guarded}/v1/classify", json={"statements": [{"text": "NATO's door is open."}]}, timeout=10)
        assert r.status_code == 200
        time.sleep(1.5)  # past header_timeout_s: the server has closed the trickling connections
        closed = 0
        for s in sockets:
            s.settimeout(2)
            try:
                closed += s.recv(1) == b""
            except (ConnectionResetError, socket.timeout):
                closed += 1
        assert closed == 64
    finally:
        stop.set()
        for s in sockets:
            s.close()


def _read_to_close(s) -> str:
    data = b""
    while chunk := s.recv(4096):
        data += chunk
    return data.decode()


def test_a_body_that_trickles_gets_408(guarded):
    with socket.create_connection(("127.0.0.1", _port(guarded))) as s:
        s.sendall(b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"st")
        s.settimeout(10)
        reply = s.recv(4096).decode()
        while reply.count("\r\n\r\n") and not reply.rstrip().endswith("}"):
            reply += s.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 408")
    assert json.loads(reply.split("\r\n\r\n", 1)[1])["error"].startswith("the request body did not arrive within 1 s")


def test_a_timed_out_request_frees_the_model_for_the_next(guarded):
    # 40 quote-dense articles are far more than the 2 s budget; before, the work went on holding
    # the model lock after the 504 and the next request timed out too
    heavy = {"articles": [{"id": str(i), "text": DENSE} for i in range(40)]}
    r = httpx.post(f"{guarded}/v1/analyze", json=heavy, timeout=60)
    assert r.status_code == 504 and "longer than 2 s" in r.json()["error"]
    r = httpx.post(f"{guarded}/v1/analyze", json={"text": '"Ukraine belongs in NATO," Kuleba said.'}, timeout=60)
    assert r.status_code == 200 and r.json()["actors"]


def test_a_full_queue_answers_503_with_retry_after(guarded):
    heavy = {"articles": [{"id": str(i), "text": DENSE} for i in range(10)]}
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: httpx.post(f"{guarded}/v1/analyze", json=heavy, timeout=60), range(6)))
    busy = [r for r in responses if r.status_code == 503]
    assert busy, [r.status_code for r in responses]
    assert all(r.headers["retry-after"].isdigit() and "busy" in r.json()["error"] for r in busy)
    assert {r.status_code for r in responses} <= {200, 503, 504}


def test_a_request_that_is_not_http_gets_a_json_400(guarded):
    # uvicorn answered this one in plain text
    with socket.create_connection(("127.0.0.1", _port(guarded))) as s:
        s.sendall(b"HELLO THERE\r\n\r\n")
        s.settimeout(10)
        reply = _read_to_close(s)
    assert reply.startswith("HTTP/1.1 400")
    assert json.loads(reply.split("\r\n\r\n", 1)[1])["error"].startswith("malformed HTTP request")


def test_json_sent_as_text_plain_gets_415_saying_what_to_send(guarded):
    r = httpx.post(f"{guarded}/v1/classify", content=b'{"statements": []}', headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "Content-Type: application/json" in r.json()["error"]


def test_malformed_json_names_the_character(guarded):
    r = httpx.post(f"{guarded}/v1/classify", content=b'{"statements": [}', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("body: malformed JSON at character") and "at at" not in r.json()["error"]


def test_lone_surrogates_and_bad_dates_are_answered_not_500(guarded):
    r = httpx.post(f"{guarded}/v1/analyze", content=b'{"text": "\\"Yes \\ud800 to NATO,\\" Kuleba said."}',
                   headers={"content-type": "application/json"})
    assert r.status_code == 200
    r = httpx.post(f"{guarded}/v1/analyze", json={"text": "Kuleba said yes.", "date": "yesterday"})
    assert r.status_code == 422 and "'yesterday'" in r.json()["error"]
    r = httpx.post(f"{guarded}/v1/analyze", json={"text": "Kuleba said yes.", "date": 20240101})
    assert r.status_code == 422 and r.json()["error"].startswith("date:")


def test_docs_work_offline(guarded):
    r = httpx.get(f"{guarded}/docs")
    assert r.status_code == 200 and "/v1/analyze" in r.text and "/v1/classify" in r.text
    assert "<script" not in r.text and "cdn" not in r.text.lower()  # nothing fetched from elsewhere


def test_load_script_serves_with_slow_clients_about(tiny_model_dir):
    # scripts/load_test.py is how results/load_test.json is made; a short run here keeps it working
    import subprocess
    import sys

    from conftest import ROOT

    out = subprocess.run([sys.executable, "scripts/load_test.py", "--model", str(tiny_model_dir), "--clients", "4",
                          "--seconds", "3", "--slow", "64"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    figures = json.loads(out.stdout)
    # the queue (64) is larger than the clients: every request is answered, none refused
    assert figures["requests_ok"] > 0 and figures["errors"] == {}
