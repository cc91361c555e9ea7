#!/usr/bin/env python3
"""Measure the Docker daemon's Unix socket ("direct") and dockgate side by side.

Python 3 standard library only. Every metric runs the same workload against both targets in
the same run and is printed with the ratio dockgate/direct:

  keep-alive req/s      N connections, each sending GET /_ping back to back
  latency p50/p99       one keep-alive connection, sequential GET /_ping
  new connections/s     a fresh connection per GET /_ping (direct: a new Unix socket; dockgate:
                        a new TCP connection with a full mutual-TLS handshake, and separately
                        with TLS session resumption)
  download MB/s         GET /containers/{id}/archive?path=/big (a ~100 MiB tar stream)
  upload MB/s           PUT /containers/{id}/archive?path=/tmp with a ~100 MiB tar body
                        (Content-Length, and separately Transfer-Encoding: chunked)

bench/run starts everything (dockerd, certificates, dockgate) and calls this; see
bench/README.md. Run `bench/bench.py --help` for the options.
"""

import argparse
import asyncio
import json
import os
import re
import socket
import ssl
import statistics
import sys
import tarfile
import time

# --- HTTP/1.1 response reader ------------------------------------------------------------------


class ProtocolError(Exception):
    pass


class Response:
    __slots__ = ("version", "status", "reason", "headers", "body", "body_length", "keep_alive")

    def header(self, name, default=None):
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return default

    def __repr__(self):
        return f"<Response {self.status} {self.reason} body={self.body_length}B>"


_HEX = re.compile(rb"[0-9A-Fa-f]{1,16}")
_DIGITS = re.compile(r"[0-9]{1,18}")
_VERSION = re.compile(r"HTTP/1\.[01]")
_STATUS = re.compile(r"[1-5][0-9][0-9]")
_HEAD, _LENGTH, _CHUNK_SIZE, _CHUNK_DATA, _CHUNK_CRLF, _TRAILERS, _UNTIL_EOF, _DONE = range(8)


