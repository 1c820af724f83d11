"""The stack test's parts: the stack itself is started by scripts/with-stack (`make
test-stack`), which names it in STACK_URL, STACK_APP_URLS and STACK_ENV."""

import json
import os
import subprocess
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


class Stack:
    """The running stack: the front cache, the app servers, and `manage.py` beside them."""

    def __init__(self):
        try:
            self.url = os.environ["STACK_URL"]
            self.app_urls = os.environ["STACK_APP_URLS"].split()
            env_file = Path(os.environ["STACK_ENV"])
        except KeyError as missing:
            raise pytest.UsageError(
                f"{missing} is not set: run the stack tests through scripts/with-stack "
                "(make test-stack)."
            ) from None
        self.environment = {**os.environ}
        for line in env_file.read_text().splitlines():
            name, _, value = line.partition("=")
            self.environment[name] = value

    def python(self, code):
        """Run `code` in a Django shell with the app servers' settings; its output, parsed
        as JSON."""
        done = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def purge_everything(self):
        answer = requests.request("PURGE", self.url + "/", headers={"xkey-purge": "site"})
        assert answer.status_code == 200, answer.text


@pytest.fixture(scope="session")
def stack():
    return Stack()


@pytest.fixture
def front_cache(stack):
    """The stack, its front cache emptied first: each test sees its own misses and hits."""
    stack.purge_everything()
    return stack
