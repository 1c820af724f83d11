"""A front cache's purge endpoint for the tests: a real HTTP server on loopback that
records each PURGE it receives (its keys), as Varnish's vitrine.vcl takes them."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.requests.append(set(self.headers.get("xkey-purge", "").split()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


class PurgeRecorder:
    """Started with `with`; `requests` holds one set of keys per PURGE request."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeHandler)
        self.server.requests = []
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def requests(self):
        return self.server.requests

    @property
    def keys(self):
        """Every key purged so far."""
        return set().union(*self.requests)

    def clear(self):
        self.server.requests.clear()

    def __enter__(self):
        # shutdown() waits for the serving loop's next poll: half a second by default, at
        # the end of every test that records purges.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
