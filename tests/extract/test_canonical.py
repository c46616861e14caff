"""One module decides every canonical name: the registry names a unit as written and keeps its forms."""

from __future__ import annotations

from policykg.extract.canonical import Registry, is_specific
from policykg.extract.region import regions

CHENGDU = regions()["成都市"]


def test_the_registry_keeps_units_in_order_of_first_mention_with_their_written_forms():
    registry = Registry(CHENGDU)
    assert registry.resolve("市司法局") == "成都市司法局"
    assert registry.resolve("省委办公厅") == "中共四川省委办公厅"  # a province's unit in a city's text
    assert registry.resolve("成都市司法局") == "成都市司法局"
    found = registry.institutions()
    assert [i.name for i in found] == ["成都市司法局", "中共四川省委办公厅"]
    assert found[0].aliases == ["市司法局"] and found[0].kind == "government"


def test_kinds_of_body_are_not_specific_but_named_bodies_are():
    assert is_specific("各省级人民政府") and is_specific("国家发展和改革委员会")
    assert not is_specific("行业协会") and not is_specific("公安机关")
