#!/usr/bin/python3
"""An HTTP proxy for the sync tests that misbehaves on purpose, on 127.0.0.1 only.

usage: fault-proxy.py LISTEN-PORT UPSTREAM-PORT MODE COUNT
Listens on 127.0.0.1:LISTEN-PORT: the first COUNT requests get MODE, later ones are passed
through to the server on 127.0.0.1:UPSTREAM-PORT. MODE is one of 500, 503 (that status),
reset (the connection is reset), stall (no answer at all), truncate (the upstream answer with
its body cut short), 409 (S3's ConditionalRequestConflict, for PUT requests only). The Host
header is passed on as sent, since an S3 signature covers it. It runs until it is terminated.
"""
import http.client
import socket
import socketserver
import struct
import sys
import threading
import time

listen_port = int(sys.argv[1])
upstream_port = int(sys.argv[2])
mode = sys.argv[3]
remaining = [int(sys.argv[4])]
lock = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            request_line = self.rfile.readline()
            if not request_line:
                return
            method, path, _ = request_line.decode("latin-1").split(" ", 2)
            headers = []
            length = 0
            while True:
                line = self.rfile.readline().decode("latin-1")
                if line in ("\r\n", "\n", ""):
                    break
                name, value = line.split(":", 1)
                headers.append((name.strip(), value.strip()))
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            body = self.rfile.read(length) if length else None
            with lock:
                fault = remaining[0] > 0
                if fault:
                    remaining[0] -= 1
            if fault and mode == "409" and method != "PUT":
                with lock:
                    remaining[0] += 1
                fault = False
            if fault and mode == "409":
                body = (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>ConditionalRequestConflict</Code>'
                        b'<Message>A conflicting operation occurred. Retry the upload.</Message></Error>')
                self.wfile.write(f"HTTP/1.1 409 Conflict\r\nContent-Type: application/xml\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
                continue
            if fault and mode in ("500", "503"):
                self.wfile.write(f"HTTP/1.1 {mode} Failing\r\nContent-Length: 0\r\n\r\n".encode())
                continue
            if fault and mode == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            if fault and mode == "stall":
                time.sleep(120)
                return
            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
            upstream.request(method, path, body=body,
                             headers={k: v for k, v in headers if k.lower() != "connection"})
            response = upstream.getresponse()
            data = response.read()
            out = f"HTTP/1.1 {response.status} {response.reason}\r\n"
            for k, v in response.getheaders():
                if k.lower() not in ("content-length", "transfer-encoding", "connection", "keep-alive"):
                    out += f"{k}: {v}\r\n"
            if fault and mode == "truncate" and len(data) > 1:
                out += f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n"
                self.wfile.write(out.encode("latin-1") + data[: len(data) // 2])
                return
            out += f"Content-Length: {len(data)}\r\n\r\n"
            self.wfile.write(out.encode("latin-1") + data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", listen_port), Handler)
server.serve_forever()
