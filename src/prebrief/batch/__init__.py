"""Batch briefings: a CRM export or JSONL in, one briefing per contact out, resumable."""
