"""HTTP serving with FastAPI + uvicorn: the model is loaded once and answers DESIGN.md's JSON.

``app`` holds the routes, ``guards`` what keeps the server available under slow or hostile
clients, ``docs`` the offline API page.
"""

from pathlib import Path
from typing import Optional, Union

from ..config import Config, ServeConfig, load_config
from ..errors import StanceError
from .app import create_app
from .guards import protocol_with_header_timeout

__all__ = ["create_app", "serve", "server_config"]


def server_config(app, limits: ServeConfig, host: Optional[str] = None, port: Optional[int] = None, log_level: str = "info"):
    """The uvicorn configuration ``serve`` runs (tests start the same one).

    Idle connections are cheap for asyncio, so the connection cap is high; what protects the
    model is the queue in front of it (``ModelGate``), and what frees slow connections is the
    header and body timeouts."""
    import uvicorn

    return uvicorn.Config(app, host=host or limits.host, port=port or limits.port, log_level=log_level,
                          http=protocol_with_header_timeout(limits.header_timeout_s),
                          limit_concurrency=limits.max_connections, timeout_keep_alive=5)


def serve(model_dir: Union[str, Path], host: Optional[str] = None, port: Optional[int] = None,
          config_path: Optional[str] = None, device: str = "auto", backend: Optional[str] = None) -> None:
    import uvicorn

    from ..inference import StanceModel

    cfg_file = Path(config_path) if config_path else Path(model_dir) / "config.yaml"
    if config_path and not cfg_file.is_file():
        raise StanceError(f"{cfg_file}: config file not found")
    limits = load_config(cfg_file).serve if cfg_file.is_file() else Config().serve
    model = StanceModel.load(model_dir, device=device, backend=backend)
    uvicorn.Server(server_config(create_app(model, limits), limits, host, port)).run()
