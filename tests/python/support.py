"""What every script in tests/python shares: the thoth binary under test (the first argument), the
repository root, the bundled sample index, and check(), which fails the script with a message."""
import os
import sys

THOTH = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE_INDEX = os.path.join(ROOT, "fixtures", "index", "pypi-sample.json")


def check(condition, message):
    if not condition:
        sys.exit("FAIL: " + message)
