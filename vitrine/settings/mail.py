"""EMAIL_URL → Django 6.1's MAILERS setting.

django-environ parses the URL (smtp://, smtp+tls://, smtp+ssl://, consolemail://, ...)
into the old EMAIL_* names, which Django 6.1 deprecates; this maps them onto the
OPTIONS of a MAILERS entry.
"""

import environ

_OPTION_NAMES = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_TIMEOUT": "timeout",
}


def mailers_from_url(url):
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            option: config[name]
            for name, option in _OPTION_NAMES.items()
            if config.get(name) not in (None, "")
        }
        options.setdefault("timeout", 10)
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": config["EMAIL_FILE_PATH"]}
    return {"default": {"BACKEND": backend, "OPTIONS": options}}
