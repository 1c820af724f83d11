"""Backups of the whole site, and their restore on another machine.

A backup is one tar archive holding:

- the database, as one consistent snapshot taken while the site keeps running: on
  SQLite a copy made with SQLite's online backup API (never a copy of the file, which a
  writer may be changing), on PostgreSQL a `pg_dump` in its custom format;
- the uploaded files (`media/…`), copied *after* the snapshot, so every file the
  snapshot names is there; a file uploaded meanwhile comes along unnamed, which is
  harmless;
- `manifest.json`, last: when, which Vitrine, which database engine and migrations,
  and the size and SHA-256 of every other member.

A restore checks the whole archive against its manifest before it touches anything,
then puts the files in place and replaces the database (schema and rows) in one go.
It goes into an *empty* site (no table in the database, no file in the media folder)
unless told to overwrite one. An archive restores into the engine it was taken from:
moving a site between SQLite and PostgreSQL is a different job (`dumpdata`/`loaddata`),
not done here.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection as default_connection
from django.db import transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = "vitrine-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Member:
    """What the manifest says about one file of the archive."""

    size: int
    sha256: str

    def as_json(self):
        return {"size": self.size, "sha256": self.sha256}


# --- Taking a backup ---------------------------------------------------------------


def create_backup(archive, *, connection=default_connection, storage=default_storage):
    """Write a backup of the site to `archive` (a new file; `.tar.gz` or `.tgz` compresses
    it) and return its manifest. The archive only appears, whole, once everything is in
    it: an interrupted backup leaves no file under its name."""
    archive = Path(archive).absolute()
    engine = _engine(connection)
    media_root = _local_media_root(storage)
    if archive.exists():
        raise BackupError(f"{archive} already exists; give the backup a new name.")
    if not archive.parent.is_dir():
        raise BackupError(f"The folder {archive.parent} does not exist.")
    if media_root is not None and archive.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            f"{archive} is inside the media folder, which the web server publishes; "
            "keep backups elsewhere."
        )
    with (
        tempfile.TemporaryDirectory(dir=archive.parent, prefix=".vitrine-backup-") as work,
        _replaced_on_success(archive) as partial,
    ):
        dump = Path(work) / DATABASE_FILES[engine]
        if engine == "sqlite":
            migrations = _dump_sqlite(connection, dump)
        else:
            migrations = _dump_postgresql(connection, dump)
        mode = "w:gz" if archive.name.endswith((".gz", ".tgz")) else "w"
        with tarfile.open(partial, mode) as tar:
            members = {dump.name: _add_file(tar, dump, dump.name)}
            for path, name in _media_files(media_root) if media_root is not None else ():
                member = _add_file(tar, path, MEDIA_PREFIX + name, missing_ok=True)
                if member is not None:
                    members[MEDIA_PREFIX + name] = member
            manifest = _manifest(engine, migrations, members, media_root is not None, storage)
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


def _engine(connection):
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _local_media_root(storage):
    """The folder of uploaded files, or None when they live elsewhere (S3: the bucket's
    own versioning and replication keep them; see the README)."""
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location).absolute()
    return None


@contextmanager
def _replaced_on_success(target):
    """A temporary path beside `target`, renamed to it when the block succeeds and
    removed when it fails."""
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        yield partial
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _dump_sqlite(connection, target):
    """Copy the live database to `target` with SQLite's online backup API and return the
    migrations the copy has applied. The copy is done in one step, inside one read
    transaction: a consistent snapshot, which in WAL mode does not hold writers back."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The copy stands alone: no -wal file beside it in the archive.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_sqlite_integrity(copy)
        migrations = [f"{app}.{name}" for app, name in copy.execute(_MIGRATIONS_SQL)]
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy the database: {error}.") from error
    finally:
        copy.close()
    return sorted(migrations)


_MIGRATIONS_SQL = "SELECT app, name FROM django_migrations"


def _check_sqlite_integrity(database):
    (result,) = database.execute("PRAGMA quick_check").fetchone()
    if result != "ok":
        raise BackupError(f"The SQLite database fails its integrity check: {result}")


