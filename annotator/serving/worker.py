"""A gunicorn gthread worker that reads each request in its event loop before a thread sees it.

gunicorn's threaded worker hands a connection to a thread as soon as its first bytes arrive; the
thread then blocks reading the rest, with no deadline. A client that sends half a request and
waits holds a thread for as long as it likes, and a few such sockets (one per thread) stop the
server: the probe that found this needed two. Here the worker's event loop, which waits on
sockets without threads, collects the request head and up to BODY_BUFFER bytes of the body
without blocking, and only a complete request (or a body larger than the buffer, whose head is
complete) goes to a thread, with the bytes already read pushed back into gunicorn's parser.
A head not complete within HEADER_TIMEOUT seconds of its first byte, or a buffered body not in
within BODY_TIMEOUT, is closed. The same as nginx's client_header_timeout / client_body_timeout
and request buffering, inside `annotator serve`.

TLS and HTTP/2 connections are left to gunicorn as they are (`annotator serve` speaks plain
HTTP/1.1 behind a proxy that ends TLS).
"""
from __future__ import annotations

import os
import re
import selectors
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("ANNOTATOR_SERVE_HEADER_TIMEOUT", "10"))
BODY_TIMEOUT = float(os.environ.get("ANNOTATOR_SERVE_BODY_TIMEOUT", "30"))
BODY_BUFFER = 1 << 20  # bodies up to 1 MB are read here whole (every form and save); uploads past it stream
HEAD_LIMIT = 64 * 1024  # a head longer than this goes on to gunicorn's parser, which refuses it
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,18})[ \t]*\r\n", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r\n]*chunked", re.IGNORECASE)


def request_is_buffered(data: bytes) -> bool:
    """Whether ``data`` holds a whole request head and as much of its body as we wait for."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return len(data) >= HEAD_LIMIT
    head, body = data[:head_end + 2], len(data) - head_end - 4
    if _CHUNKED.search(head):
        return b"0\r\n\r\n" in data[head_end:] or body >= BODY_BUFFER
    length = _CONTENT_LENGTH.search(head)
    wanted = int(length.group(1)) if length else 0
    return body >= min(wanted, BODY_BUFFER)


class BufferingThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffering: dict = {}  # connection -> deadline

    def enqueue_req(self, conn):
        if self.cfg.is_ssl or conn.is_http2 or getattr(conn, "buffered", None) is not None:
            super().enqueue_req(conn)
            return
        leftover = conn.parser.unreader.take_buffered() if conn.parser is not None else b""
        conn.buffered, conn.head_done = bytearray(leftover), False
        conn.sock.setblocking(False)
        self.buffering[conn] = time.monotonic() + HEADER_TIMEOUT
        # Most requests are already here whole (a kept-alive connection that turned readable):
        # one read now spares them a round through the poller.
        self._read_some(conn, registered=False)

    def _read_some(self, conn, _sock=None, registered=True):
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            data = None
        except OSError:
            data = b""
        if data == b"":
            self._drop(conn, registered)
            return
        if data:
            conn.buffered += data
            if not conn.head_done and b"\r\n\r\n" in conn.buffered:
                conn.head_done = True
                self.buffering[conn] = time.monotonic() + BODY_TIMEOUT
        if request_is_buffered(conn.buffered):
            if registered:
                self.poller.unregister(conn.sock)
            del self.buffering[conn]
            super().enqueue_req(conn)
        elif not registered:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._read_some, conn))

    def _drop(self, conn, registered=True):
        if registered:
            self.poller.unregister(conn.sock)
        self.buffering.pop(conn, None)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c, deadline in self.buffering.items() if deadline <= now]:
            self._drop(conn)

    def handle(self, conn):
        buffered = getattr(conn, "buffered", None)
        if buffered is not None:
            conn.buffered = None
            conn.data_ready = True  # the bytes are here: no wait for the first one
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(bytes(buffered))
        return super().handle(conn)
