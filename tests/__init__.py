"""Tests of Recovery Routines."""
