"""The Content-Security-Policy of the site's pages, read by settings."""

from django.utils.csp import CSP

# Content-Security-Policy (Django's own middleware): pages load scripts, styles,
# fonts and images from this site only, and no other site may frame them.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The API documentation (Swagger UI, Redoc, from our own static files) needs inline
# scripts and styles, and Redoc a worker; only those two pages get this policy.
API_DOCS_CSP = SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "worker-src": [CSP.SELF, "blob:"],
}
