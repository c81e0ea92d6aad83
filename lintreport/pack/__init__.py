"""Rule packs: YAML files that say what a good report of one type must and must not contain."""

from .api import load_pack, load_packs
from .locate import builtin_packs, rules_root
from .model import Example, Pack, Rule

__all__ = ["Example", "Pack", "Rule", "builtin_packs", "load_pack", "load_packs", "rules_root"]
