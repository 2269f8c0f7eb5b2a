"""Load one ergraph output with networkx, the way a user would, and print a
JSON summary (counts, every node's and edge's attributes) for the Rust tests.

usage: load_graph.py graphml|gexf|json|cytoscape PATH
"""
import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    g = nx.read_graphml(path)
elif fmt == "gexf":
    g = nx.read_gexf(path)
elif fmt == "json":
    with open(path, encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), edges="links")
elif fmt == "cytoscape":
    with open(path, encoding="utf-8") as f:
        g = nx.cytoscape_graph(json.load(f))
else:
    sys.exit(f"unknown format {fmt}")

edges = sorted(
    ([str(u), str(v), attrs] for u, v, attrs in g.edges(data=True)),
    key=lambda e: (e[0], e[1], json.dumps(e[2], sort_keys=True)),
)
json.dump(
    {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": {str(n): attrs for n, attrs in g.nodes(data=True)},
        "edges": edges,
        "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))},
    },
    sys.stdout,
    ensure_ascii=False,
    sort_keys=True,
)
