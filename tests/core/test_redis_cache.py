"""The Redis cache (core.redis_cache) against a real Redis server: Django's behaviour,
with one client kept per connection pool instead of one made per operation."""

import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core.redis_cache import RedisCache


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    if shutil.which("redis-server") is None:
        raise RuntimeError("redis-server is missing: run scripts/system-deps")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def cache(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "test"})
    yield cache
    cache.clear()


def test_it_keeps_one_client_per_connection_pool(cache):
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    # Django's own makes one per operation: what this backend is for.
    django = DjangoRedisCache(cache._servers[0], {})
    assert django._cache.get_client() is not django._cache.get_client()


def test_it_reads_and_writes_as_djangos_does(cache):
    cache.set("page", {"title": "Boulangerie"}, timeout=60)
    assert cache.get("page") == {"title": "Boulangerie"}
    assert cache.add("page", "other") is False
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert cache.incr("a") == 2
    cache.delete("page")
    assert cache.get("page") is None


def test_threads_share_the_client_without_mixing_answers(cache):
    errors = []

    def worker(number):
        for step in range(50):
            key = f"thread-{number}-{step}"
            cache.set(key, (number, step))
            if cache.get(key) != (number, step):
                errors.append(key)

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
