"""Tests of guided."""
