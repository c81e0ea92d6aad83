"""Applying packs to documents: one document (runner), many paths (batch, parallel), safe fixes
(fixer), standard input, and the packs' own examples.

Knows nothing of configuration files, suppression or baselines (policy/) or of the command line.
"""
