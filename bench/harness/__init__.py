"""The benchmarks' harness: command line, stacks, processes, wrk and reports; one thin
module per scenario (bench/<scenario>.py) uses it."""
