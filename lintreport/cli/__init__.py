"""Front-ends: the command line (command.py, options.py), `explain` and `rules`, the generated
docs (docgen), and the language server (lsp, imported only by `lintreport lsp`).
"""

from .command import main

__all__ = ["main"]
