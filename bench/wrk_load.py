"""Saturation with wrk (Debian's package), for annotate_bench.py.

The Python clients of annotate_bench.py spend most of a millisecond of CPU per save, on the same
two cores as the server; wrk, written in C, spends a few microseconds. Each save is still the
page's own request, with its annotator's cookie and CSRF token: the requests are built here,
every one for a different word (so none is refused as a duplicate), and a Lua script hands them
out, each wrk thread taking its own share.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

LUA = """
local requests = dofile("%(table)s")
local threads, counter = %(threads)d, 0
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function request()
  local index = id + counter * threads + 1
  counter = counter + 1
  if index > #requests then
    return wrk.format("GET", "/login")  -- out of prepared saves: counted apart, see below
  end
  return requests[index]
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(raw: str) -> str:
    return '"' + raw.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n") + '"'


def saturate(port: int, clients, count: int, seconds: float, connections: int = 20, threads: int = 2) -> dict:
    """Run wrk against the saves of ``clients`` (annotate_bench.Client); ``count`` saves prepared."""
    prepared = []
    for k in range(count):
        method, path, body, headers = clients[k % len(clients)].next_save()
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}",
                 *(f"{name}: {value}" for name, value in headers.items())]
        prepared.append("\r\n".join(lines) + "\r\n\r\n" + body)
    with tempfile.TemporaryDirectory() as tmp:
        table, script = Path(tmp) / "requests.lua", Path(tmp) / "saves.lua"
        table.write_text("return {\n" + ",\n".join(_lua_string(r) for r in prepared) + "\n}\n")
        script.write_text(LUA % {"table": table, "threads": threads})
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s", "--latency",
                              "-s", str(script), f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.M))
    return {"requests": total, "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "refused": int(refused.group(1)) if refused else 0, "socket_errors": errors.group(1) if errors else "",
            "latency": latency, "prepared": count, "raw": out}
