# The app servers behind the front cache (included by vitrine.vcl): one `backend` each,
# and each added to the director `app`. Two gunicorn servers on this machine here; on
# several machines, their addresses (reachable from this one only).
backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 3; .threshold = 2; }
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 3; .threshold = 2; }
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
