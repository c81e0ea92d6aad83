"""Reading Chinese report prose: numerals, quantities with their imprecision, safe arithmetic
of relations, 《titles》 and 文号. Pure functions over strings; nothing of the project above them.
"""
