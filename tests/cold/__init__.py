"""Tests of cold packs: the plain rules (the timer is tested in tests/stretches and tests/plan)."""