def _dump_postgresql(connection, target):
    """Dump the database to `target` with `pg_dump --format=custom` and return the
    migrations the dump has applied. The migrations are read in a transaction whose
    snapshot `pg_dump` then shares, so they describe the very rows it dumps; pg_dump
    reads one snapshot and blocks no writer."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a database transaction.")
    args, env = _pg_connection_args(connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        cursor.execute(_MIGRATIONS_SQL)
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                "--no-password",
                *args,
            ],
            env,
        )
    return sorted(migrations)


def _pg_connection_args(connection):
    """Command-line arguments and environment that make PostgreSQL's tools connect as
    the site does (the ones `manage.py dbshell` gives psql)."""
    args, extra_env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    return args[1:], {**os.environ, **(extra_env or {})}


def _pg_tool(name):
    """A PostgreSQL client program: from PATH, else Debian's newest installed version."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(
        f"{name} is missing: install PostgreSQL's client programs (Debian: postgresql-client), "
        "of the server's major version or newer."
    )


def _run(command, env, stdin=None):
    result = subprocess.run(command, env=env, stdin=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{Path(command[0]).name} failed, nothing was changed: {message}")
    return result


def _media_files(media_root):
    """(path, name in the archive) of every uploaded file, in a stable order."""
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for filename in sorted(files):
            path = Path(folder) / filename
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


class _HashingReader:
    """Reads at most `size` bytes of a file and hashes what it read, so the archive and
    the manifest agree even if the file grows while it is copied."""

    def __init__(self, file, size):
        self.file, self.left, self.sha256 = file, size, hashlib.sha256()

    def read(self, size=-1):
        size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        self.sha256.update(data)
        return data


def _add_file(tar, path, name, *, missing_ok=False):
    """Add the file at `path` as `name`; a file deleted meanwhile is skipped when
    `missing_ok` (an upload removed during the backup)."""
    try:
        file = open(path, "rb")  # noqa: SIM115 (closed below, after a check)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise
    with file:
        status = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o644
        reader = _HashingReader(file, status.st_size)
        tar.addfile(info, reader)
    return Member(size=status.st_size, sha256=reader.sha256.hexdigest())


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(datetime.now(UTC).timestamp()), 0o644
    tar.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data):
        self.data, self.position = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk


def _manifest(engine, migrations, members, media_included, storage):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vitrine_version": vitrine_version(),
        "database": {"engine": engine, "file": DATABASE_FILES[engine]},
        "migrations": migrations,
        "media": {
            "storage": f"{type(storage).__module__}.{type(storage).__qualname__}",
            "included": media_included,
        },
        "files": {name: member.as_json() for name, member in members.items()},
    }


def vitrine_version():
    """The version in pyproject.toml, or "unknown" where the project file is not deployed."""
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as project:
            return tomllib.load(project)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# --- Restoring it ------------------------------------------------------------------


def restore_backup(archive, *, force=False, connection=default_connection, storage=default_storage):
    """Restore the backup `archive` into this site and return its manifest.

    Refuses (BackupError, nothing changed) when the archive is not a whole, unaltered
    Vitrine backup, was taken from the other database engine or by a newer Vitrine, or
    when the site is not empty and `force` is not given. Run `migrate` afterwards: the
    database comes back as it was, with the migrations of the version that made it."""
    archive = Path(archive)
    engine = _engine(connection)
    media_root = _local_media_root(storage)
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 (a `with` follows the checks)
    except FileNotFoundError as error:
        raise BackupError(f"{archive} does not exist.") from error
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a backup archive ({error}).") from error
    with tar:
        manifest = _read_manifest(tar)
        _check_compatible(manifest, engine)
        if manifest["media"]["included"] and media_root is None:
            raise BackupError(
                "The backup holds uploaded files, but this site keeps them in "
                f"{manifest['media']['storage']}, not on local disk. Extract media/ from the "
                "archive and copy it to the bucket, or restore on a site with local media."
            )
        if not force:
            _check_empty(connection, media_root if manifest["media"]["included"] else None)
        staging_parent = media_root.parent if media_root is not None else archive.parent
        staging_parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".vitrine-restore-") as work:
            staged = _extract_verified(tar, manifest, Path(work))
            database = staged.pop(manifest["database"]["file"])
            # Files first: should the database fail to load, they are unnamed extras.
            if media_root is not None:
                _move_media(staged, media_root)
            if engine == "sqlite":
                _load_sqlite(connection, database)
            else:
                _load_postgresql(connection, database, force=force)
    return manifest


def _read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, AttributeError, TypeError, ValueError, tarfile.TarError) as error:
        raise BackupError(
            "The archive has no readable manifest.json: it is not a Vitrine backup, or it "
            "was cut short."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest is not a Vitrine backup's.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The backup's format {manifest.get('format_version')} is not the one this "
            f"Vitrine reads ({FORMAT_VERSION}); restore it with the Vitrine that made it "
            f"({manifest.get('vitrine_version')})."
        )
    if not _well_formed(manifest):
        raise BackupError("The archive's manifest is incomplete: the archive was altered.")
    return manifest


