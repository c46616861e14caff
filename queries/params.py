"""Query arguments from the command line: positional values in order, then ``key=value``.

A query's ``run_nx`` signature is the one definition of its parameters (names, order, defaults, types), so
the CLI cannot drift from the functions that notebooks and ``policykg build`` call directly.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any

from extract.errors import PolicykgError
from extract.model import ROLES


def _base_type(hint: Any) -> Any:
    """``int | None`` → int; ``tuple[str, ...]`` → tuple; ``str`` → str."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return typing.get_origin(hint) or hint


def _convert(query: str, name: str, raw: str, hint: Any) -> Any:
    base = _base_type(hint)
    if base is tuple:
        return tuple(v.strip() for v in raw.split(",") if v.strip())
    if base in (int, float):
        try:
            value = base(raw)
        except ValueError:
            raise PolicykgError(f"{query}: {name}={raw!r} is not a number") from None
        if not 0 <= value < float("inf"):  # every numeric parameter is a count or a share; NaN fails too
            raise PolicykgError(f"{query}: {name}={raw!r} must be a number of 0 or more")
        return value
    return raw


def parser_for(run: Callable[..., Any], query: str) -> Callable[[list[str]], dict[str, Any]]:
    """``parse_args(args) -> kwargs`` for ``run(backend, **kwargs)``."""
    sig = inspect.signature(run)
    hints = typing.get_type_hints(run)
    params = list(sig.parameters.values())[1:]  # the first one is the graph or the session
    names = [p.name for p in params]
    usage = " ".join(p.name if p.default is inspect.Parameter.empty else f"[{p.name}=…]" for p in params)

    def parse_args(args: list[str]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        positional = iter(names)
        for arg in args:
            key, sep, value = arg.partition("=")
            if sep and key in names:
                name = key
            else:
                name = next(positional, None)
                value = arg
                while name in kwargs:
                    name = next(positional, None)
                if name is None:
                    raise PolicykgError(f"{query}: unexpected argument {arg!r}; usage: {query} {usage}")
            if name in kwargs:
                raise PolicykgError(f"{query}: {name} given twice")
            kwargs[name] = _convert(query, name, value, hints[name])
        missing = [p.name for p in params if p.default is inspect.Parameter.empty and p.name not in kwargs]
        if missing:
            raise PolicykgError(f"{query}: missing {', '.join(missing)}; usage: {query} {usage}")
        return kwargs

    return parse_args


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    """The roles asked for, validated (a typo would otherwise silently match nothing)."""
    roles = tuple(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise PolicykgError(f"roles: {', '.join(bad) or '(none)'} unknown; choose from {', '.join(ROLES)}")
    return roles
