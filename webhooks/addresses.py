"""Which addresses a webhook may go to: public ones only (server-side request forgery).

An endpoint's host is resolved and every address it names must be public: not
private, loopback, link-local, multicast, reserved or unspecified. The check runs
when staff save the endpoint (a clear form error) and again at every delivery,
where the request then connects to the very address that was checked, so a DNS
answer that changes in between (rebinding) cannot point it inside. Outside
DEBUG and tests ``WEBHOOKS_ALLOW_PRIVATE`` is off; tests turn it on for their
local receiver.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class RefusedAddress(Exception):
    """The endpoint's address may not be called; the message says why."""


def default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
    )


def resolve(url: str) -> tuple[str, str, int, str]:
    """The URL's scheme, host, port and the one address to connect to.

    Raises ``RefusedAddress`` for a scheme other than http(s), a host that does
    not resolve, or (unless ``WEBHOOKS_ALLOW_PRIVATE``) any address that is not
    public: one bad address among several refuses the host.
    """
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in {"http", "https"} or not host:
        raise RefusedAddress(_("Only http and https addresses can receive webhooks."))
    try:
        port = parts.port or default_port(scheme)
    except ValueError as error:
        raise RefusedAddress(_("The port is not a number.")) from error
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedAddress(
            _("The host %(host)s does not resolve.") % {"host": host}
        ) from error
    addresses = [str(answer[4][0]).split("%")[0] for answer in answers]
    if not addresses:
        raise RefusedAddress(_("The host %(host)s does not resolve.") % {"host": host})
    if not settings.WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public(address) and address == host.strip("[]"):
                raise RefusedAddress(
                    _(
                        "%(address)s is a private, local or reserved address: "
                        "webhooks go to public addresses only."
                    )
                    % {"address": address}
                )
            if not is_public(address):
                raise RefusedAddress(
                    _(
                        "%(host)s resolves to %(address)s, a private, local or "
                        "reserved address: webhooks go to public addresses only."
                    )
                    % {"host": host, "address": address}
                )
    return scheme, host, port, addresses[0]
