"""Each scenario's markdown report, rendered from its JSON report (bench/results/<name>.json)."""
