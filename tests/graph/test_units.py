"""Unit names as researchers type them: canonical, alias, or a region-less short form the text never used."""

from __future__ import annotations

import pytest

from policykg.errors import AmbiguousNameError, UnknownNameError
from policykg.extract.pipeline import extract_paths
from policykg.graph.build import build_graph
from policykg.graph.units import resolve_unit, resolve_unit_name


@pytest.fixture(scope="module")
def seed_graph(seed_path):
    return build_graph(extract_paths([seed_path]).documents)


def test_short_form_never_written_in_the_seed_finds_the_shanghai_bureau(seed_graph):
    # The seed always writes 上海市司法局 in full; 市司法局 is how a researcher abbreviates it.
    node = resolve_unit(seed_graph, "市司法局")
    assert seed_graph.nodes[node]["name"] == "上海市司法局"


def test_alias_used_by_the_text_resolves(seed_graph):
    assert seed_graph.nodes[resolve_unit(seed_graph, "市委办公厅")]["name"] == "中共上海市委办公厅"


def test_short_form_matching_two_regions_is_ambiguous():
    units = {"上海市司法局": [], "杭州市司法局": ["市司法局"], "浙江省司法厅": []}
    assert resolve_unit_name("市司法局", units) == "杭州市司法局"  # an alias the text used wins
    del units["杭州市司法局"]
    units["杭州市司法局"] = []
    with pytest.raises(AmbiguousNameError, match="上海市司法局, 杭州市司法局"):
        resolve_unit_name("市司法局", units)


def test_unknown_unit_always_lists_nearest_names(seed_graph):
    with pytest.raises(UnknownNameError) as exc:
        resolve_unit(seed_graph, "不存在局")
    assert "closest known: " in str(exc.value) and "上海市司法局" in str(exc.value)

