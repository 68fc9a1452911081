"""The argument graph explorer: one self-contained HTML page that works offline.

The graph is drawn by vis-network, the library pyvis wraps; the page inlines the copy pyvis ships.
pyvis's own HTML template is not used: even with ``cdn_resources="in_line"`` it links bootstrap
from a CDN, and ``"local"`` loads vis-network itself from one. Our template inlines everything,
forbids every network request with a Content-Security-Policy, and leaves all data-derived text
to the page's script, which sets it with ``textContent`` only: a label such as
``<img src=x onerror=alert(1)>`` shows as text and runs nothing.

Small graphs settle with gentle physics (stabilised before the first frame, then stopped);
larger ones arrive with positions computed in Python and physics off, which keeps a page of
20,000 nodes usable within seconds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import networkx as nx
from jinja2 import Environment
from markupsafe import Markup
from rdflib import Graph

from .. import __version__
from ..analyse import layout
from ..analyse.analysis import grounded_statuses
from ..analyse.projection import EDGE_TYPES, NODE_TYPES, project
from ..analyse.select import DEFAULT_ENTRY_DEPTH, DEFAULT_FOCUS_DEPTH, entry_view, focus_view, only_types
from ..errors import ClaimgraphError, InputError

#: Up to this many nodes the browser lays the graph out with physics; above it, Python does.
PHYSICS_LIMIT = 400
#: In physics mode, stop the simulation this long after stabilisation at the latest.
SETTLE_MS = 600
#: Above this many nodes, edges are hidden while zooming (redraws stay fast).
HIDE_EDGES_ON_ZOOM = 3000
EXPLORER_FILE = "explorer.html"
#: auto: physics up to PHYSICS_LIMIT nodes, static above; or force one of them.
LAYOUT_MODES = ("auto", "physics", "static")

#: Node style per type: colour, vis-network shape (size-based shapes only: cheap to draw),
#: size, and the glyph the legend shows.
NODE_STYLES: dict[str, tuple[str, str, int, str]] = {
    "claim": ("#2b6cb0", "star", 26, "\u2605"),
    "counterargument": ("#c53030", "triangleDown", 17, "\u25bc"),
    "response": ("#dd6b20", "triangle", 16, "\u25b2"),
    "incident": ("#6b46c1", "diamond", 15, "\u25c6"),
    "result": ("#9f7aea", "square", 12, "\u25a0"),
    "candidate": ("#b7791f", "hexagon", 12, "\u2b22"),
    "mechanism": ("#2f855a", "hexagon", 14, "\u2b22"),
    "system": ("#319795", "square", 11, "\u25a0"),
    "organisation": ("#975a16", "dot", 9, "\u25cf"),
    "person": ("#d53f8c", "dot", 9, "\u25cf"),
    "source": ("#718096", "dot", 8, "\u25cf"),
}
#: Edge style per type: colour, dashed, width.
EDGE_STYLES: dict[str, tuple[str, bool, float]] = {
    "supports": ("#2f855a", False, 2.5),
    "attacks": ("#e53e3e", False, 2.5),
    "responds to": ("#dd6b20", False, 2.5),
    "cites": ("#a0aec0", True, 1.0),
    "interpreted as": ("#b7791f", True, 1.5),
    "concerns": ("#68d391", False, 1.0),
    "escalation path": ("#276749", True, 1.5),
    "escalates to": ("#276749", False, 2.5),
    "broader": ("#9ae6b4", True, 1.0),
    "argued by": ("#d53f8c", False, 1.0),
    "authored by": ("#fbb6ce", False, 1.0),
    "published by": ("#e2e8f0", False, 1.0),
    "involves": ("#81e6d9", False, 1.0),
    "deployed by": ("#b2f5ea", True, 1.0),
    "developed by": ("#b2f5ea", False, 1.0),
    "affiliated with": ("#f6e05e", False, 1.0),
    "part of": ("#faf089", True, 1.0),
}
STATUS_STYLES = {
    "accepted": {"label": "accepted (every attacker defeated)", "color": "#1a7f37", "dashes": False},
    "rejected": {"label": "rejected (attacked by an accepted argument)", "color": "#c53030", "dashes": True},
    "undecided": {"label": "undecided (e.g. in a cycle of attacks)", "color": "#d69e2e", "dashes": False},
}
_OTHER_EDGE = ("#cbd5e0", False, 1.0)
_QUALIFIERS = ("finding", "locator", "debate", "consequence", "alias", "affiliation", "role", "source")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network as shipped inside pyvis (pinned by our pyvis dependency)."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ClaimgraphError(f"vis-network not found in the installed pyvis ({path}): {err}") from None
    # the source map is not shipped; a reference to it would only make devtools look for it
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)


ASSETS = Path(__file__).resolve().parent / "assets"


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template():
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(_asset("explorer.html.jinja"))


def _script(text: str) -> Markup:
    """Trusted script text, safe to inline: nothing in it can close the script element."""
    return Markup(text.replace("</script", "<\\/script").replace("<!--", "<\\!--"))


def _json_for_html(value) -> Markup:
    """JSON that stays inert inside <script type="application/json">, whatever the data says."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _wrap(label: str, width: int = 24, lines: int = 2) -> str:
    """A canvas label: at most ``lines`` lines of about ``width`` characters, with an ellipsis
    when something was cut."""
    out: list[str] = []
    current = ""
    cut = False
    for word in " ".join(label.split()).split(" "):
        if len(word) > width:
            word = word[: width - 1] + "\u2026"
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            out.append(current)
            current = word
            if len(out) == lines:
                current, cut = "", True
                break
    if current:
        out.append(current)
    text = "\n".join(out)
    return text + "\u2026" if cut and not text.endswith("\u2026") else text


