"""Load test of `stance serve`: N keep-alive clients post articles for T seconds; p50/p99 latency,
requests/s and errors, optionally with slow clients trickling headers at the same time.

    python scripts/load_test.py --model models/default --clients 20 --seconds 30 --slow 64 \
        --json results/load_test.json

Starts the real server (stance.serving.server_config) on a free port of 127.0.0.1 in this
process's thread and talks to it over sockets with an asyncio client (httpx).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLE = ('"Ukraine\'s future is in NATO," Jens Stoltenberg told reporters on Tuesday. Hungary\'s Viktor Orbán said '
           'his government "will never support" membership while the war goes on. President Biden said Ukraine '
           'must first meet the standards, adding: "It depends on the reforms."')


def start_server(model_dir: str, limits):
    import uvicorn

    from stance import StanceModel
    from stance.serving import create_app, server_config

    model = StanceModel.load(model_dir)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(server_config(create_app(model, limits), limits, "127.0.0.1", port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


async def slow_client(port: int, stop: asyncio.Event) -> None:
    """Sends a request's header bytes one every second until cut off or told to stop."""
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return
    request = b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    try:
        for i in range(len(request)):
            if stop.is_set():
                break
            writer.write(request[i:i + 1])
            await writer.drain()
            await asyncio.sleep(1.0)
    except (ConnectionError, OSError):
        pass  # the server closed it: what the header timeout is for
    finally:
        writer.close()


async def client(url: str, deadline: float, latencies: list, errors: dict) -> None:
    payload = {"text": ARTICLE, "date": "2024-07-09"}
    async with httpx.AsyncClient(timeout=120) as http:
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                r = await http.post(f"{url}/v1/analyze", json=payload)
                if r.status_code == 200:
                    latencies.append(time.monotonic() - start)
                else:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1


async def run(port: int, clients: int, seconds: float, slow: int) -> dict:
    url = f"http://127.0.0.1:{port}"
    stop = asyncio.Event()
    slow_tasks = [asyncio.create_task(slow_client(port, stop)) for _ in range(slow)]
    await asyncio.sleep(0.5 if slow else 0)
    latencies: list = []
    errors: dict = {}
    deadline = time.monotonic() + seconds
    start = time.monotonic()
    await asyncio.gather(*(client(url, deadline, latencies, errors) for _ in range(clients)))
    elapsed = time.monotonic() - start
    stop.set()
    await asyncio.gather(*slow_tasks)
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None

    return {"clients": clients, "slow_clients": slow, "seconds": round(elapsed, 1), "requests_ok": len(latencies),
            "errors": errors, "requests_per_s": round(len(latencies) / elapsed, 2), "p50_ms": pct(0.50), "p99_ms": pct(0.99)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models/default")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--slow", type=int, default=64, help="slow clients trickling headers meanwhile")
    parser.add_argument("--max-queue", type=int, default=None, help="override serve.max_queue")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from stance.config import ServeConfig

    limits = ServeConfig()
    if args.max_queue is not None:
        limits.max_queue = args.max_queue
    server, port = start_server(args.model, limits)
    try:
        result = asyncio.run(run(port, args.clients, args.seconds, args.slow))
    finally:
        server.should_exit = True
    from stance.planner import cpu_model

    result.update({"model": args.model, "cpu": cpu_model(), "threads": os.cpu_count(), "max_queue": limits.max_queue,
                   "date": time.strftime("%Y-%m-%d")})
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
