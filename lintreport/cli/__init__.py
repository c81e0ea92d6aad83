"""Front-ends: the command line (entry.py, parser.py, command.py, options.py), `explain` and
`rules`, the generated docs (docgen), and the language server (lsp, imported only by
`lintreport lsp`). entry.py imports a command's module only when that command runs.
"""

from .entry import main

__all__ = ["main"]
