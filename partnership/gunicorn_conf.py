"""
gunicorn's settings for production:
``gunicorn partnership.wsgi --config python:partnership.gunicorn_conf``.

The access log goes to standard output (journald or the service manager
keeps it, see docs/deploy.md), one line a request, with the client address
shortened to its network (partnership/site/logs.py):

    127.0.0.0 203.0.113.0 [29/Nov/2026:12:00:00 +0100] "GET /aktuelles/ HTTP/1.0" 200 5120
    12ms "-" "Mozilla/5.0 …"

(one line in the log; the two fields last are the referrer and the browser).

The first address is the client of gunicorn, the second the X-Forwarded-For
header: behind nginx the client is nginx itself and the visitor's address
is the header's.
"""

accesslog = "-"
access_log_format = (
    '%(h)s %({x-forwarded-for}i)s [%(t)s] "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
)
logger_class = "partnership.site.logs.GunicornLogger"
