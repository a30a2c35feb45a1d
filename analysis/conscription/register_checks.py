"""Checks of a demand file's rows against the municipality register, and filling from it.

Used by :func:`analysis.conscription.inputs.load_demand` once every cell has been read:
a real municipality's number (2024 numbers converted), name and population are checked
against the register (:mod:`analysis.municipalities.register`), population and
centrality filled from it where left out; an illustrative municipality (name marked
"(illustrativ)") must have a number no municipality has and is checked against its
county only. Each breach is an :class:`analysis.contracts.Breach` worded line by line;
the caller reports them with the contract's other breaches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.contracts import Breach
from analysis.errors import DataFileError
from analysis.i18n import translator
from analysis.municipalities import register

_ = translator("conscription")
_n = _.n

# An illustrative municipality's population may exceed its county's 1 January 2020
# population by this factor at most (and so may the file's municipalities of one county
# together), so that invented figures stay within what the county could hold.
COUNTY_GROWTH_MARGIN = 1.10
# A real municipality's population may differ from the register's 1 January 2020 figure
# by this share at most, so that figures from 2021–2023 (same borders) pass. Assumption,
# not checked against SSB's later figures (the project ships only 1 January 2020): no
# municipality grew or shrank by more than 15 % between 2020 and 2023 within its borders,
# while a figure from another municipality (Bergen's on Hyllestad) is far outside.
POPULATION_TOLERANCE = 0.15
ILLUSTRATIVE_MARK = "(illustrativ)"
# Fields the register fills from the municipality number when empty or left out.
FILLED_FROM_REGISTER = {"population": "population_2020", "centrality": "centrality"}


class RegisterCheck:
    """Checks a parsed demand frame against the municipality register and fills it."""

    def __init__(self, frame: pd.DataFrame, raw: pd.DataFrame, counties: pd.DataFrame
                 ) -> None:
        self.frame = frame.copy()
        self.raw = raw
        self.breaches: list[Breach] = []
        self.converted: list[tuple[str, str, str]] = []  # (2024 number, 2020 number, name)
        self.filled: dict[str, int] = {}
        self._counties = counties
        reg = register.by_number()
        for r in range(len(frame)):
            self._row(r, reg, counties["population_2020"])
        for name in ("population", "centrality"):
            if self.frame[name].notna().all():
                self.frame[name] = self.frame[name].astype(int)
        for name in ("infected_admitted", "institution_outbreaks", "share_staff_isolated",
                     "share_unknown_route"):
            self.frame[name] = self.frame[name].astype(float)
        if self.frame["temp_agreements_exhausted"].notna().all():
            self.frame["temp_agreements_exhausted"] = (
                self.frame["temp_agreements_exhausted"].astype(bool))

    def _breach(self, r: int, column: str, text: str) -> None:
        self.breaches.append(Breach(column, "register", (r,), (text,)))

    def _row(self, r: int, reg: pd.DataFrame, counties: pd.Series) -> None:
        f = self.frame
        number, name = f.at[r, "municipality_number"], f.at[r, "municipality_name"]
        if not re.fullmatch(r"\d{4}", str(number)) or pd.isna(name) or not str(name):
            return  # reported by the schema (without a name, illustrative or not is unknown)
        illustrative = ILLUSTRATIVE_MARK in str(name).lower()
        if illustrative:
            self._illustrative_row(r, number, counties)
            return
        if number not in reg.index:
            if number in register.numbers_2024():
                old = register.numbers_2024()[number]
                self.converted.append((number, old, reg.at[old, "municipality_name"]))
                number = old
                f.at[r, "municipality_number"] = old
            elif number in register.PART_OF_2020:
                part, whole, whole_name = register.PART_OF_2020[number]
                self._breach(r, "municipality_number",
                             f"{number} is {part} in the 2024 structure, which in "
                             f"2020–2023 was part of {whole} {whole_name}; give the "
                             f"figures of {whole} {whole_name} as a whole")
                return
            else:
                self._breach(r, "municipality_number",
                             f"{number} is not the number of any of Norway's 356 "
                             "municipalities of 2020–2023 (nor a 2024 number) in the "
                             "municipality register (SSB); invented municipalities must "
                             f"carry \"{ILLUSTRATIVE_MARK}\" in their name")
                return
        row = reg.loc[number]
        if not register.name_matches(number, name):
            self._breach(r, "municipality_name",
                         f"'{name}' is not the name of municipality {number}, which is "
                         f"{row['municipality_name']} in the municipality register (SSB)")
        for column, source in FILLED_FROM_REGISTER.items():
            if pd.isna(f.at[r, column]):
                f.at[r, column] = int(row[source])
                self.filled[column] = self.filled.get(column, 0) + 1
        population = f.at[r, "population"]
        expected = int(row["population_2020"])
        if (not pd.isna(population) and population >= 1
                and abs(population - expected) > POPULATION_TOLERANCE * expected):
            self._breach(r, "population",
                         f"{self.raw.at[r, 'population']} is more than "
                         f"{round(POPULATION_TOLERANCE * 100)} % off the "
                         f"{expected} inhabitants of {number} "
                         f"{row['municipality_name']} on 1 January 2020 (SSB, table 07459, "
                         "in the municipality register)")
        self._admitted(r)

    def _illustrative_row(self, r: int, number: str, counties: pd.Series) -> None:
        f = self.frame
        if number in register.by_number().index or number in register.numbers_2024():
            real = register.by_number().loc[register.numbers_2024().get(number, number)]
            self._breach(r, "municipality_number",
                         f"{number} is the number of the real municipality "
                         f"{real['municipality_name']}; an illustrative municipality "
                         "needs a number no municipality has (ending in 91–99)")
            return
        if number[:2] not in counties.index:
            self._breach(r, "municipality_number",
                         f"{number} is not a municipality number of the 2020 county "
                         f"structure: its first two digits ({number[:2]}) are not a county "
                         f"number in data/conscription/counties.csv "
                         f"({', '.join(counties.index)})")
            return
        for column in FILLED_FROM_REGISTER:
            if pd.isna(f.at[r, column]):
                self._breach(r, column, "the value is missing (an illustrative "
                             "municipality is not in the register, so it cannot be filled)")
        county_population = int(counties[number[:2]])
        population = f.at[r, "population"]
        if not pd.isna(population) and population > COUNTY_GROWTH_MARGIN * county_population:
            county = self._counties.at[number[:2], "county_name"]
            self._breach(r, "population",
                         f"{self.raw.at[r, 'population']} is more than its county "
                         f"({county}, {county_population} inhabitants on 1 January 2020) "
                         f"allows, even with {round((COUNTY_GROWTH_MARGIN - 1) * 100)} % "
                         "growth")
        self._admitted(r)

    def _admitted(self, r: int) -> None:
        """Counts of people or events in the municipality bounded by its population
        (the file's, else the register's): more is a typing or export error."""
        population = self.frame.at[r, "population"]
        if pd.isna(population):
            return
        for column, what in (("infected_admitted", "admitted"),
                             ("institution_outbreaks", "outbreaks in institutions")):
            count = self.frame.at[r, column]
            if not pd.isna(count) and count > population:
                self._breach(r, column,
                             f"{self.raw.at[r, column]} {what} is more than the "
                             f"municipality's {int(population)} inhabitants (at most "
                             "its population)")

    def notices(self, extra: list[str]) -> list[Notice]:
        """Notices for the report about what was read tolerantly (translated when shown)."""
        out = []
        if self.converted:
            new, old, name = self.converted[0]
            out.append(Notice("converted", (("n", len(self.converted)), ("new", new),
                                            ("old", old), ("name", name))))
        if self.filled:
            out.append(Notice("filled", (("n", max(self.filled.values())),
                                         ("what", tuple(self.filled)))))
        if extra:
            out.append(Notice("extra", (("names", tuple(extra)),)))
        return out


@dataclass(frozen=True)
class Notice:
    """A notice about how the demand file was read, kept as data and worded in the report
    language when shown (``str(notice)``), so a result computed once serves both
    languages. ``kind``: ``converted`` (2024 numbers), ``filled`` (values from the
    register), ``extra`` (columns left out)."""

    kind: str
    values: tuple[tuple[str, object], ...]

    def __str__(self) -> str:
        v = dict(self.values)
        if self.kind == "converted":
            if v["n"] == 1:
                return _("1 kommunenummer fra kommuneinndelingen 2024 er regnet om til "
                         "inndelingen 2020–2023 som modellen bruker ({new} → {old} {name})."
                         ).format(new=v["new"], old=v["old"], name=v["name"])
            return _("{n} kommunenummer fra kommuneinndelingen 2024 er regnet om til "
                     "inndelingen 2020–2023 som modellen bruker ({new} → {old} {name} og "
                     "{more} til).").format(n=v["n"], new=v["new"], old=v["old"],
                                            name=v["name"], more=v["n"] - 1)
        if self.kind == "filled":
            words = {"population": _("folketall"), "centrality": _("sentralitet")}
            what = [words[k] for k in v["what"]]
            what = (what[0] if len(what) == 1 else
                    _("{first} og {second}").format(first=what[0], second=what[1]))
            return _n("For {n} kommune er {what} hentet fra kommuneregisteret (SSB: "
                      "folketall 1. januar 2020 og sentralitetsklasse) fordi filen ikke "
                      "oppga dem.",
                      "For {n} kommuner er {what} hentet fra kommuneregisteret (SSB: "
                      "folketall 1. januar 2020 og sentralitetsklasse) fordi filen ikke "
                      "oppga dem.", v["n"]).format(n=v["n"], what=what)
        names = ", ".join(f"«{h}»" for h in v["names"])
        return _("Kommunefilen har kolonner som ikke inngår i beregningen og er holdt "
                 "utenfor: {names}.").format(names=names)


def check_county_totals(frame: pd.DataFrame, lines: list[int], shown: str,
                        counties: pd.DataFrame) -> None:
    """The file's municipalities of one county cannot hold more people than the county
    (``counties``: the county table indexed by county number)."""
    running = frame["population"].groupby(frame["municipality_number"].str[:2]).cumsum()
    for r in range(len(frame)):
        county = counties.loc[frame.at[r, "municipality_number"][:2]]
        limit = COUNTY_GROWTH_MARGIN * county["population_2020"]
        if running.iloc[r] > limit:
            raise DataFileError(
                f"{shown}, column 'population', line {lines[r]}: with this line the "
                f"municipalities of {county['county_name']} in the file have "
                f"{int(running.iloc[r])} inhabitants together, more than the "
                f"county's {int(county['population_2020'])} on 1 January 2020 "
                f"allow, even with {round((COUNTY_GROWTH_MARGIN - 1) * 100)} % growth.")
