"""Five calls of the generated Python client (pathway_atlas_client) against a running atlas.

Run by test/integration/api-clients.test.ts with the venv that holds the client:
ATLAS_URL, ATLAS_TOKEN (a curator's API token) and ATLAS_NODE (a node the curator may edit).
Prints one JSON object with what each call gave back; the test checks it.
"""

import json
import os

from pathway_atlas_client import AuthenticatedClient, Client
from pathway_atlas_client.api.cases import get_case, search_cases
from pathway_atlas_client.api.curation import update_node
from pathway_atlas_client.api.graph import get_node
from pathway_atlas_client.api.pathways import list_pathway_cases
from pathway_atlas_client.api.query import run_cypher
from pathway_atlas_client.models import CasePage, CaseSearchResult, CypherResult, Node, Problem, RunCypherBody, UpdateNodeBody, Versioned

url = os.environ["ATLAS_URL"]
public = Client(base_url=url, raise_on_unexpected_status=True)
curator = AuthenticatedClient(base_url=url, token=os.environ["ATLAS_TOKEN"], raise_on_unexpected_status=True)
out = {}

# 1. Cases for Pathway 12, two at a time, and the next page through the `next` address.
page = list_pathway_cases.sync(client=public, number=12, limit=2)
assert isinstance(page, CasePage), page
following = public.get_httpx_client().get(page.next_).json() if page.next_ else None
out["pathway12"] = {
    "total": page.total,
    "ids": [c.id for c in page.cases],
    "next": page.next_,
    "nextIds": [c["id"] for c in following["cases"]] if following else [],
}

# 2. A faceted search: pathway 12 cases in Belgium, with the facet counts.
found = search_cases.sync(client=public, pathway=[12], country=["BE"], limit=5)
assert isinstance(found, CaseSearchResult), found
out["search"] = {
    "total": found.total,
    "ids": [c.id for c in found.cases],
    "countries": sorted({p["country"] for c in found.cases for p in [x.to_dict() for x in c.places] if "country" in p}),
    "facets": sorted(found.facets.additional_properties.keys()),
}

# 3. One case in full.
case_id = page.cases[0].id
case = get_case.sync(client=public, id=case_id)
assert isinstance(case, Node), case
out["case"] = {"id": case.id, "kind": case.kind, "name": case.name, "links": len(case.links or [])}

# 4. The Cypher console.
body = RunCypherBody.from_dict(
    {"query": "MATCH (p:Pathway) WHERE p.number IN $numbers RETURN p.number AS n ORDER BY n", "params": {"numbers": [9, 12]}}
)
result = run_cypher.sync(client=public, body=body)
assert isinstance(result, CypherResult), result
out["cypher"] = {"columns": result.columns, "rows": [r.to_dict() for r in result.rows], "truncated": result.truncated}

# 5. An authenticated edit: the node's current version, then a new alternate name with that version.
node_id = os.environ["ATLAS_NODE"]
node = get_node.sync(client=public, id=node_id)
assert isinstance(node, Node), node
edit = UpdateNodeBody.from_dict({"altNames": ["Python client edit"], "version": node.version})
edited = update_node.sync(client=curator, id=node_id, body=edit)
assert isinstance(edited, Versioned), edited
refused = update_node.sync_detailed(client=Client(base_url=url), id=node_id, body=edit)
assert isinstance(refused.parsed, Problem), refused
out["edit"] = {"before": node.version, "after": edited.version, "anonymous": refused.status_code.value}

print(json.dumps(out))
