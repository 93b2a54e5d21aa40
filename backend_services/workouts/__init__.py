"""Workouts service (MongoDB through pymongo)."""
