# Vitrine's front cache: Varnish 7 with the xkey module (Debian: varnish, varnish-modules).
#
# What Django says decides everything (core/front_cache.py): a response it may share
# carries `Cache-Control: public, max-age=0, s-maxage=N`, N never past the moment the page
# would read differently (a shop opening or closing, midnight), and `Surrogate-Key`, the
# keys that purge it; anything else (logged in, a cookie, a form, a preview) is `private,
# no-store` and passes. On a publication, Django sends `PURGE` with the keys in
# `xkey-purge` (FRONT_CACHE_PURGE_URLS), from an address of `purgers`.
vcl 4.1;

import directors;
import xkey;

# The app servers and the director `app` that spreads requests over them: backends.vcl,
# beside this file (scripts/with-stack writes its own).
include "backends.vcl";

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    # The counting beacon, the admin and every form post reach Django each time.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)") {
        return (pass);
    }
    # Someone with a cookie may be logged in, or holding a page's password: theirs is not
    # the page everyone gets. Residents carry none (the site sets none on its pages).
    if (req.http.Cookie || req.http.Authorization) {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    # Django's lifetime (s-maxage) is the page's truth: no grace, a page is never served
    # past it, even while another copy is fetched.
    set beresp.grace = 0s;
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # What Django made private or uncacheable stays with its visitor. The built-in
    # rules (below) also refuse a Set-Cookie and `Vary: *`.
    if (beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    # The keys are for purging, not for visitors; a header says whether it was a hit
    # (the stack test reads it).
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
