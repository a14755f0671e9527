"""The SKP predikat matrix of PermenPANRB 6/2022, as a pure function.

The predikat is always computed from the two ratings, never supplied, so a stored appraisal can
never disagree with the matrix.
"""

from __future__ import annotations

from riwayat.domain.enums import Expectation, Predikat

_A, _M, _B = Expectation.ABOVE, Expectation.MEETS, Expectation.BELOW

# (work result, behaviour) → predikat
SKP_MATRIX: dict[tuple[Expectation, Expectation], Predikat] = {
    (_A, _B): Predikat.KURANG,
    (_A, _M): Predikat.BAIK,
    (_A, _A): Predikat.SANGAT_BAIK,
    (_M, _B): Predikat.KURANG,
    (_M, _M): Predikat.BAIK,
    (_M, _A): Predikat.BAIK,
    (_B, _B): Predikat.SANGAT_KURANG,
    (_B, _M): Predikat.BUTUH_PERBAIKAN,
    (_B, _A): Predikat.BUTUH_PERBAIKAN,
}


def predikat(work_result: Expectation | str, behaviour: Expectation | str) -> Predikat:
    """The final SKP rating for a work-result rating and a behaviour rating."""
    return SKP_MATRIX[Expectation(work_result), Expectation(behaviour)]
