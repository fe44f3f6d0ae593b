"""Tests of the indicators app."""
