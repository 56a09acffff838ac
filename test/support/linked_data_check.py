"""Checks of the atlas's published formats with independent tools, for the integration tests.

Each command prints one JSON object on standard output; the tests read it and make the assertions.

  shacl DATA SHAPES            pySHACL: does the JSON-LD (or Turtle) file DATA conform to SHAPES?
  roundtrip DATA               rdflib: parse the JSON-LD file, serialise it as Turtle and N-Triples,
                               parse those again, and count triples, subjects and uses of some IRIs
  atom FEED SCHEMA             lxml: validate the Atom document FEED against the RELAX NG compact
                               schema SCHEMA (converted with rnc2rng)
  cite CSL BIB                 citeproc-py: read a CSL-JSON file and a BibTeX file and format both
                               with the bundled Harvard style
"""

import json
import re
import sys


def shacl(data_path, shapes_path):
    from pyshacl import validate
    from rdflib import Graph, Namespace

    data = Graph()
    data.parse(data_path, format="json-ld" if data_path.endswith(".jsonld") else "turtle")
    shapes = Graph()
    shapes.parse(shapes_path, format="turtle")
    conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    SH = Namespace("http://www.w3.org/ns/shacl#")
    results = []
    for result in report.subjects(SH.resultSeverity, None):
        def one(p):
            v = report.value(result, p)
            return None if v is None else str(v)

        results.append(
            {
                "focus": one(SH.focusNode),
                "path": one(SH.resultPath),
                "value": one(SH.value),
                "constraint": one(SH.sourceConstraintComponent),
                "shape": one(SH.sourceShape),
                "message": one(SH.resultMessage),
            }
        )
    return {"conforms": bool(conforms), "triples": len(data), "results": results}


def roundtrip(data_path):
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    g.parse(data_path, format="json-ld")
    turtle = g.serialize(format="turtle")
    again = Graph()
    again.parse(data=turtle, format="turtle")
    ntriples = g.serialize(format="nt")
    nt = Graph()
    nt.parse(data=ntriples, format="nt")
    sdg12 = URIRef("http://metadata.un.org/sdg/12")
    ill_typed = [f"{s} {p} {o!r}" for s, p, o in g if isinstance(o, Literal) and o.ill_typed]
    return {
        "triples": len(g),
        "turtleTriples": len(again),
        "ntriplesTriples": len(nt),
        "subjects": len(set(g.subjects())),
        "sdg12AsObject": sum(1 for _ in g.triples((None, None, sdg12))),
        "sdg12AsSubject": sum(1 for _ in g.triples((sdg12, None, None))),
        "predicates": sorted({str(p) for p in g.predicates()}),
        "illTyped": ill_typed[:20],
    }


def atom(feed_path, schema_path):
    from lxml import etree
    import rnc2rng

    with open(schema_path, encoding="utf-8") as f:
        rng = rnc2rng.dumps(rnc2rng.loads(f.read()))
    # rnc2rng declares the schema's `local` prefix for the empty namespace, which XML does not allow;
    # the grammar names that namespace with ns="" wherever it uses it, so the declaration can go.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    schema = etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))
    doc = etree.parse(feed_path)
    valid = schema.validate(doc)
    return {"valid": bool(valid), "errors": [str(e) for e in schema.error_log][:20]}


def cite(csl_path, bib_path):
    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.bibtex import BibTeX
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle("harvard-cite-them-right", validate=False)

    def formatted(source):
        keys = list(source.keys())
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for key in keys:
            bibliography.register(Citation([CitationItem(key)]))
        return {"keys": keys, "entries": [str(item) for item in bibliography.bibliography()]}

    with open(csl_path, encoding="utf-8") as f:
        csl = formatted(CiteProcJSON(json.load(f)))
    bib_source = BibTeX(bib_path, encoding="utf-8")
    bib = formatted(bib_source)
    fields = {key: {k: str(v) for k, v in entry.items()} for key, entry in bib_source.items()}
    return {"csl": csl, "bib": bib, "bibFields": fields, "citeproc": citeproc.__version__}


COMMANDS = {"shacl": shacl, "roundtrip": roundtrip, "atom": atom, "cite": cite}

if __name__ == "__main__":
    command, *args = sys.argv[1:]
    print(json.dumps(COMMANDS[command](*args)))
