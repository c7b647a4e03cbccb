"""A minimal client for Red Hat's yaml-language-server (the engine of VS Code's YAML extension) over
its stdio language-server protocol: JSON-RPC messages framed by Content-Length headers."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
WAIT = 30  # seconds; a reply normally comes in well under one


def available() -> str | None:
    """Why the server cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not SERVER.is_file():
        return "yaml-language-server is not installed: run `npm ci --ignore-scripts`"
    return None


class LanguageServer:
    """One server process; requests wait for their reply, diagnostics wait for their publication."""

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self.settings = settings or {}
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next = 0
        self._write_lock = threading.Lock()
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    # --- framing -----------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._write_lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _receive(self) -> dict[str, Any] | None:
        stream = self.process.stdout
        assert stream is not None
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        assert length is not None, "a message without Content-Length"
        return json.loads(stream.read(length))

    def _read(self) -> None:
        while (message := self._receive()) is not None:
            if "id" in message and "method" in message:
                self._answer(message)
            elif "id" in message:
                self._queue(self._replies, message["id"]).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self._queue(self._diagnostics, params["uri"]).put(params["diagnostics"])

    def _queue(self, table: dict[Any, queue.Queue[Any]], key: Any) -> queue.Queue[Any]:
        with self._lock:
            return table.setdefault(key, queue.Queue())

    def _answer(self, request: dict[str, Any]) -> None:
        """The server's own requests: settings, capability registration, progress."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None) for item in request["params"]["items"]]
        self._send({"id": request["id"], "result": result})

    # --- protocol ----------------------------------------------------------------------------

    def request(self, method: str, params: dict[str, Any]) -> Any:
        with self._lock:
            self._next += 1
            ident = self._next
        replies = self._queue(self._replies, ident)
        self._send({"id": ident, "method": method, "params": params})
        reply = replies.get(timeout=WAIT)
        assert "error" not in reply, reply["error"]
        return reply.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def initialize(self, root: Path) -> dict[str, Any]:
        capabilities = {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": False},
                "completion": {"completionItem": {"snippetSupport": False}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
            },
            "workspace": {"configuration": True},
        }
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": capabilities,
                "workspaceFolders": None,
            },
        )
        self.notify("initialized", {})
        if self.settings:
            self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return result

    def open(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open `text` as the document at `path`; the diagnostics the server publishes for it."""
        uri = path.as_uri()
        published = self._queue(self._diagnostics, uri)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return published.get(timeout=WAIT)

    def close(self, path: Path) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})

    def completion(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )
        return result["items"] if isinstance(result, dict) else (result or [])

    def hover(self, path: Path, line: int, character: int) -> Any:
        return self.request(
            "textDocument/hover",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )

    def stop(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (OSError, queue.Empty, subprocess.TimeoutExpired, AssertionError):
            self.process.kill()
            self.process.wait(timeout=10)
