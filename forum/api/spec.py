"""The OpenAPI 3.1 description, generated from the declared operations and their
marshmallow schemas by apispec (marshmallow-code's maintained generator, the one whose
field mapping follows 3.1's JSON Schema nullability)."""
import re
from functools import cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import url_for

from . import schemas
from .operations import OPERATIONS

PATH_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
DESCRIPTION = (
    "Read-only open data of a Traza platform: forums, proposals and their reasoned responses, consultations, "
    "commitments and what shaped them, sessions with motions and votes (Popolo), and the tamper-evident trail. "
    "Everything here is public: nothing a page hides appears. Lists are paged with cursors (follow `next`); "
    "answers carry an ETag (send If-None-Match for a 304). Times are RFC 3339 with their offset.")


def _name_resolver(schema) -> str:
    """The component name a client sees: the class's name without its `Schema` suffix (the
    suffix keeps `ProposalSchema` apart from the `Proposal` model in the code; the published
    description has said `Proposal` since version 1.0.0, and clients generated from it rely on it)."""
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__.removesuffix("Schema")


@cache
def _document(server: str) -> dict:
    spec = APISpec(title="Traza API", version="1.0.0", openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin(schema_name_resolver=_name_resolver)],
                   info={"description": DESCRIPTION,
                         "license": {"name": "CC BY 4.0 (content)", "identifier": "CC-BY-4.0"}},
                   servers=[{"url": server}])
    spec.components.schema("Error", schema=schemas.ErrorSchema)
    error = {"description": "refused, with the reason", "content": {"application/json": {"schema": "Error"}}}
    for op in OPERATIONS:
        params = []
        for kind, name in PATH_PARAM.findall(op.rule):
            params.append({"in": "path", "name": name, "required": True,
                           "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1} if kind == "int"
                           else {"type": "string", "pattern": r"^\d{4}-\d{4}$"}})
        if op.args is not None:
            params.append({"in": "query", "schema": op.args})
        responses = {"200": {"description": "OK", "content": {"application/json": {"schema": op.response}},
                             "headers": {"ETag": {"schema": {"type": "string"}}}},
                     "304": {"description": "not modified since the ETag sent"},
                     "400": error,
                     "429": {**error, "description": "too many requests: wait Retry-After seconds",
                             "headers": {"Retry-After": {"schema": {"type": "integer"}}}}}
        if params and any(p["in"] == "path" for p in params):
            responses["404"] = error
        path = PATH_PARAM.sub(lambda m: "{" + m.group(2) + "}", op.rule)
        spec.path(path=path.removeprefix("/"), operations={"get": {
            "operationId": op.endpoint.split(".")[-1], "summary": op.summary, "description": op.description,
            "tags": [op.tag], "parameters": params, "responses": responses}})
    doc = spec.to_dict()
    doc["paths"] = {("/" + k.lstrip("/")): v for k, v in doc["paths"].items()}
    return doc


def build() -> dict:
    return _document(url_for("api.index", _external=True).rstrip("/"))
