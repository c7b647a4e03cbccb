"""`python -m benchmarks`: run every section, print the table, write results/latest.json."""

from .run import main

raise SystemExit(main())
