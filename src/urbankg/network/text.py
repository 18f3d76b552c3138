"""The readable summary of ``urbankg metrics``, rendered from the JSON summary.

Rendering from :func:`urbankg.network.report.summary` keeps the text and the JSON in step.
``docs/network.md`` ("Reading the summary") explains each section.
"""

from __future__ import annotations

from typing import Any

from urbankg.graph.query import table


def _f(x: Any, digits: int = 3) -> str:
    """Format a number; ``—`` for an undefined value."""
    if x is None:
        return "—"
    if isinstance(x, int):
        return str(x)
    return f"{x:.{digits}f}"


def _n(count: int, noun: str) -> str:
    """``1 actor``, ``2 actors``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _pct(x: Any) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def summary_text(s: dict[str, Any]) -> str:
    """Return the summary as plain text, one section per measure computed."""
    net = s["network"]
    out = [
        f"Partnership network — weighting {s['weighting_note']}; groups: {s['group_by']}; "
        f"filters: {', '.join(f'{k}={v}' for k, v in s['filters'].items()) or 'none'}",
        f"{_n(net['actors'], 'actor')}, {_n(net['ties'], 'tie')} "
        f"({net['cross_sector_ties']} cross-sector), {_n(net['initiatives'], 'initiative')} "
        f"({_n(net['projects'], 'project')}, {_n(net['programmes'], 'programme')}), "
        f"{_n(net['participations'], 'participation')}; {_n(net['isolates'], 'isolate')}, "
        f"{_n(net['components'], 'component')}, density {_f(net['density'])}",
    ]
    if s.get("note"):
        out.append(f"note: {s['note']}")
    if "ei" in s:
        out += _ei(s)
    if "assortativity" in s:
        out += ["", f"Assortativity by {s['group_by']} (Newman 2003): r = {_f(s['assortativity'])}"]
        m = s["mixing"]["ties"]
        out.append("Mixing matrix (ties between groups; diagonal: ties within a group)")
        rows = [
            [g, *(str(x) for x in row)] for g, row in zip(m["groups"], m["matrix"], strict=True)
        ]
        out.append(table(["", *m["groups"]], rows).rstrip())
    if "helix" in s:
        h = s["helix"]
        shares = ", ".join(f"{k} helix: {_pct(h['shares'][k])}" for k in ("1", "2", "3", "4"))
        out += [
            "",
            f"Helix span of the {h['initiatives']} initiatives: {shares}",
            f"Triple-helix mutual information T(research, business, public) = "
            f"{_f(h['triple_helix_mi_bits'], 4)} bits; quadruple (+ civil society) = "
            f"{_f(h['quadruple_helix_mi_bits'], 4)} bits (negative = synergy)",
        ]
    if "brokerage" in s:
        b = s["brokerage"]
        out += ["", f"Brokerage roles (Gould–Fernandez 1989; arcs {b['arcs_note']})"]
        for role, top in b["top"].items():
            names = ", ".join(f"{t['label']} ({t['value']})" for t in top) or "—"
            out.append(f"  {role} (total {b['totals'][role]}): {names}")
    if "betweenness" in s:
        b = s["betweenness"]
        how = "exact" if b["exact"] else f"estimated from {b['sources']} sampled sources"
        out += ["", f"Betweenness ({how})"]
        for key, title in (("top", "all pairs"), ("top_cross_sector", "cross-sector pairs")):
            names = ", ".join(f"{t['label']} ({_f(t['value'])})" for t in b[key]) or "—"
            out.append(f"  {title}: {names}")
    if "communities" in s:
        c = s["communities"]
        out += [
            "",
            f"Communities (Louvain): {c['count']}, modularity {_f(c['modularity'])}, "
            f"NMI with {s['group_by']} {_f(c['nmi_with_groups'])}",
        ]
        for com in c["communities"][:10]:
            mix = ", ".join(f"{g} {n}" for g, n in com["groups"].items())
            out.append(
                f"  #{com['community']}: {com['size']} actors, Blau {_f(com['blau'])} ({mix})"
            )
        if len(c["communities"]) > 10:
            out.append(f"  … and {len(c['communities']) - 10} more")
    if "years" in s:
        out += ["", "Ties per year (new cross-sector ties: first tie between the two actors)"]
        rows = [
            [
                str(y["year"]),
                str(y["initiatives"]),
                str(y["actors"]),
                str(y["ties"]),
                str(y["new_ties"]),
                str(y["new_cross_sector_ties"]),
                str(y["lost_ties"]),
                _f(y["churn"], 2),
            ]
            for y in s["years"]
        ]
        heads = [
            "year",
            "initiatives",
            "actors",
            "ties",
            "new",
            "new cross-sector",
            "lost",
            "churn",
        ]
        out.append(table(heads, rows).rstrip() if rows else "  (no dated initiatives)")
        if s.get("undated_initiatives"):
            out.append(f"  {s['undated_initiatives']} initiative(s) without years left out")
    return "\n".join(out) + "\n"


def _ei(s: dict[str, Any]) -> list[str]:
    e = s["ei"]
    line = (
        f"  whole network: observed {_f(e['observed'])} ({e['external']} external, "
        f"{e['internal']} internal); complete-graph baseline {_f(e['baseline'])}"
    )
    out = ["", "E-I index (Krackhardt & Stern 1988; binary ties; −1 all within, +1 all across)"]
    out.append(line)
    if "permutation" in e:
        p = e["permutation"]
        out.append(
            f"  permutation test ({p['permutations']} relabellings, seed {p['seed']}): mean "
            f"{_f(p['mean'])}, p(E-I ≤ observed) = {_f(p['p_lower'])}, "
            f"p(E-I ≥ observed) = {_f(p['p_upper'])}"
        )
    rows = [
        [
            g["group"],
            str(g["actors"]),
            str(g["internal"]),
            str(g["external"]),
            _f(g["ei"]),
            _f(g["baseline"]),
            _f(g.get("p_lower")),
            _f(g.get("p_upper")),
        ]
        for g in e["groups"]
    ]
    heads = ["group", "actors", "internal", "external", "E-I", "baseline", "p(≤)", "p(≥)"]
    out.append(table(heads, rows).rstrip())
    return out
