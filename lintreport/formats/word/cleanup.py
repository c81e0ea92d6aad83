"""Take out what an earlier annotation added, so annotating again replaces it, never doubles it.

Only markup whose author is `lintreport` goes: its comments (with their range markers and
reference runs) and its tracked changes, rejected (an insertion is removed, a deletion restored).
Comments and revisions by people are left exactly as they are. The runs an earlier run split stay
split: their text and formatting are unchanged, so the next annotation finds the same offsets.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from .markup import AUTHOR
from .runs import Element

_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
# Parts Word writes beside comments.xml, by the last segment of their relationship type.
_COMPANIONS = ("commentsExtended", "commentsIds", "commentsExtensible")
_AUTHOR = qn("w:author")
_ID = qn("w:id")
_RESTORED = {qn("w:delText"): qn("w:t"), qn("w:delInstrText"): qn("w:instrText")}
_RUN_CONTAINERS = frozenset(
    qn(t)
    for t in (
        "w:p",
        "w:hyperlink",
        "w:sdtContent",
        "w:smartTag",
        "w:fldSimple",
        "w:customXml",
        "w:ins",
    )
)


def _comments_root(document) -> Element | None:
    try:
        return document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return None


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _prune_companions(document, para_ids: set[str]) -> None:
    """Drop the entries Word keeps beside comments.xml (reply threads, done flags, durable ids)
    for the comments removed; a person's reply to a removed comment becomes a comment of its own.
    """
    parts = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rpartition("/")[2]
        if kind in _COMPANIONS and not rel.is_external:
            parts[kind] = rel.target_part
    durable: set[str] = set()
    for kind in _COMPANIONS:  # commentsIds before commentsExtensible: it maps to durable ids
        part = parts.get(kind)
        if part is None:
            continue
        root = etree.fromstring(part.blob)
        for entry in list(root):
            values = {_local(k): v for k, v in entry.attrib.items()}
            if values.get("paraId") in para_ids or values.get("durableId") in durable:
                if "durableId" in values:
                    durable.add(values["durableId"])
                root.remove(entry)
            elif values.get("paraIdParent") in para_ids:
                for key in [k for k in entry.attrib if _local(k) == "paraIdParent"]:
                    del entry.attrib[key]
        # NOTE: python-docx keeps parts it does not model as bytes and has no public setter
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _remove_comments(document) -> bool:
    root = _comments_root(document)
    if root is None:
        return False
    ours = [c for c in root.findall(qn("w:comment")) if c.get(_AUTHOR) == AUTHOR]
    ids = {c.get(_ID) for c in ours}
    para_ids = {p.get(_PARA_ID) for c in ours for p in c.iter(qn("w:p"))} - {None}
    for c in ours:
        root.remove(c)
    if not ids:
        return False
    if para_ids:  # the file was saved by Word since it was annotated
        _prune_companions(document, para_ids)
    body = document.element
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for marker in list(body.iter(qn(tag))):
            if marker.get(_ID) in ids:
                marker.getparent().remove(marker)
    for reference in list(body.iter(qn("w:commentReference"))):
        if reference.get(_ID) not in ids:
            continue
        run = reference.getparent()
        run.remove(reference)
        if all(child.tag == qn("w:rPr") for child in run):
            run.getparent().remove(run)
    return True


def _reject_revisions(document) -> bool:
    body = document.element
    changed = False
    for insertion in list(body.iter(qn("w:ins"))):
        # only run-level insertions: a w:ins in a w:rPr marks an inserted paragraph mark
        if insertion.get(_AUTHOR) == AUTHOR and insertion.getparent().tag in _RUN_CONTAINERS:
            insertion.getparent().remove(insertion)
            changed = True
    for deletion in list(body.iter(qn("w:del"))):
        if deletion.get(_AUTHOR) != AUTHOR or deletion.getparent().tag not in _RUN_CONTAINERS:
            continue
        for run in deletion.iter(qn("w:r")):
            for child in run:
                if child.tag in _RESTORED:
                    child.tag = _RESTORED[child.tag]
        for child in list(deletion):
            deletion.addprevious(child)
        deletion.getparent().remove(deletion)
        changed = True
    return changed


def remove_own_markup(document) -> bool:
    """Remove lintreport's comments and reject its tracked changes; whether anything went."""
    comments = _remove_comments(document)
    revisions = _reject_revisions(document)
    return comments or revisions
