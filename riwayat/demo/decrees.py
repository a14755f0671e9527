"""Decree (SK) numbers: classification code, running number, issuing agency, year.

Codes follow the archive classification for personnel matters — the 8xx codes of Permendagri 78/2012
until 2022, the 800.1.x codes of Permendagri 83/2022 from 2023 (the demo's choice of sub-codes is
illustrative). Running numbers rise with the decree date within each code and year, with gaps for
the other letters the agency registers in between.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable

from riwayat.demo.model import DecreeRef, Step
from riwayat.domain.values import Decree

CODES: dict[str, tuple[str, str]] = {  # action → (code until 2022, code from 2023)
    "hire_pns": ("813.3", "800.1.2.2"),
    "hire_pppk": ("813.4", "800.1.2.6"),
    "probation": ("821.13", "800.1.2.5"),
    "promotion": ("823.3", "800.1.3.1"),
    "jenjang": ("821.27", "800.1.3.2"),
    "structural": ("821.2", "800.1.3.3"),
    "penyetaraan": ("821.2", "800.1.3.3"),
    "rotation": ("821.2", "800.1.3.3"),
    "transfer": ("824", "800.1.6.1"),
    "discipline": ("862.3", "800.1.6.4"),
    "retirement": ("882.4", "800.1.6.3"),
    "separation": ("888", "800.1.6.2"),
    # careers (issue 14)
    "contract": ("813.4", "800.1.2.6"),
    "kgb": ("822.4", "800.1.11.13"),
    "restore": ("862.3", "800.1.6.4"),
}
FORMATS = {
    "medan": "{code}/{n:04d}/{agency}/{year}",
    "dumai": "{code}/{agency}-DUMAI/{n:03d}/{year}",
}


def code_for(action: str, year: int) -> str:
    old, new = CODES[action]
    return old if year < 2023 else new


def agency_for(year: int) -> str:
    """The personnel agency was the BKD until the 2016 reorganisation (PP 18/2016) created the BKPSDM."""
    return "BKD" if year < 2017 else "BKPSDM"


def number_decrees(profile: str, steps: Iterable[tuple[tuple[int, int], Step]], rng: random.Random) -> None:
    """Replace every `DecreeRef` in `steps` (keyed for a stable order) by a numbered `Decree`, in place."""
    groups: dict[tuple[str, int], list[tuple[tuple, Step]]] = defaultdict(list)
    for key, step in steps:
        ref = step.args.get("decree")
        if isinstance(ref, DecreeRef):
            groups[(code_for(ref.action, ref.date.year), ref.date.year)].append(((ref.date, key), step))
    pattern = FORMATS.get(profile, FORMATS["medan"])
    for (code, year), members in sorted(groups.items()):
        n = rng.randint(1, 60)
        for _, step in sorted(members, key=lambda m: m[0]):
            ref = step.args["decree"]
            number = pattern.format(code=code, n=n, agency=agency_for(year), year=year)
            step.args["decree"] = Decree(number, ref.date)
            n += rng.choice((1, 1, 1, 2, 3, 5))
