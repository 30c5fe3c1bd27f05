#!/usr/bin/env python3
"""openapi_valid.py FILE: FILE is a valid OpenAPI 3.0 document (the
openapi-spec-validator module, from pip: no Debian package has it).
Exits 77 (CTest's skip) when python3's yaml or the validator is missing."""
import sys

try:
    import yaml
    from openapi_spec_validator import validate
except ImportError as e:
    print(f"skipped: {e.name} is not installed (pip install openapi-spec-validator)")
    sys.exit(77)

with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
if not str(doc.get("openapi", "")).startswith("3.0."):
    sys.exit(f"{sys.argv[1]}: not OpenAPI 3.0 (openapi: {doc.get('openapi')!r})")
validate(doc)
print(f"{sys.argv[1]}: valid OpenAPI {doc['openapi']}, {len(doc['paths'])} paths")