def _qualifier(attrs: Mapping) -> str:
    return " · ".join(f"{k}: {attrs[k]}" for k in _QUALIFIERS if attrs.get(k))


def _options(mode: str, n: int) -> dict:
    groups = {key: {"shape": shape, "size": size, "color": {"background": color, "border": color,
                                                              "highlight": {"background": color, "border": "#1a202c"},
                                                              "hover": {"background": color, "border": "#1a202c"}}}
              for key, (color, shape, size, _g) in NODE_STYLES.items()}
    options: dict = {
        "autoResize": True,
        "groups": groups,
        "nodes": {"font": {"size": 12, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 4 if mode == "settle" else 6}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 9, "align": "middle", "color": "#4a5568", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "smooth": {"enabled": mode == "settle", "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 1.5, "hoverWidth": 0.5},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "hideEdgesOnDrag": mode == "static", "hideEdgesOnZoom": n > HIDE_EDGES_ON_ZOOM,
                        "multiselect": False, "keyboard": {"enabled": True, "bindToWindow": False}},
    }
    if mode == "settle":
        options["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.01, "springLength": 80,
                                 "springConstant": 0.08, "damping": 0.6, "avoidOverlap": 0.3},
            "maxVelocity": 40, "minVelocity": 1.5, "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 50, "fit": True}}
    else:
        options["physics"] = {"enabled": False}
    return options


def choose_mode(n: int, layout_mode: str = "auto") -> str:
    """``settle`` (browser physics, then still) or ``static`` (positions from Python, physics off)."""
    if layout_mode not in LAYOUT_MODES:
        raise InputError(f"unknown layout {layout_mode!r}; choose one of {', '.join(LAYOUT_MODES)}")
    if layout_mode == "auto":
        return "settle" if n <= PHYSICS_LIMIT else "static"
    return "settle" if layout_mode == "physics" else "static"


def page_data(graph: nx.MultiDiGraph, statuses: Mapping[str, str] | None = None,
              layout_mode: str = "auto") -> dict:
    """What the page's script reads: compact node and edge rows, styles and vis options."""
    statuses = grounded_statuses(graph) if statuses is None else statuses
    n = graph.number_of_nodes()
    mode = choose_mode(n, layout_mode)
    pos = layout.positions(graph)
    type_keys = list(NODE_TYPES)
    type_index = {k: i for i, k in enumerate(type_keys)}
    edge_keys = list(EDGE_TYPES) + sorted({k for _u, _v, k in graph.edges(keys=True)} - set(EDGE_TYPES))
    edge_index = {k: i for i, k in enumerate(edge_keys)}
    ids: dict[str, int] = {}
    node_rows = []
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        ntype = attrs.get("type", "source")
        if ntype not in type_index:
            raise InputError(f"node {node} has unknown type {ntype!r}")
        ids[node] = len(node_rows)
        x, y = pos.get(node, (None, None))
        node_rows.append([type_index[ntype], _wrap(attrs.get("label") or str(node)), x, y,
                          attrs.get("iri", str(node)), attrs.get("text", ""), attrs.get("source", ""),
                          attrs.get("date", ""), statuses.get(node, "")])
    edge_rows = [[ids[u], ids[v], edge_index[k], _qualifier(attrs)]
                 for u, v, k, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]))]
    return {
        "mode": mode,
        "settleMs": SETTLE_MS,
        "lazyLabels": mode == "static",
        # the zoom from which vis-network draws labels at all (font size x scale >= threshold - 1)
        "labelScale": {"nodes": 0.4, "edges": 0.5},
        "nodes": node_rows,
        "edges": edge_rows,
        "types": [{"key": k, "label": NODE_TYPES[k], "color": NODE_STYLES[k][0], "shape": NODE_STYLES[k][1],
                   "size": NODE_STYLES[k][2], "glyph": NODE_STYLES[k][3]} for k in type_keys],
        # dashed lines are slow to draw: only small graphs get them
        "edgeTypes": [{"key": k, "color": EDGE_STYLES.get(k, _OTHER_EDGE)[0],
                       "dashes": EDGE_STYLES.get(k, _OTHER_EDGE)[1] and mode == "settle",
                       "width": EDGE_STYLES.get(k, _OTHER_EDGE)[2]}
                      for k in edge_keys],
        "statuses": STATUS_STYLES,
        "options": _options(mode, n),
    }


