"""The version, in a module of its own so that reporting it imports nothing else."""

__version__ = "0.1.0"

# Where the project lives. A placeholder until it is published: the same address is written in
# pyproject.toml ([project.urls]), .pre-commit-hooks.yaml and the docs, and
# tests/test_install.py fails if any of them differs, so one search-and-replace updates all.
REPOSITORY_URL = "https://example.org/lintreport"
