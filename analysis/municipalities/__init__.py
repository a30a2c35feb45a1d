"""Norway's municipalities (2020–2023 structure): the register, MSIS case counts, incidence.

- :mod:`.build`: builds the shipped files under ``data/municipalities/`` from public
  copies of SSB and FHI data (``python -m analysis.municipalities.build --source DIR``);
- :mod:`.register`: the register (number, name, county, population 1 January 2020,
  centrality, regional health authority, 2024 number) and name/number look-ups;
- :mod:`.msis`: the weekly MSIS cases per municipality and the national daily series;
- :mod:`.incidence`: MSIS cases per 100 000 over chosen ISO weeks, per municipality and
  for Norway.

The register knows nothing of the families: the conscription family's outbreak importer
(``python -m analysis import-outbreak``) is :mod:`analysis.conscription.importer`.

Provenance and assumptions: ``data/municipalities/README.md``.
"""
