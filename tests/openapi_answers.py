#!/usr/bin/env python3
"""openapi_answers.py SPEC ANSWERS.jsonl...: every answer the API gave in
the unit tests is what SPEC (OpenAPI 3.0) says it answers.

Each line of an answers file is {method, path, status, content_type,
body}, written by tests/http_fixture.h when BJJ_API_ANSWERS is set. For
each answer whose path and method are in SPEC: the status must be one of
the operation's responses, the content type one of that response's, and
a JSON body must match the schema ($ref and allOf resolved): every
required key present, no key the schema lacks (unless it allows
additionalProperties), each value of the schema's type (integer, number,
string, boolean, array, object; null only where nullable), enums and
date/date-time formats kept. Every JSON operation of SPEC must have been
answered with a 2xx at least once, so a new route cannot go unchecked,
and every field of each component schema those answers use must have
been shown with a value (not null) at least once. The body of a request
answered 2xx must match the file's requestBody (unknown fields aside).

openapi_answers.py --self-test: the checker catches each kind of fault.
Exits 77 (CTest's skip) when python3's yaml module is missing.
"""
import json
import re
import sys

try:
    import yaml
except ImportError:
    print("skipped: python3-yaml is not installed (deploy/install-deps.sh --tests)")
    sys.exit(77)

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATE_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$")


class Spec:
    def __init__(self, doc):
        self.doc = doc
        self.extra_ok = False   # requests: unknown fields are ignored
        self.paths = []
        for template, item in doc.get("paths", {}).items():
            parts = re.split(r"(\{[^}]+\})", template)
            rx = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
            # literal paths win over templated ones (/api/v1/openapi.yaml)
            self.paths.append((template.count("{"), template, re.compile("^" + rx + "$"), item))
        self.paths.sort(key=lambda p: p[0])

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"external $ref {ref}")
            node = self.doc
            for key in ref[2:].split("/"):
                node = node[key.replace("~1", "/").replace("~0", "~")]
            seen += 1
            if seen > 50:
                raise ValueError(f"$ref loop at {ref}")
        return node

    def match(self, path):
        for _, template, rx, item in self.paths:
            if rx.match(path):
                return template, item
        return None, None

    def flatten(self, schema):
        """The schema with $ref resolved and allOf merged into one."""
        schema = self.resolve(schema)
        if "allOf" not in schema:
            return schema
        out = {"properties": {}, "required": []}
        for sub in schema["allOf"]:
            sub = self.flatten(sub)
            for key, val in sub.items():
                if key == "properties":
                    out["properties"].update(val)
                elif key == "required":
                    out["required"] += [r for r in val if r not in out["required"]]
                else:
                    out[key] = val
        for key, val in schema.items():
            if key != "allOf":
                out[key] = val
        if not out["properties"]:
            del out["properties"]
        return out

    def check(self, schema, value, where, errors, path="", seen=None):
        """Add to errors what is wrong with value; path names the place
        in the schema (from the component schema it is in, list items as
        []), added to seen when not null."""
        if seen is not None and value is not None:
            seen.add(path)
            path = ref_name(schema, path)
            seen.add(path)
        else:
            path = ref_name(schema, path)
        s = self.flatten(schema)
        if value is None:
            if not s.get("nullable", False):
                errors.append(f"{where}: null, but the schema is not nullable")
            return
        for key in ("oneOf", "anyOf"):
            if key in s:
                for sub in s[key]:
                    sub_errors = []
                    self.check(sub, value, where, sub_errors, path, seen)
                    if not sub_errors:
                        break
                else:
                    errors.append(f"{where}: matches none of {key}")
                return
        kind = s.get("type")
        if kind is None and ("properties" in s or "required" in s):
            kind = "object"
        actual = json_type(value)
        if kind is not None and actual != kind and not (kind == "number" and actual == "integer"):
            errors.append(f"{where}: {actual} {short(value)}, the schema says {kind}")
            return
        if "enum" in s and value not in s["enum"]:
            errors.append(f"{where}: {short(value)} is not one of {s['enum']}")
        fmt = s.get("format")
        if isinstance(value, str) and fmt == "date" and not DATE.match(value):
            errors.append(f"{where}: {short(value)} is not a date")
        if isinstance(value, str) and fmt == "date-time" and not DATE_TIME.match(value):
            errors.append(f"{where}: {short(value)} is not a date-time with an offset")
        if isinstance(value, str) and "pattern" in s and not re.search(s["pattern"], value):
            errors.append(f"{where}: {short(value)} does not match {s['pattern']}")
        if actual == "array":
            items = s.get("items")
            if items is None:
                errors.append(f"{where}: an array whose schema has no items")
                return
            for i, v in enumerate(value):
                self.check(items, v, f"{where}[{i}]", errors, path + "[]", seen)
        elif actual == "object":
            props = s.get("properties", {})
            extra = s.get("additionalProperties", False)
            for key in s.get("required", []):
                if key not in value:
                    errors.append(f"{where}: required key \"{key}\" is missing")
            for key, v in value.items():
                if key in props:
                    self.check(props[key], v, f"{where}.{key}", errors, f"{path}.{key}", seen)
                elif isinstance(extra, dict):
                    self.check(extra, v, f"{where}.{key}", errors, f"{path}.*", seen)
                elif extra is not True and not self.extra_ok:
                    errors.append(f"{where}: key \"{key}\" is not in the schema")


    def fields(self, schema, path):
        """Every property path of schema, as check() names them, up to the
        component schemas it refers to (each has its own)."""
        s = self.flatten(schema)
        out = []
        if s.get("type") == "array" and "items" in s:
            out += self.fields_below(s["items"], path + "[]")
        for key, sub in s.get("properties", {}).items():
            out.append(f"{path}.{key}")
            out += self.fields_below(sub, f"{path}.{key}")
        return out

    def fields_below(self, schema, path):
        if ref_name(schema, path) != path:
            return []
        return self.fields(schema, path)


