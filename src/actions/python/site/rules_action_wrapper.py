"""Entry point of one python-script execution (the rules runtime starts it with this folder first on sys.path)."""

import sys

if __name__ == "__main__":
    from rules_python.wrapper import main

    sys.exit(main())
