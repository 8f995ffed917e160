"""`python -m orchestration.cli`: the twbio command."""

from . import main

raise SystemExit(main())
