"""policykg: who is charged with what in Chinese policy documents, as a knowledge graph.

One import namespace.  The ground floor sits in this folder (model, schema, errors, names: they import
nothing else of policykg); the stages are the project's top-level folders, mapped in by setuptools'
package-dir (``policykg.extract`` = extract/, ``policykg.graph`` = graph/, ``policykg.queries`` = queries/).
The CLI (``policykg.cli``, ``python -m policykg``) sits on top and nothing imports it.
"""

from __future__ import annotations

from pathlib import Path

# Installed, the subpackages are folders inside this one.  In a source checkout (tests, benches, a git
# worktree) they are the folders beside it: searching the checkout too lets `import policykg.extract` find
# that checkout's extract/ whichever copy an editable install points at.
_HERE = Path(__file__).resolve().parent
if not (_HERE / "extract").is_dir() and (_HERE.parent / "extract" / "__init__.py").is_file():
    __path__.append(str(_HERE.parent))
