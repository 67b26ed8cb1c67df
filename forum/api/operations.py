"""How an API operation is declared, answered and described, in one place: the decorator
parses the query with its argument schema (refusing unknown or bad filters with the
reason), dumps the answer through its response schema (undeclared fields never leave),
makes it conditional (ETag, Last-Modified, 304) and records the operation so the OpenAPI
description is generated from the very same declarations."""
from dataclasses import dataclass
from functools import wraps

from flask import Blueprint, request
from marshmallow import Schema, ValidationError

from .errors import from_validation
from .http import conditional


@dataclass(frozen=True)
class Operation:
    rule: str
    endpoint: str
    summary: str
    description: str
    tag: str
    response: type[Schema]
    args: type[Schema] | None


OPERATIONS: list[Operation] = []


def operation(bp: Blueprint, rule: str, response: type[Schema], *, tag: str, summary: str,
              args: type[Schema] | None = None):
    """Register a GET operation whose view returns the record(s) to dump (and, optionally,
    the time its answer last changed for Last-Modified)."""
    def decorate(fn):
        OPERATIONS.append(Operation(rule, f"{bp.name}.{fn.__name__}", summary, (fn.__doc__ or "").strip(),
                                    tag, response, args))
        dumper = response()  # built once: a schema instance keeps no state between dumps
        loader = args() if args is not None else None

        @wraps(fn)
        def view(**kwargs):
            if loader is not None:
                kwargs["args"] = parse(loader)
            answer = fn(**kwargs)
            data, modified = answer if isinstance(answer, tuple) else (answer, None)
            return conditional(dumper.dump(data), modified)

        bp.add_url_rule(rule, fn.__name__, view, methods=["GET"])
        return view
    return decorate


def parse(schema: Schema) -> dict:
    try:
        return schema.load(request.args.to_dict(flat=True))
    except ValidationError as err:
        raise from_validation(err, schema) from None