class ResponseParser:
    """Incremental (sans-I/O) HTTP/1.1 response parser with RFC 9112 message framing.

    Call begin(method) before each response, then feed() received bytes (and feed_eof() at end
    of stream) until one of them returns a Response. Interim 1xx responses other than 101 are
    skipped. The body is framed by, in order: no body (HEAD, 1xx, 204, 304), Transfer-Encoding
    (chunked must be last; otherwise read until EOF), Content-Length, else until EOF. With
    keep_body=False the body is only counted, which is what the throughput tests want. Bytes
    after the end of a response stay buffered for the next one.
    """

    MAX_HEAD = 64 * 1024

    def __init__(self):
        self.buf = bytearray()
        self.state = _DONE

    def begin(self, method="GET", keep_body=True):
        self.method = method
        self.keep_body = keep_body
        self.state = _HEAD
        self.response = None
        self.parts = []
        self.remaining = 0
        self.eof = False

    def feed(self, data):
        self.buf += data
        return self._advance()

    def feed_eof(self):
        self.eof = True
        return self._advance()

    def _advance(self):
        buf = self.buf
        while True:
            state = self.state
            if state == _HEAD:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    if len(buf) > self.MAX_HEAD:
                        raise ProtocolError("response head too long")
                    if self.eof:
                        raise ProtocolError(f"connection closed before a response head ({len(buf)} bytes)")
                    return None
                head = bytes(buf[:end])
                del buf[: end + 4]
                self._parse_head(head)
                if self.state == _DONE:
                    return self._finish()  # no body (HEAD, 101, 204, 304)
            elif state == _LENGTH or state == _CHUNK_DATA:
                n = min(self.remaining, len(buf))
                if n:
                    if self.keep_body:
                        self.parts.append(bytes(buf[:n]))
                    if n == len(buf):
                        buf.clear()
                    else:
                        del buf[:n]
                    self.remaining -= n
                    self.response.body_length += n
                if self.remaining:
                    if self.eof:
                        raise ProtocolError(f"connection closed with {self.remaining} body bytes missing")
                    return None
                if state == _LENGTH:
                    return self._finish()
                self.state = _CHUNK_CRLF
            elif state == _CHUNK_SIZE:
                end = buf.find(b"\r\n")
                if end < 0:
                    if len(buf) > 1024 or self.eof:
                        raise ProtocolError("bad or missing chunk size line")
                    return None
                line = bytes(buf[:end]).split(b";", 1)[0].strip()
                del buf[: end + 2]
                if not _HEX.fullmatch(line):
                    raise ProtocolError(f"bad chunk size {line!r}")
                size = int(line, 16)
                if size == 0:
                    self.state = _TRAILERS
                else:
                    self.remaining = size
                    self.state = _CHUNK_DATA
            elif state == _CHUNK_CRLF:
                if len(buf) < 2:
                    if self.eof:
                        raise ProtocolError("connection closed inside a chunk")
                    return None
                if buf[:2] != b"\r\n":
                    raise ProtocolError("chunk not followed by CRLF")
                del buf[:2]
                self.state = _CHUNK_SIZE
            elif state == _TRAILERS:
                end = buf.find(b"\r\n")
                if end < 0:
                    if len(buf) > self.MAX_HEAD or self.eof:
                        raise ProtocolError("bad or missing trailer section")
                    return None
                del buf[: end + 2]
                if end == 0:
                    return self._finish()
                # A trailer field: ignored.
            elif state == _UNTIL_EOF:
                if buf:
                    if self.keep_body:
                        self.parts.append(bytes(buf))
                    self.response.body_length += len(buf)
                    buf.clear()
                if self.eof:
                    return self._finish()
                return None
            else:
                raise ProtocolError("no response expected (begin() not called)")

    def _parse_head(self, head):
        try:
            text = head.decode("latin-1")
        except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes anything
            raise ProtocolError("undecodable head") from None
        lines = text.split("\r\n")
        status_line = lines[0]
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not _VERSION.fullmatch(parts[0]) or not _STATUS.fullmatch(parts[1]):
            raise ProtocolError(f"bad status line {status_line!r}")
        response = Response()
        response.version = parts[0]
        response.status = int(parts[1])
        response.reason = parts[2] if len(parts) > 2 else ""
        headers = []
        for line in lines[1:]:
            if not line or line[0] in " \t":
                raise ProtocolError(f"bad header line {line!r}")
            name, sep, value = line.partition(":")
            if not sep or not name or name != name.strip():
                raise ProtocolError(f"bad header line {line!r}")
            headers.append((name.lower(), value.strip(" \t")))
        response.headers = headers
        response.body = None
        response.body_length = 0
        status = response.status

        if 100 <= status < 200 and status != 101:
            return  # interim response (100 Continue): the real one follows; stay in _HEAD

        connection_tokens = {
            token.strip().lower() for key, value in headers if key == "connection" for token in value.split(",")
        }
        if response.version == "HTTP/1.0":
            keep_alive = "keep-alive" in connection_tokens
        else:
            keep_alive = "close" not in connection_tokens
        self.response = response

        transfer_codings = [
            token.strip().lower() for key, value in headers if key == "transfer-encoding" for token in value.split(",")
        ]
        lengths = {value for key, value in headers if key == "content-length"}
        if self.method == "HEAD" or status == 101 or status == 204 or status == 304:
            response.keep_alive = keep_alive and status != 101
            self.state = _DONE
            return
        if transfer_codings:
            if transfer_codings[-1] == "chunked":
                self.state = _CHUNK_SIZE
            else:
                keep_alive = False
                self.state = _UNTIL_EOF
        elif lengths:
            if len(lengths) != 1 or not _DIGITS.fullmatch(next(iter(lengths))):
                raise ProtocolError(f"bad Content-Length {sorted(lengths)}")
            self.remaining = int(next(iter(lengths)))
            self.state = _LENGTH
        else:
            keep_alive = False
            self.state = _UNTIL_EOF
        response.keep_alive = keep_alive

    def _finish(self):
        response = self.response
        if self.keep_body:
            response.body = b"".join(self.parts)
        self.parts = []
        self.state = _DONE
        return response