def render_explorer(graph: nx.MultiDiGraph, *, statuses: Mapping[str, str] | None = None,
                    title: str = "claimgraph: argument graph", summary: str | None = None,
                    layout_mode: str = "auto") -> str:
    """The explorer page for a projected graph (see analyse.projection). ``statuses`` maps node
    IRIs to grounded labels; by default they are computed from the graph's own attacks (pass
    the whole graph's statuses when rendering a neighbourhood)."""
    if summary is None:
        summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    return _template().render(
        title=title, summary=summary, version=__version__, css=Markup(_asset("explorer.css")),
        data_json=_json_for_html(page_data(graph, statuses, layout_mode)), vis_js=_script(_vis_js()),
        explorer_js=_script(_asset("explorer.js")))


def explorer_page(rdf: Graph, *, entry: str | None = None, focus: str | None = None, depth: int | None = None,
                  types: Iterable[str] | None = None, title: str | None = None, layout_mode: str = "auto") -> str:
    """The explorer for an RDF graph: all of it, one entry's neighbourhood, or a node's; statuses
    always come from the whole graph, so a neighbourhood shows the same labels as the full view."""
    if entry and focus:
        raise InputError("give --entry or --focus, not both")
    whole = project(rdf)
    statuses = grounded_statuses(whole)
    view, what = whole, "the whole graph"
    if entry:
        depth = DEFAULT_ENTRY_DEPTH if depth is None else depth
        view, what = entry_view(whole, entry, depth), f"entry {entry}, depth {depth}"
    elif focus:
        depth = DEFAULT_FOCUS_DEPTH if depth is None else depth
        view, what = focus_view(whole, focus, depth), f"around {focus}, depth {depth}"
    if types:
        types = list(types)
        view = only_types(view, types)
        what += f"; types: {', '.join(types)}"
    summary = f"{what}: {view.number_of_nodes()} nodes, {view.number_of_edges()} edges"
    return render_explorer(view, statuses=statuses, title=title or "claimgraph: argument graph", summary=summary,
                           layout_mode=layout_mode)


def write_explorer(ctx) -> None:
    """Release step: the whole-graph explorer as explorer.html."""
    ctx.write(EXPLORER_FILE, explorer_page(ctx.graph), "text/html")
