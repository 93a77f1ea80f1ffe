"""HTTP serving with FastAPI + uvicorn: the model is loaded once and answers DESIGN.md's JSON.

Limits (body size, articles and characters per request, statements per request, timeout) come from
the config's ``serve`` section. A request past them gets 413 or 422 with a message; an unexpected
error gets a 500 with no stack trace, and the server keeps serving.

No ``from __future__ import annotations`` here: FastAPI must see the request models defined inside
``create_app`` as real classes, not as strings.
"""


import asyncio
import logging
import threading
from pathlib import Path
from typing import List, Optional, Union

from . import __version__
from .config import Config, ServeConfig, load_config
from .errors import StanceError

log = logging.getLogger("stance.serve")


class BodyLimit:
    """Caps the request body while it is read, not only by its Content-Length: a chunked upload
    has no length header and would otherwise be read whole into memory before any check."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        from starlette.exceptions import HTTPException
        from starlette.responses import JSONResponse

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            response = JSONResponse({"error": f"request body is {int(length)} bytes; the limit is {self.max_bytes}"}, status_code=413)
            return await response(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException passes through FastAPI's body parsing unchanged, so the
                    # client gets this 413 rather than a generic 400
                    raise HTTPException(413, f"request body is over {self.max_bytes} bytes; the limit is {self.max_bytes}")
            return message

        await self.app(scope, limited, send)


def create_app(model, limits: Optional[ServeConfig] = None):
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException

    limits = limits or ServeConfig()
    lock = threading.Lock()  # one forward pass at a time: the CPU cores are already all in use

    class Article(BaseModel):
        id: Optional[str] = None
        text: str
        date: Optional[str] = Field(None, description="YYYY-MM-DD; resolves role nouns such as 'the NATO chief'")

    class AnalyzeRequest(BaseModel):
        articles: Optional[List[Article]] = None
        id: Optional[str] = None
        text: Optional[str] = None
        date: Optional[str] = None

    class Statement(BaseModel):
        actor: Optional[str] = None
        text: str
        context: Optional[str] = None
        cue: Optional[str] = None

    class ClassifyRequest(BaseModel):
        statements: List[Statement]

    app = FastAPI(title="stance", version=__version__,
                  description="Actors' stances on Ukraine joining NATO, from news articles.")

    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return JSONResponse({"error": f"{where or 'body'}: {first.get('msg', 'invalid request')}"}, status_code=422)

    @app.exception_handler(StanceError)
    async def on_stance_error(request: Request, exc: StanceError):
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"error": "internal error"}, status_code=500)

    async def run(fn, *args):
        def locked():
            with lock:
                return fn(*args)

        try:
            return await asyncio.wait_for(asyncio.to_thread(locked), timeout=limits.timeout_s)
        except asyncio.TimeoutError:
            return JSONResponse({"error": f"request took longer than {limits.timeout_s} s"}, status_code=504)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz():
        return {"status": "ready", "model": str(getattr(model, "path", "")), "labels": ["supportive", "conditional", "denying", "none"]}

    @app.post("/v1/analyze")
    async def analyze(req: AnalyzeRequest):
        if req.articles is not None:
            articles, single = req.articles, False
        elif req.text is not None:
            articles, single = [Article(id=req.id, text=req.text, date=req.date)], True
        else:
            return JSONResponse({"error": "body: give 'text' (one article) or 'articles' (a list)"}, status_code=422)
        if len(articles) > limits.max_articles:
            return JSONResponse({"error": f"articles: {len(articles)} given; the limit is {limits.max_articles} per request"}, status_code=413)
        for i, a in enumerate(articles):
            if len(a.text) > limits.max_chars:
                return JSONResponse({"error": f"articles.{i}.text: {len(a.text)} characters; the limit is {limits.max_chars}"}, status_code=413)
        items = [a.model_dump() for a in articles]
        results = await run(lambda: [r.to_dict() for r in model.analyze_many(items)])
        if isinstance(results, JSONResponse):
            return results
        return results[0] if single else {"results": results}

    @app.post("/v1/classify")
    async def classify(req: ClassifyRequest):
        if len(req.statements) > limits.max_statements:
            return JSONResponse({"error": f"statements: {len(req.statements)} given; the limit is {limits.max_statements}"}, status_code=413)
        if not req.statements:
            return {"predictions": []}
        items = [s.model_dump() for s in req.statements]
        preds = await run(model.classify, items)
        if isinstance(preds, JSONResponse):
            return preds
        return {"predictions": preds}

    return app


def serve(model_dir: Union[str, Path], host: Optional[str] = None, port: Optional[int] = None,
          config_path: Optional[str] = None, device: str = "auto", backend: Optional[str] = None) -> None:
    import uvicorn

    from .inference import StanceModel

    model = StanceModel.load(model_dir, device=device, backend=backend)
    cfg_file = Path(config_path) if config_path else Path(model_dir) / "config.yaml"
    limits = load_config(cfg_file).serve if cfg_file.is_file() else Config().serve
    if config_path and not cfg_file.is_file():
        raise StanceError(f"{cfg_file}: config file not found")
    app = create_app(model, limits)
    uvicorn.run(app, host=host or limits.host, port=port or limits.port, log_level="info",
                limit_concurrency=64, timeout_keep_alive=5)
