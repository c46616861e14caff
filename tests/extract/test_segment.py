"""The two segmentation backends: rjieba (jieba-rs) must give jieba's tokens and jieba's extraction output."""

from __future__ import annotations

import json
import random

import jieba
import pytest
from builders import DATA, ROOT, require

from policykg.errors import PolicykgError
from policykg.extract import segment
from policykg.extract.pipeline import extract_document
from policykg.extract.readers import expand_paths, read_path

HAS_RJIEBA = segment.rjieba is not None


def _raws(paths):
    """Every document of ``paths``, read once (PDF and HTML reading is the same for both backends)."""
    files, errors = expand_paths(paths)
    assert errors == []
    return [raw for f in files for raw in read_path(f)]


def _records(raws):
    return [json.dumps(extract_document(r).to_record(), ensure_ascii=False, sort_keys=True) for r in raws]


@pytest.fixture
def reference(monkeypatch):
    """Run the body of a test with plain jieba, the reference backend."""
    def use_jieba():
        monkeypatch.setattr(segment, "_rust", lambda: None)
    return use_jieba


def test_the_backend_is_rjieba_when_installed_and_jieba_on_request(monkeypatch):
    monkeypatch.setenv(segment.BACKEND_VARIABLE, "jieba")
    assert segment.backend() == "jieba"
    monkeypatch.setenv(segment.BACKEND_VARIABLE, "")
    assert segment.backend() == ("rjieba" if HAS_RJIEBA else "jieba")
    monkeypatch.setenv(segment.BACKEND_VARIABLE, "hanlp")
    with pytest.raises(PolicykgError, match="POLICYKG_SEGMENTER"):
        segment.backend()


@pytest.mark.parametrize("text", [
    "2011-2020年上海市司法局",  # jieba-rs keeps 2011-2020 as one token
    "第3-5项任务",
    "5+3模式和1%2的比例",
    "完成A-1类、B_2类项目",
    "增长2.5%，达到3.5.1版",
    "1..2、--3",
])
def test_latin_digits_and_signs_among_unknown_characters_are_cut_as_jieba_cuts_them(text):
    require(HAS_RJIEBA, "rjieba is not installed")
    assert segment.tokens(text) == jieba.lcut(text)


def test_random_mixes_of_han_latin_digits_and_signs_give_jieba_tokens():
    """Hostile mixes: where jieba-rs's HMM step and jieba's disagree, and around dictionary words."""
    require(HAS_RJIEBA, "rjieba is not installed")
    alphabet = list("的政府人民法院上海市司法局工作推进年月日第项") + list("0123456789abcXYZ+#&._%-、，。 \n（２ａ\t")
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        assert segment.tokens(text) == jieba.lcut(text), text


def test_both_backends_give_identical_extraction_on_the_checkout_corpora(reference):
    require(HAS_RJIEBA, "rjieba is not installed")
    raws = _raws([ROOT / "corpus", DATA])
    fast = _records(raws)
    reference()
    assert fast == _records(raws)
    assert len(fast) >= 3


@pytest.mark.shared
def test_both_backends_give_identical_extraction_on_the_shared_corpus(shared_dir, reference):
    require(HAS_RJIEBA, "rjieba is not installed")
    raws = _raws([shared_dir / "corpus"])  # the 72 government work reports, the real documents, the seed
    fast = _records(raws)
    reference()
    slow = _records(raws)
    assert len(fast) > 80
    assert fast == slow
