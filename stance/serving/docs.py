"""The API documentation as one HTML page rendered on the server from the OpenAPI document.

FastAPI's /docs loads Swagger UI from a CDN, so it stays blank on an offline machine; this page
needs nothing but the server itself. The machine-readable document stays at /openapi.json.
"""

import html
import json


def _schema_text(schema: dict, components: dict, depth: int = 0) -> str:
    """A JSON-ish sketch of a request schema with $refs expanded (two levels deep)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _schema_text(components.get(name, {}), components, depth) if depth < 3 else name
    if "anyOf" in schema:
        return " | ".join(_schema_text(s, components, depth) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", []))
        pad = "  " * (depth + 1)
        fields = [f'{pad}"{name}"{"" if name in required else "?"}: {_schema_text(sub, components, depth + 1)}'
                  for name, sub in schema["properties"].items()]
        return "{\n" + ",\n".join(fields) + "\n" + "  " * depth + "}"
    if kind == "array":
        return "[" + _schema_text(schema.get("items", {}), components, depth) + ", …]"
    return kind or "any"


def render(openapi: dict) -> str:
    components = openapi.get("components", {}).get("schemas", {})
    parts = [f"<h1>{html.escape(openapi['info']['title'])} {html.escape(openapi['info']['version'])}</h1>",
             f"<p>{html.escape(openapi['info'].get('description', ''))}</p>",
             '<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Errors are '
             '<code>{"error": "…"}</code> with a 4xx or 5xx status.</p>']
    for path, methods in openapi.get("paths", {}).items():
        for method, op in methods.items():
            parts.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>")
            if op.get("description") or op.get("summary"):
                parts.append(f"<p>{html.escape(op.get('description') or op.get('summary'))}</p>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                parts.append("<p>Request body (<code>?</code>: optional):</p>")
                parts.append(f"<pre>{html.escape(_schema_text(body, components))}</pre>")
                example = {"/v1/analyze": {"id": "a1", "text": "\"Ukraine belongs in NATO,\" Kuleba said.", "date": "2023-07-11"},
                           "/v1/classify": {"statements": [{"actor": "Joe Biden", "text": "It depends on the war ending."}]}}.get(path)
                if example:
                    curl = (f"curl -s localhost:8000{path} -H 'Content-Type: application/json' "
                            f"-d '{json.dumps(example)}'")
                    parts.append(f"<pre>{html.escape(curl)}</pre>")
    style = "body{font-family:sans-serif;max-width:52em;margin:2em auto;padding:0 1em}pre{background:#f4f4f4;padding:.6em;overflow:auto}"
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>stance API</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")
