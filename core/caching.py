"""How long the site keeps what it caches (navigation, settings, the directory's
choices) before reading it again.

Signals drop these entries as soon as their data changes, but only in the cache of the
process that made the change. Without a shared cache (no REDIS_URL: each process has
its own memory), a change made elsewhere -- another server process, `import_shops`, or
`publish_scheduled` run by cron -- would otherwise never reach a running server. The
bound keeps that staleness to minutes; with Redis the signals reach every process and
the bound only costs a query now and then."""

STALE_AFTER = 5 * 60  # seconds
