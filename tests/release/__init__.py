"""Tests of what is shipped: manifest, translations, examples."""
