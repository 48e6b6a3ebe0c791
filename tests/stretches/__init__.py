"""Tests of stretches."""
