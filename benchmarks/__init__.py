"""The project's benchmark: what the generator costs, how it scales, what readers download.

Run it with `python -m benchmarks [--quick]`; see benchmarks/README.md.
"""
