#!/usr/bin/env python3
"""A hostile HTTP server on 127.0.0.1, for remission's tests only (not part of the product).

Prints the port it listens on, then answers every GET and PROPFIND by the first path segment:
  /bomb/...     a 0.5 MB gzip body that inflates to 512 MB, with Content-Encoding: gzip
  /trickle/...  announces 100 kB, then sends 2 bytes a second
  /huge/...     1 GB of zeros, as fast as it can
It stops by itself after 60 seconds.
"""
import gzip, http.server, io, os, socketserver, sys, threading, time

# Whatever descriptors the test runner let this process inherit (other tests' pipes) are
# not ours: holding them would keep those tests waiting for end of file.
os.closerange(3, 4096)

BOMB = None

def bomb():
    """Made on the first request that needs it: a second or two of CPU."""
    global BOMB
    if BOMB is None:
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6) as f:
            block = b"\0" * (16 << 20)
            for _ in range(32):
                f.write(block)
        BOMB = buffer.getvalue()
    return BOMB

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_GET(self):
        mode = self.path.strip("/").split("/")[0]
        try:
            if mode == "bomb":
                body = bomb()
                self.send_response(200)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif mode == "trickle":
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(50000):
                    self.wfile.write(b"{}")
                    self.wfile.flush()
                    time.sleep(1)
            elif mode == "huge":
                self.send_response(200)
                self.send_header("Content-Length", str(1 << 30))
                self.end_headers()
                block = b"\0" * (1 << 20)
                for _ in range(1024):
                    self.wfile.write(block)
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass
    do_PROPFIND = do_GET

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

bomb()
server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
