"""``python main.py``: OrderDesk's window or command line, as the ``orderdesk`` command.

The program is the package ``app/cli``.  Python compiles the script it is given on every start (it
keeps no bytecode for ``__main__``): with the program here, its 1,100 lines were compiled
again at each start, 15–20 ms before anything else (issue 11 item 8, start-up).  ``import
main`` — the ``orderdesk`` command (``main:main``), the tests — is ``app.cli`` itself."""

import sys

from app import cli

if __name__ == "__main__":
    sys.exit(cli.main())
sys.modules[__name__] = cli