def _well_formed(manifest):
    database, media, files = (manifest.get(key) for key in ("database", "media", "files"))
    return (
        isinstance(database, dict)
        and database.get("file") in DATABASE_FILES.values()
        and DATABASE_FILES.get(database.get("engine")) == database["file"]
        and isinstance(media, dict)
        and isinstance(media.get("included"), bool)
        and isinstance(manifest.get("migrations"), list)
        and isinstance(files, dict)
        and database["file"] in files
        and all(
            isinstance(member, dict)
            and isinstance(member.get("size"), int)
            and isinstance(member.get("sha256"), str)
            and (name == database["file"] or name.startswith(MEDIA_PREFIX))
            for name, member in files.items()
        )
    )


def _check_compatible(manifest, engine):
    backup_engine = manifest["database"]["engine"]
    if backup_engine != engine:
        raise BackupError(
            f"The backup is of a {backup_engine} database and this site uses {engine}. "
            "Restoring across engines is not supported: restore it on a site that uses "
            f"{backup_engine}."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            f"The backup was made by a newer Vitrine ({manifest['vitrine_version']}): this "
            f"code lacks its migrations {', '.join(unknown[:5])}"
            f"{' …' if len(unknown) > 5 else ''}. Install that version and restore again."
        )


def _check_empty(connection, media_root):
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restore into an empty database (without running migrate first), or "
            "use --force to replace this one."
        )
    if media_root is not None and any(path for path, _ in _media_files(media_root)):
        raise BackupError(
            f"The media folder {media_root} is not empty. Restore into an empty folder, or use "
            "--force to add the backup's files to it (files of the same name are replaced)."
        )


def _safe_name(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise BackupError(f"The archive holds an unsafe name: {name!r}.")
    return path


def _extract_verified(tar, manifest, work):
    """Extract every member listed in the manifest into `work`, checking its size and
    SHA-256; return {name: path}. Any missing, extra, altered or non-file member is
    refused before the site is touched."""
    expected = manifest.get("files") or {}
    staged = {}
    for info in tar:
        if info.name == MANIFEST:
            continue
        if info.name not in expected:
            raise BackupError(f"The archive holds {info.name}, which its manifest does not list.")
        if not info.isfile():
            raise BackupError(f"{info.name} is not a regular file.")
        target = work.joinpath(*_safe_name(info.name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with tar.extractfile(info) as source, open(target, "wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        member = expected[info.name]
        if info.size != member["size"] or digest.hexdigest() != member["sha256"]:
            raise BackupError(
                f"{info.name} does not match its checksum: the archive is damaged or altered."
            )
        staged[info.name] = target
    missing = sorted(set(expected) - set(staged))
    if missing:
        raise BackupError(f"The archive lacks {', '.join(missing[:5])}: it was cut short.")
    return staged


def _move_media(staged, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    for name, path in staged.items():
        target = media_root.joinpath(*_safe_name(name.removeprefix(MEDIA_PREFIX)).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


def _load_sqlite(connection, dump):
    """Replace the database's whole content by the dump's, with SQLite's backup API: one
    transaction, and SQLite keeps the database's journal (WAL) files right."""
    source = sqlite3.connect(dump)
    try:
        _check_sqlite_integrity(source)
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            f"SQLite could not load the backup ({error}); if the site is running, stop it "
            "and restore again."
        ) from error
    finally:
        source.close()
        connection.close()


def _load_postgresql(connection, dump, *, force):
    """Load the dump with psql in one transaction, after dropping every table with
    `force`: it loads whole or not at all. pg_restore first turns the whole dump into SQL
    (so a dump it cannot read stops everything before the database is touched), and psql
    runs the drop and that SQL in one transaction."""
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a database transaction.")
    args, env = _pg_connection_args(connection)
    tables = connection.introspection.table_names() if force else []
    connection.close()
    drop = dump.with_name("drop.sql")
    quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
    drop.write_text(f"DROP TABLE IF EXISTS {quoted} CASCADE;\n" if tables else "")
    script = dump.with_name("restore.sql")
    # --no-owner/--no-privileges: the objects belong to whoever restores them, so the new
    # machine's database user may have another name.
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            f"--file={script}",
            str(dump),
        ],
        dict(os.environ),
    )
    _run(
        [
            _pg_tool("psql"),
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--no-password",
            "--output=/dev/null",
            f"--file={drop}",
            f"--file={script}",
            *args,
        ],
        env,
    )
