"""Norway's municipalities (2020–2023 structure): the register, MSIS case counts, importer.

- :mod:`.build`: builds the shipped files under ``data/municipalities/`` from public
  copies of SSB and FHI data (``python -m analysis.municipalities.build --source DIR``);
- :mod:`.register`: the register (number, name, county, population 1 January 2020,
  centrality, regional health authority, 2024 number) and name/number look-ups;
- :mod:`.msis`: the weekly MSIS cases per municipality and the national daily series;
- :mod:`.importer`: builds a conscription demand file for chosen ISO weeks
  (``python -m analysis import-outbreak``).

Provenance and assumptions: ``data/municipalities/README.md``.
"""
