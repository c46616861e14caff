"""Extraction records validate against ../shared/schema/extraction.schema.json."""

from __future__ import annotations

import json

import jsonschema
import pytest
from builders import DATA

from policykg.extract.pipeline import extract_paths
from policykg.extract.readers import read_path

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def validator(shared_dir):
    schema = json.loads((shared_dir / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_seed_and_tasklist_validate(validator, seed_path):
    result = extract_paths([seed_path, DATA / "tasklist.txt"])
    assert len(result.documents) == 2
    for doc in result.documents:
        record = json.loads(json.dumps(doc.to_record(), ensure_ascii=False))
        validator.validate(record)


def test_government_work_reports_validate(validator, shared_dir):
    """Long real texts (reports from 2025, the 1990s and 1954) still give valid, non-empty records."""
    from policykg.extract.pipeline import extract_document

    raws = [r for r in read_path(shared_dir / "corpus" / "government_work_reports.jsonl") if r.date]
    for raw in (raws[0], raws[len(raws) // 2], raws[-1]):
        doc = extract_document(raw)
        validator.validate(json.loads(json.dumps(doc.to_record(), ensure_ascii=False)))
        assert doc.measures and doc.institutions
        assert doc.region is None  # national documents have no region
        names = {i.name for i in doc.institutions}
        assert {d.institution for m in doc.measures for d in m.duties} <= names
