"""Helix spans of initiatives and Leydesdorff's triple- and quadruple-helix mutual information.

Each initiative is described by which helices its participants belong to (public =
government, research = university, business = industry, civil society = the fourth helix).

- Span: the share of initiatives whose participants come from 1, 2, 3 and 4 helices.
- Mutual information in three dimensions (Leydesdorff, L., 2003, "The mutual information of
  university-industry-government relations: an indicator of the Triple Helix dynamics",
  Scientometrics 58(2), 445–467): T_UIG = H_U + H_I + H_G − H_UI − H_UG − H_IG + H_UIG, with
  H the Shannon entropy (bits) of the presence/absence of each helix over the initiatives.
  Negative values mean synergy: the configuration reduces uncertainty beyond the pairwise
  relations.
- In four dimensions (Leydesdorff, L., 2012, "The Triple Helix, Quadruple Helix, …, and an
  N-Tuple of Helices: explanatory models for analyzing the knowledge-based economy?", Journal of
  the Knowledge Economy 3(1), 25–35; Park, H. W., Hong, H. D. & Leydesdorff, L., 2005, "A
  comparison of the knowledge-based innovation systems in the economies of South Korea and the
  Netherlands using Triple Helix indicators", Scientometrics 65(1), 3–27) the signs alternate:
  T_1234 = Σ H_i − Σ H_ij + Σ H_ijk − H_1234.

Defined values: without initiatives the shares are empty and T is ``None``; when every
initiative has the same configuration every entropy is 0 and T = 0.0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from urbankg.network.extract import HELICES, TwoMode
from urbankg.network.metrics.communities import entropy

#: The triple helix: university (research), industry (business), government (public).
TRIPLE = ("research", "business", "public")


def initiative_helices(data: TwoMode) -> dict[str, frozenset[str]]:
    """Return initiative → the known helices of its participants (unknown sectors left out)."""
    out: dict[str, set[str]] = {}
    for p in data.participations:
        helix = data.actors[p.actor].helix
        out.setdefault(p.initiative, set())
        if helix in HELICES:
            out[p.initiative].add(helix)
    return {i: frozenset(h) for i, h in sorted(out.items())}


def helix_spans(configurations: Iterable[frozenset[str]]) -> dict[int, int]:
    """Return the number of initiatives spanning 0, 1, 2, 3 and 4 helices."""
    counts = Counter(len(c) for c in configurations)
    return {k: counts.get(k, 0) for k in range(len(HELICES) + 1)}


def co_information(
    configurations: Sequence[frozenset[str]], dimensions: Sequence[str]
) -> float | None:
    """Return Leydesdorff's mutual information among ``dimensions`` in bits.

    Args:
        configurations: per initiative, the set of dimensions (helices) present.
        dimensions: the helices, e.g. :data:`TRIPLE` or all four.

    Returns:
        Σ over non-empty subsets S of (−1)^(|S|+1) H(S); ``None`` without initiatives.
    """
    if not configurations:
        return None
    # At most 2^4 distinct configurations: count them once, then marginalise.
    distinct = Counter(configurations)
    total = 0.0
    for size in range(1, len(dimensions) + 1):
        sign = 1.0 if size % 2 else -1.0
        for subset in combinations(dimensions, size):
            cells: Counter[tuple[bool, ...]] = Counter()
            for c, n in distinct.items():
                cells[tuple(d in c for d in subset)] += n
            total += sign * entropy(cells.values())
    return 0.0 if abs(total) < 1e-12 else total


def helix_summary(configurations: Mapping[str, frozenset[str]]) -> dict[str, object]:
    """Return span counts and shares, triple- and quadruple-helix mutual information."""
    values = list(configurations.values())
    spans = helix_spans(values)
    n = len(values)
    return {
        "initiatives": n,
        "spans": spans,
        "shares": {k: (c / n if n else None) for k, c in spans.items()},
        "triple_helix_mi": co_information(values, TRIPLE),
        "quadruple_helix_mi": co_information(values, HELICES),
    }
