"""A generic form engine: journeys declared once as data, and everything derived from them.

It knows nothing about housing. See DESIGN.md sections 1 and 2.
"""