def request_bytes(method, target, headers=(), body_length=None, chunked=False):
    lines = [f"{method} {target} HTTP/1.1", "Host: docker", "User-Agent: dockgate-bench/1"]
    lines += [f"{name}: {value}" for name, value in headers]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif body_length is not None:
        lines.append(f"Content-Length: {body_length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# --- targets -----------------------------------------------------------------------------------


class Target:
    """Where requests go: the daemon's Unix socket or dockgate over mutual TLS."""

    def __init__(self, name, unix_path=None, host=None, port=None, tls_context=None, server_hostname=None):
        self.name = name
        self.unix_path = unix_path
        self.host = host
        self.port = port
        self.tls_context = tls_context
        self.server_hostname = server_hostname
        self.session = None  # the newest TLS session, for resumption
        self.resumed = 0
        self.handshakes = 0

    @property
    def is_tls(self):
        return self.tls_context is not None

    def connect(self, resume=False):
        """A new blocking connection (a fresh handshake unless resume)."""
        if not self.is_tls:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(self.unix_path)
            return SyncConnection(sock)
        raw = socket.create_connection((self.host, self.port))
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        session = self.session if resume else None
        try:
            sock = self.tls_context.wrap_socket(raw, server_hostname=self.server_hostname, session=session)
        except BaseException:
            raw.close()
            raise
        self.handshakes += 1
        if sock.session_reused:
            self.resumed += 1
        return SyncConnection(sock)

    async def open_async(self, protocol_factory):
        loop = asyncio.get_running_loop()
        if not self.is_tls:
            return await loop.create_unix_connection(protocol_factory, self.unix_path)
        return await loop.create_connection(
            protocol_factory, self.host, self.port, ssl=self.tls_context, server_hostname=self.server_hostname
        )


class SyncConnection:
    """One blocking HTTP/1.1 keep-alive connection."""

    RECV = 256 * 1024

    def __init__(self, sock):
        self.sock = sock
        self.parser = ResponseParser()

    def request(self, method, target, headers=(), body=None, keep_body=True, chunked=False, chunk_size=1 << 20):
        if body is None:
            self.sock.sendall(request_bytes(method, target, headers))
        else:
            view = memoryview(body)
            try:
                self.sock.sendall(request_bytes(method, target, headers, len(view), chunked))
                for offset in range(0, len(view), chunk_size):
                    piece = view[offset : offset + chunk_size]
                    if chunked:
                        self.sock.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
                    else:
                        self.sock.sendall(piece)
                if chunked:
                    self.sock.sendall(b"0\r\n\r\n")
            except OSError as error:
                # The server may have answered early (an error) and closed: show that answer.
                try:
                    early = self.read_response(method, True)
                except Exception:
                    raise error from None
                raise RuntimeError(f"{method} {target}: server answered mid-body: {early.status} {early.body!r}")
        return self.read_response(method, keep_body)

    def read_response(self, method="GET", keep_body=True):
        parser = self.parser
        parser.begin(method, keep_body)
        response = parser.feed(b"")
        while response is None:
            data = self.sock.recv(self.RECV)
            response = parser.feed(data) if data else parser.feed_eof()
        return response

    def close(self):
        sock = self.sock
        if isinstance(sock, ssl.SSLSocket):
            # Send close_notify and go, without waiting for the peer's (what Go's tls.Conn.Close does).
            try:
                sock.setblocking(False)
                sock.unwrap()
            except (ssl.SSLError, OSError, ValueError):
                pass
        sock.close()


class KeepAliveProtocol(asyncio.Protocol):
    """asyncio client side of one keep-alive connection: one request in flight at a time."""

    def __init__(self):
        self.parser = ResponseParser()
        self.waiter = None
        self.transport = None
        self.closed_error = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        try:
            response = self.parser.feed(data)
        except ProtocolError as error:
            self._fail(error)
            return
        if response is not None and self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(response)

    def eof_received(self):
        try:
            response = self.parser.feed_eof()
        except ProtocolError as error:
            self._fail(error)
            return False
        if response is not None and self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(response)
        return False

    def connection_lost(self, exc):
        self._fail(exc or ConnectionError("connection closed"))

    def _fail(self, error):
        self.closed_error = error
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(error)

    async def exchange(self, payload, method="GET"):
        if self.closed_error is not None:
            raise self.closed_error
        self.waiter = asyncio.get_running_loop().create_future()
        self.parser.begin(method, keep_body=True)
        self.transport.write(payload)
        return await self.waiter


# --- process accounting ------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _read_stat(pid):
    """(ppid, own CPU seconds, reaped children's CPU seconds) from /proc/PID/stat, or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
                (int(fields[13]) + int(fields[14])) / CLOCK_TICKS)
    except (OSError, IndexError, ValueError):
        return None


def process_status(pid, key):
    """A `VmHWM`-style field of /proc/PID/status in KiB, or None."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _process_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def _all_processes():
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read_stat(int(entry))
            if stat is not None:
                table[int(entry)] = stat
    return table


class CPUMeter:
    """CPU time used between start() and stop() by each watched process together with its
    children (dockerd's tar helpers), by this client, and by every other process on the machine
    ("other": other people's builds and tests make the numbers noisy).

    Per-process times are the kernel's precise run times. Processes that both start and exit
    within the interval count only if a watched process reaped them. (The machine-wide
    /proc/stat figures are not used: with tens of thousands of wake-ups a second their
    tick sampling counts a CPU as busy far more than the tasks actually ran.)
    """

    def __init__(self, pids, ignore=()):
        self.pids = {name: pid for name, pid in pids.items() if pid}
        self.ignore = {pid for pid in ignore if pid}
        self.other_by_name = {}
        self.other_wall = 0.0

    def start(self):
        self.before = _all_processes()
        self.self0 = time.process_time()
        self.t0 = time.perf_counter()

    def stop(self):
        """{"wall": seconds, name: CPU seconds, ..., "client": ..., "other": ...}"""
        wall = time.perf_counter() - self.t0
        mine = time.process_time() - self.self0
        after = _all_processes()

        def used(pid):
            old = self.before.get(pid)
            return after[pid][1] - (old[1] if old else 0.0)

        result = {"wall": wall, "client": mine}
        claimed = {os.getpid()} | self.ignore
        for name, pid in self.pids.items():
            if pid not in after:
                continue
            total = used(pid)
            old = self.before.get(pid)
            if old:
                total += after[pid][2] - old[2]  # children reaped meanwhile
            for child, stat in after.items():
                if stat[0] == pid:
                    total += used(child)
                    claimed.add(child)
            claimed.add(pid)
            result[name] = total
        other = 0.0
        for pid in after:
            if pid not in claimed:
                seconds = used(pid)
                if seconds > 0:
                    other += seconds
                    name = _process_name(pid)
                    self.other_by_name[name] = self.other_by_name.get(name, 0.0) + seconds
        self.other_wall += wall
        result["other"] = other
        return result


def cpu_percent(samples):
    """Sums stop() results and turns them into % of one core."""
    wall = sum(sample["wall"] for sample in samples)
    names = {name for sample in samples for name in sample if name != "wall"}
    return {name: 100.0 * sum(sample.get(name, 0.0) for sample in samples) / wall for name in names} if wall else {}


# --- workloads ---------------------------------------------------------------------------------


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def expect_ok(response, what):
    if not 200 <= response.status < 300:
        body = (response.body or b"")[:300]
        raise RuntimeError(f"{what}: HTTP {response.status} {response.reason}: {body!r}")


async def _keepalive_async(target, connections, warmup, duration, path):
    loop = asyncio.get_running_loop()
    payload = request_bytes("GET", path)
    opened = [await target.open_async(KeepAliveProtocol) for _ in range(connections)]
    counts = [0] * connections
    measure_from = loop.time() + warmup
    measure_until = measure_from + duration

    async def worker(index, protocol):
        while True:
            response = await protocol.exchange(payload)
            now = loop.time()
            if response.status != 200:
                raise RuntimeError(f"GET {path}: HTTP {response.status}")
            if now >= measure_until:
                return
            if now >= measure_from:
                counts[index] += 1

    try:
        await asyncio.gather(*(worker(i, protocol) for i, (_, protocol) in enumerate(opened)))
    finally:
        for transport, _ in opened:
            transport.close()
        await asyncio.sleep(0.05)  # let the TLS transports send close_notify
    return sum(counts), duration


def keepalive(target, connections, warmup, duration, path):
    """(requests completed, seconds) with `connections` keep-alive connections."""
    return asyncio.run(_keepalive_async(target, connections, warmup, duration, path))


def latency(target, warmup, duration, path):
    """Milliseconds per request on one keep-alive connection."""
    conn = target.connect()
    payload_path = path
    samples = []
    try:
        measure_from = time.perf_counter() + warmup
        measure_until = measure_from + duration
        while True:
            t0 = time.perf_counter()
            response = conn.request("GET", payload_path)
            t1 = time.perf_counter()
            if response.status != 200:
                raise RuntimeError(f"GET {path}: HTTP {response.status}")
            if t1 >= measure_until:
                break
            if t0 >= measure_from:
                samples.append((t1 - t0) * 1000.0)
    finally:
        conn.close()
    return samples


def percentiles(samples):
    q = statistics.quantiles(samples, n=1000, method="inclusive")
    return {"p50": q[499], "p99": q[989], "p99.9": q[998], "max": max(samples),
            "mean": statistics.fmean(samples), "n": len(samples)}


def new_connections(target, warmup, duration, path, resume):
    """(connections completed, seconds, resumed handshakes, handshakes), one at a time."""
    if resume and target.is_tls and target.session is None:
        conn = target.connect()
        conn.request("GET", path)
        target.session = conn.sock.session
        conn.close()
    count = 0
    measure_from = time.perf_counter() + warmup
    measure_until = measure_from + duration
    handshakes0, resumed0 = target.handshakes, target.resumed
    while True:
        t0 = time.perf_counter()
        conn = target.connect(resume=resume)
        try:
            response = conn.request("GET", path)
            if target.is_tls and resume:
                target.session = conn.sock.session  # keep the newest ticket, as a client cache would
        finally:
            conn.close()
        now = time.perf_counter()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: HTTP {response.status}")
        if now >= measure_until:
            break
        if t0 >= measure_from:
            count += 1
    return count, duration, target.resumed - resumed0, target.handshakes - handshakes0


def download(target, container, path):
    conn = target.connect()
    try:
        t0 = time.perf_counter()
        response = conn.request("GET", f"/containers/{container}/archive?path={path}", keep_body=False)
        elapsed = time.perf_counter() - t0
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"download: HTTP {response.status}")
    return response.body_length, elapsed


