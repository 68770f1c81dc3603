"""
Logs without full IP addresses of visitors.

Addresses are shortened before a line is written: IPv4 to its /24 network
(the last octet zeroed), IPv6 to its /48 network. That still tells an
operator which network an attack came from, and no longer names a
household. Two places write addresses: gunicorn's access log
(``GunicornLogger``, configured in partnership/gunicorn_conf.py) and the
app's own log, where django-axes names the address of failed logins
(``ShortenAddresses`` on the console handler in the settings).

Two kinds of address name no visitor and stay whole, so an operator can
act on them: loopback addresses, and the host of a URL ("redis://…",
"postgres://user@…"), which names a service the site connects to.

Pages rendered ahead of a save (ahead.py) are no visitors' requests either:
a page that has gone since is dropped from the list quietly, and its „Not
Found“ would read as a visitor's (``QuietPreparedRequests``).
"""

import ipaddress
import logging
import re

from gunicorn.glogging import Logger

# The WSGI environ key that marks a request as rendered ahead of a save.
PREPARED_AHEAD = "partnership.prepared_ahead"

# Candidates only; ipaddress decides what really is an address.
CANDIDATE = re.compile(
    r"(?<![\w.:])(?<!//)(?<!//\[)(?<!@)[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(?![\w.:])"
)


def network(address):
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return str(address)
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def shorten(match):
    text = match.group(0)
    try:
        return network(ipaddress.ip_address(text))
    except ValueError:
        pass
    # An IPv4 address with its port.
    host, colon, port = text.rpartition(":")
    try:
        return f"{network(ipaddress.IPv4Address(host))}{colon}{port}"
    except ValueError:
        return text


def shorten_addresses(text):
    """``text`` with every IP address in it shortened to its network."""
    return CANDIDATE.sub(shorten, text)


class ShortenAddresses(logging.Filter):
    def filter(self, record):
        record.msg = shorten_addresses(record.getMessage())
        record.args = None
        return True


class QuietPreparedRequests(logging.Filter):
    def filter(self, record):
        request = getattr(record, "request", None)
        return not getattr(request, "META", {}).get(PREPARED_AHEAD)


class GunicornLogger(Logger):
    """gunicorn's logger, with the client address and request headers shortened."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if (key == "h" or key.startswith("{")) and isinstance(value, str):
                atoms[key] = shorten_addresses(value)
        return atoms
