"""Cold packs: a timed pack of 15 minutes, never more than 20."""
