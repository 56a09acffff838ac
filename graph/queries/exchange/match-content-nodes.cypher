// Every node that carries a content label and no private one (accounts, tokens, migrations).
MATCH (n)
WHERE any(l IN labels(n) WHERE l IN $contentLabels)
  AND none(l IN labels(n) WHERE l IN $privateLabels)
WITH n AS x
