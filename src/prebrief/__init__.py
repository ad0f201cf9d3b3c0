"""prebrief: pre-meeting contact briefings from public profile information, with provenance."""

from __future__ import annotations

__version__ = "0.3.0"
PROJECT_URL = "https://github.com/prebrief/prebrief"
USER_AGENT = f"prebrief/{__version__} (+{PROJECT_URL})"
