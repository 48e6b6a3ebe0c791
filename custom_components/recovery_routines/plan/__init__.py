"""The recovery plan: an episode and its phases, pain, offers, calendar and export."""
