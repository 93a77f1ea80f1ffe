"""What keeps the server available when clients are slow, hostile or too many.

- ``HeaderTimeoutProtocol``: uvicorn's h11 protocol, closing a connection whose request headers
  have not arrived within ``header_timeout_s`` (uvicorn times out idle keep-alive connections, but
  not a client that sends a header byte a second, which holds its connection forever).
- ``RequestGuard``: ASGI middleware that caps the body while it is read (a chunked upload has no
  Content-Length), times out a body that trickles in, and answers non-JSON content types with 415.
- ``ModelGate``: one request at a time on the model, a bounded queue in front of it (503 with
  Retry-After when full) and a time budget that stops the work, not only the wait for it.
"""

import asyncio
import threading
import time
from typing import Callable, TypeVar

from uvicorn.protocols.http.h11_impl import H11Protocol

from .. import budget

T = TypeVar("T")


def json_error(status: int, message: str, headers: dict = None):
    from starlette.responses import JSONResponse

    return JSONResponse({"error": message}, status_code=status, headers=headers)


class HeaderTimeoutProtocol(H11Protocol):
    """Closes a connection that has not finished sending a request's headers in time."""

    header_timeout_s = 10.0

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_timer()  # the next request on a kept-alive connection gets the same time

    def connection_lost(self, exc) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """A request that is not HTTP at all gets ``{"error": …}`` too, not uvicorn's plain text."""
        import json

        import h11

        body = json.dumps({"error": f"malformed HTTP request: {msg}"}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"), h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()

    def _arm_header_timer(self) -> None:
        old = getattr(self, "_header_timer", None)
        if old is not None:
            old.cancel()
        waiting_for = self.cycle  # a new request replaces self.cycle once its headers are parsed
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_overdue, waiting_for)

    def _headers_overdue(self, waiting_for) -> None:
        if self.cycle is waiting_for and not self.transport.is_closing():
            self.transport.close()


def protocol_with_header_timeout(seconds: float) -> type:
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout_s": float(seconds)})


class RequestGuard:
    """Body size, body read time and content type, checked while the request comes in."""

    def __init__(self, app, max_bytes: int, body_timeout_s: float):
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout_s = body_timeout_s

    async def __call__(self, scope, receive, send):
        from starlette.exceptions import HTTPException

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            return await json_error(413, f"request body is {int(length)} bytes; the limit is {self.max_bytes}")(scope, receive, send)
        if scope["method"] == "POST":
            kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if kind != b"application/json":
                shown = kind.decode("latin-1") or "none"
                return await json_error(415, f"Content-Type is {shown}; send the body as JSON with Content-Type: application/json")(scope, receive, send)
        seen = 0
        deadline = time.monotonic() + self.body_timeout_s

        async def guarded():
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), timeout=max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                # an HTTPException passes through FastAPI's body parsing unchanged, so the client
                # gets this answer rather than a generic 400
                raise HTTPException(408, f"the request body did not arrive within {self.body_timeout_s:g} s") from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, f"request body is over {self.max_bytes} bytes; the limit is {self.max_bytes}")
            return message

        await self.app(scope, guarded, send)


class ModelGate:
    """The model works on one request at a time; at most ``max_queue`` more wait for it.

    A request's budget covers its wait and its work: the worker thread takes the model only if the
    budget has time left, and the work itself stops at its next ``budget.check()`` once the budget
    is spent, so a timed-out request frees the model within about one batch."""

    def __init__(self, max_queue: int, timeout_s: float):
        self.max_queue = max_queue
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._admitted = 0  # working or waiting

    async def run(self, work: Callable[[], T]):
        if self._admitted > self.max_queue:
            return json_error(503, f"the server is busy ({self._admitted} requests ahead); retry shortly",
                              headers={"Retry-After": str(max(1, round(self.timeout_s / 4)))})
        self._admitted += 1
        deadline = time.monotonic() + self.timeout_s

        def in_thread():
            if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise budget.OutOfTime("no turn on the model within the time budget")
            try:
                with budget.time_budget(deadline - time.monotonic()):
                    return work()
            finally:
                self._lock.release()

        try:
            return await asyncio.to_thread(in_thread)
        except budget.OutOfTime:
            return json_error(504, f"request took longer than {self.timeout_s:g} s; send fewer or shorter articles")
        finally:
            self._admitted -= 1
