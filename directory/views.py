"""Directory views: thin, they parse the query, call directory.search and render."""
