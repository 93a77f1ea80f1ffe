"""The HTTP API: FastAPI routes over one loaded model, answering DESIGN.md's JSON.

Limits (body size and read time, articles and characters per request, statements per request,
queue length, time budget) come from the config's ``serve`` section. Every error is
``{"error": "…"}`` with a 4xx/5xx status; an unexpected one is a 500 with no stack trace, and the
server keeps serving.

No ``from __future__ import annotations`` here: FastAPI must see the request models as real
classes, not as strings.
"""

import logging
from typing import List, Optional

from pydantic import BaseModel, Field

from .. import __version__, records
from ..config import ServeConfig
from ..errors import StanceError
from ..labels import LABELS
from .docs import render
from .guards import ModelGate, RequestGuard, json_error

log = logging.getLogger("stance.serve")

VIEW_FORM = ("<form method='get' action='/v1/view'><p><textarea name='text' rows='16' cols='80' "
             "placeholder='Paste an article'></textarea></p><p>Date (YYYY-MM-DD, optional): <input name='date'> "
             "<button type='submit'>Analyse</button></p></form>")


class Article(BaseModel):
    id: Optional[str] = None
    text: str
    date: Optional[str] = Field(None, description="YYYY-MM-DD; resolves role nouns such as 'the NATO chief'")


class AnalyzeRequest(BaseModel):
    """One article (``text``, with ``id`` and ``date``) or several (``articles``)."""

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


def _add_error_handlers(app) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    @app.exception_handler(HTTPException)
    async def on_http_error(request, exc):
        return json_error(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request, exc):
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p != "body"]
        if first.get("type") == "json_invalid":
            # pydantic's loc for a JSON syntax error is the character offset, not a field
            return json_error(422, f"body: malformed JSON at character {loc[0] if loc else '?'} ({first.get('ctx', {}).get('error', 'invalid')})")
        return json_error(422, f"{'.'.join(loc) or 'body'}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StanceError)
    async def on_stance_error(request, exc):
        return json_error(422, str(exc))

    @app.exception_handler(Exception)
    async def on_error(request, exc):
        log.exception("unhandled error on %s", request.url.path)
        return json_error(500, "internal error")


def _analyze_limits(req: AnalyzeRequest, limits: ServeConfig):
    """The request's articles, or the 413/422 that refuses it before the model is asked."""
    if req.articles is not None:
        articles = req.articles
    elif req.text is not None:
        articles = [Article(id=req.id, text=req.text, date=req.date)]
    else:
        return json_error(422, "body: give 'text' (one article) or 'articles' (a list)")
    if len(articles) > limits.max_articles:
        return json_error(413, f"articles: {len(articles)} given; the limit is {limits.max_articles} per request")
    for i, a in enumerate(articles):
        if len(a.text) > limits.max_chars:
            return json_error(413, f"articles.{i}.text: {len(a.text)} characters; the limit is {limits.max_chars}")
    return articles


def _add_status_routes(app, model) -> None:
    from fastapi.responses import HTMLResponse

    @app.get("/healthz")
    def healthz():
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz():
        """The model is loaded and answers."""
        return {"status": "ready", "model": str(getattr(model, "path", "")), "labels": list(LABELS)}

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        return render(app.openapi())


def _add_view_route(app, model, limits: ServeConfig, gate: ModelGate) -> None:
    from fastapi.responses import HTMLResponse

    @app.get("/v1/view", response_class=HTMLResponse)
    async def view(text: Optional[str] = None, date: Optional[str] = None, id: Optional[str] = None):
        """The article with each quote highlighted by stance (speaker and confidence on hover) and
        the per-actor summary on top; without ``text``, a form to paste one into."""
        from ..view import article_section, page

        if not text:
            return HTMLResponse(page([VIEW_FORM], "stance: view an article"))
        if len(text) > limits.max_chars:
            return json_error(413, f"text: {len(text)} characters; the limit is {limits.max_chars}")
        item = {"id": id or "article", "text": text, "date": date}
        results = await gate.run(lambda: [r.to_dict() for r in model.analyze_many([item])])
        if not isinstance(results, list):
            return results
        return HTMLResponse(page([article_section(records.clean_text(text), results[0])], "stance: " + item["id"]))


def create_app(model, limits: Optional[ServeConfig] = None):
    from fastapi import FastAPI

    limits = limits or ServeConfig()
    gate = ModelGate(limits.max_queue, limits.timeout_s)
    app = FastAPI(title="stance", version=__version__, docs_url=None, redoc_url=None,
                  description="Actors' stances on Ukraine joining NATO, from news articles.")
    app.add_middleware(RequestGuard, max_bytes=limits.max_body_bytes, body_timeout_s=limits.body_timeout_s)
    _add_error_handlers(app)

    _add_status_routes(app, model)
    _add_view_route(app, model, limits, gate)

    @app.post("/v1/analyze")
    async def analyze(req: AnalyzeRequest):
        """Quotes, speakers and one stance per actor for each article."""
        articles = _analyze_limits(req, limits)
        if not isinstance(articles, list):
            return articles
        items = [a.model_dump() for a in articles]
        results = await gate.run(lambda: [r.to_dict() for r in model.analyze_many(items)])
        if not isinstance(results, list):
            return results
        return results[0] if req.articles is None else {"results": results}

    @app.post("/v1/classify")
    async def classify(req: ClassifyRequest):
        """One label with probabilities per pre-extracted statement."""
        if len(req.statements) > limits.max_statements:
            return json_error(413, f"statements: {len(req.statements)} given; the limit is {limits.max_statements}")
        if not req.statements:
            return {"predictions": []}
        items = [s.model_dump() for s in req.statements]
        preds = await gate.run(lambda: model.classify(items))
        if not isinstance(preds, list):
            return preds
        return {"predictions": preds}

    return app
