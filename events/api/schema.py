"""The OpenAPI document, told as the API behaves (drf-spectacular).

Public reads need no credentials, so a generated client may call them anonymously;
every operation has a summary and a declared tag; nullable references carry their
type (OpenAPI 3.1). ``tests/events/test_api_schema.py`` holds the document to Redocly's
recommended rules and reads the API with a client generated from it.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions

VERBS = {
    "list": "List {plural}",
    "retrieve": "Read a {singular}",
    "create": "Create a {singular}",
    "update": "Replace a {singular}",
    "partial_update": "Change a {singular}",
    "destroy": "Delete a {singular}",
}
SINGULAR = {"people": "person"}


def _anonymous_reads(view: Any, method: str) -> bool:
    """Whether the view's permissions let anybody read (as the default ones do)."""
    if method not in permissions.SAFE_METHODS:
        return False
    return any(
        getattr(permission, "authenticated_users_only", True) is False
        or isinstance(permission, permissions.AllowAny)
        for permission in view.get_permissions()
    )


class ApiSchema(AutoSchema):
    def get_auth(self) -> list[dict[str, list[str]]]:
        auths = super().get_auth()
        if {} not in auths and _anonymous_reads(self.view, self.method):
            auths.append({})
        return auths

    def get_summary(self) -> str | None:
        template = VERBS.get(getattr(self.view, "action", None) or "")
        tags = self.get_tags()
        if template is None or not tags:
            return None
        plural = tags[0].replace("-", " ")
        singular = SINGULAR.get(plural, plural.removesuffix("s"))
        if singular[0] in "aeiou":
            template = template.replace(" a {singular}", " an {singular}")
        return template.format(plural=plural, singular=singular)


def null_as_a_type(result: dict, **kwargs: Any) -> dict:
    """Write OpenAPI 3.0's ``nullable`` (left by DRF's paging schema) as 3.1 does.

    The document is OpenAPI 3.1, where a nullable reference is ``oneOf`` it and
    ``null`` (clients read "this or None") and ``nullable`` is no keyword.
    """

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.pop("nullable", False) and isinstance(node.get("type"), str):
                node["type"] = [node["type"], "null"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
