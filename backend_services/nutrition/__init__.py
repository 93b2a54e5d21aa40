"""Nutrition service."""
