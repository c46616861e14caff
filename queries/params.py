"""Query parameters, declared once: a query's ``run_nx`` signature plus its ``HELP`` texts and ``EXAMPLE``.

From that one declaration come the CLI subcommand (``policykg query unit-pairs --top 5``: required values
positional, the rest ``--options`` in any order, each with its default in ``--help``) and the conversion of
raw values.  ``run_neo4j`` must have the very same parameters; ``spec_for`` refuses a module whose two
signatures differ, so the networkx and Cypher sides cannot drift.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from policykg.errors import PolicykgError
from policykg.schema import ROLES

REQUIRED = inspect.Parameter.empty


def _base_type(hint: Any) -> Any:
    """``int | None`` → int; ``tuple[str, ...]`` → tuple; ``str`` → str."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return typing.get_origin(hint) or hint


@dataclass(frozen=True)
class Param:
    """One parameter of a query: its name, value type, default (REQUIRED when it has none) and help."""

    name: str
    base: type
    default: Any
    help: str

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def convert(self, raw: str) -> Any:
        """A raw command-line value as the type the query takes; PolicykgError naming the option otherwise."""
        if self.base is tuple:
            return tuple(v.strip() for v in raw.split(",") if v.strip())
        if self.base in (int, float):
            try:
                value = self.base(raw)
            except ValueError:
                raise PolicykgError(f"{self.option} {raw!r} is not a number") from None
            if not 0 <= value < float("inf"):  # counts, thresholds and shares; NaN and infinity fail too
                raise PolicykgError(f"{self.option} {raw!r} must be a number of 0 or more")
            return value
        return raw


@dataclass(frozen=True)
class QuerySpec:
    """What the CLI needs to know of a query: its names, one-line summary, parameters and an example."""

    name: str  # the module name, e.g. unit_pairs (kept as an alias of the command)
    summary: str
    params: tuple[Param, ...]
    example: str

    @property
    def command(self) -> str:
        return self.name.replace("_", "-")

    def add_parser(self, sub: Any, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
        """The subcommand ``policykg query <command>`` with one argument per parameter."""
        p = sub.add_parser(self.command, aliases=[self.name] if self.name != self.command else [],
                           parents=parents, help=self.summary, description=self.summary,
                           epilog=f"example:\n  {self.example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        for param in self.params:
            if param.required:
                p.add_argument(param.name, type=param.convert, help=param.help)
            else:
                shown = ",".join(param.default) if isinstance(param.default, tuple) else param.default
                default = "" if param.default is None else f" (default: {shown})"
                p.add_argument(param.option, dest=param.name, type=param.convert, default=param.default,
                               metavar=param.name.upper(), help=param.help + default)
        p.set_defaults(query_spec=self, parser=p)
        return p

    def kwargs(self, args: argparse.Namespace) -> dict[str, Any]:
        return {param.name: getattr(args, param.name) for param in self.params}


def _params(run: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    hints = typing.get_type_hints(run)
    params = list(inspect.signature(run).parameters.values())[1:]  # the first is the graph or the session
    return [(p.name, _base_type(hints[p.name]), p.default) for p in params]


def spec_for(module: ModuleType) -> QuerySpec:
    """The declaration of a query module; TypeError when its two backends take different parameters."""
    name = module.__name__.rsplit(".", 1)[1]
    nx_params, neo_params = _params(module.run_nx), _params(module.run_neo4j)
    if nx_params != neo_params:
        raise TypeError(f"{name}: run_nx{nx_params} and run_neo4j{neo_params} take different parameters")
    missing = [p for p, _, _ in nx_params if p not in module.HELP]
    if missing:
        raise TypeError(f"{name}: no HELP for {', '.join(missing)}")
    summary = module.__doc__.split(":", 1)[1].strip().splitlines()[0]
    params = tuple(Param(p, base, default, module.HELP[p]) for p, base, default in nx_params)
    return QuerySpec(name, summary, params, module.EXAMPLE)


def key_value_options(spec: QuerySpec, args: list[str]) -> list[str]:
    """The older ``top=5`` spelling as ``--top 5``, so scripts written for it keep working."""
    options = {p.name: p.option for p in spec.params if not p.required}
    out: list[str] = []
    for arg in args:
        key, sep, value = arg.partition("=")
        out.extend([options[key], value] if sep and key in options else [arg])
    return out


def closest_option(parser: argparse.ArgumentParser, wrong: str) -> str | None:
    """The real option nearest to a mistyped one (``--tpo`` → ``--top``), or None."""
    known = [s for action in parser._actions for s in action.option_strings if s.startswith("--")]
    match = difflib.get_close_matches(wrong.split("=", 1)[0], known, n=1, cutoff=0.5)
    return match[0] if match else None


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    """The roles asked for, validated (a typo would otherwise silently match nothing)."""
    roles = tuple(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise PolicykgError(f"roles: {', '.join(bad) or '(none)'} unknown; choose from {', '.join(ROLES)}")
    return roles