def upload(target, container, body, chunked):
    conn = target.connect()
    try:
        t0 = time.perf_counter()
        response = conn.request(
            "PUT",
            f"/containers/{container}/archive?path=/tmp",
            headers=[("Content-Type", "application/x-tar")],
            body=body,
            chunked=chunked,
        )
        elapsed = time.perf_counter() - t0
    finally:
        conn.close()
    expect_ok(response, "upload")
    return len(body), elapsed


def make_tar(size):
    """An in-memory tar holding one file `bench-upload` of `size` random bytes."""
    info = tarfile.TarInfo("bench-upload")
    info.size = size
    info.mode = 0o644
    info.mtime = int(time.time())
    header = info.tobuf(format=tarfile.USTAR_FORMAT)
    padding = (-size) % 512
    body = bytearray(header)
    body += os.urandom(size)
    body += b"\0" * (padding + 1024)
    return bytes(body)


# --- the container with the big file ------------------------------------------------------------


def api(target, method, path, payload=None):
    conn = target.connect()
    try:
        body = json.dumps(payload).encode() if payload is not None else b""
        headers = [("Content-Type", "application/json")] if payload is not None else []
        response = conn.request(method, path, headers=headers, body=body)
    finally:
        conn.close()
    expect_ok(response, f"{method} {path}")
    return json.loads(response.body) if response.body else None