def ref_name(schema, path):
    """The component schema's name when schema refers to one (directly or
    as a nullable allOf of one), else path."""
    if isinstance(schema, dict) and "allOf" in schema and len(schema["allOf"]) == 1:
        schema = schema["allOf"][0]
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    if ref.startswith("#/components/schemas/"):
        return ref[len("#/components/schemas/"):]
    return path


def json_type(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def check_answers(spec, answers):
    """(errors, checked, skipped, answered): answered maps each operation
    answered with a 2xx JSON body, (method, template, status), to the
    schema paths its answers showed with a value."""
    errors, checked, skipped, answered = [], 0, 0, {}
    for n, a in answers:
        template, item = spec.match(a["path"])
        method = a["method"].lower()
        if item is None or method not in item:
            skipped += 1   # not the API's (/web, a test of unknown paths)
            continue
        op = item[method]
        name = f"{n}: {a['method']} {a['path']} -> {a['status']}"
        responses = op.get("responses", {})
        resp = responses.get(str(a["status"]), responses.get("default"))
        if resp is None:
            errors.append(f"{name}: status {a['status']} is not among {template}'s {sorted(responses)}")
            continue
        resp = spec.resolve(resp)
        ctype = a["content_type"].split(";")[0].strip()
        content = resp.get("content", {})
        if ctype not in content:
            errors.append(f"{name}: content type {ctype!r}, the file says {sorted(content)}")
            continue
        checked += 1
        ok = 200 <= a["status"] < 300
        if ok and ctype != "application/json":
            answered.setdefault((method, template, None), set())
        if ctype != "application/json":
            continue
        try:
            body = json.loads(a["body"])
        except ValueError as e:
            errors.append(f"{name}: the body is not JSON ({e})")
            continue
        seen = answered.setdefault((method, template, a["status"]), set()) if ok else None
        spec.check(content[ctype].get("schema", {}), body, name, errors, "", seen)
        if ok:
            check_request(spec, op, a, name, errors)
    return errors, checked, skipped, answered


def check_request(spec, op, a, name, errors):
    """A request the API took (2xx) is one the file allows: its required
    fields there, each field of the file's type (unknown ones ignored)."""
    body = spec.resolve(op.get("requestBody", {}))
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    text = a.get("request", "")
    if schema is None:
        return
    if not text.strip():
        if body.get("required", False):
            errors.append(f"{name}: taken without a body, the file requires one")
        return
    try:
        value = json.loads(text)
    except ValueError:
        errors.append(f"{name}: taken with a body that is not JSON")
        return
    spec.extra_ok = True
    try:
        spec.check(schema, value, name + " request", errors)
    finally:
        spec.extra_ok = False


def unshown(spec, answered):
    """Fields of the component schemas the 2xx answers used that no answer
    showed with a value (so a field the code dropped cannot stay in the
    file, and every field is checked on a real value once)."""
    seen = set().union(*answered.values()) if answered else set()
    out = []
    for name, schema in spec.doc.get("components", {}).get("schemas", {}).items():
        if name not in seen:
            continue
        for path in spec.fields(schema, name):
            if path not in seen:
                out.append(f"{path}: no answer showed it with a value")
    return out


def unanswered(spec, answered):
    """JSON operations of the file that no test answered with a 2xx."""
    done = {(m, t) for m, t, _ in answered}
    out = []
    for _, template, _, item in spec.paths:
        for method, op in item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            json_ok = any(str(code).startswith("2") and "application/json" in spec.resolve(r).get("content", {})
                          for code, r in op.get("responses", {}).items())
            if json_ok and (method, template) not in done:
                out.append(f"{method.upper()} {template}")
    return out


def load_answers(names):
    answers = []
    for name in names:
        with open(name, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if line.strip():
                    answers.append((f"{name}:{i}", json.loads(line)))
    return answers


SELF_SPEC = """
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{id}:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string}, size: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
components:
  schemas:
    Error:
      type: object
      required: [error]
      properties: {error: {type: string}}
    Base:
      type: object
      required: [id]
      properties: {id: {type: integer}}
    Thing:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name, tags, when]
          properties:
            name: {type: string}
            note: {type: string, nullable: true}
            tags: {type: array, items: {type: string}}
            kind: {type: string, enum: [a, b]}
            when: {type: string, format: date}
"""

SELF_CASES = [
    # (what, status, body, the error expected or None)
    ("a good answer", 200, {"id": 1, "name": "x", "note": None, "tags": ["t"], "kind": "a", "when": "2026-12-02"}, None),
    ("an unknown key", 200, {"id": 1, "name": "x", "tags": [], "when": "2026-12-02", "colour": "red"}, "\"colour\" is not in the schema"),
    ("a required key missing (from allOf)", 200, {"name": "x", "tags": [], "when": "2026-12-02"}, "required key \"id\""),
    ("a string for an integer", 200, {"id": "1", "name": "x", "tags": [], "when": "2026-12-02"}, "the schema says integer"),
    ("a number for an integer", 200, {"id": 1.5, "name": "x", "tags": [], "when": "2026-12-02"}, "the schema says integer"),
    ("a boolean for an integer", 200, {"id": True, "name": "x", "tags": [], "when": "2026-12-02"}, "the schema says integer"),
    ("null where not nullable", 200, {"id": 1, "name": None, "tags": [], "when": "2026-12-02"}, "not nullable"),
    ("a wrong item type", 200, {"id": 1, "name": "x", "tags": [3], "when": "2026-12-02"}, "[0]: integer"),
    ("a value out of the enum", 200, {"id": 1, "name": "x", "tags": [], "kind": "c", "when": "2026-12-02"}, "is not one of"),
    ("a bad date", 200, {"id": 1, "name": "x", "tags": [], "when": "02.12.2026"}, "is not a date"),
    ("an error answer", 404, {"error": "no such thing"}, None),
    ("an error answer with more", 404, {"error": "x", "code": 4}, "\"code\" is not in the schema"),
    ("an undocumented status", 403, {"error": "no"}, "status 403 is not among"),
]


def self_test():
    spec = Spec(yaml.safe_load(SELF_SPEC))
    failed = 0
    for what, status, body, expect in SELF_CASES:
        a = {"method": "GET", "path": "/things/7", "status": status,
             "content_type": "application/json", "body": json.dumps(body)}
        errors, _, _, _ = check_answers(spec, [(what, a)])
        ok = (not errors) if expect is None else any(expect in e for e in errors)
        if not ok:
            failed += 1
            print(f"FAIL self-test {what}: expected {expect or 'no error'}, got {errors}")
    a = {"method": "GET", "path": "/things/7", "status": 200, "content_type": "text/plain", "body": "x"}
    errors, _, _, _ = check_answers(spec, [("a wrong content type", a)])
    if not any("content type" in e for e in errors):
        failed += 1
        print(f"FAIL self-test a wrong content type: {errors}")
    for what, request, expect in (
            ("a request the file allows", '{"name": "x", "other": 1}', None),
            ("a request without a required field", '{"size": 1}', 'required key "name"'),
            ("a request field of another type", '{"name": "x", "size": "big"}', "the schema says integer"),
            ("a request without its body", "", "the file requires one")):
        a = {"method": "POST", "path": "/things/7", "request": request, "status": 200,
             "content_type": "application/json", "body": '{"error": "x"}'}
        errors, _, _, _ = check_answers(spec, [(what, a)])
        if (not errors) if expect is None else any(expect in e for e in errors):
            continue
        failed += 1
        print(f"FAIL self-test {what}: expected {expect or 'no error'}, got {errors}")
    if unanswered(spec, {}) != ["GET /things/{id}", "POST /things/{id}"]:
        failed += 1
        print("FAIL self-test: an operation never answered is not reported")
    a = {"method": "GET", "path": "/things/7", "status": 200, "content_type": "application/json",
         "body": json.dumps({"id": 1, "name": "x", "note": None, "tags": [], "when": "2026-12-02"})}
    _, _, _, answered = check_answers(spec, [("fields never shown", a)])
    if unshown(spec, answered) != ["Thing.note: no answer showed it with a value",
                                   "Thing.kind: no answer showed it with a value"]:
        failed += 1
        print(f"FAIL self-test: fields never shown: {unshown(spec, answered)}")
    if failed:
        return 1
    print(f"self-test: {len(SELF_CASES) + 7} cases caught")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 3:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        spec = Spec(yaml.safe_load(f))
    errors, checked, skipped, answered = check_answers(spec, load_answers(argv[2:]))
    for op in unanswered(spec, answered):
        errors.append(f"{op}: no test answered it with a 2xx (add one that does)")
    for field in unshown(spec, answered):
        errors.append(f"{field} (a test must show it, or the file drop it)")
    for e in errors:
        print("FAIL", e)
    print(f"{checked} answers checked against {argv[1]}, {skipped} not the API's, {len(errors)} faults")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
