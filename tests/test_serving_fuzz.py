"""Schema-driven fuzzing of the HTTP API from its own OpenAPI document (schemathesis): valid and
invalid requests to every operation, against the real server on 127.0.0.1; none may get a 5xx,
and every error is ``{"error": "…"}``."""

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the test extra installs schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from stance.config import ServeConfig  # noqa: E402

from conftest import running_server  # noqa: E402


@pytest.fixture(scope="module")
def operations(tiny_model):
    limits = ServeConfig(max_body_bytes=200_000, max_articles=8, max_chars=20_000, max_statements=32, timeout_s=30)
    with running_server(tiny_model, limits) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        yield [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_request_gets_a_server_error(operations, mode):
    assert {op.path for op in operations} >= {"/v1/analyze", "/v1/classify", "/healthz", "/readyz"}
    generation = schemathesis.GenerationMode(mode)
    strategy = st.one_of([op.as_strategy(generation_mode=generation) for op in operations])
    seen = []

    @given(case=strategy)
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        response = case.call(timeout=30)
        seen.append(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.path} -> {response.status_code}: {response.text[:200]}"
        if response.status_code >= 400:
            assert "error" in response.json(), response.text[:200]

    fuzz()
    assert len(seen) >= 50  # the fuzzer really sent requests