def make_data_container(direct, image, size_mib):
    created = api(
        direct,
        "POST",
        f"/containers/create?name=dockgate-bench-{os.getpid()}",
        {
            "Image": image,
            "Cmd": ["dd", "if=/dev/urandom", "of=/big", "bs=1048576", f"count={size_mib}"],
            "HostConfig": {"NetworkMode": "none"},
            "Labels": {"dockgate.bench": "1"},
        },
    )
    container = created["Id"]
    api(direct, "POST", f"/containers/{container}/start")
    waited = api(direct, "POST", f"/containers/{container}/wait")
    if waited.get("StatusCode") != 0:
        raise RuntimeError(f"making /big failed: {waited}")
    return container


# --- table -------------------------------------------------------------------------------------


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:.3f}"
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}"


def print_table(rows, watched):
    cpu_columns = [name for name in ("dockgate", "dockerd", "client", "other") if name in watched or name in ("client", "other")]
    header = ["metric", "unit", "direct", "dockgate", "ratio"] + [f"{name} CPU%" for name in cpu_columns]
    table = [header]
    for row in rows:
        ratio = row["dockgate"] / row["direct"] if row["direct"] and row["dockgate"] is not None else None
        cells = [row["metric"], row["unit"], fmt(row["direct"], row["unit"]), fmt(row["dockgate"], row["unit"])]
        cells.append(f"{ratio:.2f}" if ratio is not None else "-")
        cpu = row.get("cpu", {})
        for name in cpu_columns:
            d = cpu.get("direct", {}).get(name)
            g = cpu.get("dockgate", {}).get(name)
            cells.append(f"{d if d is not None else 0:.0f}/{g if g is not None else 0:.0f}" if cpu else "")
        table.append(cells)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for index, r in enumerate(table):
        out = []
        for i, cell in enumerate(r):
            out.append(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]))
        print("  ".join(out).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


# --- self-test of the response reader (correctness only) ----------------------------------------


def self_test():
    """Feeds responses whole, byte by byte and in odd pieces; checks framing and leftovers."""

    def run(data, method="GET", eof=False, pieces=None):
        parser = ResponseParser()
        parser.begin(method)
        got = None
        step = pieces or len(data) or 1
        for i in range(0, len(data), step):
            got = parser.feed(data[i : i + step])
            if got is not None:
                break
        if got is None and eof:
            got = parser.feed_eof()
        return got, bytes(parser.buf)

    cases = [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", {}, 200, b"OK", True, b""),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n"
         b"0\r\nX-T: 1\r\n\r\nHTTP/1.1", {}, 200, b"abc0123456789abcdef", True, b"HTTP/1.1"),
        (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n", {}, 204, b"", True, b""),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", {"method": "HEAD"}, 200, b"", True, b""),
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil eof", {"eof": True}, 200, b"until eof", False, b""),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", {}, 200, b"", False, b""),
        (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: tcp\r\n\r\nraw", {}, 101, b"", False, b"raw"),
        (b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}\n", {}, 404, b"{}\n",
         False, b""),
    ]
    for data, kwargs, status, body, keep_alive, left in cases:
        for pieces in (None, 1, 7):
            response, leftover = run(data, pieces=pieces, **kwargs)
            assert response is not None, (data, pieces)
            assert (response.status, response.body, response.keep_alive) == (status, body, keep_alive), (
                data, pieces, response.status, response.body, response.keep_alive)
            if pieces is None:
                assert leftover == left, (data, leftover)
    bad = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        b"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
        b"HTTP/2 200 OK\r\n\r\n",
    ]
    for data in bad:
        try:
            run(data)
        except ProtocolError:
            continue
        raise AssertionError(f"accepted {data!r}")
    try:
        run(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", eof=True)
    except ProtocolError:
        pass
    else:
        raise AssertionError("accepted a truncated body")
    # Two responses in one buffer, counted without keeping bodies.
    parser = ResponseParser()
    parser.begin("GET", keep_body=False)
    two = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz"
    first = parser.feed(two)
    assert first.body is None and first.body_length == 4
    parser.begin("GET")
    assert parser.feed(b"").body == b"z"
    print("bench.py self-test: ok")
    return 0


# --- main --------------------------------------------------------------------------------------


def parse_args(argv):
    env = os.environ.get
    p = argparse.ArgumentParser(
        description="Direct Unix socket vs dockgate: throughput, latency, connections, transfers.")
    p.add_argument("--socket", required=True, help="the Docker daemon's Unix socket (direct)")
    p.add_argument("--gate", required=True, help="dockgate's HOST:PORT")
    p.add_argument("--certs", required=True, help="client certificate directory: ca.pem, cert.pem, key.pem")
    p.add_argument("--server-name", help="TLS server name to verify (default: the --gate host)")
    p.add_argument("--duration", type=float, default=float(env("BENCH_DURATION", 5)),
                   help="seconds measured per timed metric and target [env BENCH_DURATION] (default: %(default)s)")
    p.add_argument("--warmup", type=float, default=float(env("BENCH_WARMUP", 0.5)),
                   help="seconds run before each timed measurement [env BENCH_WARMUP] (default: %(default)s)")
    p.add_argument("--conns", default=env("BENCH_CONNS", "1,8"),
                   help="comma-separated connection counts for keep-alive req/s [env BENCH_CONNS] (default: %(default)s)")
    p.add_argument("--path", default=env("BENCH_PATH", "/_ping"),
                   help="request target of the small-request metrics [env BENCH_PATH] (default: %(default)s)")
    p.add_argument("--slices", type=int, default=int(env("BENCH_SLICES", 2)),
                   help="each timed metric runs in this many slices per target, alternating direct and "
                        "dockgate, so that background load hits both alike [env BENCH_SLICES] (default: %(default)s)")
    p.add_argument("--size-mib", type=int, default=int(env("BENCH_SIZE_MIB", 100)),
                   help="size of the download and upload in MiB [env BENCH_SIZE_MIB] (default: %(default)s)")
    p.add_argument("--rounds", type=int, default=int(env("BENCH_ROUNDS", 3)),
                   help="transfers per target for download/upload; the median is shown [env BENCH_ROUNDS] (default: %(default)s)")
    p.add_argument("--image", default="local/busybox:1", help="image of the container holding the big file (default: %(default)s)")
    p.add_argument("--only", default=env("BENCH_ONLY", "keepalive,latency,connect,download,upload"),
                   help="comma-separated metric groups to run [env BENCH_ONLY] (default: %(default)s)")
    p.add_argument("--gate-pid", type=int, help="dockgate's pid, for its CPU share and peak RSS")
    p.add_argument("--dockerd-pid", type=int, help="dockerd's pid, for its CPU share")
    p.add_argument("--tls-reference", metavar="HOST:PORT",
                   help="an `openssl s_server -www` with the same certificates: new-connection rates "
                        "against it show what OpenSSL alone costs on this machine")
    p.add_argument("--reference-pid", type=int, help="the s_server's pid, left out of the other CPU%%")
    p.add_argument("--json", help="also write the results to this file")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    host, _, port = args.gate.rpartition(":")
    host = host.strip("[]")
    certs = args.certs
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=os.path.join(certs, "ca.pem"))
    context.load_cert_chain(os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem"))
    direct = Target("direct", unix_path=args.socket)
    gate = Target("dockgate", host=host, port=int(port), tls_context=context,
                  server_hostname=args.server_name or host)
    targets = [direct, gate]
    reference = None
    if args.tls_reference:
        ref_host, _, ref_port = args.tls_reference.rpartition(":")
        ref_host = ref_host.strip("[]")
        reference = Target("s_server", host=ref_host, port=int(ref_port), tls_context=context,
                           server_hostname=args.server_name or ref_host)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    watched = {"dockgate": args.gate_pid, "dockerd": args.dockerd_pid}
    meter = CPUMeter(watched, ignore=[args.reference_pid])
    rows = []
    reference_rates = []
    slices = max(1, args.slices)
    slice_duration = args.duration / slices

    # Preflight: both answer, and say who they are.
    for target in targets:
        conn = target.connect()
        try:
            response = conn.request("GET", args.path)
            expect_ok(response, f"{target.name} GET {args.path}")
            version = conn.request("GET", "/version")
            expect_ok(version, f"{target.name} GET /version")
            detail = ""
            if target.is_tls:
                detail = f", {conn.sock.version()} {conn.sock.cipher()[0]}"
            log(f"{target.name}: Docker {json.loads(version.body).get('Version')}{detail}")
        finally:
            conn.close()
    rss_start = process_status(args.gate_pid, "VmRSS")

    def interleaved(what, run, among=None, count=None):
        """Runs `run(target)` `count` (default: --slices) times per target, alternating the order
        (A B, B A, ...) so that a change in background load hits both alike.
        Returns ({name: [results]}, {name: CPU%})."""
        among = among or targets
        results = {t.name: [] for t in among}
        cpu = {t.name: [] for t in among}
        log(f"{what} ...")
        for index in range(count or slices):
            for target in among if index % 2 == 0 else list(reversed(among)):
                meter.start()
                results[target.name].append(run(target))
                cpu[target.name].append(meter.stop())
        return results, {name: cpu_percent(samples) for name, samples in cpu.items()}

    def rate(parts):
        return sum(p[0] for p in parts) / sum(p[1] for p in parts)

    if "keepalive" in only:
        for n in [int(x) for x in args.conns.split(",") if x.strip()]:
            metric = f"keep-alive GET {args.path}, {n} conn{'s' if n > 1 else ''}"
            results, cpu = interleaved(
                metric, lambda t, n=n: keepalive(t, n, args.warmup, slice_duration, args.path))
            rows.append({"metric": metric, "unit": "req/s", "direct": rate(results["direct"]),
                         "dockgate": rate(results["dockgate"]), "cpu": cpu})

    if "latency" in only:
        results, cpu = interleaved("latency", lambda t: latency(t, args.warmup, slice_duration, args.path))
        stats = {name: percentiles([x for part in parts for x in part]) for name, parts in results.items()}
        for key in ("p50", "p99"):
            rows.append({"metric": f"latency GET {args.path} {key}, 1 conn", "unit": "ms",
                         "direct": stats["direct"][key], "dockgate": stats["dockgate"][key],
                         "cpu": cpu if key == "p50" else {}})
        for name, r in stats.items():
            log(f"latency {name}: {r['n']} samples, mean {r['mean']:.3f} p50 {r['p50']:.3f} p99 {r['p99']:.3f} "
                f"p99.9 {r['p99.9']:.3f} max {r['max']:.3f} ms")

    if "connect" in only:
        direct_rate = None
        direct_cpu = None
        for resume, label in ((False, "full handshake"), (True, "resumed session")):
            among = [gate] + ([reference] if reference else [])
            if direct_rate is None:
                among = [direct] + among
            path_of = {"s_server": "/"}
            results, cpu = interleaved(
                f"new connections, {label}",
                lambda t, resume=resume: new_connections(
                    t, args.warmup, slice_duration, path_of.get(t.name, args.path), resume and t.is_tls),
                among)
            if direct_rate is None:
                direct_rate, direct_cpu = rate(results["direct"]), cpu["direct"]
            resumed = sum(p[2] for p in results["dockgate"])
            handshakes = sum(p[3] for p in results["dockgate"])
            note = ""
            if resume and resumed < handshakes:
                note = f" ({resumed}/{handshakes} resumed!)"
                log(f"WARNING: only {resumed} of {handshakes} handshakes resumed a session")
            if not resume and resumed:
                log(f"WARNING: {resumed} handshakes resumed although no session was offered")
            rows.append({"metric": f"new conn + GET {args.path}, {label}{note}", "unit": "conn/s",
                         "direct": direct_rate, "dockgate": rate(results["dockgate"]),
                         "cpu": {"direct": direct_cpu, "dockgate": cpu["dockgate"]}})
            if reference:
                ref_resumed = sum(p[2] for p in results["s_server"])
                ref_handshakes = sum(p[3] for p in results["s_server"])
                if resume and ref_resumed < ref_handshakes:
                    log(f"WARNING: s_server: only {ref_resumed} of {ref_handshakes} handshakes resumed a session")
                reference_rates.append((label, rate(results["s_server"]), rows[-1]["dockgate"]))

    container = None
    try:
        if "download" in only or "upload" in only:
            log(f"making a container with a {args.size_mib} MiB file ...")
            container = make_data_container(direct, args.image, args.size_mib)

        def transfers(metric, run):
            for target in targets:
                run(target)  # warm-up: page cache, daemon and proxy code paths, allocator
            results, cpu = interleaved(metric, run, count=max(1, args.rounds))
            speeds = {name: [size / elapsed / 1e6 for size, elapsed in parts] for name, parts in results.items()}
            log(f"{metric}: direct {['%.0f' % x for x in speeds['direct']]}, "
                f"dockgate {['%.0f' % x for x in speeds['dockgate']]} MB/s")
            return {"metric": metric, "unit": "MB/s", "direct": statistics.median(speeds["direct"]),
                    "dockgate": statistics.median(speeds["dockgate"]), "cpu": cpu}

        if "download" in only:
            rows.append(transfers(f"download {args.size_mib} MiB (tar, chunked)",
                                  lambda t: download(t, container, "/big")))
        if "upload" in only:
            log("upload: generating the tar ...")
            body = make_tar(args.size_mib << 20)
            rows.append(transfers(f"upload {args.size_mib} MiB (Content-Length)",
                                  lambda t: upload(t, container, body, False)))
            rows.append(transfers(f"upload {args.size_mib} MiB (chunked)",
                                  lambda t: upload(t, container, body, True)))
            del body
    finally:
        if container:
            try:
                api(direct, "DELETE", f"/containers/{container}?force=1&v=1")
            except Exception as error:  # noqa: BLE001 - report and go on
                log(f"could not remove container {container[:12]}: {error}")

    print()
    print_table(rows, {k for k, v in watched.items() if v})
    print()
    print("ratio = dockgate / direct: above 1 is better for req/s, conn/s and MB/s; for latency (ms)")
    print("above 1 means dockgate is slower. CPU% columns: direct run / dockgate run, % of one core.")
    if reference_rates:
        parts = [f"{label} {ref:,.0f} conn/s (dockgate: {100 * ours / ref:.0f}% of it)"
                 for label, ref, ours in reference_rates]
        print("openssl s_server -www, same certificates, CRL and client (the TLS cost alone): " + "; ".join(parts))
    busiest = max((cpu.get("other", 0.0) for row in rows for cpu in row.get("cpu", {}).values()), default=0.0)
    if busiest > 25:
        top = sorted(meter.other_by_name.items(), key=lambda item: -item[1])[:4]
        names = ", ".join(f"{name} {100 * seconds / meter.other_wall:.0f}%" for name, seconds in top)
        print(f"WARNING: other processes used up to {busiest:.0f}% of a core during a measurement "
              f"(on average: {names}); the machine was not idle, so the numbers are noisy.")
    hwm = process_status(args.gate_pid, "VmHWM")
    rss = process_status(args.gate_pid, "VmRSS")
    if hwm is not None:
        print(f"dockgate memory: peak RSS (VmHWM) {hwm / 1024:.1f} MiB; RSS {rss_start / 1024:.1f} MiB before "
              f"the workload, {rss / 1024:.1f} MiB after")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "reference": reference_rates, "gate_vmhwm_kib": hwm,
                       "gate_rss_start_kib": rss_start, "gate_rss_end_kib": rss}, f, indent=2)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(main())
