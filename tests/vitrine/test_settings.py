"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from vitrine.settings.mail import mailers_from_url

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-for-the-test-0123456789abcdef",
    "ALLOWED_HOSTS": "commerces.example.be",
    "EMAIL_URL": "smtp+tls://robot:secret@smtp.example.be:587",
    "SITE_URL": "https://commerces.example.be",
}


# What the tests' own environment must not pass on (`make` may export SITE_URL...).
CONFIGURATION_VARIABLES = {
    *PRODUCTION_ENV,
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "STATIC_COMPRESSION",
}


READ_SETTINGS = "from django.conf import settings; settings.INSTALLED_APPS"
SETUP = "import django; django.setup()"


def run_with_settings(module, code, setup=False, **env):
    """Run Python `code` in a fresh process with DJANGO_SETTINGS_MODULE=`module`, its
    settings read first; with `setup`, after `django.setup()` (the apps loaded, seconds
    more), which running a command needs."""
    environment = {
        key: value for key, value in os.environ.items() if key not in CONFIGURATION_VARIABLES
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(
        [sys.executable, "-c", f"{SETUP if setup else READ_SETTINGS}; {code}"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_settings("vitrine.settings.production", "", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_settings("vitrine.settings.production", "", SECRET_KEY="s" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_passes_the_deployment_checklist_without_a_warning():
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        setup=True,
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr


def test_production_fails_the_deployment_checklist_without_its_public_address():
    environment = {key: value for key, value in PRODUCTION_ENV.items() if key != "SITE_URL"}
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.core.management import call_command; call_command('check', deploy=True)",
        setup=True,
        **environment,
    )
    assert result.returncode != 0
    assert "(core.E002) SITE_URL is not set." in result.stderr


def test_production_takes_the_sites_address_from_site_url():
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; from core.site_url import absolute_url; "
        "print(s.WAGTAILADMIN_BASE_URL, absolute_url('/offres/'))",
        setup=True,
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "https://commerces.example.be",
        "https://commerces.example.be/offres/",
    ]


def test_database_cache_and_mail_come_from_the_environment():
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']); "
        "print(s.CACHES['default']['BACKEND']); "
        "print(s.MAILERS['default']['OPTIONS']['host'])",
        DATABASE_URL="postgres://vitrine:secret@db.internal:5432/vitrine",
        REDIS_URL="redis://cache.internal:6379/1",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "django.db.backends.postgresql vitrine",
        "core.redis_cache.RedisCache",
        "smtp.example.be",
    ]


def test_postgresql_connections_are_kept_between_requests():
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DATABASE_URL="postgres://vitrine:secret@db.internal:5432/vitrine",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60 True"


@pytest.mark.parametrize(
    ("query", "options"),
    [("", "-c jit=off"), ("?options=-c%20work_mem%3D8MB", "-c jit=off -c work_mem=8MB")],
)
def test_postgresql_connections_compile_no_query(query, options):
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])",
        DATABASE_URL=f"postgres://vitrine:secret@db.internal:5432/vitrine{query}",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr({"options": options})


@pytest.mark.django_db
def test_the_test_database_runs_as_the_settings_say():
    """On PostgreSQL the connection's options reach the server (no JIT compiling)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
        else:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in ("wal", "memory")  # an in-memory test database


def test_s3_bucket_switches_uploads_to_s3_storage():
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; print(s.STORAGES['default']['BACKEND'])",
        AWS_STORAGE_BUCKET_NAME="vitrine-media",
        **PRODUCTION_ENV,
    )
    assert result.stdout.strip() == "storages.backends.s3.S3Storage", result.stderr


@pytest.mark.parametrize(
    ("value", "backend"),
    [
        (None, "whitenoise.storage.CompressedManifestStaticFilesStorage"),
        ("false", "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"),
    ],
)
def test_static_files_are_compressed_unless_told_not_to(value, backend):
    result = run_with_settings(
        "vitrine.settings.production",
        "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'])",
        **({"STATIC_COMPRESSION": value} if value else {}),
        **PRODUCTION_ENV,
    )
    assert result.stdout.strip() == backend, result.stderr


def test_without_environment_the_laptop_defaults_apply():
    result = run_with_settings(
        "vitrine.settings.dev",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.MAILERS['default']['BACKEND'], s.STORAGES['default']['BACKEND'])",
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "core.cache_backends.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.files.storage.FileSystemStorage",
    ]


def test_smtp_url_becomes_a_mailer_with_tls_and_credentials():
    mailer = mailers_from_url("smtp+tls://robot%40ville.be:s3cret@smtp.ville.be:587")["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.ville.be",
        "port": 587,
        "username": "robot@ville.be",
        "password": "s3cret",
        "use_tls": True,
        "timeout": 10,
    }


def test_site_speaks_belgian_french_in_brussels_time():
    assert settings.LANGUAGE_CODE == "fr-be"
    assert settings.TIME_ZONE == "Europe/Brussels"


def test_collectstatic_gives_hashed_and_compressed_files(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Only the project's own static files: compressing Wagtail's admin would take long.
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=storages,
        STATICFILES_DIRS=[settings.BASE_DIR / "static"],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    hashed = [p.name for p in (tmp_path / "css").glob("vitrine.*.css")]
    assert hashed, "no hashed copy of vitrine.css"
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()
    assert (tmp_path / "css" / f"{hashed[0]}.br").exists()


@pytest.mark.django_db
def test_admin_gets_its_own_policy_and_public_pages_the_strict_one(client):
    admin_policy = client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy
    public_policy = client.get("/nulle-part/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public_policy


def test_a_test_process_removes_its_media_folder_when_it_ends():
    result = run_with_settings(
        "vitrine.settings.test",
        "import os; print(settings.MEDIA_ROOT); print(os.path.isdir(settings.MEDIA_ROOT))",
    )
    assert result.returncode == 0, result.stderr
    folder, existed = result.stdout.split()
    assert existed == "True"
    assert not os.path.exists(folder)
