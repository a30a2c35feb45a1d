"""Presentation layer: Norwegian number formats, tables, figures and the report object.

Model code returns plain data; everything a reader sees is shaped here.
"""
