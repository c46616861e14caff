"""``python -m policykg``: the same command line as the ``policykg`` script."""

import sys

from policykg.cli import main

if __name__ == "__main__":
    sys.exit(main())
