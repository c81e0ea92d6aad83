"""The document model: bytes → text (encodings, line endings, .docx) → lines, structure, metadata.

Knows nothing of packs, checks, policy or output. Offsets become (line, column) only here.
"""
