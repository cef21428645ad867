"""Allow `python -m filmtui`."""

from filmtui.cli import main

raise SystemExit(main())
