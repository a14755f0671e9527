"""`python -m riwayat.cli ...` is the `riwayat` console script."""

from __future__ import annotations

import sys

from riwayat.cli.main import main

sys.exit(main())
